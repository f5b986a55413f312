"""A project's fingerprint is the digest of its record as `dataclasses.asdict` gives it, so that
projects stored before the loader wrote it faster still count as unchanged."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict
from decimal import Decimal

from projektkatalog.catalogue.loading import fingerprint
from projektkatalog.domain.records import (
    ContactRecord,
    FundingRecord,
    LinkRecord,
    ParticipationRecord,
    PhoneRecord,
    ProjectRecord,
)


def _asdict_digest(project: ProjectRecord) -> str:
    data = asdict(project)
    del data["lines"]
    return hashlib.sha256(json.dumps(data, default=str, sort_keys=True).encode()).hexdigest()


def test_the_fingerprint_is_that_of_the_record_as_asdict_gives_it():
    project = ProjectRecord(slug="grona-hamnar", title="Gröna hamnar", short_name="GH")
    project.description = "Ett projekt om hamnar."
    project.period_start, project.period_end = "2020-01", None
    project.categories = ["Miljö", "Transport"]
    project.programmes = ["Interreg Öresund-Kattegat-Skagerrak"]
    project.participants = [
        ParticipationRecord("Lunds universitet", "lead", ""),
        ParticipationRecord("Region Skåne", "partner", "Enheten för hav"),
    ]
    project.funding = [FundingRecord(Decimal("1250000.50"), "EUR", "total", True, "1,25 MEUR")]
    project.links = [LinkRecord("Webbplats", "https://example.org"), LinkRecord("Trasig", None)]
    project.contacts = [
        ContactRecord(
            "Anna Berg", "projektledare", "", "anna@example.org", [PhoneRecord("+4646", "mobile")]
        ),
    ]
    project.lines = [(3, 9), (40, 41)]
    assert fingerprint(project) == _asdict_digest(project)
    empty = ProjectRecord(slug="x", title="X")
    assert fingerprint(empty) == _asdict_digest(empty)
    assert fingerprint(empty) != fingerprint(project)
