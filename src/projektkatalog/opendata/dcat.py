"""The DCAT-AP-SE description of the catalogue's datasets, as RDF/XML for dataportal.se.

Every node has a URI (no blank nodes), titles and descriptions are in Swedish and English, and
the licence is CC0 1.0 by its exact URI. Things the description points at (licence, standards,
pages, media types, file types, languages, places) carry the class DCAT-AP 3.0.0's SHACL shapes
expect, because a harvester checks the class without fetching the thing. Every distribution
comes from the registry in `formats.py`, so a new format or table is described by itself.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, RDFS, SKOS, XSD

from projektkatalog.opendata.formats import FORMATS, TABLES, Output

VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
CC0 = URIRef("http://creativecommons.org/publicdomain/zero/1.0/")
PUBLIC_BODY = URIRef("http://purl.org/adms/publishertype/RegionalAuthority")
EU = "http://publications.europa.eu/resource/authority/"
FILE_TYPE = EU + "file-type/"
MEDIA_TYPE = "http://www.iana.org/assignments/media-types/"
THEMES = URIRef(EU + "data-theme")
SWEDEN = URIRef(EU + "country/SWE")
LANGUAGES = (URIRef(EU + "language/SWE"), URIRef(EU + "language/ENG"))
CSVW = URIRef("https://www.w3.org/TR/tabular-metadata/")


def _texts(g: Graph, node: URIRef, prop: URIRef, sv: str, en: str) -> None:
    g.add((node, prop, Literal(sv, lang="sv")))
    g.add((node, prop, Literal(en, lang="en")))


def _typed(g: Graph, node: URIRef, prop: URIRef, target: str | URIRef, cls: URIRef) -> None:
    """Add `node prop target` and say what class `target` is (the shapes check it)."""
    target = URIRef(target)
    g.add((node, prop, target))
    g.add((target, RDF.type, cls))


@dataclass(frozen=True)
class _Nodes:
    """The URIs of the description's own nodes, made once from the site's address."""

    base: str
    catalog: URIRef
    dataset: URIRef
    publisher: URIRef
    contact: URIRef
    service: URIRef
    dictionary: str

    @classmethod
    def at(cls, base: str) -> _Nodes:
        def node(name: str) -> URIRef:
            return URIRef(f"{base}/datasets/dcat#{name}")

        return cls(
            base=base,
            catalog=node("catalog"),
            dataset=node("projects"),
            publisher=node("publisher"),
            contact=node("contact"),
            service=node("api"),
            dictionary=f"{base}/data/ordlista/",
        )


def dcat_graph(base: str, *, issued: dt.date, modified: dt.date) -> Graph:
    """Return the catalogue, its dataset, distributions and API, publisher and contact point.

    `issued` is when the first project was published and `modified` when one last changed.
    """
    g = Graph()
    for prefix, ns in (
        ("dcat", DCAT),
        ("dcterms", DCTERMS),
        ("foaf", FOAF),
        ("vcard", VCARD),
        ("skos", SKOS),
    ):
        g.bind(prefix, ns)
    nodes = _Nodes.at(base)
    name = settings.PROJEKTKATALOG_PUBLISHER
    _catalog_describe(g, nodes, name, issued=issued, modified=modified)
    _agents_describe(g, nodes, name, settings.PROJEKTKATALOG_CONTACT_EMAIL)
    _dataset_describe(g, nodes, issued=issued, modified=modified)
    _distributions_describe(g, nodes)
    _api_describe(g, nodes)
    return g


def _catalog_describe(
    g: Graph, nodes: _Nodes, name: str, *, issued: dt.date, modified: dt.date
) -> None:
    """The catalogue itself with DCAT-AP's recommended properties."""
    catalog = nodes.catalog
    g.add((catalog, RDF.type, DCAT.Catalog))
    _texts(g, catalog, DCTERMS.title, f"{name}s projektkatalog", f"{name} project catalogue")
    _texts(
        g,
        catalog,
        DCTERMS.description,
        f"Öppna data om projekt och samarbeten som {name} deltar i.",
        f"Open data on the projects and collaborations {name} takes part in.",
    )
    g.add((catalog, DCTERMS.publisher, nodes.publisher))
    _typed(g, catalog, DCTERMS.license, CC0, DCTERMS.LicenseDocument)
    _typed(g, catalog, FOAF.homepage, f"{nodes.base}/", FOAF.Document)
    g.add((catalog, DCTERMS.issued, Literal(issued.isoformat(), datatype=XSD.date)))
    g.add((catalog, DCTERMS.modified, Literal(modified.isoformat(), datatype=XSD.date)))
    for language in LANGUAGES:
        _typed(g, catalog, DCTERMS.language, language, DCTERMS.LinguisticSystem)
    _typed(g, catalog, DCTERMS.spatial, SWEDEN, DCTERMS.Location)
    _typed(g, catalog, DCAT.themeTaxonomy, THEMES, SKOS.ConceptScheme)
    g.add((catalog, DCAT.dataset, nodes.dataset))
    g.add((catalog, DCAT.service, nodes.service))


def _agents_describe(g: Graph, nodes: _Nodes, name: str, email: str) -> None:
    """The publisher (a public body) and the contact point harvesters show."""
    g.add((nodes.publisher, RDF.type, FOAF.Agent))
    g.add((nodes.publisher, FOAF.name, Literal(name, lang="sv")))
    g.add((nodes.publisher, DCTERMS.type, PUBLIC_BODY))

    g.add((nodes.contact, RDF.type, VCARD.Organization))
    g.add((nodes.contact, VCARD.fn, Literal(name)))
    g.add((nodes.contact, VCARD.hasEmail, URIRef(f"mailto:{email}")))


def _dataset_describe(g: Graph, nodes: _Nodes, *, issued: dt.date, modified: dt.date) -> None:
    """The one dataset: projects and collaborations, with its column dictionary as standard."""
    g.add((nodes.dataset, RDF.type, DCAT.Dataset))
    _texts(g, nodes.dataset, DCTERMS.title, "Projekt och samarbeten", "Projects and collaborations")
    _texts(
        g,
        nodes.dataset,
        DCTERMS.description,
        "Projekt och samarbeten med kategorier, deltagande organisationer och roller, program, "
        "perioder, belopp och länkar.",
        "Projects and collaborations with categories, participating organisations and their "
        "roles, programmes, periods, amounts and links.",
    )
    g.add((nodes.dataset, DCTERMS.publisher, nodes.publisher))
    g.add((nodes.dataset, DCAT.contactPoint, nodes.contact))
    _typed(g, nodes.dataset, DCAT.landingPage, f"{nodes.base}/", FOAF.Document)
    g.add((nodes.dataset, DCAT.keyword, Literal("projekt", lang="sv")))
    g.add((nodes.dataset, DCAT.keyword, Literal("EU-projekt", lang="sv")))
    g.add((nodes.dataset, DCAT.keyword, Literal("projects", lang="en")))
    g.add((nodes.dataset, DCAT.theme, URIRef(EU + "data-theme/GOVE")))
    _typed(g, nodes.dataset, DCTERMS.conformsTo, nodes.dictionary, DCTERMS.Standard)
    g.add((nodes.dataset, DCTERMS.issued, Literal(issued.isoformat(), datatype=XSD.date)))
    g.add((nodes.dataset, DCTERMS.modified, Literal(modified.isoformat(), datatype=XSD.date)))
    for language in LANGUAGES:
        _typed(g, nodes.dataset, DCTERMS.language, language, DCTERMS.LinguisticSystem)


def _distributions_describe(g: Graph, nodes: _Nodes) -> None:
    """One distribution per format and per table CSV, straight from the registry."""
    outputs: list[tuple[str, str, Output]] = [
        (f"distribution-{f.name}", f.name.upper(), f) for f in FORMATS.values()
    ]
    outputs += [(f"distribution-{t.name}-csv", f"CSV, {t.name}", t) for t in TABLES.values()]
    for key, label, output in outputs:
        distribution = URIRef(f"{nodes.base}/datasets/dcat#{key}")
        url = f"{nodes.base}{output.path}"
        g.add((nodes.dataset, DCAT.distribution, distribution))
        g.add((distribution, RDF.type, DCAT.Distribution))
        _texts(
            g,
            distribution,
            DCTERMS.title,
            f"Projekt och samarbeten ({label})",
            f"Projects and collaborations ({label})",
        )
        _texts(g, distribution, DCTERMS.description, output.sv, output.en)
        _typed(g, distribution, DCAT.accessURL, url, RDFS.Resource)
        _typed(g, distribution, DCAT.downloadURL, url, RDFS.Resource)
        _typed(
            g,
            distribution,
            DCAT.mediaType,
            MEDIA_TYPE + output.media_type.split(";")[0],
            DCTERMS.MediaType,
        )
        _typed(
            g, distribution, DCTERMS.format, FILE_TYPE + output.eu_format, DCTERMS.MediaTypeOrExtent
        )
        _typed(g, distribution, DCTERMS.conformsTo, output.standard, DCTERMS.Standard)
        if output.csv:
            _typed(
                g,
                distribution,
                DCTERMS.conformsTo,
                f"{nodes.base}/data/projekt.csv-metadata.json",
                DCTERMS.Standard,
            )
        _typed(g, distribution, FOAF.page, nodes.dictionary, FOAF.Document)
        _typed(g, distribution, DCTERMS.license, CC0, DCTERMS.LicenseDocument)


def _api_describe(g: Graph, nodes: _Nodes) -> None:
    """The read API as a distribution and as the data service behind it."""
    api = URIRef(f"{nodes.base}/datasets/dcat#distribution-api")
    g.add((nodes.dataset, DCAT.distribution, api))
    g.add((api, RDF.type, DCAT.Distribution))
    _texts(g, api, DCTERMS.title, "Läs-API (JSON)", "Read API (JSON)")
    _texts(
        g,
        api,
        DCTERMS.description,
        "Projekt, organisationer, program och kategorier som JSON, med webbplatsens filter och "
        "sökning, sida för sida. Ingen nyckel behövs.",
        "Projects, organisations, programmes and categories as JSON, with the website's filters "
        "and search, page by page. No key is needed.",
    )
    _typed(g, api, DCAT.accessURL, f"{nodes.base}/api/v1/", RDFS.Resource)
    g.add((api, DCAT.accessService, nodes.service))
    _typed(g, api, DCAT.mediaType, MEDIA_TYPE + "application/json", DCTERMS.MediaType)
    _typed(g, api, DCTERMS.format, FILE_TYPE + "JSON", DCTERMS.MediaTypeOrExtent)
    _typed(g, api, DCTERMS.conformsTo, f"{nodes.base}/api/v1/openapi.json", DCTERMS.Standard)
    _typed(g, api, DCTERMS.license, CC0, DCTERMS.LicenseDocument)

    g.add((nodes.service, RDF.type, DCAT.DataService))
    _texts(g, nodes.service, DCTERMS.title, "Projektkatalogens läs-API", "The catalogue's read API")
    _texts(
        g,
        nodes.service,
        DCTERMS.description,
        "Ett öppet API för att läsa katalogen; beskrivet med OpenAPI.",
        "An open API for reading the catalogue, described with OpenAPI.",
    )
    _typed(g, nodes.service, DCAT.endpointURL, f"{nodes.base}/api/v1/", RDFS.Resource)
    _typed(
        g,
        nodes.service,
        DCAT.endpointDescription,
        f"{nodes.base}/api/v1/openapi.json",
        RDFS.Resource,
    )
    g.add((nodes.service, DCAT.servesDataset, nodes.dataset))
    g.add((nodes.service, DCTERMS.publisher, nodes.publisher))
    g.add((nodes.service, DCAT.contactPoint, nodes.contact))
    _typed(g, nodes.service, DCTERMS.license, CC0, DCTERMS.LicenseDocument)


def dcat_rdfxml(base: str, *, issued: dt.date, modified: dt.date) -> bytes:
    """Return the description serialised as RDF/XML."""
    return dcat_graph(base, issued=issued, modified=modified).serialize(
        format="xml", encoding="utf-8"
    )
