"""An XSS corpus through the importer: nothing executable on any page, in the API, the feed or the
downloads. The cases are our own, written after the kinds OWASP's filter-evasion list describes:
plain and broken script tags, event handlers, javascript: and data: URLs in many spellings,
entity and case tricks, SVG and style vectors, attribute break-outs, and template syntax."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import pytest

from projektkatalog.catalogue import models as m
from tests.conftest import catalogue_load

CORPUS = [
    "<script>alert('xss')</script>",
    "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
    "<scr<script>ipt>alert(1)</scr</script>ipt>",
    '<img src=x onerror="alert(1)">',
    "<IMG SRC=JaVaScRiPt:alert(1)>",
    "<img src=&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)>",
    '<a href="jav&#x09;ascript:alert(1)">klicka</a>',
    '<a href=" javascript:alert(1)">mellanslag</a>',
    "<svg/onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    "<body onload=alert(1)>",
    '<iframe src="javascript:alert(1)"></iframe>',
    '<object data="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">',
    '<div style="background:url(javascript:alert(1))">stil</div>',
    "<style>@import 'http://evil.example/x.css';</style>",
    '"><script>alert(1)</script>',
    "' onmouseover='alert(1)' x='",
    "<details open ontoggle=alert(1)>",
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    "{{7*7}} {% debug %} ${alert(1)}",
    "<meta http-equiv=refresh content='0;url=javascript:alert(1)'>",
    "<base href=javascript:alert(1)//>",
    "<input autofocus onfocus=alert(1)>",
    "<a href=data:text/html,<script>alert(1)</script>>data</a>",
]
ENTRY = """  • Projekt {n} {payload}
   {payload} Projektet prövar nya arbetssätt. {payload}
   Lead Partner: Region Skåne
   Övriga partners: Kustbyn {n} AB {payload}
   Projektperiod: 2020-01-01 – 2023-12-31
   Webb: https://projekt{n}.example.se
"""
HANDLER = re.compile(r"^on[a-z]+$")


class _Executable(HTMLParser):
    """Collect anything a browser would run: a script that is not ours, an event handler, a
    javascript:/data: URL, a frame, object or embed, a meta refresh or a base."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[str] = []

    def handle_starttag(self, tag, attrs):  # type: ignore[no-untyped-def]
        a = dict(attrs)
        if tag == "script" and not (a.get("src") or "").startswith("/static/"):
            if a.get("type") != "application/ld+json":
                self.found.append(f"script {a}")
        if tag in ("iframe", "object", "embed", "base", "frame") or (
            tag == "meta" and "refresh" in (a.get("http-equiv") or "").lower()
        ):
            self.found.append(tag)
        for name, value in attrs:
            if HANDLER.match(name):
                self.found.append(f"{name} on {tag}")
            url = re.sub(r"[\s\x00-\x1f]", "", value or "").lower()
            if name in ("href", "src", "action", "formaction", "data") and url.startswith(
                ("javascript:", "data:", "vbscript:")
            ):
                self.found.append(f"{name}={value}")

    def handle_data(self, data):  # type: ignore[no-untyped-def]
        pass


def _executable(html: str) -> list[str]:
    reader = _Executable()
    reader.feed(html)
    return reader.found


@pytest.fixture
def hostile(db):  # type: ignore[no-untyped-def]
    page = "Projekt och samarbeten\n\n • Kategori\n" + "".join(
        ENTRY.format(n=n, payload=payload) for n, payload in enumerate(CORPUS)
    )
    catalogue_load(page, "fientlig.txt")
    assert m.Project.objects.count() >= len(CORPUS) // 2  # the payloads did reach the catalogue
    m.Project.objects.update(state="published")


def _urls() -> list[str]:
    urls = ["/", "/en/", "/?q=script", "/?q=alert", "/organisationer/", "/program/", "/tidslinje/"]
    urls += [f"/projekt/{p.slug}/" for p in m.Project.objects.all()]
    urls += [f"/organisationer/{o.slug}/" for o in m.Organisation.objects.all()[:30]]
    return urls


def test_no_page_carries_anything_executable(client, hostile):
    for url in _urls():
        response = client.get(url)
        assert response.status_code == 200, url
        assert _executable(response.content.decode()) == [], url


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/projects",
        "/api/v1/projects?q=script",
        "/api/v1/organisations",
        "/data/projekt.json",
        "/data/projekt.jsonld",
        "/data/projekt.csv",
        "/data/projekt.xlsx",
        "/feed.atom",
        "/sitemap.xml",
        "/datasets/dcat",
    ],
)
def test_data_is_never_served_as_html(client, hostile, url):
    response = client.get(url)
    assert response.status_code == 200, url
    assert "html" not in response["Content-Type"], url
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "'none'" in response["Content-Security-Policy"]


def test_the_feed_escapes_the_payloads(client, hostile):
    import feedparser

    feed = feedparser.parse(
        b"".join(client.get("/feed.atom").streaming_content)
        if client.get("/feed.atom").streaming
        else client.get("/feed.atom").content
    )
    assert feed.entries and not feed.bozo
    for entry in feed.entries:
        for part in entry.get("content", []) + [entry.get("summary_detail", {})]:
            if part and "html" in part.get("type", ""):
                assert _executable(part["value"]) == []
