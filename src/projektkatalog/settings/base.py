"""Settings read from the environment. No DATABASE_URL means SQLite under var/."""

from __future__ import annotations

import datetime as dt
import os
import secrets
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.csp import CSP

BASE_DIR = Path(__file__).resolve().parents[3]
VAR_DIR = Path(os.environ.get("PROJEKTKATALOG_VAR", BASE_DIR / "var"))


def _secret_key() -> str:
    """Return DJANGO_SECRET_KEY, or a key generated once and kept in var/ (as pretix does)."""
    if key := os.environ.get("DJANGO_SECRET_KEY"):
        return key
    path = VAR_DIR / "secret_key"
    if not path.exists():
        VAR_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


SECRET_KEY = _secret_key()
DEBUG = os.environ.get("DJANGO_DEBUG", "0") == "1"
ALLOWED_HOSTS = [
    h for h in os.environ.get("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]").split(",") if h
]

INSTALLED_APPS = [
    "projektkatalog.workspace.apps.WorkspaceAdminConfig",  # Django's admin, our site
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "ninja",
    "projektkatalog.catalogue",
    "projektkatalog.site",
    "reversion",
    "axes",
    "projektkatalog.workspace",  # last: its roles need every other app's permissions
]

MIDDLEWARE = [
    "projektkatalog.site.middleware.RequestLogMiddleware",  # first: times and logs every answer
    "projektkatalog.site.middleware.HeadMiddleware",  # HEAD answered as GET, without the body
    "projektkatalog.catalogue.routers.ReplicaMiddleware",  # before anything reads the database
    # Kept public answers, given whole before the rest of the stack (headers and all).
    "projektkatalog.site.whole_answers.WholeAnswerMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "projektkatalog.site.middleware.ThrottleMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "projektkatalog.api.middleware.OpenApiHeadersMiddleware",
    "django.middleware.gzip.GZipMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "projektkatalog.workspace.middleware.WorkspaceLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "projektkatalog.api.middleware.ApiAnswerCacheMiddleware",  # the API's answers, kept whole
    "axes.middleware.AxesMiddleware",  # last, as django-axes asks
]

# Log-in: Argon2 for passwords (the first hasher hashes, the others still verify old hashes);
# django-axes locks an account for a while at the eleventh wrong password in a row.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 11  # ten wrong passwords in a row are let pass; the eleventh locks
AXES_COOLOFF_TIME = dt.timedelta(minutes=15)
# Lock the account after ten misses from anywhere, and an address after ten misses on any accounts.
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_TEMPLATE = "workspace/locked.html"
AXES_VERBOSE = False
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = True  # no script of ours reads it; forms carry the token
SESSION_COOKIE_AGE = 8 * 60 * 60  # a working day
LOGIN_URL = "admin:login"

ROOT_URLCONF = "projektkatalog.urls"
WSGI_APPLICATION = "projektkatalog.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "projektkatalog.site.context.site",
            ],
        },
    },
]

# Connections are kept open between requests for DATABASE_CONN_MAX_AGE seconds (0: a new one
# per request), each worker thread holding its own; production checks one before reusing it.
DATABASE_CONN_MAX_AGE = int(os.environ.get("DATABASE_CONN_MAX_AGE", "60"))
DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'projektkatalog.sqlite3'}",
        conn_max_age=DATABASE_CONN_MAX_AGE,
    )
}
# Read replicas (PostgreSQL streaming standbys): one alias `replica_N` each, in the order given.
# Public readers' requests read them, everything else the primary (catalogue/routers.py). The
# test runner treats each as a mirror of the primary's test database, which is what it is.
DATABASE_REPLICAS: list[str] = []
for _number, _url in enumerate(
    (u.strip() for u in os.environ.get("DATABASE_REPLICA_URLS", "").split(",") if u.strip()), 1
):
    DATABASES[f"replica_{_number}"] = {
        **dj_database_url.parse(_url, conn_max_age=DATABASE_CONN_MAX_AGE),
        "TEST": {"MIRROR": "default"},
    }
    DATABASE_REPLICAS.append(f"replica_{_number}")
if DATABASE_REPLICAS and "postgresql" not in DATABASES["default"]["ENGINE"]:
    raise ImproperlyConfigured(
        "DATABASE_REPLICA_URLS needs a PostgreSQL primary: set DATABASE_URL to a postgres:// URL"
    )
DATABASE_ROUTERS = ["projektkatalog.catalogue.routers.ReplicaRouter"]
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# One cache for every worker process, so that a listing computed by one is not recomputed by
# the next: Redis when REDIS_URL is set (Django's own backend, redis-py installed by the
# operator), otherwise files under var/ (shared by the processes of one machine).
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": redis_url}
        if (redis_url := os.environ.get("REDIS_URL"))
        else {
            "BACKEND": "projektkatalog.settings.file_cache.FileCache",
            "LOCATION": str(VAR_DIR / "cache"),
            "OPTIONS": {"MAX_ENTRIES": 10000},
        }
    )
}

# The listing index's files (catalogue/listing_index.py): built once per catalogue version and day
# by the first process that needs them, mapped by every worker. Shared by the processes of one
# machine, like the file cache; each machine of several builds its own.
LISTING_INDEX_DIR = VAR_DIR / "listing-index"

LANGUAGE_CODE = "sv"
LANGUAGES = [("sv", "Svenska"), ("en", "English")]
TIME_ZONE = "Europe/Stockholm"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
# WhiteNoise serves static files (the API documentation's assets) without a separate web server.
WHITENOISE_USE_FINDERS = True
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # collectstatic's target; WhiteNoise expects it
WHITENOISE_AUTOREFRESH = DEBUG

# Contact persons are personal data: shown on project pages, but left out of the API, feeds and
# bulk exports unless the operator turns this on.
PROJEKTKATALOG_PUBLIC_CONTACTS = os.environ.get("PROJEKTKATALOG_PUBLIC_CONTACTS", "0") == "1"

LOCALE_PATHS = [Path(__file__).resolve().parents[1] / "locale"]

# The organisation publishing the catalogue (DCAT publisher, page footer, statistics).
PROJEKTKATALOG_PUBLISHER = os.environ.get("PROJEKTKATALOG_PUBLISHER", "Region Skåne")
# The site's public address (e.g. https://projekt.example.se): every export that names a page
# (JSON-LD @ids, CSV and DCAT links) makes its URLs absolute with it. Empty: the website uses the
# address a request came to; the command line then needs --base-url for JSON-LD.
PROJEKTKATALOG_BASE_URL = os.environ.get("PROJEKTKATALOG_BASE_URL", "").rstrip("/")
# Where readers send feedback on accessibility (the accessibility statement links to it).
PROJEKTKATALOG_CONTACT_EMAIL = os.environ.get("PROJEKTKATALOG_CONTACT_EMAIL", "webb@example.se")
# When and how the site's accessibility was last assessed (shown in the statement).
PROJEKTKATALOG_ACCESSIBILITY_ASSESSED = os.environ.get(
    "PROJEKTKATALOG_ACCESSIBILITY_ASSESSED", "2026-11-27"
)

# Security headers. The policy allows only our own scripts, styles and images (no inline script or
# style anywhere, the workspace included: Django's admin needs none; the JSON-LD block on project
# pages is data, which a policy does not govern). Nobody may frame the site.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.NONE],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# Limits on what a request may bring: form fields (not files) up to 2.5 MB in all, an uploaded
# file in memory up to 2.5 MB (spooled to disk beyond); the workspace refuses an import file over
# 50 MB with a message.
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_NUMBER_FIELDS = 2000
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

# A per-address limit on searches and downloads, "REQUESTS/SECONDS" (e.g. 120/60), counted in the
# default cache; empty turns it off (the default here; production turns it on). Behind a proxy
# the address is the last hop of X-Forwarded-For when PROJEKTKATALOG_BEHIND_PROXY=1.
PROJEKTKATALOG_THROTTLE = os.environ.get("PROJEKTKATALOG_THROTTLE", "")
PROJEKTKATALOG_BEHIND_PROXY = os.environ.get("PROJEKTKATALOG_BEHIND_PROXY", "0") == "1"

# Logs go to stderr: one JSON line per request (projektkatalog.requests: method, path without
# query string, status, milliseconds) and server errors with their traceback (django.request).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "projektkatalog.site.middleware.JsonLogFormatter"}},
    "handlers": {"stderr": {"class": "logging.StreamHandler", "formatter": "json"}},
    "loggers": {
        "projektkatalog.requests": {
            "handlers": ["stderr"],
            "level": os.environ.get("PROJEKTKATALOG_REQUEST_LOG", "INFO"),
            "propagate": False,
        },
        "django.request": {"handlers": ["stderr"], "level": "ERROR", "propagate": False},
    },
}
