"""Tests: fast hashing, the same database choice as base (DATABASE_URL or SQLite)."""

import os
import tempfile

# Files the tests make (secret key, whole-catalogue downloads, uploads) go to a throw-away folder,
# set before base.py derives its paths from it, so the developer's own var/ is never touched.
os.environ["PROJEKTKATALOG_VAR"] = tempfile.mkdtemp(prefix="projektkatalog-test-")

from projektkatalog.settings.base import *  # noqa: E402, F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

ALLOWED_HOSTS = [*ALLOWED_HOSTS, "testserver"]  # noqa: F405

# The shared cache of base.py, but always files in the throw-away folder (never a REDIS_URL the
# environment names): no test reads another run's entries.
CACHES = {
    "default": {
        "BACKEND": "projektkatalog.settings.file_cache.FileCache",
        "LOCATION": str(VAR_DIR / "cache"),  # noqa: F405
    }
}

# The suite reads and writes the one database DATABASE_URL names: read replicas are started and
# added by the tests that are about them (tests/reliability/test_replicas.py), never taken from
# the environment.
DATABASES = {"default": DATABASES["default"]}  # noqa: F405
DATABASE_REPLICAS = []
