"""The project form of the workspace: periods written as people write them, rich text that
cannot run, and saves that never silently overwrite someone else's."""

from __future__ import annotations

import hashlib
import re

from django import forms
from django.core import signing
from django.utils import timezone
from django.utils.translation import gettext as _

from projektkatalog.catalogue import models as m
from projektkatalog.catalogue.history import last_revision
from projektkatalog.domain.period_text import period_text
from projektkatalog.domain.periods import OPEN, edtf_valid, period_parse
from projektkatalog.domain.rich_text import rich_text_clean

_HAS_TAG = re.compile(r"<\s*/?\s*[a-zA-Z][^>]*>")
_COMPARED = (
    "title",
    "short_name",
    "kind",
    "state",
    "language",
    "description",
    "period_start",
    "period_end",
    "period_text",
)


def _date_understood(value: str, *, end: bool) -> str:
    """Return the EDTF of one end of a period written as EDTF, a date or in words."""
    value = value.strip()
    if not value or edtf_valid(value) or (end and value == OPEN):
        return value
    period = period_parse(value)
    understood = period and (period.end if end else period.start)
    if not understood:
        raise forms.ValidationError(
            _(
                "Datumet ”%(value)s” gick inte att tolka. Skriv till exempel 2019-06-30, "
                "juni 2019, sommaren 2019 eller 2019."
            )
            % {"value": value}
        )
    if period and period.problems:
        raise forms.ValidationError(
            _("Datumet ”%(value)s” finns inte (%(problem)s).")
            % {"value": value, "problem": "; ".join(period.problems)}
        )
    return understood


def _digest(value: object) -> str:
    return hashlib.sha256(str(value).encode()).hexdigest()[:16]


def _edit_token(project: m.Project) -> str:
    """Return what the form remembers of the version it was opened on: when it was saved, and a
    digest of each field, so that a conflict can name the fields someone else changed."""
    return signing.dumps(
        {
            "at": project.updated_at.isoformat(),
            "fields": {name: _digest(getattr(project, name)) for name in _COMPARED},
        }
    )


class ProjectForm(forms.ModelForm):
    edited_from = forms.CharField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = m.Project
        fields = (
            "title",
            "short_name",
            "slug",
            "kind",
            "state",
            "language",
            "description",
            "period_text",
            "period_start",
            "period_end",
        )
        widgets = {"description": forms.Textarea(attrs={"rows": 12, "cols": 80})}
        help_texts = {
            "description": _(
                "Ren text, eller HTML med rubriker (h2–h4), stycken (p), listor (ul, ol, li), "
                "fetstil (strong), kursiv (em) och länkar (a med href). Skript och formatering "
                "tas bort när du sparar."
            ),
            "period_text": _(
                "Perioden som den skrivs i text, t.ex. ”sommaren 2019” eller "
                "”2019-01-01 – 2021-06-30”. Fyller start och slut om de är tomma."
            ),
            "period_start": _("T.ex. 2019-06-30, juni 2019, sommaren 2019 eller 2019."),
            "period_end": _("Som start; ”..” när slutet är öppet."),
        }

    def __init__(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        if self.instance.pk and self.instance.updated_at:
            self.fields["edited_from"].initial = _edit_token(self.instance)
        if not self.instance.pk:
            self.fields["state"].initial = m.Project.State.DRAFT

    def clean_description(self) -> str:
        text = self.cleaned_data["description"]
        if not _HAS_TAG.search(text):
            return text
        cleaned = rich_text_clean(text)
        return cleaned if cleaned.startswith("<") else f"<p>{cleaned}</p>"

    def clean_period_start(self) -> str:
        return _date_understood(self.cleaned_data["period_start"], end=False)

    def clean_period_end(self) -> str:
        return _date_understood(self.cleaned_data["period_end"], end=True)

    def clean(self):  # type: ignore[no-untyped-def]
        data = super().clean()
        text = (data.get("period_text") or "").strip()
        if text and not data.get("period_start") and not data.get("period_end"):
            period = period_parse(text)
            if period is None:
                self.add_error(
                    "period_text",
                    _("Perioden gick inte att tolka; ange start och slut som datum."),
                )
            elif period.problems:
                self.add_error(
                    "period_text",
                    _("Perioden nämner ett datum som inte finns (%(problem)s).")
                    % {"problem": "; ".join(period.problems)},
                )
            else:
                data["period_start"] = period.start or ""
                data["period_end"] = period.end or ""
        self._conflict_check()
        return data

    def _conflict_check(self) -> None:
        """Refuse a save over a version newer than the one this form was opened on, and say who
        changed what; saving once more (after reading that) is then a deliberate overwrite."""
        if not self.instance.pk:
            return
        current = m.Project.objects.filter(pk=self.instance.pk).first()
        try:
            opened = signing.loads(self.data.get(self.add_prefix("edited_from")) or "")
        except signing.BadSignature:
            opened = None
        if current is None or not opened or current.updated_at.isoformat() == opened["at"]:
            return
        changed = [
            str(m.Project._meta.get_field(name).verbose_name)
            for name, digest in opened["fields"].items()
            if _digest(getattr(current, name)) != digest
        ]
        revision = last_revision(current)
        who = (revision.user.get_username() if revision and revision.user else None) or _(
            "någon annan"
        )
        self.data = self.data.copy()
        self.data[self.add_prefix("edited_from")] = _edit_token(current)
        raise forms.ValidationError(
            _(
                "Projektet ändrades av %(who)s %(when)s medan du redigerade. Ändrat: %(what)s. "
                "Dina ändringar är inte sparade. Jämför med den senaste versionen (öppna "
                "projektet i en ny flik); sparar du igen skriver du över den andra ändringen."
            )
            % {
                "who": who,
                "when": timezone.localtime(current.updated_at).strftime("%Y-%m-%d %H:%M"),
                "what": ", ".join(changed) or _("kategorier, deltagare eller andra delar"),
            },
            code="conflict",
        )


def period_understood(project: m.Project) -> str:
    """Return how the catalogue understood a project's period, in words and as EDTF."""
    if not project.period_start and not project.period_end:
        return "–"
    words = period_text(project.period_start or None, project.period_end or None, "sv")
    return f"{words} ({project.period_start or '?'} / {project.period_end or '?'})"
