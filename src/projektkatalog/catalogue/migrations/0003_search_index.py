"""Create the search index of the database in use (SQLite FTS5 or PostgreSQL trigram/FTS)."""

from django.db import migrations

from projektkatalog.search import index as search_index


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0002_project_search_text")]
    operations = [migrations.RunPython(search_index.create, search_index.drop)]
