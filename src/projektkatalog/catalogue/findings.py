"""Quality findings in the editor's language, and cleared by the edit that fixes them.

The importer writes its findings in English (the command line's language); the workspace says
them again in Swedish or English from the curated patterns in `data/findings.toml`. A finding
whose cause an editor has fixed in the project form is removed then, rather than lingering until
the next import.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from django.db.models import QuerySet
from django.utils.translation import get_language

from projektkatalog.catalogue import models as m

# Which parts of the project form each concern is edited in.
FORM_FIELDS = {
    "title": ("title", "short_name"),
    "period": ("period_text", "period_start", "period_end"),
}
FORMSETS = {  # the formset prefix of each inline
    "participations": "participants",
    "projectprogramme_set": "programmes",
    "funding": "funding",
    "links": "links",
    "contacts": "contacts",
}


@dataclass(frozen=True)
class MessageForm:
    """One way the importer words a finding, and the same said in Swedish and English."""

    pattern: re.Pattern[str]
    sv: str
    en: str


@dataclass(frozen=True)
class FindingKind:
    code: str
    label_sv: str
    label_en: str
    forms: tuple[MessageForm, ...]
    concerns: tuple[str, ...]
    still_holds: str


def _forms(entry: dict[str, Any]) -> tuple[MessageForm, ...]:
    """Return a kind's message forms: one (pattern, sv, en) or several under `forms`."""
    tables = entry.get("forms", [entry] if "pattern" in entry else [])
    return tuple(MessageForm(re.compile(t["pattern"]), t["sv"], t["en"]) for t in tables)


@cache
def finding_kinds() -> dict[str, FindingKind]:
    """Return every kind of finding the workspace can name, by code."""
    text = resources.files("projektkatalog.catalogue.data").joinpath("findings.toml").read_text()
    return {
        code: FindingKind(
            code=code,
            label_sv=entry["label_sv"],
            label_en=entry["label_en"],
            forms=_forms(entry),
            concerns=tuple(entry.get("concerns", ())),
            still_holds=entry.get("still_holds", ""),
        )
        for code, entry in tomllib.loads(text).items()
    }


def _english() -> bool:
    return (get_language() or "sv").startswith("en")


def finding_label(code: str) -> str:
    """Return the name of a kind of finding in the current language (the code if unknown)."""
    kind = finding_kinds().get(code)
    if kind is None:
        return code
    return kind.label_en if _english() else kind.label_sv


def finding_text(code: str, message: str) -> str:
    """Return the importer's message said in the current language."""
    kind = finding_kinds().get(code)
    if kind is None or not kind.forms:
        return message
    for form in kind.forms:
        found = form.pattern.match(message)
        if found is not None:
            return (form.en if _english() else form.sv).format(**found.groupdict())
    return message if _english() else f"{kind.label_sv}: {message}"


def findings_still_holding(findings: QuerySet[m.Finding]) -> QuerySet[m.Finding]:
    """Leave out stored findings whose condition no longer holds on the project as it is now."""
    for kind in finding_kinds().values():
        if kind.still_holds == "no-start":
            findings = findings.exclude(code=kind.code, project__period_start__gt="")
    return findings


def findings_clear(
    project: m.Project, *, changed_fields: set[str], changed_formsets: set[str]
) -> int:
    """Remove the stored findings of `project` that the editor's change addresses; return how many."""
    concerns = {c for c, fields in FORM_FIELDS.items() if changed_fields & set(fields)}
    concerns |= {FORMSETS[p] for p in changed_formsets if p in FORMSETS}
    codes = [k.code for k in finding_kinds().values() if concerns & set(k.concerns)]
    if not codes:
        return 0
    deleted, _ = m.Finding.objects.filter(project=project, code__in=codes).delete()
    return deleted
