"""Restoring a version restores one object and its parts, and nothing else in the catalogue.

Every test here compares the whole catalogue before and after, not only the restored project:
the restore that once wiped every other project's participants passed a test that looked only
at the restored one.
"""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from reversion.models import Version

from projektkatalog.catalogue import models as m
from tests.conftest import DEMO
from tests.workspace.conftest import form_data

pytestmark = pytest.mark.django_db


def catalogue_state(*, without: set[int] = frozenset()) -> dict[str, object]:  # type: ignore[assignment]
    """Return everything an editor or the public could see, project by project (except those
    in `without`), and every organisation, programme and category."""
    projects = {}
    for p in m.Project.objects.exclude(pk__in=without).order_by("slug"):
        projects[p.slug] = {
            "fields": (p.title, p.short_name, p.description, p.period_start, p.period_end, p.state),
            "participants": sorted(
                (x.organisation.name, x.role, x.unit) for x in p.participations.all()
            ),
            "links": sorted((x.label, x.url or "") for x in p.links.all()),
            "categories": sorted(p.categories.values_list("name", flat=True)),
            "programmes": sorted(p.programmes.values_list("name", flat=True)),
            "funding": sorted((str(x.amount), x.currency, x.kind) for x in p.funding.all()),
            "contacts": sorted(
                (c.name, c.email, tuple(c.phones.values_list("number", flat=True)))
                for c in p.contacts.all()
            ),
        }
    return {
        "projects": projects,
        "organisations": sorted(
            (o.name, o.country, tuple(sorted(o.aliases.values_list("name", flat=True))))
            for o in m.Organisation.objects.all()
        ),
        "programmes": sorted(m.Programme.objects.values_list("name", "short_name")),
        "categories": sorted(m.Category.objects.values_list("name", flat=True)),
    }


@pytest.fixture
def imported(editor_client):  # type: ignore[no-untyped-def]
    """The demo page imported through the workspace's import review, as an editor does."""
    upload = editor_client.post(
        "/admin/import/",
        {"file": SimpleUploadedFile(DEMO.name, DEMO.read_bytes()), "mapping": ""},
    )
    assert editor_client.post(upload["Location"], {"confirm": "1"}).status_code == 302
    assert m.Project.objects.count() > 10


def _edit(client, project: m.Project, **changes) -> None:  # type: ignore[no-untyped-def]
    url = f"/admin/catalogue/project/{project.pk}/change/"
    data = form_data(client.get(url).content.decode(), "project_form")
    add_link = changes.pop("add_link", None)
    drop_participants = changes.pop("drop_participants", False)
    data.update(changes, _continue="1")
    if add_link:
        n = int(data["links-TOTAL_FORMS"])
        data["links-TOTAL_FORMS"] = str(n + 1)
        data.update({f"links-{n}-label": add_link, f"links-{n}-url": "https://example.se/x"})
        data[f"links-{n}-position"] = "9"
    if drop_participants:
        for i in range(int(data["participations-TOTAL_FORMS"])):
            data[f"participations-{i}-DELETE"] = "on"
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]


def _restore(client, project: m.Project, version: Version) -> str:  # type: ignore[no-untyped-def]
    url = f"/admin/catalogue/project/{project.pk}/history/{version.pk}/"
    page = client.get(url)
    assert page.status_code == 200
    response = client.post(url, {"restore": "1"}, follow=True)
    assert response.status_code == 200
    return page.content.decode()


def _first_version(project: m.Project) -> Version:
    return Version.objects.get_for_object(project).order_by("revision__date_created", "pk")[0]


def test_restore_after_an_import_leaves_every_other_project_as_it_was(editor_client, imported):
    great = m.Project.objects.get(slug__startswith="great")
    other = m.Project.objects.get(slug="scand-tick-innovation")
    assert other.participations.count() > 5
    _edit(editor_client, great, title="GREAT, ändrad titel", drop_participants=True)
    assert m.Project.objects.get(pk=great.pk).participations.count() == 0
    before = catalogue_state(without={great.pk})
    compared = _restore(editor_client, great, _first_version(great))
    # The comparison said what would change before anything did.
    assert "GREAT, ändrad titel" in compared and "Kommer tillbaka" in compared
    assert catalogue_state(without={great.pk}) == before
    restored = m.Project.objects.get(pk=great.pk)
    assert restored.title.startswith("GREAT –")
    assert restored.participations.count() > 0  # its own parts came back


def test_restore_keeps_edits_made_since_on_other_projects(editor_client, imported):
    great = m.Project.objects.get(slug__startswith="great")
    other = m.Project.objects.get(slug="sydkustleden")
    _edit(editor_client, great, title="Första ändringen")
    _edit(editor_client, other, title="Sydkustleden, redigerad", add_link="Ny länk")
    before = catalogue_state(without={great.pk})
    _restore(editor_client, great, _first_version(great))
    after = catalogue_state(without={great.pk})
    assert after == before
    assert after["projects"]["sydkustleden"]["fields"][0] == "Sydkustleden, redigerad"  # type: ignore[index]


def test_restore_after_a_merge_keeps_the_merged_organisation(editor_client, imported):
    great = m.Project.objects.get(slug__startswith="great")
    organisations = list(great.participations.select_related("organisation")[:2])
    keep, gone = organisations[0].organisation, organisations[1].organisation
    response = editor_client.post(
        "/admin/catalogue/organisation/",
        {"action": "merge", "_selected_action": [keep.pk, gone.pk], "keep": keep.pk},
    )
    assert response.status_code == 302
    _edit(editor_client, great, title="Efter sammanslagningen")
    before = catalogue_state(without={great.pk})
    _restore(editor_client, great, _first_version(great))
    assert catalogue_state(without={great.pk}) == before
    assert not m.Organisation.objects.filter(name=gone.name).exists()  # not brought back
    names = set(great.participations.values_list("organisation__name", flat=True))
    assert keep.name in names  # the merged name follows to the organisation that holds it


def test_restore_can_be_undone(editor_client, imported):
    project = m.Project.objects.get(slug="sydkustleden")
    _edit(editor_client, project, title="Ändrad", add_link="Tillagd länk")
    edited = catalogue_state()
    response = editor_client.post(
        f"/admin/catalogue/project/{project.pk}/history/{_first_version(project).pk}/",
        {"restore": "1"},
        follow=True,
    )
    html = response.content.decode()
    assert "Ångra återställningen" in html
    assert m.Project.objects.get(pk=project.pk).title == "Sydkustleden"
    assert not project.links.filter(label="Tillagd länk").exists()
    undo = html.split("Ångra återställningen")[0].rsplit('href="', 1)[1].split('"')[0]
    assert editor_client.post(undo, {"restore": "1"}).status_code == 302
    assert catalogue_state() == edited
    history = editor_client.get(f"/admin/catalogue/project/{project.pk}/history/").content
    assert "Återställd till versionen från" in history.decode()


def test_a_get_of_the_comparison_changes_nothing(editor_client, imported):
    project = m.Project.objects.get(slug="sydkustleden")
    _edit(editor_client, project, title="Ändrad")
    before = catalogue_state()
    page = editor_client.get(
        f"/admin/catalogue/project/{project.pk}/history/{_first_version(project).pk}/"
    ).content.decode()
    assert "Ändrad" in page and "Sydkustleden" in page
    assert catalogue_state() == before


def test_a_version_that_did_not_record_parts_restores_only_fields(editor_client, imported):
    """Revisions from before parts were always recorded: the parts stay as they are."""
    from django.contrib.contenttypes.models import ContentType

    project = m.Project.objects.get(slug="scand-tick-innovation")
    first = _first_version(project)
    m.CompleteRevision.objects.filter(revision=first.revision).delete()
    Version.objects.filter(revision=first.revision).exclude(
        content_type=ContentType.objects.get_for_model(m.Project)
    ).delete()
    _edit(editor_client, project, title="Ny titel", add_link="Senare länk")
    before = catalogue_state(without={project.pk})
    page = _restore(editor_client, project, first)
    assert "Bara projektets egna fält återställs" in page
    restored = m.Project.objects.get(pk=project.pk)
    assert restored.title == "Scand Tick Innovation"
    assert restored.links.filter(label="Senare länk").exists()
    assert restored.participations.count() > 5
    assert catalogue_state(without={project.pk}) == before


def test_restoring_an_organisation_leaves_projects_alone(editor_client, imported):
    organisation = m.Organisation.objects.get(name="Region Skåne")
    url = f"/admin/catalogue/organisation/{organisation.pk}/change/"
    data = form_data(editor_client.get(url).content.decode(), "organisation_form")
    data.update(name="Region Skåne (nytt namn)", _continue="1")
    assert editor_client.post(url, data).status_code == 302
    rows = (
        sorted(m.Participation.objects.values_list("project_id", "organisation_id", "role")),
        sorted(m.Project.objects.values_list("pk", "title", "updated_at")),
        sorted(m.Organisation.objects.exclude(pk=organisation.pk).values_list("pk", "name")),
    )
    version = Version.objects.get_for_object(organisation).order_by("revision__date_created")[0]
    response = editor_client.post(
        f"/admin/catalogue/organisation/{organisation.pk}/history/{version.pk}/",
        {"restore": "1"},
    )
    assert response.status_code == 302
    assert m.Organisation.objects.get(pk=organisation.pk).name == "Region Skåne"
    assert rows == (
        sorted(m.Participation.objects.values_list("project_id", "organisation_id", "role")),
        sorted(m.Project.objects.values_list("pk", "title", "updated_at")),
        sorted(m.Organisation.objects.exclude(pk=organisation.pk).values_list("pk", "name")),
    )


def test_a_deleted_project_is_recovered_alone(editor_client, administrator, imported):
    administrator_client = editor_client
    administrator_client.force_login(administrator)  # the same client; deleting is theirs
    project = m.Project.objects.get(slug="sydkustleden")
    parts = catalogue_state()["projects"]["sydkustleden"]  # type: ignore[index]
    url = f"/admin/catalogue/project/{project.pk}/delete/"
    assert administrator_client.post(url, {"post": "yes"}).status_code == 302
    before = catalogue_state()
    version = Version.objects.get_deleted(m.Project).get(object_id=str(project.pk))
    response = administrator_client.post(
        f"/admin/catalogue/project/recover/{version.pk}/", {"restore": "1"}
    )
    assert response.status_code == 302
    after = catalogue_state()
    assert after["projects"]["sydkustleden"] == parts  # type: ignore[index]
    del after["projects"]["sydkustleden"]  # type: ignore[attr-defined]
    assert after == before


def test_the_comparison_speaks_english_to_an_english_browser(editor_client, imported):
    project = m.Project.objects.get(slug="sydkustleden")
    _edit(editor_client, project, title="Ändrad")
    url = f"/admin/catalogue/project/{project.pk}/history/{_first_version(project).pk}/"
    html = editor_client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "Restore this version" in html and "This changes if you restore" in html
