"""Projektkatalog: a public body's catalogue of projects and collaborations."""
