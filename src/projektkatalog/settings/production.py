"""Production: refuses to start without an explicit secret key; HTTPS only, with HSTS.

Everything below can be changed from the environment (docs/RELIABILITY.md lists it); the
defaults are what `django-admin check --deploy` asks for.
"""

import os

from django.core.exceptions import ImproperlyConfigured

if not os.environ.get("DJANGO_SECRET_KEY"):
    raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set in production.")

from projektkatalog.settings.base import *  # noqa: E402, F403


def _flag(name: str, default: str) -> bool:
    return os.environ.get(name, default) == "1"


DEBUG = False
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
# Plain HTTP is sent on to HTTPS, and browsers are told to use nothing else for a year.
SECURE_SSL_REDIRECT = _flag("PROJEKTKATALOG_SSL_REDIRECT", "1")
SECURE_HSTS_SECONDS = int(os.environ.get("PROJEKTKATALOG_HSTS_SECONDS", "31536000"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = _flag("PROJEKTKATALOG_HSTS_SUBDOMAINS", "1")
SECURE_HSTS_PRELOAD = _flag("PROJEKTKATALOG_HSTS_PRELOAD", "1")
# Behind a proxy that ends TLS, its X-Forwarded-Proto says whether the reader used HTTPS.
if PROJEKTKATALOG_BEHIND_PROXY:  # noqa: F405
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Searches and downloads: at most 120 a minute from one address unless the environment says.
PROJEKTKATALOG_THROTTLE = os.environ.get("PROJEKTKATALOG_THROTTLE", "120/60")
# PostgreSQL connections kept open between requests (DATABASE_CONN_MAX_AGE, 60 s by default) are
# checked before a request reuses them, so that a server restarted or failed over meanwhile costs
# a reconnection rather than an error page.
for _database in DATABASES.values():  # noqa: F405
    if "postgresql" in _database["ENGINE"]:
        _database["CONN_HEALTH_CHECKS"] = True
