"""The writers' rules one by one: ISO dates for schema.org, whole sentences, CSV files and their
CSV on the Web description, the base URL, and the checks themselves catching what was wrong."""

from __future__ import annotations

import csv
import io
import json

import pytest

from projektkatalog.opendata import writers
from projektkatalog.opendata.formats import FORMATS, TABLES
from projektkatalog.opendata.summaries import summary_sentences
from tests.opendata.checks import schema_org_problems
from tests.opendata.conftest import BASE


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        ("2015", "2019", {"foundingDate": "2015-01-01", "dissolutionDate": "2019-12-31"}),
        ("2016-04", "2020-03", {"foundingDate": "2016-04-01", "dissolutionDate": "2020-03-31"}),
        ("2018", "2019-22", {"foundingDate": "2018-01-01", "dissolutionDate": "2019-08-31"}),
        ("2019-21", "2019-24", {"foundingDate": "2019-03-01", "dissolutionDate": "2019-12-31"}),
        ("2015-09-01", "..", {"foundingDate": "2015-09-01"}),
        (None, "2020-09-30", {"dissolutionDate": "2020-09-30"}),
        (None, None, {}),
    ],
)
def test_schema_dates_are_iso_8601(start, end, expected):
    assert writers.schema_dates(start, end) == expected


@pytest.mark.parametrize(
    ("text", "limit", "expected"),
    [
        ("Kort text.", 600, "Kort text."),
        ("Första meningen. Andra meningen är längre.", 30, "Första meningen."),
        ("Vad gör projektet? Det bygger broar.", 25, "Vad gör projektet?"),
        ("ett mycket långt ord utan punkt", 16, "ett mycket…"),
        ("  radbrytningar\n och   mellanslag  ", 600, "radbrytningar och mellanslag"),
    ],
)
def test_summaries_end_with_a_sentence_or_a_whole_word(text, limit, expected):
    assert summary_sentences(text, limit) == expected


def test_multi_valued_columns_name_the_writers_separator():
    separators = {c.get("separator") for table in writers.columns().values() for c in table} - {
        None
    }
    assert separators == {writers.SEPARATOR}


def test_each_table_has_a_csv_of_its_own_with_the_dictionarys_columns(client, demo_catalogue):
    for output in [FORMATS["csv"], *TABLES.values()]:
        response = client.get(output.path)
        assert response["Content-Type"] == "text/csv; charset=utf-8", output.path
        header = next(csv.reader(io.StringIO(response.getvalue().decode("utf-8"))))
        table = "projects" if output is FORMATS["csv"] else output.name
        assert header == [c["name"] for c in writers.columns()[table]]
    assert client.get("/data/contacts.csv").status_code == 404  # personal data: never a CSV
    assert client.get("/data/nothing.csv").status_code == 404


def test_a_byte_order_mark_only_when_asked_for(client, demo_catalogue):
    plain = client.get("/data/projekt.csv").getvalue()
    marked = client.get("/data/projekt.csv?bom=1").getvalue()
    assert not plain.startswith(b"\xef\xbb\xbf")
    assert marked == b"\xef\xbb\xbf" + plain
    filtered = client.get("/data/projekt.csv?status=ended&bom=1").getvalue()
    assert filtered.startswith(b"\xef\xbb\xbfid,") and len(filtered) < len(marked)
    assert not client.get("/data/projekt.json?bom=1").getvalue().startswith(b"\xef\xbb\xbf")


def test_csv_on_the_web_metadata_describes_the_files(client, demo_catalogue, tmp_path):
    """Save the metadata and the CSV files side by side and let csvw read them as one group."""
    from csvw import CSVW

    from tests.conftest import TWO_CATEGORIES_PAGE, catalogue_load

    catalogue_load(TWO_CATEGORIES_PAGE, "teman.txt")  # a list-valued cell

    response = client.get("/data/projekt.csv-metadata.json")
    assert response["Content-Type"] == "application/csvm+json"
    metadata = json.loads(response.content)
    (tmp_path / "projekt.csv-metadata.json").write_bytes(response.content)
    for table in metadata["tables"]:
        (tmp_path / table["url"]).write_bytes(client.get(f"/data/{table['url']}").getvalue())
    group = CSVW(str(tmp_path / "projekt.csv-metadata.json"), validate=True)
    assert group.is_valid
    projects = next(t for t in group.tables if str(t.url) == "projekt.csv")
    solar = next(row for row in projects if row["id"] == "solceller-pa-skoltak")
    assert solar["categories"] == ["Energi", "Utbildning"]
    great = next(row for row in projects if row["short_name"] == "GREAT")
    assert great["categories"] == ["Infrastruktur"]


def test_jsonld_needs_an_absolute_base_url(cli, demo_path, tmp_path):
    assert cli("import", str(demo_path)).returncode == 0
    out = tmp_path / "projekt.jsonld"
    refused = cli(
        "export", "--format", "jsonld", "-o", str(out), env={"PROJEKTKATALOG_BASE_URL": ""}
    )
    assert refused.returncode != 0 and "PROJEKTKATALOG_BASE_URL" in refused.stderr
    result = cli(
        "export",
        "--format",
        "jsonld",
        "-o",
        str(out),
        env={"PROJEKTKATALOG_BASE_URL": "https://projekt.example.se/"},
    )
    assert result.returncode == 0, result.stderr
    ids = [node["@id"] for node in json.loads(out.read_text())["@graph"]]
    assert ids and all(i.startswith("https://projekt.example.se/projekt/") for i in ids)


def test_the_page_and_the_download_give_a_project_the_same_id(client, demo_catalogue):
    download = json.loads(client.get("/data/projekt.jsonld").getvalue())["@graph"]
    node = next(n for n in download if n["@id"].endswith("/projekt/life-coast-adapt/"))
    html = client.get("/en/projekt/life-coast-adapt/").content.decode()
    assert f'"@id": "{node["@id"]}"' in html


def test_the_checks_find_what_the_old_json_ld_got_wrong(validators):
    """The checks must be able to fail: the JSON-LD as it was before issue 12."""
    old = {
        "@context": "https://schema.org",
        "@graph": [
            {
                "@type": "Project",
                "@id": "/projekt/x/",
                "name": "X",
                "inLanguage": "sv",
                "member": [
                    {"@type": "Organization", "@id": "/o/", "name": "O", "roleName": "lead"}
                ],
                "dissolutionDate": "2019-22",
            }
        ],
    }
    problems = schema_org_problems(old, BASE, validators)
    assert "a relative @id (needs an absolute IRI)" in problems
    assert "dissolutionDate '2019-22' is not an ISO 8601 date" in problems
    assert any(p.startswith("inLanguage is not a property of") for p in problems)
    assert any(p.startswith("roleName is not a property of") for p in problems)


def test_a_changed_writer_never_serves_a_file_an_older_one_wrote(
    client, demo_catalogue, settings, tmp_path, monkeypatch
):
    from projektkatalog.site.views import downloads

    settings.VAR_DIR = tmp_path
    assert client.get("/data/projekt.csv").getvalue().startswith(b"id,")
    monkeypatch.setattr(
        writers, "table_csv_stream", lambda document, table, base, out: out.write(b"new,writer\r\n")
    )
    assert client.get("/data/projekt.csv").getvalue().startswith(b"id,")  # same code: cached
    monkeypatch.setattr(downloads, "_writers_fingerprint", lambda: "a newer version")
    assert client.get("/data/projekt.csv").getvalue() == b"new,writer\r\n"


@pytest.mark.parametrize(
    ("writer", "route"),
    [
        ("project_url", "site:project"),
        ("organisation_url", "site:organisation"),
        ("programme_url", "site:programme"),
    ],
)
def test_open_data_ids_are_the_sites_own_swedish_urls(writer, route):
    """opendata/ names pages without the site's URLconf (it sits below the site); this keeps
    its three URL rules and the site's routes one and the same."""
    from django.urls import reverse
    from django.utils import translation

    from projektkatalog.opendata import writers

    with translation.override("sv"):
        expected = "https://p.example" + reverse(route, args=["en-sida-1"])
    assert getattr(writers, writer)("https://p.example", "en-sida-1") == expected


def test_a_download_left_half_written_by_a_killed_worker_is_cleared(
    client, demo_catalogue, settings, tmp_path
):
    """A worker killed while writing the whole catalogue's file leaves its part behind; the next
    writer of that file removes it, and leaves other files' parts (their writers may be busy)."""
    settings.VAR_DIR = tmp_path
    folder = tmp_path / "downloads"
    folder.mkdir()
    left = folder / "projekt.csv.k1ll3d.part"
    left.write_bytes(b"id,title\r\nhalf")
    other = folder / "projekt.xlsx.busy.part"
    other.write_bytes(b"PK")
    body = client.get("/data/projekt.csv").getvalue()
    assert body.startswith(b"id,") and b"half" not in body
    assert not left.exists() and other.exists()
    assert [p.name for p in folder.glob("projekt-*.csv")]  # the whole file, under its own name


def test_every_tables_rows_follow_the_data_dictionary():
    """The writers build rows as tuples; their order must be the dictionary's columns."""
    from projektkatalog.opendata import writers

    assert set(writers.ROW_FIELDS) == set(writers.columns())
    for table in writers.columns():
        assert writers.column_names(table) == list(writers.ROW_FIELDS[table])
