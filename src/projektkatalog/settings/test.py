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
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(VAR_DIR / "cache"),  # noqa: F405
    }
}
