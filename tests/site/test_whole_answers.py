"""A kept public answer is given before the middleware stack with the bytes and headers the
stack gave it, and only to a request that could not have been answered otherwise."""

from __future__ import annotations

import gzip
import logging
import secrets

import pytest
from django.core.cache import cache
from django.db import connection
from django.middleware.gzip import GZipMiddleware
from django.test.utils import CaptureQueriesContext
from django.utils.text import compress_string

from projektkatalog.catalogue import answers
from projektkatalog.catalogue import models as m
from projektkatalog.site import whole_answers
from tests.support.catalogue import projects_add

pytestmark = pytest.mark.django_db

PATHS = [
    "/projekt/extra-projekt-1/",
    "/en/projekt/extra-projekt-1/",
    "/",
    "/?status=ongoing",
    "/organisationer/",
    "/en/program/",
    "/api/v1/projects?limit=5",
]


class _CountedCache:
    """The shared cache, counting the answers read from it: the stack below reads one for every
    kept page it gives, a kept whole answer reads none."""

    def __init__(self, inner) -> None:  # type: ignore[no-untyped-def]
        self.inner = inner
        self.reads = 0

    def get(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        self.reads += 1
        return self.inner.get(*args, **kwargs)

    def __getattr__(self, name: str):  # type: ignore[no-untyped-def]
        return getattr(self.inner, name)


@pytest.fixture(autouse=True)
def shared(monkeypatch):  # type: ignore[no-untyped-def]
    counted = _CountedCache(answers.cache)
    monkeypatch.setattr(answers, "cache", counted)
    return counted


def _answer(client, path: str, **headers: str):  # type: ignore[no-untyped-def]
    """Return the answer and whether the stack below made it (it read the shared cache)."""
    before = answers.cache.reads
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path, **headers)
    return response, (len(captured), answers.cache.reads - before)


def _same(first, again) -> None:  # type: ignore[no-untyped-def]
    assert again.status_code == first.status_code == 200
    assert list(again.items()) == list(first.items())
    assert again.content == first.content


@pytest.fixture
def catalogue(demo_catalogue):  # type: ignore[no-untyped-def]
    projects_add(3)
    cache.clear()


@pytest.mark.parametrize("path", PATHS)
def test_a_kept_answer_is_the_stacks_answer_without_the_stack(client, catalogue, path):  # type: ignore[no-untyped-def]
    first, rendering = _answer(client, path)
    from_cache, _ = _answer(client, path)  # the shared cache one layer down, through the stack
    assert len(whole_answers.recent.entries) >= 1
    again, answering = _answer(client, path)
    _same(first, again)
    _same(from_cache, again)
    assert answering == (1, 0)  # the catalogue's version (its write token), nothing else
    assert rendering[1] == 1 and rendering[0] > 1
    for name in ("Content-Security-Policy", "X-Frame-Options", "Vary", "ETag", "Content-Length"):
        assert again.has_header(name), name


def test_the_language_the_reader_asks_for_is_part_of_the_key(client, catalogue):  # type: ignore[no-untyped-def]
    path = "/api/v1/projects?limit=2"  # not under a language prefix: Accept-Language could decide
    _answer(client, path, HTTP_ACCEPT_LANGUAGE="sv")
    english, (_, made) = _answer(client, path, HTTP_ACCEPT_LANGUAGE="en")
    assert made == 1
    again, (_, made) = _answer(client, path, HTTP_ACCEPT_LANGUAGE="en")
    assert made == 0
    _same(english, again)
    page_sv, _ = _answer(client, "/projekt/extra-projekt-1/")
    page_en, _ = _answer(client, "/en/projekt/extra-projekt-1/")
    assert page_sv["Content-Language"] == "sv" and page_en["Content-Language"] == "en"


def test_gzip_is_asked_for_and_compressed_each_time(client, catalogue):  # type: ignore[no-untyped-def]
    path = "/projekt/extra-projekt-2/"
    plain, _ = _answer(client, path)
    first, _ = _answer(client, path, HTTP_ACCEPT_ENCODING="gzip, deflate")
    again, answering = _answer(client, path, HTTP_ACCEPT_ENCODING="gzip, deflate")
    assert answering == (1, 0)
    assert first["Content-Encoding"] == again["Content-Encoding"] == "gzip"
    assert gzip.decompress(again.content) == gzip.decompress(first.content) == plain.content
    assert again["Content-Length"] == str(len(again.content))
    assert again["ETag"] == first["ETag"] == "W/" + plain["ETag"]
    headers = {k: v for k, v in again.items() if k != "Content-Length"}
    assert headers == {k: v for k, v in first.items() if k != "Content-Length"}


def test_a_kept_gzip_answer_is_compress_strings_with_a_new_padding(client, catalogue):  # type: ignore[no-untyped-def]
    path = "/en/projekt/extra-projekt-2/"
    plain, _ = _answer(client, path)
    _answer(client, path, HTTP_ACCEPT_ENCODING="gzip")
    kept = [_answer(client, path, HTTP_ACCEPT_ENCODING="gzip") for _ in range(6)]
    assert {answering for _, answering in kept} == {(1, 0)}
    stream = gzip.compress(plain.content, compresslevel=6, mtime=0)
    for answer, _ in kept:
        assert whole_answers._unpadded(answer.content) == stream
        assert answer.content[3] == gzip.FNAME
    assert len({answer.content for answer, _ in kept}) > 1  # the padding is drawn each time


@pytest.mark.parametrize("length", [0, 1, 57, 99])
def test_padding_is_djangos(monkeypatch, length: int) -> None:  # type: ignore[no-untyped-def]
    """The kept stream padded again is, byte for byte, what Django's GZipMiddleware sends for
    the same draw of the padding's length."""
    body = "<p>Ett projekt vid kusten, åter och åter.</p>".encode() * 40
    monkeypatch.setattr(secrets, "randbelow", lambda limit: length)
    django = compress_string(body, max_random_bytes=GZipMiddleware.max_random_bytes)
    assert whole_answers._padded(whole_answers._unpadded(django)) == django
    assert gzip.decompress(whole_answers._padded(whole_answers._unpadded(django))) == body
    unnamed = gzip.compress(body, compresslevel=6, mtime=0)
    assert whole_answers._unpadded(unnamed) == unnamed  # no name to take out: the same stream


def test_a_change_in_the_catalogue_shows_at_once(client, catalogue):  # type: ignore[no-untyped-def]
    path = "/projekt/extra-projekt-1/"
    _answer(client, path)
    _answer(client, path)
    project = m.Project.objects.get(slug="extra-projekt-1")
    project.title = "Ett nytt namn vid kusten"
    project.save()
    changed, _ = _answer(client, path)
    assert b"Ett nytt namn vid kusten" in changed.content
    project.state = m.Project.State.DRAFT
    project.save()
    assert client.get(path).status_code == 404
    assert client.get(path).status_code == 404


def test_requests_that_could_be_answered_otherwise_go_through_the_stack(client, catalogue):  # type: ignore[no-untyped-def]
    path = "/projekt/extra-projekt-1/"
    kept, _ = _answer(client, path)
    _answer(client, path)
    _, (_, made) = _answer(client, path, HTTP_COOKIE="django_language=en")
    assert made == 1
    unchanged, (_, made) = _answer(client, path, HTTP_IF_NONE_MATCH=kept["ETag"])
    assert unchanged.status_code == 304 and made == 1
    before = answers.cache.reads
    client.post(path)
    assert answers.cache.reads == before + 1


def test_an_editor_sees_a_draft_and_a_reader_never(client, catalogue, django_user_model):  # type: ignore[no-untyped-def]
    m.Project.objects.filter(slug="extra-projekt-0").update(state="draft")
    editor = django_user_model.objects.create_user("redaktor", password="x" * 14, is_staff=True)
    client.force_login(editor)
    for _ in range(2):
        assert b"extra projekt 0" in client.get("/projekt/extra-projekt-0/").content
    client.logout()
    assert client.get("/projekt/extra-projekt-0/").status_code == 404


def test_the_throttle_counts_searches_while_it_is_on(client, catalogue, settings):  # type: ignore[no-untyped-def]
    path = "/?q=kust"
    _answer(client, path)
    _, answering = _answer(client, path)
    assert answering == (1, 0)  # off: a kept search is answered here
    settings.PROJEKTKATALOG_THROTTLE = "3/60"
    statuses = [client.get(path).status_code for _ in range(5)]
    assert statuses == [200, 200, 200, 429, 429]
    assert client.get("/projekt/extra-projekt-1/").status_code == 200  # pages are not counted


def test_each_kept_answer_is_logged_like_any_other(client, catalogue, caplog):  # type: ignore[no-untyped-def]
    path = "/projekt/extra-projekt-1/"
    _answer(client, path)
    caplog.clear()
    with caplog.at_level(logging.INFO, logger="projektkatalog.requests"):
        _, answering = _answer(client, path)
    assert answering == (1, 0)
    (record,) = [r for r in caplog.records if r.name == "projektkatalog.requests"]
    assert record.http["path"] == path and record.http["status"] == 200  # type: ignore[attr-defined]


def test_errors_and_the_health_check_are_not_kept(client, catalogue):  # type: ignore[no-untyped-def]
    for path, status in (("/projekt/finns-inte/", 404), ("/healthz", 200), ("/program", 301)):
        assert [client.get(path).status_code for _ in range(2)] == [status, status], path
    assert not whole_answers.recent.entries


def test_the_memory_holds_at_most_its_bytes_the_least_recent_first_out() -> None:
    recent = whole_answers._Recent(limit=10)
    recent.put("/a", "a1", ([], b"1234", False))
    recent.put("/b", "b1", ([], b"1234", False))
    assert recent.get("a1") is not None  # now the most recent
    recent.put("/a", "a2", ([], b"123", False))  # the same address at a later version
    assert recent.get("b1") is None and recent.get("a1") and recent.get("a2")
    assert recent.size == 7 and recent.answers("/a") and not recent.answers("/b")
    recent.put("/d", "d1", ([], b"x" * 11, False))  # larger than the whole: never kept
    assert recent.get("d1") is None and recent.size == 7 and not recent.answers("/d")
    recent.put("/c", "c1", ([], b"12345678", False))
    assert not recent.answers("/a") and recent.size == 8


def test_what_is_never_kept_costs_no_question_to_the_database(client, catalogue):  # type: ignore[no-untyped-def]
    for _ in range(2):
        response, (queries, _) = _answer(client, "/api/v1/openapi.json")
        assert response.status_code == 200 and queries == 0


def test_emptying_the_shared_cache_empties_the_memory(client, catalogue):  # type: ignore[no-untyped-def]
    _answer(client, "/projekt/extra-projekt-1/")
    assert whole_answers.recent.entries
    cache.clear()
    assert not whole_answers.recent.entries
