"""Editing a project in the workspace: one page, periods in words, rich text, drafts, conflicts."""

from __future__ import annotations

import pytest
from django.utils import timezone

from projektkatalog.catalogue import models as m
from tests.workspace.conftest import form_data

pytestmark = pytest.mark.django_db

SLUG = "tillvaxtskapande-stadskvaliteter-i-skane"


def _change_url(slug: str = SLUG) -> str:
    return f"/admin/catalogue/project/{m.Project.objects.get(slug=slug).pk}/change/"


def _post(client, url: str, **changes):  # type: ignore[no-untyped-def]
    page = client.get(url)
    assert page.status_code == 200
    data = form_data(page.content.decode(), "project_form")
    data.update(changes)
    data["_continue"] = "1"
    return client.post(url, data)


def test_project_page_holds_every_part(editor_client, demo_catalogue):
    html = editor_client.get(_change_url()).content.decode()
    for prefix in (
        "projectcategory_set",
        "projectprogramme_set",
        "participations",
        "funding",
        "links",
        "contacts",
    ):
        assert f'name="{prefix}-TOTAL_FORMS"' in html, prefix
    assert "Tolkad som" in html


def test_period_in_words_is_understood_and_shown_back(editor_client, demo_catalogue):
    response = _post(
        editor_client, _change_url(), period_text="sommaren 2019", period_start="", period_end=""
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    project = m.Project.objects.get(slug=SLUG)
    assert (project.period_start, project.period_end) == ("2019-22", "2019-22")
    assert project.start_date.isoformat() == "2019-06-01"
    assert project.end_date.isoformat() == "2019-08-31"
    assert "sommaren 2019" in editor_client.get(_change_url()).content.decode()


def test_dates_in_words_and_impossible_dates(editor_client, demo_catalogue):
    response = _post(editor_client, _change_url(), period_start="juni 2019", period_end="2021")
    assert response.status_code == 302
    project = m.Project.objects.get(slug=SLUG)
    assert (project.period_start, project.period_end) == ("2019-06", "2021")
    response = _post(editor_client, _change_url(), period_start="31 april 2019")
    assert response.status_code == 200
    assert "finns inte" in response.content.decode()
    response = _post(editor_client, _change_url(), period_start="nästa vår kanske")
    assert "gick inte att tolka" in response.content.decode()
    assert m.Project.objects.get(slug=SLUG).period_start == "2019-06"


def test_description_is_sanitised_rich_text(editor_client, demo_catalogue):
    html = (
        '<h2>Mål</h2><p onclick="steal()">Bättre <a href="javascript:alert(1)">stad</a> och '
        '<a href="https://example.se/">mer</a></p><script>alert(1)</script><ul><li>ett</li></ul>'
    )
    assert _post(editor_client, _change_url(), description=html).status_code == 302
    stored = m.Project.objects.get(slug=SLUG).description
    assert "<script" not in stored and "onclick" not in stored and "javascript:" not in stored
    assert "<h2>Mål</h2>" in stored and "<li>ett</li>" in stored
    assert 'href="https://example.se/"' in stored
    public = editor_client.get(f"/projekt/{SLUG}/").content.decode()
    assert "<h2>Mål</h2>" in public and "alert(1)" not in public
    # The words of the new description are searchable at once.
    found = editor_client.get("/api/v1/projects?q=Bättre stad").json()
    assert [p["id"] for p in found["results"]] == [SLUG]


def test_draft_is_not_public_until_published(client, editor, demo_catalogue):
    project = m.Project.objects.get(slug=SLUG)
    project.state = m.Project.State.DRAFT
    project.save()
    title = project.title
    assert client.get(f"/projekt/{SLUG}/").status_code == 404
    assert client.get(f"/en/projekt/{SLUG}/").status_code == 404
    assert title not in client.get("/").content.decode()
    assert title not in client.get("/?q=stadskvaliteter").content.decode()
    assert client.get(f"/api/v1/projects/{SLUG}").status_code == 404
    api = client.get("/api/v1/projects?page_size=100").json()
    assert SLUG not in [p["id"] for p in api["results"]]
    for path in ("/data/projekt.json", "/data/projekt.csv", "/feed.atom", "/sitemap.xml"):
        body = client.get(path).getvalue()
        assert SLUG.encode() not in body, path
    # Editors see the draft, marked as one.
    client.force_login(editor)
    assert "Utkast" in client.get(f"/projekt/{SLUG}/").content.decode()
    client.logout()
    # Publishing with the list action makes it public.
    client.force_login(editor)
    response = client.post(
        "/admin/catalogue/project/",
        {"action": "publish", "_selected_action": [project.pk]},
    )
    assert response.status_code == 302
    client.logout()
    assert client.get(f"/projekt/{SLUG}/").status_code == 200


def test_new_project_starts_as_draft(editor_client, demo_catalogue):
    page = editor_client.get("/admin/catalogue/project/add/").content.decode()
    data = form_data(page, "project_form")
    assert data["state"] == "draft"
    data.update(title="Nytt testprojekt", slug="nytt-testprojekt", period_start="2026")
    response = editor_client.post("/admin/catalogue/project/add/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    project = m.Project.objects.get(slug="nytt-testprojekt")
    assert project.state == "draft" and project.start_year == 2026


def test_second_of_two_concurrent_saves_is_refused(client, editor, administrator, demo_catalogue):
    from django.test import Client

    first, second = Client(), Client()
    first.force_login(editor)
    second.force_login(administrator)
    url = _change_url()
    form_first = form_data(first.get(url).content.decode(), "project_form")
    form_second = form_data(second.get(url).content.decode(), "project_form")
    form_first.update(title="Titel från den första", _continue="1")
    assert first.post(url, form_first).status_code == 302
    form_second.update(short_name="ANDRA", _continue="1")
    response = second.post(url, form_second)
    assert response.status_code == 200
    text = response.content.decode()
    assert "ändrades av redaktor" in text and "Ändrat: titel." in text
    project = m.Project.objects.get(slug=SLUG)
    assert project.title == "Titel från den första" and project.short_name != "ANDRA"
    # Having been told, the second editor may save deliberately: the form now carries the
    # version it was shown against.
    again = form_data(text, "project_form")
    again.update(short_name="ANDRA", _continue="1")
    assert second.post(url, again).status_code == 302
    assert m.Project.objects.get(slug=SLUG).short_name == "ANDRA"


def test_public_page_shows_last_changed(client, demo_catalogue):
    project = m.Project.objects.get(slug=SLUG)
    html = client.get(f"/projekt/{SLUG}/").content.decode()
    assert "Senast ändrat" in html
    assert f'datetime="{timezone.localtime(project.updated_at).date().isoformat()}"' in html


def test_period_in_words_wins_over_dates_already_there(client, editor_client, demo_catalogue):
    before = m.Project.objects.get(slug=SLUG)
    assert before.period_start and before.period_end  # the project has dates already
    response = _post(editor_client, _change_url(), period_text="hösten 2018 till våren 2020")
    assert response.status_code == 302, response.content.decode()[:2000]
    project = m.Project.objects.get(slug=SLUG)
    assert (project.period_start, project.period_end) == ("2018-23", "2020-21")
    public = client.get(f"/projekt/{SLUG}/").content.decode()
    assert "hösten 2018" in public and "våren 2020" in public
    # The start field shows the season in words, not its EDTF code.
    html = editor_client.get(_change_url()).content.decode()
    assert 'value="hösten 2018"' in html and 'value="2018-23"' not in html
    # Saving again without touching it keeps the same period.
    assert _post(editor_client, _change_url()).status_code == 302
    assert m.Project.objects.get(slug=SLUG).period_start == "2018-23"


def test_words_and_dates_that_disagree_are_refused(editor_client, demo_catalogue):
    before = m.Project.objects.get(slug=SLUG)
    response = _post(
        editor_client,
        _change_url(),
        period_text="2019",
        period_start="2015-01-01",
        period_end="2016-12-31",
    )
    assert response.status_code == 200
    assert "säger olika saker" in response.content.decode()
    after = m.Project.objects.get(slug=SLUG)
    assert (after.period_start, after.period_end) == (before.period_start, before.period_end)


def test_dates_changed_under_old_words_drop_the_words(editor_client, demo_catalogue):
    _post(editor_client, _change_url(), period_text="sommaren 2019", period_start="", period_end="")
    response = _post(editor_client, _change_url(), period_start="2020-01-01", period_end="2021")
    assert response.status_code == 302
    project = m.Project.objects.get(slug=SLUG)
    assert (project.period_start, project.period_end, project.period_text) == (
        "2020-01-01",
        "2021",
        "",
    )


def test_history_says_what_the_editor_changed(editor_client, demo_catalogue):
    from reversion.models import Version

    project = m.Project.objects.get(slug=SLUG)
    m.Project.objects.filter(pk=project.pk).update(
        description="Första stycket om orterna.\n\nAndra stycket om planeringen.\n"
    )
    description = form_data(editor_client.get(_change_url()).content.decode(), "project_form")[
        "description"
    ]
    assert "\n" in description
    as_a_browser_sends_it = "\n" + description.replace("\n", "\r\n") + "\r\n"
    response = _post(
        editor_client, _change_url(), title="Ny titel", description=as_a_browser_sends_it
    )
    assert response.status_code == 302
    comment = Version.objects.get_for_object(project).first().revision.get_comment()
    assert "Titel" in comment
    assert "edited_from" not in comment and "Beskrivning" not in comment
    html = editor_client.get(f"/admin/catalogue/project/{project.pk}/history/").content.decode()
    assert "edited_from" not in html and "Jämför med nu" in html
