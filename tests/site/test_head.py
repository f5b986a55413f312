"""HEAD is answered as GET without its body: the same status and headers, on pages, the API,
the feed and the downloads, whether or not the answer was kept before."""

import pytest
from django.core.cache import cache

PATHS = [
    "/",
    "/en/",
    "/projekt/sydkustleden/",
    "/organisationer/",
    "/api/v1/projects",
    "/api/v1/projects/sydkustleden",
    "/feed.atom",
    "/data/projekt.csv",
]
SAME = ("Content-Type", "Content-Length", "ETag", "Content-Language", "Content-Security-Policy")


@pytest.mark.parametrize("path", PATHS)
@pytest.mark.parametrize("kept_first", [False, True])
def test_head_answers_as_get_without_the_body(client, demo_catalogue, path, kept_first):
    cache.clear()
    if kept_first:
        client.get(path)
    head = client.head(path)
    get = client.get(path)
    assert head.status_code == get.status_code == 200, path
    for name in SAME:
        assert head.headers.get(name) == get.headers.get(name), (path, name)
    body = b"".join(get.streaming_content) if get.streaming else get.content
    if not get.streaming or get.has_header("Content-Length"):
        assert int(head["Content-Length"]) == len(body)


def test_head_of_a_missing_page_is_404(client, demo_catalogue):
    assert client.head("/projekt/finns-inte/").status_code == 404
    assert client.head("/api/v1/projects/finns-inte").status_code == 404


def test_other_methods_are_left_as_they_were(client, demo_catalogue):
    assert client.post("/api/v1/projects").status_code == 405
    assert client.get("/api/v1/projects").status_code == 200
