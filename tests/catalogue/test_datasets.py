"""The two real datasets under ../shared/datasets, imported through the shipped mapping files."""

import datetime as dt
import json
import tomllib
from pathlib import Path

import pytest

from projektkatalog.catalogue import models as m
from projektkatalog.catalogue.services import catalogue_import
from projektkatalog.domain.readers.mapped import mapped_read
from tests.conftest import SHARED

DATASETS = SHARED / "datasets"
MAPPINGS = Path(__file__).resolve().parents[2] / "src" / "projektkatalog" / "mappings"
ERUF = "projektbanken-eruf-2014-2020"
INTERREG = "interreg-svenska-partners-2021-2027"
pytestmark = pytest.mark.django_db


def _import(name: str):  # type: ignore[no-untyped-def]
    path = DATASETS / f"{name}.json"
    if not path.exists():
        pytest.skip(f"the dataset is not at {path} (set PROJEKTKATALOG_SHARED)")
    from projektkatalog.catalogue.selectors import organisations_known, programmes_known

    rows = json.loads(path.read_text(encoding="utf-8"))
    mapping = tomllib.loads((MAPPINGS / f"{name}.toml").read_text(encoding="utf-8"))
    record = mapped_read(
        rows,
        mapping,
        source=path.name,
        today=dt.date(2026, 11, 27),
        organisations=organisations_known(),
        programmes=programmes_known(),
    )
    return rows, catalogue_import(record, source_name=path.name, sha256=name)


@pytest.fixture
def both():  # type: ignore[no-untyped-def]
    eruf_rows, eruf = _import(ERUF)
    interreg_rows, interreg = _import(INTERREG)
    return eruf_rows, eruf, interreg_rows, interreg


def test_both_datasets_make_one_catalogue(both):
    eruf_rows, eruf, interreg_rows, interreg = both
    assert eruf.projects == len({r["ärende-id"] for r in eruf_rows})
    assert interreg.projects == len({(r["program"], r["projektnamn"]) for r in interreg_rows})
    assert 900 <= m.Project.objects.count() <= 1000
    assert 600 <= m.Organisation.objects.count() <= 1000


def test_interreg_roles_are_kept(both):
    _, _, rows, _ = both
    source = m.Project.objects.filter(provenance__source__name=f"{INTERREG}.json")
    roles = {
        r: m.Participation.objects.filter(project__in=source, role=r).count()
        for r in ("lead", "partner", "associated")
    }
    named = [r for r in rows if r["organisationsnamn"]]
    expected_leads = len(
        {
            (r["program"], r["projektnamn"], r["organisationsnamn"])
            for r in named
            if r["organisationsroll"] == "LP"
        }
    )
    assert roles["lead"] == expected_leads
    assert roles["associated"] > 100 and roles["partner"] > 700


@pytest.mark.parametrize(
    ("canonical", "spellings"),
    [
        ("Lunds universitet", ["Lund University", "Lunds Universitet"]),
        (
            "Länsstyrelsen Skåne",
            ["LÄNSSTYRELSEN I SKÅNE LÄN", "Länsstyrelsen Skåne län", "Länsstyrelsen i Skåne"],
        ),
        ("Region Skåne", ["Skåne Läns Landsting"]),
    ],
)
def test_one_organisation_per_body_whatever_the_spelling(both, canonical, spellings):
    organisation = m.Organisation.objects.get(name=canonical)
    aliases = set(organisation.aliases.values_list("name", flat=True))
    assert set(spellings) <= aliases
    assert not m.Organisation.objects.filter(name__in=spellings).exists()


def test_different_towns_stay_apart(both):
    assert m.Organisation.objects.filter(name="Lidköpings kommun").exists()
    assert m.Organisation.objects.filter(name="Linköpings kommun").exists()
    assert not m.OrganisationAlias.objects.filter(
        organisation__name="Linköpings kommun", name__icontains="Lidköping"
    ).exists()


def test_reimport_changes_nothing(both):
    _, eruf = _import(ERUF)
    assert (eruf.added, eruf.changed, eruf.removed) == (0, 0, 0)


def test_site_works_at_this_scale(both, client):
    assert client.get("/?q=bredband").status_code == 200
    assert client.get("/organisationer/region-skane/").status_code == 200
    html = client.get("/statistik/").content.decode()
    assert "Interreg Östersjöregionen" in html or "Interreg BSR" in html
