"""A project's amounts that state no currency, and what the money reader inferred."""

from __future__ import annotations

import re
from decimal import Decimal

from projektkatalog.domain.curated import curated_load
from projektkatalog.domain.money import (
    INFERRED_CURRENCY_FROM_CONTEXT,
    INFERRED_CURRENCY_FROM_LANGUAGE,
    INFERRED_MILLIONS,
    INFERRED_NO_CURRENCY,
    Amount,
    amounts_find,
)
from projektkatalog.domain.readers.entry import EntryDraft
from projektkatalog.domain.records import (
    Finding,
    FundingRecord,
    ProjectRecord,
)

_INFERENCE_CODES = {
    INFERRED_NO_CURRENCY: "amount-without-currency",
    INFERRED_CURRENCY_FROM_CONTEXT: "guessed-currency",
    INFERRED_CURRENCY_FROM_LANGUAGE: "guessed-currency",
    INFERRED_MILLIONS: "guessed-millions",
}


def inference_note(amount: Amount, slug: str, line: int, findings: list[Finding]) -> None:
    """Report what the money reader inferred about an amount rather than read."""
    for inferred in amount.inferred:
        if code := _INFERENCE_CODES.get(inferred):
            findings.append(
                Finding(
                    code,
                    f"“{amount.text}” was read as {amount.amount} {amount.currency or '(no currency)'}"
                    f" ({inferred}); check it.",
                    slug,
                    line,
                    "info",
                )
            )


def bare_funding(
    draft: EntryDraft, project: ProjectRecord, findings: list[Finding]
) -> list[FundingRecord]:
    """Return the amounts stated without a currency: in the page language's currency, reported
    as a guess, or with no currency when the language tells none."""
    funding = []
    currency = curated_load("page")["currency_by_language"].get(project.language, "")
    for text, kind, line in draft.bare_amounts:
        if currency:
            found = amounts_find(f"{text} {currency}", kind=kind)
            if not found:
                continue
            a = found[0]
            funding.append(FundingRecord(a.amount, currency, kind, a.approximate, text))
            findings.append(
                Finding(
                    "guessed-currency",
                    f"“{text}” states no currency; {currency} was assumed from the page's language.",
                    project.slug,
                    line,
                    "info",
                )
            )
        elif digits := re.sub(r"\D", "", text) if re.fullmatch(r"[\d \u00a0]+", text) else "":
            funding.append(FundingRecord(Decimal(digits), "", kind, False, text))
            findings.append(
                Finding(
                    "amount-without-currency",
                    f"“{text}” states no currency; it was kept without one.",
                    project.slug,
                    line,
                    "info",
                )
            )
    return funding
