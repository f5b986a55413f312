"""Print everything a backup must keep, as one JSON document: `python -m tests.reliability.state`.

Run in a subprocess with the command's own settings and DATABASE_URL, so that a test can compare
a database before a backup with the one restored from it, or before and after a fault.
"""

from __future__ import annotations

import hashlib
import json
import os
import sys


def state() -> dict:  # type: ignore[type-arg]
    from django.apps import apps
    from django.contrib.auth import get_user_model
    from reversion.models import Revision, Version

    from projektkatalog.catalogue.selectors import catalogue_export

    pending = apps.get_model("workspace", "PendingImport")
    return {
        "catalogue": catalogue_export(contacts=True, drafts=True),
        "users": sorted(
            (u.username, u.password, u.is_staff, sorted(g.name for g in u.groups.all()))
            for u in get_user_model().objects.all()
        ),
        "revisions": sorted((r.pk, r.comment, str(r.date_created)) for r in Revision.objects.all()),
        "versions": sorted(
            (v.pk, v.revision_id, v.object_id, v.serialized_data) for v in Version.objects.all()
        ),
        "pending": sorted(
            (p.name, p.sha256, hashlib.sha256(bytes(p.data)).hexdigest(), p.uploaded_by.username)
            for p in pending.objects.all()
        ),
    }


def main() -> int:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "projektkatalog.settings.base")
    import django

    django.setup()
    json.dump(state(), sys.stdout, ensure_ascii=False, default=str, sort_keys=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
