"""A spelling resolved again is resolved as the full steps would resolve it."""

from hypothesis import given, settings
from hypothesis import strategies as st

from projektkatalog.domain.matching.organisations import Organisation, OrganisationIndex

NAMES = st.sampled_from(
    [
        "Lunds universitet",
        "Lunds Universitet",
        "Lund University",
        "Region Skåne",
        "Region Skane",
        "Ystad",
        "Ystads kommun",
        "Havets Hus AB",
        "Havets Hus",
        "Malmö stad, miljöförvaltningen",
        "Lunds universitet - Centrum för hav",
        "Kristianstads kommun",
        "Kristainstads kommun",
    ]
)


class _Forgetful(dict):  # type: ignore[type-arg]
    def __setitem__(self, key, value):  # type: ignore[no-untyped-def]
        pass


def _resolved(index: OrganisationIndex, names: list[tuple[str, str | None]]) -> list[tuple]:
    out = []
    for name, country in names:
        r = index.resolve(name, country=country)
        out.append((r.organisation.name, r.organisation.country, r.spelling, r.unit, r.method))
    out.append(sorted((o.name, o.country, tuple(o.aliases)) for o in index.organisations))
    return out


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(NAMES, st.sampled_from([None, "SE", "DK"])), max_size=25))
def test_repeated_spellings_resolve_as_the_full_steps_do(names):  # type: ignore[no-untyped-def]
    known = [Organisation("Region Skåne", "SE", ["Region Skane"])]
    remembering = OrganisationIndex(known, curated=False)
    forgetting = OrganisationIndex(
        [Organisation("Region Skåne", "SE", ["Region Skane"])], curated=False
    )
    forgetting._exact = _Forgetful()
    assert _resolved(remembering, names) == _resolved(forgetting, names)
