"""The read API: shapes, filters, errors, headers and no personal data by default."""

import json

import pytest


def test_projects_list_filters_and_search(client, demo_catalogue):
    data = client.get("/api/v1/projects?q=erosion").json()
    assert data["count"] == 1 and data["results"][0]["id"] == "life-coast-adapt"
    ended = client.get("/api/v1/projects?status=ended&page_size=5").json()
    assert ended["count"] == 13 and len(ended["results"]) == 5 and ended["pages"] == 3
    assert ended["next"].endswith("page=2") and ended["previous"] is None


def test_project_detail_matches_export_contract(client, demo_catalogue):
    project = client.get(
        "/api/v1/projects/great-green-region-with-alternative-fuels-for-transport"
    ).json()
    assert project["categories"] == ["Infrastruktur"]
    assert project["period"] == {"start": "2015", "end": "2019", "text": "2015-2019"}
    assert project["url"].endswith(
        "/projekt/great-green-region-with-alternative-fuels-for-transport/"
    )


@pytest.mark.parametrize(
    ("path", "words"),
    [
        ("/api/v1/projects?status=bogus", "status must be one of: ongoing, planned"),
        ("/api/v1/projects?page=0", "page"),
        ("/api/v1/projects?ar=abc", "ar"),
    ],
)
def test_errors_are_json_with_a_clear_message(client, demo_catalogue, path, words):
    response = client.get(path)
    assert response.status_code == 400
    assert words in response.json()["detail"]


def test_not_found_is_json(client, demo_catalogue):
    response = client.get("/api/v1/projects/finns-inte")
    assert response.status_code == 404 and response.json() == {"detail": "Not Found"}


def test_headers(client, demo_catalogue):
    response = client.get("/api/v1/projects")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Cache-Control"] == "public, max-age=300"
    etag = response["ETag"]
    assert client.get("/api/v1/projects", HTTP_IF_NONE_MATCH=etag).status_code == 304
    preflight = client.options("/api/v1/projects")
    assert preflight.status_code == 204 and "GET" in preflight["Access-Control-Allow-Methods"]


def test_openapi_and_docs(client, demo_catalogue):
    schema = client.get("/api/v1/openapi.json").json()
    assert schema["openapi"].startswith("3.")
    assert {
        "/api/v1/projects",
        "/api/v1/organisations",
        "/api/v1/programmes",
        "/api/v1/categories",
    } <= set(schema["paths"])
    docs = client.get("/api/v1/docs")
    assert docs.status_code == 200 and b"swagger" in docs.content.lower()


def test_no_personal_data_by_default(client, demo_catalogue):
    text = ""
    page = 1
    while True:
        data = client.get(f"/api/v1/projects?page_size=10&page={page}").json()
        text += json.dumps(data, ensure_ascii=False)
        if not data["next"]:
            break
        page += 1
    assert "Scand Tick Innovation" in text  # the project whose contact must stay hidden is there
    for secret in ("Exempelsson", "+4640123456", "Påhittad Planerare", "+4640987654"):
        assert secret not in text


def test_contacts_when_the_operator_publishes_them(client, demo_catalogue, settings):
    settings.PROJEKTKATALOG_PUBLIC_CONTACTS = True
    project = client.get("/api/v1/projects/scand-tick-innovation").json()
    assert project["contacts"][0]["name"] == "Exempel Exempelsson"


def test_status_values_are_the_listing_statuses():
    import typing

    from projektkatalog.api.views import Status
    from projektkatalog.catalogue.listing import STATUSES

    assert list(typing.get_args(Status)) == STATUSES


def test_project_urls_name_the_swedish_page_whatever_language_is_asked(client, demo_catalogue):
    slug = "great-green-region-with-alternative-fuels-for-transport"
    for language in ("sv", "en"):
        listed = client.get("/api/v1/projects?q=great+green", HTTP_ACCEPT_LANGUAGE=language).json()
        one = client.get(f"/api/v1/projects/{slug}", HTTP_ACCEPT_LANGUAGE=language).json()
        assert listed["results"][0]["url"] == one["url"] == f"http://testserver/projekt/{slug}/"


@pytest.mark.django_db
def test_organisation_search_folds_case_and_diacritics_and_pages_in_order(client):
    from projektkatalog.catalogue import models as m

    malmo = m.Organisation.objects.create(name="Malmö stad", slug="malmo-stad", country="SE")
    m.OrganisationAlias.objects.create(organisation=malmo, name="City of Malmoe")
    m.Organisation.objects.create(name="Københavns Kommune", slug="kobenhavns-kommune")
    for i in range(7):
        m.Organisation.objects.create(name=f"Stadsbyggnad {i}", slug=f"stadsbyggnad-{i}")

    def found(q: str, **params: object) -> dict:  # type: ignore[type-arg]
        return client.get("/api/v1/organisations", {"q": q, **params}).json()

    assert [o["id"] for o in found("MALMO")["results"]] == ["malmo-stad"]
    assert [o["id"] for o in found("city of")["results"]] == ["malmo-stad"]  # an alias
    assert [o["id"] for o in found("københavn")["results"]] == ["kobenhavns-kommune"]
    assert found("nowhere")["count"] == 0 and found("nowhere")["pages"] == 1
    page = found("stad", page=2, page_size=3)
    assert page["count"] == 8 and page["pages"] == 3
    assert [o["id"] for o in page["results"]] == [f"stadsbyggnad-{i}" for i in (2, 3, 4)]
    everything = client.get("/api/v1/organisations?page_size=4&page=3").json()
    assert everything["count"] == 9 and everything["pages"] == 3
    assert [o["id"] for o in everything["results"]] == ["stadsbyggnad-6"]
    # The answers follow the catalogue: a new alias is found at once.
    m.OrganisationAlias.objects.create(organisation=malmo, name="Malmö kommun")
    assert [o["id"] for o in found("malmo kommun")["results"]] == ["malmo-stad"]
