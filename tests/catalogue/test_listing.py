"""The SQL status expression agrees with the domain's rules."""

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from projektkatalog.catalogue import models as m
from projektkatalog.catalogue.listing import status_expression
from projektkatalog.domain.periods import edtf_bounds
from projektkatalog.domain.status import status_derive

edtf = st.one_of(
    st.none(),
    st.just(".."),
    st.integers(2010, 2030).map(str),
    st.tuples(st.integers(2010, 2030), st.integers(1, 12)).map(lambda t: f"{t[0]}-{t[1]:02d}"),
    st.dates(dt.date(2010, 1, 1), dt.date(2030, 12, 31)).map(lambda d: d.isoformat()),
)


@pytest.mark.django_db
@settings(max_examples=60, deadline=None)
@given(
    start=edtf.filter(lambda e: e != ".."),
    end=edtf,
    kind=st.sampled_from(["project", "collaboration"]),
    today=st.dates(dt.date(2012, 1, 1), dt.date(2029, 12, 31)),
)
def test_sql_status_matches_domain(start, end, kind, today):
    m.Project.objects.all().delete()
    project = m.Project.objects.create(
        slug="p",
        title="P",
        kind=kind,
        period_start=start or "",
        period_end=end or "",
        start_date=edtf_bounds(start)[0],
        end_date=edtf_bounds(end)[1],
    )
    sql = m.Project.objects.annotate(status=status_expression(today)).get(pk=project.pk).status
    assert sql == status_derive(start, end, kind=kind, today=today)
