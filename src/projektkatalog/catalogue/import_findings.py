"""An import's findings, stored as its batches come.

A source's findings are replaced by those of its latest import. Holding a million of them to
compare with the stored ones at the end would make memory grow with the file, so they are
compared as they come with the stored ones in the same order, read a chunk at a time: while
they agree nothing is written; from the first that differs, the stored ones from there on are
deleted and the rest written. A re-import that finds the same things writes nothing.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from projektkatalog.catalogue import models as m
from projektkatalog.catalogue.bulk import rows_insert
from projektkatalog.domain.records import Finding

CHUNK = 5000  # stored findings read at a time
FIELDS = ("source_id", "project_id", "code", "message", "severity", "line", "accepted")

# What a finding is, as compared: (project id, code, message, severity, line).
Values = tuple[int | None, str, str, str, int | None]


class FindingsWriter:
    """The findings of one source, in the order the import makes them."""

    def __init__(self, source: m.Source) -> None:
        self.source = source
        self._stored = self._stored_read()
        self._writing = False
        self.others: list[Finding] = []  # findings of other sources a restored export names

    def _stored_read(self) -> Iterator[tuple[int, Values]]:
        after = 0
        while True:
            chunk = list(
                self.source.findings.filter(id__gt=after)
                .order_by("id")
                .values_list("id", "project_id", "code", "message", "severity", "line")[:CHUNK]
            )
            for pk, *values in chunk:
                yield pk, tuple(values)  # type: ignore[misc]
            if len(chunk) < CHUNK:
                return
            after = chunk[-1][0]

    def add(self, findings: list[Finding], projects: dict[str, int]) -> None:
        """Add one batch's findings; `projects` gives the ids of the projects they name."""
        missing = {f.project for f in findings if f.project and f.project not in projects}
        if missing:  # a finding about a project of another batch or import
            projects = {
                **projects,
                **dict(m.Project.objects.filter(slug__in=missing).values_list("slug", "pk")),
            }
        wanted: list[Values] = []
        for f in findings:
            if f.source and f.source != self.source.name:
                self.others.append(f)
                continue
            project = projects.get(f.project) if f.project else None
            wanted.append((project, f.code, f.message, f.severity, f.line))
        at = 0
        while not self._writing and at < len(wanted):
            stored = next(self._stored, None)
            if stored is not None and stored[1] == wanted[at]:
                at += 1
                continue
            self._writing = True
            if stored is not None:
                self.source.findings.filter(id__gte=stored[0]).delete()
        if at < len(wanted):
            self._insert(self.source, wanted[at:])

    def close(self) -> None:
        """Delete the stored findings the import no longer makes; store the other sources'."""
        if not self._writing:
            rest = next(self._stored, None)
            if rest is not None:
                self.source.findings.filter(id__gte=rest[0]).delete()
        if self.others:
            _others_store(self.others, self.source.name)

    @staticmethod
    def _insert(source: m.Source, rows: list[Values]) -> None:
        rows_insert(m.Finding, FIELDS, [(source.pk, *values, False) for values in rows])


def _others_store(findings: list[Finding], own: str) -> None:
    """Store the findings of the sources a restored export names, each source's whole."""
    projects = dict(
        m.Project.objects.filter(slug__in={f.project for f in findings if f.project}).values_list(
            "slug", "pk"
        )
    )
    by_source: dict[str, list[Any]] = {}
    for f in findings:
        by_source.setdefault(f.source or own, []).append(
            (projects.get(f.project) if f.project else None, f.code, f.message, f.severity, f.line)
        )
    for name, wanted in by_source.items():
        target = m.Source.objects.get_or_create(name=name, defaults={"sha256": ""})[0]
        have = list(
            target.findings.order_by("id").values_list(
                "project_id", "code", "message", "severity", "line"
            )
        )
        if have != wanted:
            target.findings.all().delete()
            FindingsWriter._insert(target, wanted)
