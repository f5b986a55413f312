"""A page that repeats a category's heading further down imports as one category, through the
one import service that the command line and the workspace call (with its revision)."""

from __future__ import annotations

from reversion.models import Version

from projektkatalog.catalogue import models as m
from projektkatalog.catalogue.imports import file_import
from projektkatalog.catalogue.selectors import catalogue_export
from tests.conftest import DEMO, invented_page


def test_a_repeated_category_heading_is_one_category(db):
    file_import(DEMO.name, DEMO.read_bytes(), comment="demo")
    demo = catalogue_export()
    page = invented_page(9)  # "Tema 1" and "Tema 2" head two sections each
    assert page.count(" • Tema 1\n") == 2

    result = file_import("prov.txt", page.encode(), comment="prov")

    assert len(result.record.categories) == 7  # what the import summary says: Tema 0 to 6

    names = list(m.Category.objects.values_list("name", flat=True))
    assert len(names) == len(set(names))
    tema = m.Category.objects.get(name="Tema 1")
    assert set(tema.projects.values_list("title", flat=True)) == {"Provprojekt 1", "Provprojekt 8"}
    versions = Version.objects.filter(object_id=str(tema.pk), content_type__model="category")
    assert versions.count() == 1
    after = catalogue_export()
    kept = {p["id"]: p for p in after["projects"] if not p["id"].startswith("provprojekt")}
    assert kept == {p["id"]: p for p in demo["projects"]}  # the demo's projects as they were


def test_a_record_naming_a_category_twice_stores_it_once(db):
    """Another source (a workbook's categories sheet edited by hand) may name a category twice;
    the store still makes one category and records it once in the revision."""
    from django.db import transaction

    from projektkatalog.catalogue.revisions import RevisionWriter
    from projektkatalog.catalogue.services import catalogue_import
    from projektkatalog.domain.records import CatalogueRecord

    record = CatalogueRecord(source="bok.xlsx", categories=["Energi", "Vatten", "Energi"])
    with transaction.atomic():
        history = RevisionWriter(comment="bok")
        catalogue_import(record, source_name="bok.xlsx", sha256="0" * 64, history=history)
        history.close()
    assert list(m.Category.objects.order_by("position").values_list("name", flat=True)) == [
        "Energi",
        "Vatten",
    ]
    assert Version.objects.filter(content_type__model="category").count() == 2
