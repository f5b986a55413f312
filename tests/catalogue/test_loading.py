"""Imports written in batches: the same catalogue whatever the batch size, re-importing the
same file changes nothing, and an import that fails part-way leaves everything as it was."""

from __future__ import annotations

import json

import pytest
from reversion.models import Revision, Version

from projektkatalog.catalogue import loading
from projektkatalog.catalogue import models as m
from projektkatalog.catalogue.imports import file_import
from projektkatalog.catalogue.selectors import catalogue_export

MAPPING = {
    "project": {
        "key": "id",
        "title": "title",
        "start": "start",
        "end": "end",
        "categories": ["category"],
        "programmes": ["programme"],
    },
    "participants": [
        {"organisation": "org", "role": {"column": "role"}, "country": {"column": "country"}}
    ],
    "funding": [{"column": "budget", "currency": "EUR", "kind": "total"}],
}
ORGS = ["Lunds universitet", "Region Skåne", "Malmö stad", "Ystads kommun", "Havets hus AB"]


def _rows(projects: int, *, title: str = "Projekt") -> list[dict]:
    rows = []
    for n in range(projects):
        for k in range(3):
            rows.append(
                {
                    "id": n,
                    "title": f"{title} {n}",
                    "start": "2020-01-01",
                    "end": "2023-12-31",
                    "category": "Miljö" if n % 2 else "Transport",
                    "programme": "Interreg Öresund-Kattegat-Skagerrak",
                    "org": ORGS[(n + k) % len(ORGS)],
                    "role": "lead" if k == 0 else "partner",
                    "country": "SE",
                    "budget": 1000 * (n + 1) if k == 0 else 0,
                }
            )
    return rows


def _load(rows: list[dict], name: str = "rader.json"):  # type: ignore[no-untyped-def]
    return file_import(name, json.dumps(rows).encode(), mapping=MAPPING, comment="test")


def _state() -> dict[str, list]:
    """Return every row an import writes, as plain values."""
    models = (
        m.Project,
        m.Organisation,
        m.OrganisationAlias,
        m.Programme,
        m.Category,
        m.Participation,
        m.ProjectCategory,
        m.ProjectProgramme,
        m.Funding,
        m.Provenance,
        m.Finding,
        m.Source,
        Revision,
        Version,
    )
    return {model.__name__: sorted(map(str, model.objects.values_list())) for model in models}


@pytest.mark.django_db
def test_batches_of_any_size_store_the_same_catalogue(monkeypatch):
    _load(_rows(7))
    whole = catalogue_export(contacts=True, drafts=True)
    m.Project.objects.all().delete()
    m.Source.objects.all().delete()
    monkeypatch.setattr(loading, "BATCH", 2)
    summary = _load(_rows(7)).summary
    assert (summary.added, summary.changed, summary.unchanged) == (7, 0, 0)
    assert catalogue_export(contacts=True, drafts=True)["projects"] == whole["projects"]


@pytest.mark.django_db
def test_re_importing_the_same_file_changes_nothing(monkeypatch):
    monkeypatch.setattr(loading, "BATCH", 3)
    _load(_rows(7))
    before = _state()
    summary = _load(_rows(7)).summary
    assert (summary.added, summary.changed, summary.unchanged, summary.removed) == (0, 0, 7, 0)
    assert _state() == before


@pytest.mark.django_db
def test_the_import_revision_holds_every_project_with_its_parts():
    _load(_rows(3))
    revision = Revision.objects.get()
    assert revision.comment == "test"
    recorded = {(v.content_type.model, v.object_id) for v in revision.version_set.all()}
    for project in m.Project.objects.all():
        assert ("project", str(project.pk)) in recorded
        for part in project.participations.all():
            assert ("participation", str(part.pk)) in recorded
        for funding in project.funding.all():
            assert ("funding", str(funding.pk)) in recorded
    assert {("organisation", str(o.pk)) for o in m.Organisation.objects.all()} <= recorded
    assert m.CompleteRevision.objects.filter(revision=revision).exists()


@pytest.mark.django_db
def test_a_changed_and_a_removed_project_in_a_later_import(monkeypatch):
    monkeypatch.setattr(loading, "BATCH", 2)
    _load(_rows(5))
    rows = [r for r in _rows(5) if r["id"] != 4]
    for r in rows:
        if r["id"] == 1:
            r["end"] = "2024-06-30"
    summary = _load(rows).summary
    assert (summary.added, summary.changed, summary.unchanged, summary.removed) == (0, 1, 3, 1)
    assert summary.removed_ids == ["projekt-4"]
    changed = m.Project.objects.get(slug="projekt-1")
    assert changed.period_end == "2024-06-30"
    assert changed.participations.count() == 3
    assert m.Project.objects.count() == 4


@pytest.mark.django_db
def test_an_import_failing_part_way_leaves_everything_as_it_was(monkeypatch):
    _load(_rows(4))
    before = _state()
    monkeypatch.setattr(loading, "BATCH", 2)
    calls = []
    parts_store = loading._parts_store

    def failing(rows, shared):  # type: ignore[no-untyped-def]
        calls.append(len(rows))
        if len(calls) == 2:
            raise RuntimeError("the disk is full")
        parts_store(rows, shared)

    monkeypatch.setattr(loading, "_parts_store", failing)
    with pytest.raises(RuntimeError):
        _load(_rows(6, title="Annat"), name="rader.json")
    assert len(calls) == 2  # the first batch was written before the failure
    assert _state() == before


@pytest.mark.django_db
def test_versions_are_what_djangos_json_serialiser_writes():
    from django.core import serializers

    from projektkatalog.catalogue.revisions import version_data

    _load(_rows(2))
    m.Contact.objects.create(project=m.Project.objects.first(), name="Anna Berg")
    objects = [
        *m.Project.objects.all(),
        *m.Funding.objects.all(),
        *m.Participation.objects.all(),
        *m.Contact.objects.all(),
        *m.Organisation.objects.all(),
    ]
    for obj, data in zip(objects, serializers.serialize("python", objects), strict=True):
        assert version_data(data) == serializers.serialize("json", [obj])


@pytest.mark.django_db
def test_the_import_writes_each_version_as_the_serialiser_would():
    """The loader serialises rows itself; each version is what Django's serialiser writes for
    the row as it was recorded (read back here, whatever the field kinds)."""
    from django.core import serializers

    from projektkatalog.catalogue.revisions import _python_forms

    _load(_rows(3))
    m.Contact.objects.create(project=m.Project.objects.first(), name="Anna Berg")
    objects = [
        *m.Project.objects.all(),
        *m.Funding.objects.all(),
        *m.Participation.objects.all(),
        *m.Contact.objects.all(),
        *m.Organisation.objects.all(),
        *m.Category.objects.all(),
        *m.Source.objects.all(),
        *m.Finding.objects.all(),
    ]
    assert _python_forms(objects) == serializers.serialize("python", objects)
    for version in Version.objects.filter(content_type__model="participation"):
        obj = m.Participation.objects.get(pk=version.object_id)
        assert version.serialized_data == serializers.serialize("json", [obj])
        assert version.object_repr == str(obj)
