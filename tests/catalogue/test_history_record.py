"""Recording a project again at the end of a revision: every part as it is now, each kind of
part fetched once."""

from __future__ import annotations

import json

import pytest
import reversion
from django.db import connection
from django.test.utils import CaptureQueriesContext
from reversion.models import Version

from projektkatalog.catalogue import models as m
from projektkatalog.catalogue.history import revision_complete_record


def _project(slug: str, people: int) -> m.Project:
    project = m.Project.objects.create(slug=slug, title=slug.title())
    org = m.Organisation.objects.create(name=f"Org {slug}", slug=f"org-{slug}")
    m.Participation.objects.create(project=project, organisation=org, role="lead")
    for n in range(people):
        contact = m.Contact.objects.create(project=project, name=f"Person {n}", position=n)
        for j in range(2):
            m.Phone.objects.create(contact=contact, number=f"+4640{n}{j}", kind="work")
    return project


def _tables(queries: list[dict]) -> list[str]:
    return [
        q["sql"].split(" FROM ")[1].split()[0].strip('"') for q in queries if "SELECT" in q["sql"]
    ]


@pytest.mark.django_db
def test_each_kind_of_part_is_fetched_once_however_many_people():
    projects = [_project("a", 3), _project("b", 1)]
    with reversion.create_revision():
        with CaptureQueriesContext(connection) as captured:
            revision_complete_record(projects)
        # A phone added after the project was recorded is in its version: it was read afresh.
        late = m.Phone.objects.create(
            contact=m.Contact.objects.get(project=projects[1]), number="+46409", kind="mobile"
        )
        revision_complete_record([projects[1]])
    tables = _tables(captured.captured_queries)
    assert tables.count(m.Phone._meta.db_table) == 1
    assert tables.count(m.Contact._meta.db_table) == 1
    assert tables.count(m.Participation._meta.db_table) == 1
    recorded = {(v.content_type.model, v.object_id) for v in Version.objects.all()}
    for phone in m.Phone.objects.all():
        assert ("phone", str(phone.pk)) in recorded
    assert ("phone", str(late.pk)) in recorded
    for contact in m.Contact.objects.all():
        assert ("contact", str(contact.pk)) in recorded
    assert {("project", str(p.pk)) for p in projects} <= recorded
    assert len(recorded) == Version.objects.count()  # each object once
    version = Version.objects.get(content_type__model="phone", object_id=str(late.pk))
    assert json.loads(version.serialized_data)[0]["fields"]["number"] == "+46409"
    # The projects' own lists are read afresh after recording, not from what was fetched.
    assert projects[1].contacts.get().phones.count() == 3
