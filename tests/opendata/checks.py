"""The checks ../shared/validators/validate.py makes, run on responses from the test client.

Each function returns a list of problems in words (empty when the output conforms), so that a
failing test says what the standard's rule found.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from functools import cache
from pathlib import Path
from typing import Any

import rdflib
from rdflib.namespace import RDF, RDFS, SH

SCHEMA = rdflib.Namespace("http://schema.org/")
DATE_PROPERTIES = ("foundingDate", "dissolutionDate", "startDate", "endDate", "dateModified")


@cache
def _shapes_and_vocabularies(folder: Path) -> tuple[rdflib.Graph, rdflib.Graph]:
    shapes = rdflib.Graph().parse(folder / "dcat-ap-3.0.0-shacl.ttl", format="turtle")
    vocabularies = rdflib.Graph()
    for f in sorted((folder / "vocab").iterdir()):
        if f.suffix in (".ttl", ".rdf") and f.name != "schemaorg.ttl":
            vocabularies.parse(f, format="turtle" if f.suffix == ".ttl" else "xml")
    return shapes, vocabularies


def dcat_violations(rdf_xml: bytes, base: str, folder: Path) -> list[str]:
    """Return the DCAT-AP 3.0.0 shapes' violations about our own nodes (vocabularies loaded)."""
    import pyshacl

    shapes, vocabularies = _shapes_and_vocabularies(folder)
    data = rdflib.Graph().parse(data=rdf_xml, format="xml")
    for triple in vocabularies:
        data.add(triple)
    _, report, _ = pyshacl.validate(data, shacl_graph=shapes, inference="none", allow_warnings=True)
    problems = set()
    for r in report.subjects(RDF.type, SH.ValidationResult):
        focus = str(report.value(r, SH.focusNode))
        # Findings about the vocabularies themselves (a code list's own title) are not ours.
        if focus.startswith(base) and report.value(r, SH.resultSeverity) == SH.Violation:
            path = str(report.value(r, SH.resultPath)).rsplit("/", 1)[-1].rsplit("#", 1)[-1]
            problems.add(f"{focus.replace(base, '')} {path}: {report.value(r, SH.resultMessage)}")
    return sorted(problems)


@cache
def _schema_vocabulary(folder: Path) -> tuple[rdflib.Graph, dict[str, Any]]:
    vocabulary = rdflib.Graph().parse(folder / "vocab" / "schemaorg.ttl", format="turtle")
    context = json.loads((folder / "vocab" / "schemaorg-context.jsonld").read_text("utf-8"))
    return vocabulary, context


def _classes_above(vocabulary: rdflib.Graph, cls: rdflib.URIRef) -> set[rdflib.URIRef]:
    seen: set[rdflib.URIRef] = set()
    todo = [cls]
    while todo:
        c = todo.pop()
        if c not in seen:
            seen.add(c)
            todo += list(vocabulary.objects(c, RDFS.subClassOf))
    return seen


def iso_date(text: str) -> bool:
    """Return whether `text` is an ISO 8601 year, year-month, date or date-time."""
    m = re.fullmatch(r"(\d{4})(?:-(\d{2})(?:-(\d{2})(T.+)?)?)?", text)
    if not m:
        return False
    year, month, day, rest = m.groups()
    try:
        dt.date(int(year), int(month or 1), int(day or 1))
        if rest:
            dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return False
    return True


def schema_org_problems(document: dict[str, Any], base: str, folder: Path) -> list[str]:
    """Return what schema.org's vocabulary says is wrong with a JSON-LD document.

    Every property must exist and be one of its subject's types' properties (schema.org's
    domainIncludes, following subclasses); dates must be ISO 8601; every @id absolute. The same
    rules as validate.py, with no exceptions.
    """
    from pyld import jsonld

    vocabulary, context = _schema_vocabulary(folder)

    def loader(url, options=None):  # type: ignore[no-untyped-def]
        """Answer schema.org's context from the shared copy: the tests never go online."""
        if "schema.org" not in url:
            raise jsonld.JsonLdError("offline", "loading document failed")
        return {
            "contentType": "application/ld+json",
            "contextUrl": None,
            "documentUrl": url,
            "document": context,
        }

    problems = set()
    if re.search(r'"@id":\s*"(?!https?://)', json.dumps(document)):
        problems.add("a relative @id (needs an absolute IRI)")
    nquads = jsonld.to_rdf(
        document,
        {"format": "application/n-quads", "base": base + "/", "documentLoader": loader},
    )
    g = rdflib.Graph().parse(data=nquads, format="nt")
    properties = set(vocabulary.subjects(RDF.type, RDF.Property))
    for s, p, o in g:
        if p == RDF.type:
            continue
        name = p.rsplit("/", 1)[-1]
        if p not in properties:
            problems.add(f"unknown property {name}")
            continue
        types = set(g.objects(s, RDF.type))
        domain = set(vocabulary.objects(p, SCHEMA.domainIncludes))
        if types and not any(domain & _classes_above(vocabulary, t) for t in types):
            problems.add(f"{name} is not a property of {', '.join(sorted(types))}")
        if name in DATE_PROPERTIES and not iso_date(str(o)):
            problems.add(f"{name} {str(o)!r} is not an ISO 8601 date")
    return sorted(problems)


def atom_problems(body: bytes) -> list[str]:
    """Return what RFC 4287 requires of the feed and its entries that is missing."""
    import feedparser

    feed = feedparser.parse(body)
    problems = []
    if feed.bozo:
        problems.append(f"not well-formed: {feed.bozo_exception}")
    for k in ("id", "title", "updated"):
        if not feed.feed.get(k):
            problems.append(f"the feed lacks {k}")
    has_author = bool(feed.feed.get("authors") and feed.feed.authors[0])
    for e in feed.entries:
        missing = [k for k in ("id", "title", "updated") if not e.get(k)]
        if not has_author and not (e.get("authors") and e.authors[0]):
            missing.append("author")
        if missing:
            problems.append(f"entry {e.get('id', '?')} lacks {', '.join(missing)}")
    return problems
