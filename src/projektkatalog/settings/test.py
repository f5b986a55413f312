"""Tests: fast hashing, the same database choice as base (DATABASE_URL or SQLite)."""

from projektkatalog.settings.base import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

ALLOWED_HOSTS = [*ALLOWED_HOSTS, "testserver"]  # noqa: F405

# Files the site writes at run time (whole-catalogue downloads) go to a throw-away folder.
VAR_DIR = __import__("pathlib").Path(__import__("tempfile").mkdtemp(prefix="projektkatalog-test-"))

# The shared cache of base.py, but in the throw-away folder: no test reads another run's entries.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(VAR_DIR / "cache"),
    }
}
