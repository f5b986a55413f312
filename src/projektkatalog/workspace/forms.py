"""The project form of the workspace: periods written as people write them, rich text that
cannot run, and saves that never silently overwrite someone else's."""

from __future__ import annotations

import hashlib
import re
from typing import Any

from django import forms
from django.core import signing
from django.db.models import Field
from django.http import QueryDict
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from projektkatalog.catalogue import models as m
from projektkatalog.catalogue.history import last_revision
from projektkatalog.catalogue.labels import moment_shown
from projektkatalog.catalogue.services import slug_unique
from projektkatalog.domain.period_text import edtf_text, period_text
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


def _label(name: str) -> str:
    """Return the name of the project's field `name` as editors see it."""
    field = m.Project._meta.get_field(name)
    return str(field.verbose_name) if isinstance(field, Field) else name


def _edit_token(project: m.Project) -> str:
    """Return what the form remembers of the version it was opened on: when it was saved, and a
    digest of each field, so that a conflict can name the fields someone else changed."""
    return signing.dumps(
        {
            "at": project.updated_at.isoformat(),
            "fields": {name: _digest(getattr(project, name)) for name in _COMPARED},
        }
    )


class TextAreaField(forms.CharField):
    """Text from a textarea: browsers send line breaks as CRLF and drop a leading newline, so
    compare and keep text by its content, not by those bytes (or every first save would mark
    an untouched description as changed)."""

    def to_python(self, value: Any | None) -> str | None:
        value = super().to_python(value)
        return value.replace("\r\n", "\n").replace("\r", "\n") if value else value

    def has_changed(self, initial: Any | None, data: Any | None) -> bool:
        return (self.to_python(initial) or "").strip() != (self.to_python(data) or "").strip()


def _date_shown(value: str) -> str:
    """Return a stored EDTF date as the field shows it: seasons in words ("hösten 2018", not
    the EDTF code 2018-23), which the field reads back to the same code."""
    parts = value.split("-")
    if len(parts) == 2 and parts[1].isdigit() and int(parts[1]) > 12:
        return edtf_text(value, "sv")
    return value


class ProjectForm(forms.ModelForm):
    edited_from = forms.CharField(widget=forms.HiddenInput, required=False)
    description = TextAreaField(
        label=capfirst(m.Project._meta.get_field("description").verbose_name),
        required=False,
        strip=False,
        widget=forms.Textarea(attrs={"rows": 12, "cols": 80}),
        help_text=gettext_lazy(
            "Ren text, eller HTML med rubriker (h2–h4), stycken (p), listor (ul, ol, li), "
            "fetstil (strong), kursiv (em) och länkar (a med href). Skript och formatering "
            "tas bort när du sparar."
        ),
    )

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
        help_texts = {
            "period_text": gettext_lazy(
                "Perioden som den skrivs i text, t.ex. ”sommaren 2019” eller "
                "”2019-01-01 – 2021-06-30”. Skriver du här fylls start och slut från orden."
            ),
            "period_start": gettext_lazy("T.ex. 2019-06-30, juni 2019, sommaren 2019 eller 2019."),
            "period_end": gettext_lazy("Som start; ”..” när slutet är öppet."),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk and self.instance.updated_at:
            self.fields["edited_from"].initial = _edit_token(self.instance)
        if not self.instance.pk:
            self.fields["state"].initial = m.Project.State.DRAFT
        for name in ("period_start", "period_end"):
            if self.initial.get(name):
                self.initial[name] = _date_shown(self.initial[name])

    @property
    def changed_data(self) -> list[str]:
        """The fields the editor changed (the form's own bookkeeping is not one of them)."""
        return [name for name in super().changed_data if name != "edited_from"]

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

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data  # what a model form's clean returns
        self._period_agree(data)
        self._conflict_check()
        return data

    def _period_agree(self, data: dict[str, Any]) -> None:
        """Make the period in words and the dates say the same thing.

        Words the editor typed win and fill the dates; if the editor also typed dates that say
        something else, the form says so instead of silently keeping one of them. Dates changed
        under unchanged words leave those words behind (they described the old period).
        """
        text = (data.get("period_text") or "").strip()
        changed = set(self.changed_data)
        text_typed = "period_text" in changed or (
            text and not data.get("period_start") and not data.get("period_end")
        )
        dates_typed = bool({"period_start", "period_end"} & changed)
        if not text:
            return
        if not text_typed:
            if dates_typed:
                data["period_text"] = ""
            return
        period = period_parse(text)
        if period is None:
            self.add_error(
                "period_text",
                _("Perioden gick inte att tolka; ange start och slut som datum."),
            )
            return
        if period.problems:
            self.add_error(
                "period_text",
                _("Perioden nämner ett datum som inte finns (%(problem)s).")
                % {"problem": "; ".join(period.problems)},
            )
            return
        words = (period.start or "", period.end or "")
        typed = (data.get("period_start") or "", data.get("period_end") or "")
        if dates_typed and any(typed) and typed != words:
            self.add_error(
                "period_text",
                _(
                    "Perioden i ord (%(words)s) och datumen (%(dates)s) säger olika saker. "
                    "Töm start och slut för att använda orden, eller ändra orden."
                )
                % {
                    "words": period_text(words[0] or None, words[1] or None, "sv"),
                    "dates": period_text(typed[0] or None, typed[1] or None, "sv"),
                },
            )
            return
        data["period_start"], data["period_end"] = words

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
            _label(name)
            for name, digest in opened["fields"].items()
            if _digest(getattr(current, name)) != digest
        ]
        revision = last_revision(current)
        who = (revision.user.get_username() if revision and revision.user else None) or _(
            "någon annan"
        )
        data = self.data.copy() if isinstance(self.data, QueryDict) else dict(self.data)
        data[self.add_prefix("edited_from")] = _edit_token(current)
        self.data = data
        raise forms.ValidationError(
            _(
                "Projektet ändrades av %(who)s %(when)s medan du redigerade. Ändrat: %(what)s. "
                "Dina ändringar är inte sparade. Jämför med den senaste versionen (öppna "
                "projektet i en ny flik); sparar du igen skriver du över den andra ändringen."
            )
            % {
                "who": who,
                "when": moment_shown(current.updated_at),
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


class SluggedForm(forms.ModelForm):
    """A form for something with a name and an address name (slug) made from the name when the
    editor leaves it empty: the "+" pop-up beside a project's organisation field has no script
    to fill it in, and an editor should not have to invent one."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if "slug" in self.fields:
            self.fields["slug"].required = False
            self.fields["slug"].help_text = _("Lämnas tomt: skapas av namnet.")

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data  # what a model form's clean returns
        if "slug" in self.fields and not data.get("slug") and data.get("name"):
            model = self._meta.model
            taken = set(model.objects.exclude(pk=self.instance.pk).values_list("slug", flat=True))
            data["slug"] = slug_unique(model, data["name"], taken)
        return data
