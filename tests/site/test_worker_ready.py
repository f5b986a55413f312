"""What the WSGI module loads before gunicorn forks its workers (`projektkatalog.wsgi.ready`)."""

import os
import subprocess
import sys

PROBE = """
import projektkatalog.wsgi
from django.db import connections
from django.template import engines
from django.urls import get_resolver
from django.utils import translation

# Nothing may hold a database connection across the fork: each worker would share its socket.
assert all(c.connection is None for c in connections.all()), "a connection was opened"
cached = engines["django"].engine.template_loaders[0].get_template_cache
assert "site/project.html" in cached and "site/base.html" in cached, sorted(cached)
for code in ("sv", "en"):
    assert code in get_resolver()._reverse_dict, code
print("ready")
"""


def test_the_worker_starts_with_views_templates_and_addresses_loaded(tmp_path):
    done = subprocess.run(
        [sys.executable, "-c", PROBE],
        env=dict(
            os.environ,
            PROJEKTKATALOG_VAR=str(tmp_path),
            DATABASE_URL=f"sqlite:///{tmp_path}/db.sqlite3",
            DJANGO_SETTINGS_MODULE="projektkatalog.settings.base",
        ),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ready"
