"""Tests: fast hashing, the same database choice as base (DATABASE_URL or SQLite)."""

from projektkatalog.settings.base import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

ALLOWED_HOSTS = [*ALLOWED_HOSTS, "testserver"]  # noqa: F405
