"""Organisation search in SQL: folded names kept on every row, true after every kind of write."""

from __future__ import annotations

import json

import pytest
from django.contrib.auth.models import User

from projektkatalog.catalogue import models as m
from projektkatalog.catalogue.imports import file_import
from projektkatalog.catalogue.selectors import organisation_ids_matching
from projektkatalog.domain.text import text_fold
from projektkatalog.workspace.services import organisation_split, organisations_merge


def _found(query: str) -> list[str]:
    ids = organisation_ids_matching(query)
    return list(
        m.Organisation.objects.filter(pk__in=ids).order_by("name").values_list("name", flat=True)
    )


def _org(name: str, *aliases: str) -> m.Organisation:
    org = m.Organisation.objects.create(name=name, slug=text_fold(name).replace(" ", "-")[:90])
    for alias in aliases:
        m.OrganisationAlias.objects.create(organisation=org, name=alias)
    return org


def _all_true() -> None:
    """Every row's search text is its folded name."""
    for model in (m.Organisation, m.OrganisationAlias):
        for name, text in model.objects.values_list("name", "search_text"):
            assert text == text_fold(name), (model.__name__, name)


@pytest.mark.django_db
def test_search_ignores_case_and_diacritics_and_takes_wildcards_as_letters():
    _org("Malmö stad", "City of Malmoe")
    _org("Ångströmlaboratoriet")
    _org("Lunds universitet")
    _org("Hav 50% Rabatt_AB")
    assert _found("MALMO") == ["Malmö stad"]
    assert _found("malmoe") == ["Malmö stad"]  # through its alias
    assert _found("angström") == ["Ångströmlaboratoriet"]
    assert _found("ÅNGSTRÖM") == ["Ångströmlaboratoriet"]
    assert _found("50%") == ["Hav 50% Rabatt_AB"]
    assert _found("%") == ["Hav 50% Rabatt_AB"]
    assert _found("t_a") == ["Hav 50% Rabatt_AB"]
    assert _found("5%r") == []  # % is a letter, not "anything"
    assert _found("m_lm") == []  # _ too
    assert _found("stad\x00") == []
    assert _found("") == [
        "Hav 50% Rabatt_AB",
        "Lunds universitet",
        "Malmö stad",
        "Ångströmlaboratoriet",
    ]
    _all_true()


@pytest.mark.django_db
def test_a_rename_a_merge_and_a_split_keep_the_search_true():
    user = User.objects.create(username="redaktor")
    keep = _org("Region Skåne")
    other = _org("Skånes regionförbund", "Region Skane förbund")
    bystander = _org("Lunds kommun")
    keep.name = "Region Skåne (Regionen)"
    keep.save(update_fields=["name"])
    assert _found("regionen") == ["Region Skåne (Regionen)"]
    organisations_merge(keep, [other], user=user)
    assert _found("regionforbund") == ["Region Skåne (Regionen)"]  # the other's name, an alias
    assert _found("skane forbund") == ["Region Skåne (Regionen)"]  # and its alias
    new = organisation_split(keep, name="Skånes regionförbund", participation_ids=[], user=user)
    assert _found("regionforbund") == ["Skånes regionförbund"]
    assert new.search_text == "skanes regionforbund"
    assert _found("lunds") == ["Lunds kommun"]
    assert m.Organisation.objects.get(pk=bystander.pk).search_text == "lunds kommun"
    _all_true()


@pytest.mark.django_db
def test_the_loader_writes_the_search_text_of_new_bodies_and_spellings():
    mapping = {
        "project": {"key": "id", "title": "title"},
        "participants": [{"organisation": "org"}],
    }
    rows = [
        {"id": 1, "title": "Rena hav", "org": "Östersjöcentrum Göteborg AB"},
        {"id": 2, "title": "Blå stråk", "org": "Östersjöcentrum Göteborg"},  # a spelling
    ]
    file_import("rader.json", json.dumps(rows).encode(), mapping=mapping, comment="test")
    assert _found("ostersjocentrum") == ["Östersjöcentrum Göteborg AB"]
    assert m.OrganisationAlias.objects.filter(name="Östersjöcentrum Göteborg").exists()
    _all_true()
