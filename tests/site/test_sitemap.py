"""The sitemap: every public page once, in one file or, above the protocol's limit, in sections
under an index."""

import re
import xml.etree.ElementTree as ET

import pytest

from projektkatalog.catalogue import models as m
from projektkatalog.site.views import sitemaps

NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}


def _locations(content: bytes, tag: str) -> list[str]:
    return [loc.text or "" for loc in ET.fromstring(content).findall(f"s:{tag}/s:loc", NS)]


def _expected_paths() -> list[str]:
    projects = sorted(m.Project.objects.public().values_list("slug", flat=True))
    organisations = sorted(
        set(
            m.Organisation.objects.filter(m.public_projects("participations__project")).values_list(
                "slug", flat=True
            )
        )
    )
    programmes = sorted(
        set(
            m.Programme.objects.filter(m.public_projects("projects")).values_list("slug", flat=True)
        )
    )
    return (
        ["/", "/organisationer/", "/program/", "/tidslinje/", "/statistik/", "/tillganglighet/"]
        + [f"/projekt/{slug}/" for slug in projects]
        + [f"/organisationer/{slug}/" for slug in organisations]
        + [f"/program/{slug}/" for slug in programmes]
    )


@pytest.mark.django_db
def test_one_file_holds_every_public_page_once(client, demo_catalogue):
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/xml")
    paths = [re.sub(r"^http://testserver", "", u) for u in _locations(response.content, "url")]
    assert paths == _expected_paths()
    assert client.get("/sitemap-1.xml").status_code == 404  # no sections below the limit


@pytest.mark.django_db
def test_sections_under_an_index_hold_the_same_addresses_in_order(
    client, demo_catalogue, monkeypatch
):
    whole = _expected_paths()
    monkeypatch.setattr(sitemaps, "SECTION", 7)
    index = client.get("/sitemap.xml")
    assert index.status_code == 200
    sections = _locations(index.content, "sitemap")
    assert sections == [
        f"http://testserver/sitemap-{n}.xml" for n in range(1, (len(whole) + 6) // 7 + 1)
    ]
    read: list[str] = []
    for section in sections:
        answer = client.get(section.removeprefix("http://testserver"))
        assert answer.status_code == 200
        urls = _locations(answer.content, "url")
        assert 1 <= len(urls) <= 7
        read += [u.removeprefix("http://testserver") for u in urls]
    assert read == whole
    assert client.get(f"/sitemap-{len(sections) + 1}.xml").status_code == 404
    assert client.get("/sitemap-0.xml").status_code == 404


@pytest.mark.django_db
def test_a_draft_is_not_in_the_sitemap(client, demo_catalogue):
    project = m.Project.objects.public().order_by("slug").first()
    assert project is not None
    project.state = m.Project.State.DRAFT
    project.save()
    paths = _locations(client.get("/sitemap.xml").content, "url")
    assert not any(f"/projekt/{project.slug}/" in u for u in paths)
    assert len(paths) == len(_expected_paths())
