"""Tests: fast hashing, the same database choice as base (DATABASE_URL or SQLite)."""

import os
import tempfile

# Files the tests make (secret key, whole-catalogue downloads, uploads) go to a throw-away folder,
# set before base.py derives its paths from it, so the developer's own var/ is never touched.
os.environ["PROJEKTKATALOG_VAR"] = tempfile.mkdtemp(prefix="projektkatalog-test-")

from projektkatalog.settings.base import *  # noqa: E402, F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

ALLOWED_HOSTS = [*ALLOWED_HOSTS, "testserver"]  # noqa: F405
