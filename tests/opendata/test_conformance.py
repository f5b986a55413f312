"""The open data against the standards' own rules, on the sample and the demo catalogue: what
../shared/validators/validate.py checks on a running site, here through the test client."""

from __future__ import annotations

import json
import re

import pytest
import rdflib
from rdflib.namespace import DCAT, DCTERMS, RDF

from projektkatalog.catalogue import models as m
from tests.opendata.checks import atom_problems, dcat_violations, schema_org_problems
from tests.opendata.conftest import BASE


def test_dcat_passes_the_dcat_ap_shapes(client, catalogue, validators):
    response = client.get("/datasets/dcat")
    assert response.status_code == 200
    assert dcat_violations(response.content, BASE, validators) == []


def test_every_dcat_url_answers_with_the_media_type_it_declares(client, catalogue):
    g = rdflib.Graph().parse(data=client.get("/datasets/dcat").content, format="xml")
    distributions = list(g.subjects(RDF.type, DCAT.Distribution))
    assert len(distributions) >= 12  # four formats, seven more tables, the API
    for distribution in distributions:
        assert g.value(distribution, DCTERMS.format) is not None, distribution
        assert {o.language for o in g.objects(distribution, DCTERMS.description)} == {"sv", "en"}
        declared = str(g.value(distribution, DCAT.mediaType)).rsplit("/media-types/", 1)[-1]
        for prop in (DCAT.accessURL, DCAT.downloadURL):
            for url in g.objects(distribution, prop):
                response = client.get(str(url).removeprefix(BASE))
                assert response.status_code == 200, url
                if prop == DCAT.downloadURL:
                    assert declared in response["Content-Type"], url


def test_the_catalogue_has_the_recommended_properties(client, catalogue):
    g = rdflib.Graph().parse(data=client.get("/datasets/dcat").content, format="xml")
    catalog = next(g.subjects(RDF.type, DCAT.Catalog))
    for prop in (
        DCTERMS.issued,
        DCTERMS.modified,
        DCTERMS.language,
        DCTERMS.spatial,
        DCAT.themeTaxonomy,
    ):
        assert g.value(catalog, prop) is not None, prop
    last = m.Project.objects.public().order_by("-updated_at").first().updated_at
    assert str(g.value(catalog, DCTERMS.modified)) == last.date().isoformat()


def test_atom_has_authors_and_the_projects_changes(client, catalogue):
    response = client.get("/feed.atom")
    assert atom_problems(response.content) == []
    import feedparser

    feed = feedparser.parse(response.content)
    assert feed.feed.author == "Region Skåne"
    newest = m.Project.objects.public().order_by("-updated_at", "slug").first()
    entry = feed.entries[0]
    assert entry.link.endswith(f"/projekt/{newest.slug}/")
    assert entry.updated_parsed[:6] == newest.updated_at.utctimetuple()[:6]


def test_atom_summaries_are_whole_sentences(client, catalogue):
    import feedparser

    for entry in feedparser.parse(client.get("/feed.atom").content).entries:
        summary = entry.get("summary", "")
        if summary:
            assert re.search(r"[.!?…][\"'”’)\]]?$", summary) or len(summary) < 600, summary[-80:]


def _project_pages(client) -> list[tuple[str, dict]]:  # type: ignore[no-untyped-def]
    docs = []
    for slug in m.Project.objects.public().values_list("slug", flat=True):
        html = client.get(f"/projekt/{slug}/").content.decode()
        for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', html, re.S):
            docs.append((slug, json.loads(block.replace("<\\/", "</"))))
    return docs


def test_project_pages_speak_schema_org(client, catalogue, validators):
    docs = _project_pages(client)
    assert docs
    for slug, doc in docs:
        assert schema_org_problems(doc, BASE, validators) == [], slug


def test_jsonld_download_speaks_schema_org(client, catalogue, validators):
    response = client.get("/data/projekt.jsonld")
    assert response["Content-Type"].startswith("application/ld+json")
    assert schema_org_problems(json.loads(response.getvalue()), BASE, validators) == []


def test_members_are_organisation_roles(client, catalogue):
    data = json.loads(client.get("/data/projekt.jsonld").getvalue())
    members = [x for node in data["@graph"] for x in node["member"]]
    assert members and all(x["@type"] == "OrganizationRole" for x in members)
    assert {x["roleName"] for x in members} <= {
        "lead",
        "coordinator",
        "partner",
        "associated",
        "financier",
    }
    holders = [x["@reverse"]["memberOf"] for x in members]
    assert all(h["@id"].startswith(f"{BASE}/organisationer/") and h["name"] for h in holders)
    assert all("inLanguage" not in node for node in data["@graph"])


@pytest.mark.parametrize("path", ["/data/projekt.csv", "/data/projekt.json"])
def test_downloads_have_the_promised_media_type(client, catalogue, path):
    response = client.get(path)
    assert response.status_code == 200
    want = "text/csv" if path.endswith(".csv") else "application/json"
    assert want in response["Content-Type"]
    assert not response.getvalue().startswith(b"\xef\xbb\xbf")
