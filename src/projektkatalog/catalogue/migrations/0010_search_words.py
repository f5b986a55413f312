"""SQLite: the word index beside the trigram one, its log of written projects and the word list
(search/sqlite_words.py). Nothing on PostgreSQL."""

from django.db import migrations

from projektkatalog.search import index as search_index


class Migration(migrations.Migration):
    dependencies = [("catalogue", "0009_organisation_search_text")]
    operations = [migrations.RunPython(search_index.words_create, search_index.words_drop)]
