"""The DCAT-AP-SE description of the catalogue's datasets, as RDF/XML for dataportal.se.

Every node has a URI (no blank nodes), titles and descriptions are in Swedish and English, and
the licence is CC0 1.0 by its exact URI.
"""

from __future__ import annotations

from django.conf import settings
from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF

from projektkatalog.opendata.formats import FORMATS

VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
CC0 = URIRef("http://creativecommons.org/publicdomain/zero/1.0/")
PUBLIC_BODY = URIRef("http://purl.org/adms/publishertype/RegionalAuthority")


def dcat_graph(base: str) -> Graph:
    """Return the catalogue, its dataset and distributions, publisher and contact point."""
    g = Graph()
    for prefix, ns in (("dcat", DCAT), ("dcterms", DCTERMS), ("foaf", FOAF), ("vcard", VCARD)):
        g.bind(prefix, ns)
    catalog = URIRef(f"{base}/datasets/dcat#catalog")
    dataset = URIRef(f"{base}/datasets/dcat#projects")
    publisher = URIRef(f"{base}/datasets/dcat#publisher")
    contact = URIRef(f"{base}/datasets/dcat#contact")
    name = settings.PROJEKTKATALOG_PUBLISHER
    email = settings.PROJEKTKATALOG_CONTACT_EMAIL

    g.add((catalog, RDF.type, DCAT.Catalog))
    g.add((catalog, DCTERMS.title, Literal(f"{name}s projektkatalog", lang="sv")))
    g.add((catalog, DCTERMS.title, Literal(f"{name} project catalogue", lang="en")))
    g.add(
        (
            catalog,
            DCTERMS.description,
            Literal(f"Öppna data om projekt och samarbeten som {name} deltar i.", lang="sv"),
        )
    )
    g.add(
        (
            catalog,
            DCTERMS.description,
            Literal(
                f"Open data on the projects and collaborations {name} takes part in.", lang="en"
            ),
        )
    )
    g.add((catalog, DCTERMS.publisher, publisher))
    g.add((catalog, DCTERMS.license, CC0))
    g.add((catalog, FOAF.homepage, URIRef(f"{base}/")))
    g.add((catalog, DCAT.dataset, dataset))

    g.add((publisher, RDF.type, FOAF.Agent))
    g.add((publisher, FOAF.name, Literal(name, lang="sv")))
    g.add((publisher, DCTERMS.type, PUBLIC_BODY))

    g.add((contact, RDF.type, VCARD.Organization))
    g.add((contact, VCARD.fn, Literal(name)))
    g.add((contact, VCARD.hasEmail, URIRef(f"mailto:{email}")))

    g.add((dataset, RDF.type, DCAT.Dataset))
    g.add((dataset, DCTERMS.title, Literal("Projekt och samarbeten", lang="sv")))
    g.add((dataset, DCTERMS.title, Literal("Projects and collaborations", lang="en")))
    g.add(
        (
            dataset,
            DCTERMS.description,
            Literal(
                "Projekt och samarbeten med kategorier, deltagande organisationer och roller, program, "
                "perioder, belopp och länkar.",
                lang="sv",
            ),
        )
    )
    g.add(
        (
            dataset,
            DCTERMS.description,
            Literal(
                "Projects and collaborations with categories, participating organisations and their "
                "roles, programmes, periods, amounts and links.",
                lang="en",
            ),
        )
    )
    g.add((dataset, DCTERMS.publisher, publisher))
    g.add((dataset, DCAT.contactPoint, contact))
    g.add((dataset, DCAT.landingPage, URIRef(f"{base}/")))
    g.add((dataset, DCAT.keyword, Literal("projekt", lang="sv")))
    g.add((dataset, DCAT.keyword, Literal("EU-projekt", lang="sv")))
    g.add((dataset, DCAT.keyword, Literal("projects", lang="en")))
    g.add(
        (
            dataset,
            DCAT.theme,
            URIRef("http://publications.europa.eu/resource/authority/data-theme/GOVE"),
        )
    )
    g.add((dataset, DCTERMS.conformsTo, URIRef(f"{base}/data/ordlista/")))
    for fmt in FORMATS:
        distribution = URIRef(f"{base}/datasets/dcat#distribution-{fmt}")
        g.add((dataset, DCAT.distribution, distribution))
        g.add((distribution, RDF.type, DCAT.Distribution))
        g.add(
            (
                distribution,
                DCTERMS.title,
                Literal(f"Projekt och samarbeten ({fmt.upper()})", lang="sv"),
            )
        )
        g.add(
            (
                distribution,
                DCTERMS.title,
                Literal(f"Projects and collaborations ({fmt.upper()})", lang="en"),
            )
        )
        g.add((distribution, DCAT.accessURL, URIRef(f"{base}/data/projekt.{fmt}")))
        g.add((distribution, DCAT.downloadURL, URIRef(f"{base}/data/projekt.{fmt}")))
        g.add(
            (
                distribution,
                DCAT.mediaType,
                URIRef(
                    "http://www.iana.org/assignments/media-types/"
                    + FORMATS[fmt].media_type.split(";")[0]
                ),
            )
        )
        g.add(
            (
                distribution,
                DCTERMS.format,
                URIRef(
                    "http://publications.europa.eu/resource/authority/file-type/"
                    + FORMATS[fmt].eu_format
                ),
            )
        )
        g.add((distribution, DCTERMS.license, CC0))
    api = URIRef(f"{base}/datasets/dcat#distribution-api")
    g.add((dataset, DCAT.distribution, api))
    g.add((api, RDF.type, DCAT.Distribution))
    g.add((api, DCTERMS.title, Literal("Läs-API (JSON)", lang="sv")))
    g.add((api, DCTERMS.title, Literal("Read API (JSON)", lang="en")))
    g.add((api, DCAT.accessURL, URIRef(f"{base}/api/v1/")))
    g.add((api, DCTERMS.conformsTo, URIRef(f"{base}/api/v1/openapi.json")))
    g.add((api, DCTERMS.license, CC0))
    return g


def dcat_rdfxml(base: str) -> bytes:
    """Return the description serialised as RDF/XML."""
    return dcat_graph(base).serialize(format="xml", encoding="utf-8")
