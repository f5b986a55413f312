"""Export to XLSX, import into an empty catalogue, export JSON: the same document."""

import hashlib
import io

import pytest
from openpyxl import load_workbook

from projektkatalog.catalogue import models as m
from projektkatalog.catalogue.selectors import catalogue_export
from projektkatalog.catalogue.services import catalogue_import
from projektkatalog.domain.readers.export_layout import layout_read, xlsx_tables
from projektkatalog.opendata.writers import xlsx_export
from tests.conftest import TODAY

pytestmark = pytest.mark.django_db


def _empty_catalogue() -> None:
    for model in (
        m.Finding,
        m.Provenance,
        m.Project,
        m.OrganisationAlias,
        m.Organisation,
        m.ProgrammeAlias,
        m.Programme,
        m.Category,
        m.Source,
    ):
        model.objects.all().delete()


def _import_xlsx(data: bytes, name: str = "katalog.xlsx", dry_run: bool = False):  # type: ignore[no-untyped-def]
    record = layout_read(xlsx_tables(data), source=name)
    return catalogue_import(
        record, source_name=name, sha256=hashlib.sha256(data).hexdigest(), dry_run=dry_run
    )


@pytest.mark.parametrize("catalogue", ["demo_catalogue", "sample_catalogue"])
def test_round_trip_is_identical(request, catalogue):
    """Our demo always; the sample page too where it is present (its mess is the harder case)."""
    request.getfixturevalue(catalogue)
    first = catalogue_export(today=TODAY)
    workbook = xlsx_export(first)
    _empty_catalogue()
    assert m.Project.objects.count() == 0
    _import_xlsx(workbook)
    assert catalogue_export(today=TODAY) == first


def test_edited_workbook_changes_and_removes(demo_catalogue):
    workbook = xlsx_export(catalogue_export(today=TODAY))
    _empty_catalogue()
    _import_xlsx(workbook)
    book = load_workbook(io.BytesIO(workbook))
    projects = book["projects"]
    header = [c.value for c in projects[1]]
    title = header.index("title") + 1
    start = header.index("period_start") + 1
    projects.cell(row=2, column=title, value="Scand Tick Innovation (ny titel)")
    projects.cell(row=2, column=start, value="1 mars 2015")  # typed in words by an editor
    projects.delete_rows(3)
    edited = io.BytesIO()
    book.save(edited)
    dry = _import_xlsx(edited.getvalue(), dry_run=True)
    assert (dry.changed, dry.removed) == (1, 1)
    assert m.Project.objects.get(slug="scand-tick-innovation").title == "Scand Tick Innovation"
    real = _import_xlsx(edited.getvalue())
    assert (real.changed, real.removed) == (1, 1)
    project = m.Project.objects.get(slug="scand-tick-innovation")
    assert (project.title, project.period_start) == (
        "Scand Tick Innovation (ny titel)",
        "2015-03-01",
    )
