"""Open-data exports: CSV, XLSX, JSON, JSON-LD, Atom, the data dictionary and DCAT-AP-SE."""

import csv
import io
import json
import re

import pytest
from openpyxl import load_workbook
from rdflib import RDF, BNode, Graph, Literal, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF

from projektkatalog.opendata.formats import TABLES

SECRETS = ("Exempelsson", "+4640123456", "040-12 34 56", "Påhittad Planerare", "040-98 76 54")


def _all_text(client) -> str:  # type: ignore[no-untyped-def]
    texts = []
    for path in ("/data/projekt.json", "/data/projekt.jsonld", "/feed.atom", "/datasets/dcat"):
        texts.append(client.get(path).getvalue().decode())
    texts.append(client.get("/data/projekt.csv").getvalue().decode())
    for table in TABLES.values():
        texts.append(client.get(table.path).getvalue().decode())
    book = load_workbook(io.BytesIO(client.get("/data/projekt.xlsx").getvalue()), read_only=True)
    for sheet in book.worksheets:
        texts += [
            " ".join(str(c) for c in row if c is not None)
            for row in sheet.iter_rows(values_only=True)
        ]
    return "\n".join(texts)


def test_no_export_holds_personal_data_by_default(client, demo_catalogue):
    text = _all_text(client)
    assert "Scand Tick Innovation" in text  # the project with a contact is exported
    for secret in SECRETS:
        assert secret not in text


def test_csv_tables_and_filter(client, demo_catalogue):
    response = client.get("/data/projekt.csv")
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="projekt.csv"' in response["Content-Disposition"]
    body = response.getvalue()
    assert body.startswith(b"id,title,")  # no byte-order mark unless asked for
    projects = list(csv.DictReader(io.StringIO(body.decode("utf-8"))))
    participations = list(
        csv.DictReader(io.StringIO(client.get("/data/participations.csv").getvalue().decode()))
    )
    assert len(projects) == 16
    great = next(p for p in projects if p["short_name"] == "GREAT")
    assert great["categories"] == "Infrastruktur" and great["lead"] == "Region Skåne"
    lighting = next(p for p in projects if p["id"] == "lighting-metropolis-green-economy")
    assert lighting["lead"] == "Ballerup Kommune"
    assert {
        "project": "great-green-region-with-alternative-fuels-for-transport",
        "organisation": "region-skane",
        "organisation_name": "Region Skåne",
        "country": "SE",
        "role": "lead",
        "unit": "",
    } in participations
    filtered = json.loads(client.get("/data/projekt.json?q=erosion").getvalue())
    assert [p["id"] for p in filtered["projects"]] == ["life-coast-adapt"]


def test_xlsx_has_a_sheet_per_table_and_a_column_sheet(client, demo_catalogue):
    book = load_workbook(io.BytesIO(client.get("/data/projekt.xlsx").getvalue()), read_only=True)
    assert (
        book.sheetnames[:2] == ["projects", "participations"] and book.sheetnames[-1] == "columns"
    )
    assert "contacts" not in book.sheetnames
    header = next(book["projects"].iter_rows(values_only=True))
    described = {(r[0], r[1]) for r in book["columns"].iter_rows(min_row=2, values_only=True)}
    assert all(("projects", name) in described for name in header)
    assert sum(1 for _ in book["projects"].iter_rows(values_only=True)) == 17


def test_jsonld_and_feed(client, demo_catalogue, settings):
    settings.PROJEKTKATALOG_BASE_URL = ""  # the address the request came to
    data = json.loads(client.get("/data/projekt.jsonld").getvalue())
    assert data["@context"] == "https://schema.org" and len(data["@graph"]) == 16
    assert all(node["@id"].startswith("http://testserver/projekt/") for node in data["@graph"])
    feed = client.get("/feed.atom")
    assert feed["Content-Type"].startswith("application/atom+xml")
    assert feed.content.count(b"<entry>") == 16
    english = client.get("/feed.atom", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    links = re.findall(r'<link href="([^"]+)" rel="alternate"', english)
    assert len(links) >= 16 and all("/en/" not in x for x in links)
    assert sum(x.startswith("http://testserver/projekt/") for x in links) == 16


def test_data_dictionary_page_lists_every_column(client, demo_catalogue):
    from projektkatalog.opendata.writers import columns

    html = client.get("/data/ordlista/").content.decode()
    for table in columns().values():
        for column in table:
            assert f"<code>{column['name']}</code>" in html


def test_download_link_on_catalogue(client, demo_catalogue):
    html = client.get("/?status=ended").content.decode()
    assert 'href="/data/projekt.csv?status=ended"' in html


def test_dcat_ap_se(client, demo_catalogue):
    g = Graph().parse(data=client.get("/datasets/dcat").content, format="xml")
    catalogs = list(g.subjects(RDF.type, DCAT.Catalog))
    datasets = list(g.subjects(RDF.type, DCAT.Dataset))
    assert len(catalogs) == 1 and len(datasets) == 1
    catalog, dataset = catalogs[0], datasets[0]
    assert not any(isinstance(node, BNode) for triple in g for node in triple)  # no blank nodes
    for subject in (
        catalog,
        dataset,
    ):  # mandatory: title and description in Swedish and English, publisher
        assert {o.language for o in g.objects(subject, DCTERMS.title)} == {"sv", "en"}
        assert {o.language for o in g.objects(subject, DCTERMS.description)} == {"sv", "en"}
        publisher = g.value(subject, DCTERMS.publisher)
        assert g.value(publisher, FOAF.name) == Literal("Region Skåne", lang="sv")
    assert (catalog, DCAT.dataset, dataset) in g
    assert g.value(dataset, DCAT.contactPoint) is not None
    distributions = list(g.objects(dataset, DCAT.distribution))
    assert len(distributions) >= 5
    for distribution in distributions:
        assert g.value(distribution, DCAT.accessURL) is not None
        assert g.value(distribution, DCTERMS.license) == URIRef(
            "http://creativecommons.org/publicdomain/zero/1.0/"
        )


@pytest.mark.parametrize("fmt", ["json", "jsonld", "csv", "xlsx"])
def test_cli_export_formats(cli, tmp_path, demo_path, fmt):
    run = cli
    assert run("import", str(demo_path)).returncode == 0
    out = tmp_path / f"export.{fmt}"
    result = run("export", "--format", fmt, "-o", str(out), "--base-url", "https://p.example")
    assert result.returncode == 0, result.stderr
    assert out.stat().st_size > 1000
