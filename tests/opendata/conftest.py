"""Open-data conformance: the sample and the demo catalogue, and the standards' own rules.

The rules (DCAT-AP 3.0.0 SHACL shapes, the vocabularies they refer to, schema.org's vocabulary
and JSON-LD context) are read from ../shared/validators/, never copied into this repository.
"""

from __future__ import annotations

import pytest

from tests.conftest import DEMO, SHARED, catalogue_load

VALIDATORS = SHARED / "validators"
BASE = "http://testserver"


@pytest.fixture(scope="session")
def validators():  # type: ignore[no-untyped-def]
    """Return the folder of the standards' rules, or skip saying where they were looked for."""
    if not (VALIDATORS / "dcat-ap-3.0.0-shacl.ttl").exists():
        pytest.skip(
            f"the standards' shapes and vocabularies are not at {VALIDATORS} "
            "(set PROJEKTKATALOG_SHARED to the folder holding validators/)"
        )
    return VALIDATORS


@pytest.fixture(autouse=True)
def _addresses_from_requests(settings):  # type: ignore[no-untyped-def]
    """Make every export use the test client's address, whatever the environment says."""
    settings.PROJEKTKATALOG_BASE_URL = ""


@pytest.fixture(params=["sample", "demo"])
def catalogue(request, db):  # type: ignore[no-untyped-def]
    """The sample catalogue and the demo catalogue, one test run each."""
    if request.param == "sample":
        request.getfixturevalue("sample_catalogue")
    else:
        catalogue_load(DEMO.read_text(encoding="utf-8"), DEMO.name)
    return request.param
