"""Readers turn a source (page text, HTML, spreadsheets) into a CatalogueRecord."""
