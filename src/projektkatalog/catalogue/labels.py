"""Names of the catalogue's coded values (statuses, roles, kinds of money) in the reader's
language, and today's date: shared by the site, the API and the workspace."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext_lazy as _

STATUS_LABELS = {
    "ongoing": _("Pågående"),
    "planned": _("Planerat"),
    "permanent": _("Permanent"),
    "ended": _("Avslutat"),
    "unknown": _("Okänd status"),
}
ROLE_LABELS = {
    "lead": _("Huvudpartner"),
    "coordinator": _("Projektledning"),
    "partner": _("Partner"),
    "associated": _("Associerad partner"),
    "financier": _("Finansiär"),
}
FUNDING_LABELS = {
    "total-budget": _("Total budget"),
    "eu-funding": _("EU-finansiering"),
    "grant": _("Beviljat stöd"),
    "co-financing": _("Medfinansiering"),
    "other": _("Belopp"),
}


def today() -> dt.date:
    return dt.date.today()


def moment_shown(moment: dt.datetime) -> str:
    """Return a moment as the workspace shows it to editors: local time, to the minute."""
    from django.utils import timezone

    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")
