"""Property-based tests of the API against its own OpenAPI description (schemathesis)."""

import pytest
import schemathesis
from hypothesis import HealthCheck, settings

from projektkatalog.wsgi import application

schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", application)


@pytest.fixture
def keep_connection():  # type: ignore[no-untyped-def]
    """Keep the test's database connection across requests, as Django's own test client does:
    the WSGI handler would otherwise close it at the end of each request (on PostgreSQL)."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def catalogue(db, keep_connection):  # type: ignore[no-untyped-def]
    from tests.conftest import DEMO, catalogue_load

    catalogue_load(DEMO.read_text(encoding="utf-8"), DEMO.name)


@schema.parametrize()
# The catalogue is read-only here, so one load serves every generated request.
@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
def test_api_conforms_to_its_schema(case, catalogue):
    # The in-process WSGI client does not inflate gzip; real clients do.
    case.call_and_validate(headers={"Accept-Encoding": "identity"})
