"""A table read, built and stored a batch of projects at a time: the same catalogue as one batch,
transactional and idempotent across batches, and its file never read whole."""

from __future__ import annotations

import csv
import io
import json

import pytest

from projektkatalog.catalogue import loading, references
from projektkatalog.catalogue import models as m
from projektkatalog.catalogue.imports import file_import
from projektkatalog.catalogue.selectors import catalogue_export
from projektkatalog.catalogue.sources import SourceError
from projektkatalog.domain.readers import mapped

from .test_loading import MAPPING, _rows, _state

ORGS = ["Lunds universitet", "Region Skåne", "Malmö stad", "Ystads kommun", "Havets hus AB"]


def _rows_varied(projects: int) -> list[dict]:
    """Rows whose later projects bring what earlier batches did not know: a title met before
    (a second slug), a new category, a body's country, a body spelt another way."""
    rows = _rows(projects)
    for row in rows:
        if row["id"] == projects - 1:
            row["title"] = "Projekt 0"  # the same title as the first project: another slug
            row["category"] = "Energi"  # a category first named in the last batch
        if row["id"] >= projects - 2 and row["org"] == "Malmö stad":
            row["org"] = "Malmö Stad"  # another spelling of a body met before
        if row["id"] >= projects - 2 and row["org"] == "Lunds universitet":
            row["org"] = "Lunds universitett"  # a misspelling the matcher takes as that body
        if row["id"] < 2:
            row["country"] = ""  # the body's country is learnt later
        row["description"] = "" if row["id"] % 3 else "Ett projekt om havet."
    return rows


def _export() -> dict:
    document = catalogue_export(contacts=True, drafts=True)
    return {key: document[key] for key in ("projects", "organisations", "programmes")}


def _search_words() -> dict[str, set[str]]:
    """Each project's search words (a later batch's spellings are added at the end)."""
    return {
        slug: set(text.split())
        for slug, text in m.Project.objects.values_list("slug", "search_text")
    }


def _findings() -> list[tuple]:
    return list(
        m.Finding.objects.order_by("id").values_list(
            "project__slug", "code", "message", "severity", "line"
        )
    )


@pytest.mark.django_db
def test_batches_store_the_catalogue_one_batch_stores(monkeypatch, tmp_path):
    path = tmp_path / "rader.json"
    path.write_text(json.dumps(_rows_varied(7)))
    file_import(path.name, path, mapping=MAPPING, comment="one")
    whole, findings = _export(), _findings()
    categories = list(m.Category.objects.order_by("position").values_list("name", flat=True))
    aliases = sorted(m.OrganisationAlias.objects.values_list("organisation__name", "name"))
    texts = _search_words()
    m.Project.objects.all().delete()
    m.Source.objects.all().delete()
    m.OrganisationAlias.objects.all().delete()
    m.Organisation.objects.all().delete()
    monkeypatch.setattr(mapped, "BATCH", 2)
    monkeypatch.setattr(loading, "BATCH", 1)
    seen = []
    result = file_import(
        path.name, path, mapping=MAPPING, comment="many", progress=lambda *a: seen.append(a)
    )
    assert (result.summary.added, result.summary.projects) == (7, 7)
    assert _export() == whole
    assert _findings() == findings
    assert categories == ["Transport", "Miljö", "Energi"]
    assert list(m.Category.objects.order_by("position").values_list("name", flat=True)) == (
        categories
    )
    assert sorted(m.OrganisationAlias.objects.values_list("organisation__name", "name")) == (
        aliases
    )
    assert m.Project.objects.filter(slug="projekt-0-2").exists()
    # A spelling met in a late batch finds the projects of the earlier ones too.
    assert _search_words() == texts
    assert [projects for projects, _ in seen] == [1, 2, 3, 4, 5, 6, 7]
    assert [rows for _, rows in seen][-1] == 21


@pytest.mark.django_db
def test_an_import_failing_in_a_late_batch_leaves_everything_as_it_was(monkeypatch, tmp_path):
    monkeypatch.setattr(mapped, "BATCH", 2)
    first = tmp_path / "rader.json"
    first.write_text(json.dumps(_rows(4)))
    file_import(first.name, first, mapping=MAPPING, comment="first")
    before = _state()
    rows = _rows_varied(9)
    rows[-1]["role"] = "sponsor"  # a role the catalogue does not know, in the last batch
    first.write_text(json.dumps(rows))
    stored = []
    store = references.Organisations.store

    def counting(self, organisations):  # type: ignore[no-untyped-def]
        stored.append(len(organisations))
        return store(self, organisations)

    monkeypatch.setattr(references.Organisations, "store", counting)
    with pytest.raises(SourceError) as caught:
        file_import(first.name, first, mapping=MAPPING, comment="second")
    assert "role 'sponsor'" in str(caught.value)
    assert len(stored) == 4  # four batches were stored before the fifth failed
    assert _state() == before


@pytest.mark.django_db
def test_re_importing_in_batches_writes_nothing(monkeypatch, tmp_path):
    monkeypatch.setattr(mapped, "BATCH", 3)
    path = tmp_path / "rader.json"
    path.write_text(json.dumps(_rows_varied(8)))
    file_import(path.name, path, mapping=MAPPING, comment="first")
    before = _state()
    summary = file_import(path.name, path, mapping=MAPPING, comment="again").summary
    assert (summary.added, summary.changed, summary.unchanged, summary.removed) == (0, 0, 8, 0)
    assert _state() == before


@pytest.mark.django_db
def test_findings_follow_the_latest_import_when_batches_change(monkeypatch, tmp_path):
    """The findings of a source are those of its latest import, in order, whether what
    changed is in the first batch, a later one, or gone at the end."""
    monkeypatch.setattr(mapped, "BATCH", 2)
    path = tmp_path / "rader.json"
    path.write_text(json.dumps(_rows(6)))
    file_import(path.name, path, mapping=MAPPING, comment="first")
    for rows in (
        [r | {"start": ""} if r["id"] == 3 else r for r in _rows(6)],  # a finding more, mid-way
        _rows(4),  # the last projects (and their findings) gone
        _rows(6),
    ):
        path.write_text(json.dumps(rows))
        file_import(path.name, path, mapping=MAPPING, comment="next")
        after = _findings()
        m.Project.objects.all().delete()
        m.Source.objects.all().delete()
        monkeypatch.setattr(mapped, "BATCH", 100)
        file_import(path.name, path, mapping=MAPPING, comment="whole")
        assert _findings() == after
        monkeypatch.setattr(mapped, "BATCH", 2)


@pytest.mark.django_db
def test_rows_of_one_project_apart_in_a_streamed_file_are_refused(monkeypatch, tmp_path):
    monkeypatch.setattr(mapped, "BATCH", 2)
    rows = _rows(4)
    rows.append(dict(rows[0]))  # project 0 again, after three other projects
    path = tmp_path / "rader.json"
    path.write_text(json.dumps(rows))
    with pytest.raises(SourceError) as caught:
        file_import(path.name, path, mapping=MAPPING, comment="t")
    assert "not together" in str(caught.value) and "row 14" in str(caught.value)
    assert not m.Project.objects.exists() and not m.Source.objects.exists()
    # Rows read whole (a CSV) are grouped wherever they stand.
    table = io.StringIO()
    writer = csv.DictWriter(table, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    summary = file_import(
        "rader.csv", table.getvalue().encode(), mapping=MAPPING, comment="t"
    ).summary
    assert summary.added == 4


@pytest.mark.django_db
def test_a_streamed_file_that_names_no_project_is_refused(tmp_path):
    path = tmp_path / "rader.json"
    path.write_text(json.dumps([{"id": 1, "title": "", "org": "Region Skåne"}]))
    with pytest.raises(SourceError) as caught:
        file_import(path.name, path, mapping=MAPPING, comment="t")
    assert caught.value.code == "no-projects-file"
    assert not m.Source.objects.exists()


def test_drafts_come_in_batches_in_the_order_of_the_rows():
    rows = _rows(5)
    batches = list(mapped.drafts_batches(iter(rows), MAPPING, size=2))
    assert [[d.title for d in drafts] for drafts, _, _ in batches] == [
        ["Projekt 0", "Projekt 1"],
        ["Projekt 2", "Projekt 3"],
        ["Projekt 4"],
    ]
    assert [categories for _, categories, _ in batches] == [["Transport", "Miljö"], [], []]
    assert [read for _, _, read in batches] == [6, 12, 15]
    whole, categories = mapped.drafts_from_rows(rows, MAPPING)
    assert [d.named_participants for drafts, _, _ in batches for d in drafts] == [
        d.named_participants for d in whole
    ]
    assert categories == ["Transport", "Miljö"]
