"""`/healthz`, the request log, the 503 page when the database is away, and the throttle."""

from __future__ import annotations

import json
import logging
from unittest import mock

import pytest
from django.core.cache import cache
from django.db import OperationalError

from projektkatalog.catalogue import models as m
from projektkatalog.site.middleware import JsonLogFormatter, throttle_parse
from projektkatalog.site.views import health


@pytest.fixture(autouse=True)
def _fresh():  # type: ignore[no-untyped-def]
    cache.clear()
    health._migrated = False  # noqa: SLF001
    yield
    cache.clear()
    health._migrated = False  # noqa: SLF001


def test_healthz_is_ok_when_the_database_answers(client, db):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert "no-cache" in response["Cache-Control"]


def test_healthz_is_503_with_no_details_when_migrations_are_pending(client, db):
    with mock.patch.object(
        health.MigrationExecutor, "migration_plan", return_value=[("pending", False)]
    ):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.content == b"unavailable\n"


def test_healthz_is_503_when_the_database_cannot_be_reached(client, db):
    with mock.patch("django.db.backends.utils.CursorWrapper.execute", side_effect=OperationalError):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.content == b"unavailable\n"


def _log_lines(caplog) -> list[dict]:  # type: ignore[no-untyped-def]
    formatter = JsonLogFormatter()
    return [
        json.loads(formatter.format(r))
        for r in caplog.records
        if r.name == "projektkatalog.requests"
    ]


def test_each_request_is_one_json_line_without_query_string_or_password(client, caplog, db):
    with caplog.at_level(logging.INFO, logger="projektkatalog.requests"):
        client.get("/?q=Anna+Andersson")
        client.post("/admin/login/", {"username": "anna", "password": "hemligt-losenord-9"})
    lines = _log_lines(caplog)
    assert [(line["method"], line["path"], line["status"]) for line in lines] == [
        ("GET", "/", 200),
        ("POST", "/admin/login/", 200),
    ]
    assert all(isinstance(line["ms"], float) for line in lines)
    text = " ".join(json.dumps(line) for line in lines)
    assert "Andersson" not in text and "hemligt" not in text and "anna" not in text


def test_an_error_is_logged_with_its_traceback(caplog):
    try:
        raise ValueError("boom")
    except ValueError:
        record = logging.LogRecord("django.request", logging.ERROR, "x", 1, "Error: /", (), None)
        import sys

        record.exc_info = sys.exc_info()
    line = json.loads(JsonLogFormatter().format(record))
    assert line["level"] == "ERROR"
    assert "ValueError: boom" in line["error"] and "Traceback" in line["error"]


def test_database_away_answers_503_in_swedish_and_english_then_recovers(db, demo_catalogue):
    from django.test import Client

    client = Client(raise_request_exception=False)
    with mock.patch(
        "projektkatalog.site.views.catalogue.listing_cached",
        side_effect=OperationalError("connection refused"),
    ):
        response = client.get("/")
    assert response.status_code == 503
    assert response["Retry-After"]
    page = response.content.decode()
    assert "Tillfälligt otillgänglig" in page and "Temporarily unavailable" in page
    assert "connection refused" not in page
    assert client.get("/").status_code == 200  # the next request, with no restart


def test_other_errors_are_still_500(db):
    from django.test import Client

    client = Client(raise_request_exception=False)
    with mock.patch(
        "projektkatalog.site.views.catalogue.listing_cached", side_effect=ValueError("bug")
    ):
        assert client.get("/").status_code == 500


def test_throttle_is_off_by_default(client, demo_catalogue, settings):
    assert settings.PROJEKTKATALOG_THROTTLE == ""
    assert all(client.get("/?q=projekt").status_code == 200 for _ in range(30))


def test_throttle_answers_429_with_retry_after_on_searches_and_downloads(
    client, demo_catalogue, settings
):
    settings.PROJEKTKATALOG_THROTTLE = "3/60"
    before = m.Project.objects.count()
    assert [client.get("/?q=projekt").status_code for _ in range(4)] == [200, 200, 200, 429]
    refused = client.get("/data/projekt.json")
    assert refused.status_code == 429
    assert 1 <= int(refused["Retry-After"]) <= 60
    assert "Too many requests" in refused.content.decode()
    # Pages that are neither a search nor a download are never counted.
    assert client.get("/").status_code == 200
    assert client.get("/organisationer/").status_code == 200
    # Another address has its own count.
    assert client.get("/?q=projekt", REMOTE_ADDR="10.0.0.2").status_code == 200
    assert m.Project.objects.count() == before


def test_throttle_counts_the_proxy_hop_only_when_told_so(client, demo_catalogue, settings):
    settings.PROJEKTKATALOG_THROTTLE = "1/60"
    assert client.get("/?q=a", HTTP_X_FORWARDED_FOR="1.1.1.1").status_code == 200
    assert client.get("/?q=a", HTTP_X_FORWARDED_FOR="2.2.2.2").status_code == 429
    settings.PROJEKTKATALOG_BEHIND_PROXY = True
    assert client.get("/?q=a", HTTP_X_FORWARDED_FOR="3.3.3.3").status_code == 200
    assert client.get("/?q=a", HTTP_X_FORWARDED_FOR="3.3.3.3").status_code == 429


def test_throttle_setting_is_read_as_requests_per_seconds():
    assert throttle_parse("") is None
    assert throttle_parse("120/60") == (120, 60)
    assert throttle_parse("10") == (10, 60)


def test_a_form_body_over_the_limit_is_refused(client, db, settings):
    response = client.post(
        "/admin/login/",
        {"username": "x", "password": "y" * (settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1)},
    )
    assert response.status_code == 400
