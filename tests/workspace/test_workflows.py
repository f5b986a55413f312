"""The workspace's workflows: import review, quality, organisations, contacts, history, roles."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from reversion.models import Version

from projektkatalog.catalogue import models as m
from projektkatalog.workspace.models import PendingImport
from tests.conftest import DEMO
from tests.workspace.conftest import form_data

pytestmark = pytest.mark.django_db

EXTRA_PAGE = """Projekt och samarbeten

Kultur

Testfyren
Ett påhittat projekt om fyrar längs kusten.
Projekttid: 2024-01-01 – 2026-12-31
Projektägare: Region Skåne. Partner: Malmö stad
"""


def _upload(client, name: str, text: str):  # type: ignore[no-untyped-def]
    return client.post(
        "/admin/import/", {"file": SimpleUploadedFile(name, text.encode()), "mapping": ""}
    )


def test_import_preview_changes_nothing_until_confirmed(editor_client, demo_catalogue):
    before = sorted(m.Project.objects.values_list("slug", "title"))
    response = _upload(editor_client, "extra.txt", EXTRA_PAGE)
    assert response.status_code == 302
    review = editor_client.get(response["Location"])
    html = review.content.decode()
    assert "testfyren" in html and "Läggs till (1)" in html
    assert sorted(m.Project.objects.values_list("slug", "title")) == before
    assert not m.Source.objects.filter(name="extra.txt").exists()
    # Cancel: nothing changed, the upload is gone.
    editor_client.post(response["Location"], {"cancel": "1"})
    assert not PendingImport.objects.exists()
    assert sorted(m.Project.objects.values_list("slug", "title")) == before
    # Upload again and confirm: now it is in, as one revision with the editor's name.
    response = _upload(editor_client, "extra.txt", EXTRA_PAGE)
    done = editor_client.post(response["Location"], {"confirm": "1"})
    assert done.status_code == 302
    project = m.Project.objects.get(slug="testfyren")
    assert project.period_start == "2024-01-01"
    versions = Version.objects.get_for_object(project)
    assert versions.count() == 1 and versions[0].revision.user.username == "redaktor"


def test_import_of_a_changed_page_previews_changes_and_removals(editor_client, demo_catalogue):
    text = DEMO.read_text(encoding="utf-8")
    first_title = m.Project.objects.order_by("position")[0].title
    changed = text.replace(first_title, first_title + " II", 1)
    response = _upload(editor_client, DEMO.name, changed)
    html = editor_client.get(response["Location"]).content.decode()
    assert "Läggs till (1)" in html and "Tas bort (1)" in html
    assert m.Project.objects.filter(title=first_title).exists()


def test_bad_upload_gives_one_line_and_changes_nothing(editor_client, demo_catalogue):
    response = editor_client.post(
        "/admin/import/", {"file": SimpleUploadedFile("tom.txt", b"   \n")}
    )
    assert response.status_code == 200
    assert "tom.txt: Filen är tom." in response.content.decode()
    response = editor_client.post(
        "/admin/import/", {"file": SimpleUploadedFile("bild.txt", b"\x89PNG\x00\x00binary")}
    )
    assert "inte en text- eller HTML-sida" in response.content.decode()
    assert not PendingImport.objects.exists()


def test_every_kind_of_unreadable_file_is_explained_in_swedish():
    """Each code a SourceError can carry (limits and mapping shape included) has words for it."""
    import re
    from pathlib import Path

    from projektkatalog.workspace.views.imports import SOURCE_ERRORS

    src = Path(__file__).resolve().parents[2] / "src" / "projektkatalog" / "catalogue"
    raised = set()
    for path in src.glob("*.py"):
        text = path.read_text(encoding="utf-8")
        raised |= set(re.findall(r'code="([a-z-]+)"', text))
        raised |= set(re.findall(r'return "([a-z-]+)", ', text))  # limits_problem's codes
        if 'code=f"no-projects-{kind}"' in text:
            raised |= {"no-projects-page", "no-projects-file"}
    assert {"too-large", "too-many-columns", "archive-too-large", "mapping-shape"} <= raised
    assert raised <= set(SOURCE_ERRORS), raised - set(SOURCE_ERRORS)


def test_a_file_over_the_limits_is_explained_in_swedish(editor_client, demo_catalogue):
    wide = ",".join(f"k{i}" for i in range(1_500)).encode() + b"\n"
    response = editor_client.post("/admin/import/", {"file": SimpleUploadedFile("bred.csv", wide)})
    assert "bred.csv: Tabellen har fler än 1 000 kolumner" in response.content.decode()
    assert not PendingImport.objects.exists()


def test_quality_dashboard_lists_links_to_fix_and_accepts(editor_client, demo_catalogue):
    project = m.Project.objects.get(slug="sydkustleden")
    m.Link.objects.create(project=project, label="Rapporten", url=None)
    alias_org = m.Organisation.objects.get(name="Malmö stad")
    m.OrganisationAlias.objects.create(organisation=alias_org, name="Malmö sta", reviewed=False)
    contact = m.Contact.objects.first()
    m.Contact.objects.filter(pk=contact.pk).update(
        checked_at=dt.datetime(2020, 1, 1, tzinfo=dt.UTC)
    )
    html = editor_client.get("/admin/kvalitet/").content.decode()
    for code in ("link-without-url", "alias-unreviewed", "contact-unchanged", "no-contact"):
        assert code in html, code
    assert f"/admin/catalogue/project/{project.pk}/change/" in html
    assert f"/admin/catalogue/organisation/{alias_org.pk}/change/" in html
    # Stored findings of the import are there too.
    assert "demo-page.txt" in html
    # ... except those a live check answers from the data as it is now (no double listing).
    assert "missing-contact" not in html
    link_rows = editor_client.get("/admin/kvalitet/?kod=link-without-url").content.decode()
    assert "Rapporten" in link_rows
    editor_client.post(
        "/admin/kvalitet/?kod=link-without-url",
        {"project": project.pk, "code": "link-without-url", "detail": "Rapporten"},
    )
    assert (
        "Rapporten"
        not in editor_client.get("/admin/kvalitet/?kod=link-without-url").content.decode()
    )
    accepted = editor_client.get("/admin/kvalitet/?godkanda=1").content.decode()
    assert "Rapporten" in accepted
    # Fixing the data makes a live finding go away by itself.
    alias = m.OrganisationAlias.objects.get(name="Malmö sta")
    alias.reviewed = True
    alias.save()
    assert (
        "Malmö sta "
        not in editor_client.get("/admin/kvalitet/?kod=alias-unreviewed").content.decode()
    )


def test_merge_keeps_every_participation(editor_client, demo_catalogue):
    a, b = (
        m.Organisation.objects.annotate(n=__import__("django").db.models.Count("participations"))
        .filter(n__gt=0)
        .order_by("-n")[:2]
    )
    projects_a = set(a.participations.values_list("project_id", flat=True))
    projects_b = set(b.participations.values_list("project_id", flat=True))
    response = editor_client.post(
        "/admin/catalogue/organisation/",
        {"action": "merge", "_selected_action": [a.pk, b.pk], "keep": a.pk},
    )
    assert response.status_code == 302
    a.refresh_from_db()
    assert set(a.participations.values_list("project_id", flat=True)) == projects_a | projects_b
    assert not m.Organisation.objects.filter(pk=b.pk).exists()
    assert b.name in a.aliases.values_list("name", flat=True)
    # The other name still finds the projects.
    some = next(iter(projects_b))
    slug = m.Project.objects.get(pk=some).slug
    found = editor_client.get(f"/api/v1/projects?q={b.name}&page_size=100").json()
    assert slug in [p["id"] for p in found["results"]]
    # Split the wrong merge: the name becomes an organisation again with the chosen projects.
    moved = list(a.participations.filter(project_id__in=projects_b - projects_a))
    response = editor_client.post(
        f"/admin/catalogue/organisation/{a.pk}/dela/",
        {"name": b.name, "participation": [x.pk for x in moved], "country": b.country},
    )
    assert response.status_code == 302
    new = m.Organisation.objects.get(name=b.name)
    assert set(new.participations.values_list("project_id", flat=True)) == projects_b - projects_a
    assert b.name not in a.aliases.values_list("name", flat=True)


def test_departed_contact_appears_nowhere_public(client, editor_client, demo_catalogue):
    contact = m.Contact.objects.select_related("project").get(name="Exempel Exempelsson")
    slug = contact.project.slug
    assert contact.name in client.get(f"/projekt/{slug}/").content.decode()
    response = editor_client.post(
        "/admin/catalogue/contact/", {"action": "leave", "_selected_action": [contact.pk]}
    )
    assert response.status_code == 302
    contact.refresh_from_db()
    assert contact.left_on == dt.date.today()
    with override_settings(PROJEKTKATALOG_PUBLIC_CONTACTS=True):
        for path in (
            f"/projekt/{slug}/",
            f"/en/projekt/{slug}/",
            f"/api/v1/projects/{slug}",
            "/api/v1/projects?page_size=100",
            "/data/projekt.json",
            "/data/projekt.xlsx",
        ):
            assert b"Exempelsson" not in client.get(path).getvalue(), path
    # ... and stays in the history and the workspace.
    assert Version.objects.filter(serialized_data__contains="Exempelsson").exists()
    assert "Exempelsson" in editor_client.get("/admin/catalogue/contact/").content.decode()
    # A re-import of the same page does not bring the person back.
    from tests.conftest import catalogue_load

    catalogue_load(
        DEMO.read_text(encoding="utf-8").replace("Ett exempel", "Ett exempel."), DEMO.name
    )
    assert b"Exempelsson" not in client.get(f"/projekt/{slug}/").content


def test_person_data_is_listed_and_removed(administrator_client, demo_catalogue):
    contact = m.Contact.objects.get(name="Exempel Exempelsson")
    url = f"/admin/catalogue/contact/{contact.pk}/change/"
    data = form_data(administrator_client.get(url).content.decode(), "contact_form")
    data.update(title="Ny titel", _continue="1")
    assert administrator_client.post(url, data).status_code == 302  # a version in the history
    listing = administrator_client.get("/admin/personuppgifter/?q=Exempelsson").content.decode()
    assert "Kontaktuppgifter (1)" in listing and "I historiken (0)" not in listing
    response = administrator_client.post("/admin/personuppgifter/", {"q": "Exempelsson"})
    assert response.status_code == 302
    assert not m.Contact.objects.filter(name__contains="Exempelsson").exists()
    assert not Version.objects.filter(serialized_data__contains="Exempelsson").exists()
    after = administrator_client.get("/admin/personuppgifter/?q=Exempelsson").content.decode()
    assert "Kontaktuppgifter (0)" in after and "I historiken (0)" in after


def test_restore_brings_back_the_earlier_version(editor_client, demo_catalogue):
    project = m.Project.objects.get(slug="sydkustleden")
    url = f"/admin/catalogue/project/{project.pk}/change/"
    data = form_data(editor_client.get(url).content.decode(), "project_form")
    original_title = data["title"]
    data.update(title="Första ändringen", _continue="1")
    assert editor_client.post(url, data).status_code == 302
    data = form_data(editor_client.get(url).content.decode(), "project_form")
    data.update(title="Andra ändringen", _continue="1")
    data["links-TOTAL_FORMS"] = str(int(data["links-TOTAL_FORMS"]) + 1)
    data[f"links-{int(data['links-TOTAL_FORMS']) - 1}-label"] = "Ny länk"
    data[f"links-{int(data['links-TOTAL_FORMS']) - 1}-url"] = "https://example.se/ny"
    data[f"links-{int(data['links-TOTAL_FORMS']) - 1}-position"] = "9"
    assert editor_client.post(url, data).status_code == 302
    assert m.Project.objects.get(pk=project.pk).links.filter(label="Ny länk").exists()
    history = editor_client.get(f"{url.removesuffix('change/')}history/").content.decode()
    assert "redaktor" in history
    versions = list(Version.objects.get_for_object(project).order_by("revision__date_created"))
    assert len(versions) == 2  # the demo was loaded outside the history
    first = versions[0]
    revision_url = f"/admin/catalogue/project/{project.pk}/history/{first.pk}/"
    compared = editor_client.get(revision_url).content.decode()
    assert "Första ändringen" in compared and "Andra ändringen" in compared
    assert editor_client.post(revision_url, {"restore": "1"}).status_code == 302
    restored = m.Project.objects.get(pk=project.pk)
    assert restored.title == "Första ändringen"
    assert not restored.links.filter(label="Ny länk").exists()  # the whole project, parts too
    assert original_title != restored.title


def test_editor_cannot_reach_administrator_pages(editor_client, demo_catalogue):
    assert editor_client.get("/admin/").status_code == 200
    assert editor_client.get("/admin/catalogue/project/").status_code == 200
    for path in (
        "/admin/auth/user/",
        "/admin/auth/group/",
        "/admin/personuppgifter/",
        "/admin/axes/accessattempt/",
        "/admin/axes/accesslog/",
    ):
        assert editor_client.get(path).status_code == 403, path
    index = editor_client.get("/admin/").content.decode()
    assert "/admin/axes/" not in index and "/admin/auth/" not in index
    project = m.Project.objects.first()
    assert editor_client.get(f"/admin/catalogue/project/{project.pk}/delete/").status_code == 403
    organisation = m.Organisation.objects.first()
    assert (
        editor_client.get(f"/admin/catalogue/organisation/{organisation.pk}/delete/").status_code
        == 403
    )


def test_administrator_reaches_users_and_deletions(administrator_client, demo_catalogue):
    for path in ("/admin/auth/user/", "/admin/personuppgifter/"):
        assert administrator_client.get(path).status_code == 200, path
    project = m.Project.objects.first()
    assert (
        administrator_client.get(f"/admin/catalogue/project/{project.pk}/delete/").status_code
        == 200
    )


def test_anonymous_is_sent_to_log_in(client, demo_catalogue):
    for path in ("/admin/", "/admin/kvalitet/", "/admin/import/", "/admin/catalogue/project/"):
        response = client.get(path)
        assert response.status_code == 302 and "/admin/login/" in response["Location"], path


def test_eleventh_wrong_password_locks_the_account(client, editor):
    for _ in range(10):
        response = client.post(
            "/admin/login/?next=/admin/", {"username": "redaktor", "password": "fel"}
        )
        assert response.status_code == 200  # the form again, with an error
    response = client.post(
        "/admin/login/?next=/admin/", {"username": "redaktor", "password": "fel"}
    )
    assert response.status_code == 429
    assert "låst" in response.content.decode()
    # Locked even with the right password, for a while.
    response = client.post(
        "/admin/login/?next=/admin/",
        {"username": "redaktor", "password": "ett-långt-lösenord-1"},
    )
    assert response.status_code == 429


def test_right_password_logs_in(client, editor):
    response = client.post(
        "/admin/login/?next=/admin/",
        {"username": "redaktor", "password": "ett-långt-lösenord-1"},
    )
    assert response.status_code == 302
    assert client.get("/admin/").status_code == 200


def test_passwords_are_hashed_with_argon2():
    from django.conf import settings
    from django.contrib.auth.hashers import check_password, make_password

    from projektkatalog.settings import base

    assert base.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")
    with override_settings(PASSWORD_HASHERS=base.PASSWORD_HASHERS):
        hashed = make_password("ett-långt-lösenord-1")
        assert hashed.startswith("argon2$")
        assert check_password("ett-långt-lösenord-1", hashed)
    assert settings.SESSION_COOKIE_HTTPONLY


def test_export_backup_keeps_drafts_public_export_does_not(demo_catalogue):
    from projektkatalog.catalogue.selectors import catalogue_export

    m.Project.objects.filter(slug="sydkustleden").update(state="draft")
    backup = catalogue_export(drafts=True)
    public = catalogue_export(contacts=False)
    assert [p.get("state") for p in backup["projects"] if p["id"] == "sydkustleden"] == ["draft"]
    assert "sydkustleden" not in json.dumps(public)


def test_workspace_speaks_swedish_and_english(editor_client, demo_catalogue):
    assert "Hålla katalogen sann" in editor_client.get("/admin/").content.decode()
    english = editor_client.get("/admin/", HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Keeping the catalogue true" in english and "Quality: findings to act on" in english


def test_spreadsheet_from_our_export_is_reviewed_before_import(editor_client, demo_catalogue):
    from projektkatalog.catalogue.selectors import catalogue_export
    from projektkatalog.opendata import writers as exports

    document = catalogue_export(contacts=True, drafts=True)
    document["projects"][0]["title"] += " (ändrad i Excel)"
    workbook = exports.xlsx_export(document)
    response = editor_client.post(
        "/admin/import/", {"file": SimpleUploadedFile("katalog.xlsx", workbook)}
    )
    assert response.status_code == 302
    html = editor_client.get(response["Location"]).content.decode()
    assert "Ändras (1)" in html and "Läggs till (0)" in html
    assert not m.Project.objects.filter(title__endswith="(ändrad i Excel)").exists()
    editor_client.post(response["Location"], {"confirm": "1"})
    assert m.Project.objects.filter(title__endswith="(ändrad i Excel)").count() == 1


def test_renaming_an_organisation_reaches_cached_pages_and_downloads(
    client, editor_client, demo_catalogue
):
    from django.db.models import Count

    organisation = (
        m.Organisation.objects.annotate(n=Count("participations")).order_by("-n", "name").first()
    )
    assert organisation.name in client.get("/").content.decode()  # a facet, now cached
    before = client.get("/data/projekt.json").getvalue()
    url = f"/admin/catalogue/organisation/{organisation.pk}/change/"
    data = form_data(editor_client.get(url).content.decode(), "organisation_form")
    data.update(name=organisation.name + " (ändrat namn)", _continue="1")
    assert editor_client.post(url, data).status_code == 302
    assert organisation.name + " (ändrat namn)" in client.get("/").content.decode()
    after = client.get("/data/projekt.json").getvalue()
    assert after != before and organisation.name + " (ändrat namn)" in after.decode()


def test_group_membership_is_enough_to_log_in(client):
    from django.contrib.auth import get_user_model

    from projektkatalog.catalogue.roles import roles_ensure

    editors, _ = roles_ensure()
    user = get_user_model().objects.create_user("ny", "ny@example.se", "ett-långt-lösenord-1")
    credentials = {"username": "ny", "password": "ett-långt-lösenord-1", "next": "/admin/"}
    refused = client.post("/admin/login/?next=/admin/", credentials)
    assert refused.status_code == 200  # in no role: the log-in page again
    user.groups.add(editors)
    response = client.post("/admin/login/?next=/admin/", credentials)
    assert response.status_code == 302 and response["Location"] == "/admin/"
    assert client.get("/admin/").status_code == 200
    editors.user_set.remove(user)  # out of the group: out of the workspace
    assert client.get("/admin/").status_code == 302


def test_user_form_shows_roles_not_permission_lists(administrator_client, editor):
    html = administrator_client.get(f"/admin/auth/user/{editor.pk}/change/").content.decode()
    assert 'name="groups"' in html and "Rollen räcker för att logga in" in html
    assert 'name="user_permissions"' not in html and 'name="is_staff"' not in html


def test_merge_page_keeps_the_most_used_name_and_lists_the_projects(editor_client, demo_catalogue):
    used = (
        m.Organisation.objects.annotate(n=__import__("django").db.models.Count("participations"))
        .filter(n__gt=1)
        .order_by("-n")
        .first()
    )
    rare = m.Organisation.objects.create(name="Aaa Exempelbolaget AB", slug="aaa-exempelbolaget")
    page = editor_client.post(
        "/admin/catalogue/organisation/",
        {"action": "merge", "_selected_action": [rare.pk, used.pk]},
    ).content.decode()
    checked = page.split(" checked")[0].rsplit('value="', 1)[1].split('"')[0]
    assert checked == str(used.pk)  # not the alphabetically first
    for participation in used.participations.select_related("project"):
        assert participation.project.title in page
    assert "Inga projekt" in page  # the unused one says so


def test_an_organisation_added_without_a_slug_gets_one(editor_client):
    response = editor_client.post(
        "/admin/catalogue/organisation/add/?_to_field=id&_popup=1",
        {
            "name": "Exempelkommunen",
            "slug": "",
            "country": "SE",
            "_popup": "1",
            "aliases-TOTAL_FORMS": "0",
            "aliases-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200 and "errorlist" not in response.content.decode()
    assert m.Organisation.objects.get(name="Exempelkommunen").slug == "exempelkommunen"


def test_import_review_shows_what_was_read_for_each_project(editor_client, demo_catalogue):
    page = EXTRA_PAGE.replace(
        "Projektägare: Region Skåne. Partner: Malmö stad",
        "Projektägare: Region Skåne\nPartner: Malmö stad",
    )
    response = _upload(editor_client, "extra.txt", page)
    html = editor_client.get(response["Location"]).content.decode()
    read = html.split('id="read"')[1]
    assert "<h3>Testfyren" in read  # the title, not the slug
    assert "Region Skåne (Huvudpartner)" in read and "Malmö stad (Partner)" in read
    assert "1 januari 2024 – 31 december 2026" in read
    assert ">Testfyren</a>" in html.split('id="added"')[1]


def test_import_review_marks_what_the_importer_guessed():
    from projektkatalog.workspace.views.imports import _preview_shown

    preview = {
        "added": ["ett-projekt"],
        "changed": [],
        "read": [
            {
                "slug": "ett-projekt",
                "title": "Ett projekt",
                "line": 3,
                "participants": [["Region Skåne", "lead"]],
                "start": "2019-03",
                "end": "2022-02",
                "funding": [["1500000.00", "SEK", "grant", True]],
                "programmes": ["Interreg Öresund-Kattegat-Skagerrak"],
                "findings": [
                    {
                        "code": "guessed-title",
                        "message": "The title “Ett projekt” is the page's main heading; check it.",
                        "line": 1,
                    },
                    {
                        "code": "missing-contact",
                        "message": "“Ett projekt” has no contact person.",
                        "line": 3,
                    },
                ],
            }
        ],
        "findings": [],
    }
    entry = _preview_shown(preview)["entries"][0]
    assert [f["text"] for f in entry["guesses"]] == [
        "Titeln ”Ett projekt” är sidans huvudrubrik; kontrollera."
    ]
    assert entry["notes"][0]["text"] == "”Ett projekt” har ingen kontaktperson."
    assert entry["funding"] == ["~1\u00a0500\u00a0000 SEK (Beviljat stöd)"]
    assert entry["period"] == "mars 2019 – februari 2022"


def test_a_page_without_projects_is_explained_in_swedish(editor_client, demo_catalogue):
    before = m.Project.objects.count()
    response = _upload(
        editor_client, "meny.txt", "Startsida\nOm oss\nKontakta oss\nSök på webbplatsen\n"
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "Inga projekt hittades på sidan" in html and "Projektperiod:" in html
    assert "no projects found" not in html
    assert m.Project.objects.count() == before


def test_a_single_project_page_is_reviewed_with_its_guessed_title(editor_client, demo_catalogue):
    page = (
        "Nyheter\nStartsida\n\nStrandängar i Hanöbukten\n\n"
        "Kommunen har fått stöd för ett projekt som restaurerar strandängar längs kusten. "
        "Arbetet leds av Sölvesborgs kommun och pågår 2025-03-01 – 2027-02-28.\n"
    )
    response = _upload(editor_client, "nyhet.txt", page)
    assert response.status_code == 302
    html = editor_client.get(response["Location"]).content.decode()
    read = html.split('id="read"')[1]
    assert "<h3>Strandängar i Hanöbukten" in read
    assert "Gissat:" in read and "är sidans huvudrubrik" in read
