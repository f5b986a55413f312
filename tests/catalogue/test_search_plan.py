"""PostgreSQL answers a search from its two indexes (trigram and Swedish full text) combined,
not by reading every project; and the search is right where the projects are a subquery."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection

from projektkatalog.catalogue import models as m
from projektkatalog.catalogue.listing import Filters, projects_filtered

TODAY = dt.date(2026, 11, 27)


def test_the_search_uses_both_indexes(demo_catalogue):
    if connection.vendor != "postgresql":
        pytest.skip("the index plan is a PostgreSQL matter")
    sql, params = projects_filtered(Filters(q="biogas"), today=TODAY).query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")  # the demo is small: ask for indexes
        cursor.execute("EXPLAIN " + sql, params)
        plan = "\n".join(row[0] for row in cursor.fetchall())
    assert "BitmapOr" in plan
    assert "catalogue_project_search_trgm" in plan and "catalogue_project_search_fts" in plan


def test_a_search_inside_a_subquery(demo_catalogue):
    """A filtered export selects its organisations through the searched projects."""
    chosen = projects_filtered(Filters(q="biogas"), today=TODAY).order_by().values("id")
    names = set(
        m.Organisation.objects.filter(participations__project_id__in=chosen).values_list(
            "name", flat=True
        )
    )
    assert "E.ON Biofor AB" in names and "Lunds universitet" not in names
