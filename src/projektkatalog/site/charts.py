"""Accessible SVG charts drawn on the server: horizontal bars and a project timeline.

Each chart is a figure with a text alternative; the same numbers are always shown as a table
beside it, so that screen-reader users and people who print get them too.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from html import escape


@dataclass(frozen=True)
class Bar:
    label: str
    value: float


def bar_chart_svg(bars: list[Bar], *, title: str, width: int = 640) -> str:
    """Return an SVG bar chart; `title` becomes its accessible name."""
    row, label_width = 28, 220
    height = max(row * len(bars) + 10, 40)
    peak = max((b.value for b in bars), default=0) or 1
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 {width} {height}" '
        f'width="100%" aria-label="{escape(title)}"><title>{escape(title)}</title>'
    ]
    for i, bar in enumerate(bars):
        y = 5 + i * row
        length = (width - label_width - 70) * bar.value / peak
        label = bar.label if len(bar.label) <= 30 else bar.label[:29] + "…"
        parts.append(
            f'<text x="{label_width - 8}" y="{y + 17}" text-anchor="end" font-size="13" fill="#1a1a1a">{escape(label)}</text>'
            f'<rect x="{label_width}" y="{y + 4}" width="{length:.1f}" height="18" fill="#0b4f9c"></rect>'
            f'<text x="{label_width + length + 6:.1f}" y="{y + 17}" font-size="13" fill="#1a1a1a">{bar.value:g}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


@dataclass(frozen=True)
class Span:
    label: str
    start: dt.date
    end: dt.date
    ongoing: bool


def timeline_svg(spans: list[Span], *, title: str, today: dt.date, width: int = 900) -> str:
    """Return projects as bars over the years, with a line marking today."""
    if not spans:
        return ""
    first = min(s.start.year for s in spans)
    last = max(max(s.end.year for s in spans), today.year)
    years = last - first + 1
    label_width, row, top = 260, 22, 24
    plot = width - label_width - 10
    height = top + row * len(spans) + 10

    def x(day: dt.date) -> float:
        return (
            label_width + plot * ((day.year - first) + (day.timetuple().tm_yday - 1) / 366) / years
        )

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" viewBox="0 0 {width} {height}" '
        f'width="100%" aria-label="{escape(title)}"><title>{escape(title)}</title>'
    ]
    for year in range(first, last + 1):
        gx = x(dt.date(year, 1, 1))
        parts.append(
            f'<line x1="{gx:.1f}" y1="{top - 6}" x2="{gx:.1f}" y2="{height}" stroke="#cccccc"></line>'
            f'<text x="{gx + 2:.1f}" y="{top - 10}" font-size="11" fill="#1a1a1a">{year}</text>'
        )
    for i, span in enumerate(spans):
        y = top + i * row
        label = span.label if len(span.label) <= 36 else span.label[:35] + "…"
        colour = "#1d7a3a" if span.ongoing else "#0b4f9c"
        parts.append(
            f'<text x="{label_width - 8}" y="{y + 15}" text-anchor="end" font-size="12" fill="#1a1a1a">{escape(label)}</text>'
            f'<rect x="{x(span.start):.1f}" y="{y + 4}" width="{max(x(span.end) - x(span.start), 2):.1f}" height="14" fill="{colour}"></rect>'
        )
    tx = x(today)
    parts.append(
        f'<line x1="{tx:.1f}" y1="{top - 6}" x2="{tx:.1f}" y2="{height}" stroke="#b00020" stroke-width="2"></line>'
    )
    parts.append("</svg>")
    return "".join(parts)
