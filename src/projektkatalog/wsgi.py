"""WSGI entry point.

`projektkatalog serve` imports this module in gunicorn's master process, before it forks the
workers, so what is loaded here is loaded once and every worker (including one that replaces
another) starts with it. Django itself loads its URLs, views, templates and translations at the
first request that needs them: in a new worker that made the first visitor wait 0.3–0.5 s at
100,000 projects (seconds where Python had no bytecode to read). `ready` loads them here
instead. It reads no database, so no connection is opened before the fork.
"""

import os
from pathlib import Path

from django.core.wsgi import get_wsgi_application
from django.urls import URLResolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "projektkatalog.settings.base")
application = get_wsgi_application()

PACKAGE = Path(__file__).resolve().parent


def ready() -> None:
    """Import every view (through the URL configuration), compile every template of our own
    into the template loader's cache, read every language's translations and addresses (the
    resolver fills its table for reversing once per language and namespace), and take the
    stamp of the code that every kept answer's key holds (a walk over the package's files)."""
    from django.conf import settings
    from django.template.loader import get_template
    from django.urls import get_resolver
    from django.utils import translation

    from projektkatalog.catalogue.answers import answer_key

    answer_key(version="", parts=[])
    resolver = get_resolver()
    resolver.url_patterns  # noqa: B018 - imports the root URLconf and every view module
    for folder in sorted(PACKAGE.glob("*/templates")):
        for template in sorted(folder.rglob("*.html")):
            get_template(template.relative_to(folder).as_posix())
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            translation.gettext("Projekt")
            _reversing_ready(resolver)


def _reversing_ready(resolver: URLResolver) -> None:
    resolver.reverse_dict  # noqa: B018 - fills the table for the active language
    for _prefix, namespaced in resolver.namespace_dict.values():
        _reversing_ready(namespaced)


ready()
