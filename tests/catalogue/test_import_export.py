"""The import service and the JSON export, on whichever database DATABASE_URL names."""

import hashlib
import json
import os
from pathlib import Path

import pytest

from projektkatalog.catalogue import models as m
from projektkatalog.catalogue.selectors import catalogue_export
from projektkatalog.catalogue.services import catalogue_import
from projektkatalog.domain.build import page_read
from tests.conftest import TODAY

GOLDEN = Path(__file__).parent / "golden" / "sample-export.json"
pytestmark = pytest.mark.django_db


def _import(text: str):
    record = page_read(text, source="sample.txt", today=TODAY)
    return catalogue_import(
        record, source_name="sample.txt", sha256=hashlib.sha256(text.encode()).hexdigest()
    )


def _digest(text):  # type: ignore[no-untyped-def]
    return hashlib.sha256((text or "").encode()).hexdigest()[:16]


def _without_prose(document):
    """The export with the source's own words (descriptions, periods in words, findings that quote
    the page) replaced by digests: facts may live in the repository, sentences may not."""
    for project in document["projects"]:
        project["description"] = _digest(project["description"])
        project["period"]["text"] = _digest(project["period"]["text"])
    for finding in document["quality"]:
        finding["message"] = _digest(finding["message"])
    return document


def test_import_counts(sample_text):
    summary = _import(sample_text)
    assert (summary.projects, summary.added) == (26, 26)
    assert m.Project.objects.count() == 26
    assert m.Category.objects.count() == 6
    assert m.Finding.objects.filter(code="duplicate-entry").count() == 1


def test_import_is_idempotent(sample_text):
    _import(sample_text)
    first = catalogue_export(today=TODAY)
    stamps = dict(m.Project.objects.values_list("slug", "updated_at"))
    finding_ids = list(m.Finding.objects.values_list("id", flat=True))
    summary = _import(sample_text)
    assert (summary.unchanged, summary.added, summary.changed, summary.removed) == (26, 0, 0, 0)
    assert catalogue_export(today=TODAY) == first
    assert dict(m.Project.objects.values_list("slug", "updated_at")) == stamps
    assert list(m.Finding.objects.values_list("id", flat=True)) == finding_ids


def test_export_matches_golden_on_every_database(sample_text):
    """SQLite and PostgreSQL runs compare with the same file, so they give the same export."""
    _import(sample_text)
    document = json.loads(json.dumps(_without_prose(catalogue_export(today=TODAY))))
    if os.environ.get("UPDATE_GOLDEN"):
        GOLDEN.parent.mkdir(exist_ok=True)
        GOLDEN.write_text(
            json.dumps(document, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
        )
    assert document == json.loads(GOLDEN.read_text(encoding="utf-8"))


def test_export_contract(sample_text):
    _import(sample_text)
    document = catalogue_export(today=TODAY)
    assert set(document) >= {"categories", "projects", "organisations", "programmes", "quality"}
    project = next(
        p
        for p in document["projects"]
        if p["id"] == "great-green-region-with-alternative-fuels-for-transport"
    )
    assert project["categories"] == ["Infrastrukturplanering", "Miljö och klimat"]
    assert project["status"] == "ended"
    assert project["period"]["start"] == "2015"
    assert {"organisation": "region-skane", "role": "lead", "unit": None} in project["participants"]
    assert project["contacts"][0]["phones"] == [
        {"number": "+46443093927", "kind": "work"},
        {"number": "+46768871887", "kind": "mobile"},
    ]
    org_ids = {o["id"] for o in document["organisations"]}
    assert all(
        x["organisation"] in org_ids for p in document["projects"] for x in p["participants"]
    )
    codes = {q["code"] for q in document["quality"]}
    assert {"invalid-date", "duplicate-entry", "link-without-url", "fuzzy-merge"} <= codes


def test_public_export_has_no_contacts(sample_text):
    _import(sample_text)
    text = json.dumps(catalogue_export(today=TODAY, contacts=False), ensure_ascii=False)
    assert "+46443093927" not in text and "Karlsson-Green" not in text


def test_removed_project_is_removed(sample_text):
    _import(sample_text)
    shorter = sample_text.split("  • Scandria2Act")[0]
    summary = _import(shorter)
    assert summary.removed > 0
    assert not m.Project.objects.filter(slug="scandria2act").exists()
