"""The folded name of every organisation and alias, so that an organisation search is one LIKE
in SQL; filled here for the rows that exist (new rows get it when they are written)."""

from typing import Any

from django.db import migrations, models

from projektkatalog.domain.text import text_fold

BATCH = 2000


def search_text_fill(apps: Any, schema_editor: Any) -> None:
    for name in ("Organisation", "OrganisationAlias"):
        model = apps.get_model("catalogue", name)
        rows = []
        for row in model.objects.only("pk", "name").order_by("pk").iterator(chunk_size=BATCH):
            row.search_text = text_fold(row.name)
            rows.append(row)
            if len(rows) >= BATCH:
                model.objects.bulk_update(rows, ["search_text"])
                rows = []
        model.objects.bulk_update(rows, ["search_text"])


class Migration(migrations.Migration):
    dependencies = [
        ("catalogue", "0008_complete_revision"),
    ]

    operations = [
        migrations.AddField(
            model_name="organisation",
            name="search_text",
            field=models.TextField(blank=True, editable=False, help_text="folded name for search"),
        ),
        migrations.AddField(
            model_name="organisationalias",
            name="search_text",
            field=models.TextField(blank=True, editable=False, help_text="folded name for search"),
        ),
        migrations.RunPython(search_text_fill, migrations.RunPython.noop),
    ]
