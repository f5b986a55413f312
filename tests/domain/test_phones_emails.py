import pytest
from hypothesis import given
from hypothesis import strategies as st

from projektkatalog.domain.emails import email_split, emails_find
from projektkatalog.domain.phones import phone_parse, phone_region, phones_find


@pytest.mark.parametrize(
    ("text", "region", "number"),
    [
        ("Tlf. 22 84 19 30", "NO", "+4722841930"),  # Oslo, no trunk 0
        ("mobil 915 37 206", "NO", "+4791537206"),
        ("tlf. 56 92 14 07", "DK", "+4556921407"),
        ("+47 48 21 90 33", "SE", "+4748219033"),  # a country code needs no region
        ("0047 48 21 90 33", "SE", "+4748219033"),
        ("+45 61 72 04 18", "SE", "+4561720418"),
        ("09 310 4712", "FI", "+358931047 12".replace(" ", "")),  # Helsinki
        ("040 718 2290", "FI", "+358407182290"),  # Finnish mobile
        ("018 25 311", "AX", "+3581825311"),  # Åland, written the local way
        ("+358 18 25 311", "SE", "+3581825311"),
        ("054-21 94 67", "SE", "+4654219467"),
    ],
)
def test_nordic_numbers_in_e164(text, region, number):
    assert phone_parse(text, region=region).number == number


def test_aland_numbers_are_aland():
    import phonenumbers

    parsed = phonenumbers.parse(phone_parse("+358 18 25 311").number, None)
    assert phonenumbers.region_code_for_number(parsed) == "AX"


@pytest.mark.parametrize(
    ("text", "region"),
    [
        ("22 84 19 30", "SE"),  # eight digits without a trunk 0 are not Swedish
        ("Postnummer 22100", "DK"),
        ("Beløb 22841930 kr", "NO"),  # one long figure is a sum, not a number
        ("2019-2021", "NO"),
    ],
)
def test_things_that_are_not_numbers_in_the_region(text, region):
    assert phones_find(text, region=region) == []


@pytest.mark.parametrize(
    ("text", "region", "numbers"),
    [
        ("Telefon: +46 31 700 12 34, +47 73 59 80 00", "SE", ["+46317001234", "+4773598000"]),
        ("070-111 22 33 / 070-444 55 66", "SE", ["+46701112233", "+46704445566"]),
        ("22 84 19 30 og 915 37 206", "NO", ["+4722841930", "+4791537206"]),
        ("+46 31 700 12 34 +47 73 59 80 00", "SE", ["+46317001234", "+4773598000"]),
    ],
)
def test_several_numbers_on_one_line(text, region, numbers):
    assert [p.number for p in phones_find(text, region=region)] == numbers


@pytest.mark.parametrize(
    ("country", "language", "region"),
    [
        (None, "no", "NO"),
        (None, "da", "DK"),
        (None, "fi", "FI"),
        ("AX", "sv", "AX"),
        ("NO", "sv", "NO"),  # the body's country wins over the page's language
        (None, None, "SE"),
        ("ZZ", "xx", "SE"),
    ],
)
def test_phone_region(country, language, region):
    assert phone_region(country=country, language=language) == region


@pytest.mark.parametrize(
    ("run", "addresses"),
    [
        ("per.holm@kommun.seKari.lie@fylke.no", ["per.holm@kommun.se", "Kari.lie@fylke.no"]),
        ("anna.berg@x.sena.lind@y.se", ["anna.berg@x.se", "na.lind@y.se"]),
        ("ulla@region.skane.seolof@lu.se", ["ulla@region.skane.se", "olof@lu.se"]),
        ("a@b.comC@d.dk", ["a@b.com", "C@d.dk"]),
        ("one@two.fithree@four.sefive@six.no", ["one@two.fi", "three@four.se", "five@six.no"]),
        ("maja@skola.se", ["maja@skola.se"]),
        ("x@y.zzq@w.se", ["x@y.zzq@w.se"]),  # nowhere safe to cut: kept as written
    ],
)
def test_email_split(run, addresses):
    assert email_split(run) == addresses


def test_emails_find_in_a_line():
    line = "E-post: per.holm@kommun.seKari.lie@fylke.no, tel 070-111 22 33"
    assert emails_find(line) == ["per.holm@kommun.se", "Kari.lie@fylke.no"]


@given(
    st.lists(
        st.tuples(
            st.from_regex(r"[a-z]{1,8}(\.[a-z]{1,8})?", fullmatch=True),
            st.from_regex(r"[a-z]{2,10}", fullmatch=True),
            st.sampled_from(["se", "no", "dk", "fi", "com"]),
        ),
        min_size=1,
        max_size=3,
    )
)
def test_split_addresses_join_back(parts):
    addresses = [f"{local}@{host}.{tld}" for local, host, tld in parts]
    run = "".join(addresses)
    split = email_split(run)
    assert "".join(split) == run
    assert all(a.count("@") == 1 for a in split) or split == [run]


@given(st.text(max_size=80))
def test_phones_find_never_crashes(text):
    for region in ("SE", "NO", "DK", "FI", "AX"):
        for phone in phones_find(text, region=region):
            assert phone.number.startswith("+")
