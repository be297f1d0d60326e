"""The selection rule, as a table: the spec of which variant an audience gets."""

import pytest

from campaigns.variant_rule import VariantOption, choose_for_reader, choose_variant

PROVINCE, MUONG_LAT, TAM_CHUNG, HOANG_HOA = 1, 10, 100, 20
# Lineages: the region itself first, the province last.
LINEAGE = {
    "Tam Chung": [TAM_CHUNG, MUONG_LAT, PROVINCE],
    "Mường Lát": [MUONG_LAT, PROVINCE],
    "Hoằng Hóa": [HOANG_HOA, PROVINCE],
    "tỉnh": [PROVINCE],
}


def option(id, language="vi", format="short_text", regions=(), ages=(), usable=True):
    return VariantOption(
        id=id,
        message_id=1,
        language=language,
        format=format,
        region_ids=frozenset(regions),
        age_bands=frozenset(ages),
        usable=usable,
    )


OPTIONS = [
    option(1),  # province-wide, Vietnamese, every age
    option(2, regions=[MUONG_LAT]),  # the border district's own
    option(3, regions=[TAM_CHUNG]),  # the commune's own
    option(4, language="blt", regions=[MUONG_LAT]),  # Thái, for the district
    option(5, language="hmn", usable=False),  # H'Mông, awaiting translation
    option(6, ages=["children"]),  # province-wide, for children
    option(7, format="loudspeaker_script", regions=[HOANG_HOA]),
    option(8, language="blt", ages=["youth"]),  # Thái youth, province-wide
]


@pytest.mark.parametrize(
    ("region", "language", "format", "age", "chosen", "level", "fallback", "age_match"),
    [
        # The closest region wins.
        ("Tam Chung", "vi", "short_text", None, 3, 0, False, "all_ages"),
        ("Mường Lát", "vi", "short_text", None, 2, 0, False, "all_ages"),
        ("Hoằng Hóa", "vi", "short_text", None, 1, 2, False, "all_ages"),
        ("tỉnh", "vi", "short_text", None, 1, 1, False, "all_ages"),
        # Region before language: the commune's Vietnamese variant beats the
        # district's Thái one.
        ("Tam Chung", "blt", "short_text", None, 3, 0, True, "all_ages"),
        # At the district, Thái exists: no fallback.
        ("Mường Lát", "blt", "short_text", None, 4, 0, False, "all_ages"),
        # No H'Mông translation yet: Vietnamese, never the untranslated one.
        ("Hoằng Hóa", "hmn", "short_text", None, 1, 2, True, "all_ages"),
        # Age band last: the children's variant for children, else every age.
        ("Hoằng Hóa", "vi", "short_text", "children", 6, 2, False, "band"),
        ("Hoằng Hóa", "vi", "short_text", "elders", 1, 2, False, "all_ages"),
        # A variant for another band never fits a given band.
        ("Hoằng Hóa", "blt", "short_text", "youth", 8, 2, False, "band"),
        ("Hoằng Hóa", "blt", "short_text", "adults", 1, 2, True, "all_ages"),
        # Format filters first; a district's script does not fit a commune elsewhere.
        ("Hoằng Hóa", "vi", "loudspeaker_script", None, 7, 0, False, "all_ages"),
    ],
)
def test_choice(region, language, format, age, chosen, level, fallback, age_match):
    choice = choose_variant(
        OPTIONS, lineage=LINEAGE[region], language=language, format=format, age_band=age
    )
    assert choice.variant.id == chosen
    assert choice.region_level == level
    assert choice.language_fallback is fallback
    assert choice.age_match == age_match


@pytest.mark.parametrize(
    ("options", "region", "format", "problem"),
    [
        ([], "tỉnh", "short_text", "no_variant"),
        ([option(5, usable=False)], "tỉnh", "short_text", "no_variant"),
        (OPTIONS, "tỉnh", "poster_caption", "no_format"),
        # A script written for Hoằng Hóa does not fit Mường Lát.
        (OPTIONS, "Mường Lát", "loudspeaker_script", "no_match"),
        # Only a Thái variant exists: nothing for H'Mông, no Vietnamese to fall to.
        ([option(9, language="blt")], "tỉnh", "short_text", "no_match"),
    ],
)
def test_nothing_fits(options, region, format, problem):
    choice = choose_variant(
        options, lineage=LINEAGE[region], language="hmn", format=format
    )
    assert choice.variant is None
    assert choice.problem == problem


def test_ties_break_by_order_not_chance():
    twins = [option(12), option(11)]
    for _ in range(3):
        choice = choose_variant(
            twins, lineage=[PROVINCE], language="vi", format="short_text"
        )
        assert choice.variant.id == 11


READING = ["article", "social_post", "short_text", "loudspeaker_script"]
READER_OPTIONS = [
    option(21, format="loudspeaker_script"),  # province-wide script, every age
    option(22, format="social_post", ages=["youth"]),  # province-wide, youth
    option(23, format="short_text", regions=[MUONG_LAT]),  # the district's own
    option(24, format="loudspeaker_script", language="blt", regions=[MUONG_LAT]),
    option(25, format="article", language="hmn", usable=False),  # awaiting
]


@pytest.mark.parametrize(
    ("region", "language", "age", "chosen"),
    [
        # The closest region beats a better format: the district's short text.
        ("Tam Chung", "vi", None, 23),
        ("Mường Lát", "vi", "youth", 23),
        # Elsewhere, the reader's own age band beats a format read better.
        ("Hoằng Hóa", "vi", "youth", 22),
        # No age given: a variant for every age before another band's.
        ("Hoằng Hóa", "vi", None, 21),
        ("Hoằng Hóa", "vi", "adults", 21),
        # A language of its own beats a fallback at the same level.
        ("Mường Lát", "blt", None, 24),
        # Never the variant awaiting its translation.
        ("Hoằng Hóa", "hmn", None, 21),
    ],
)
def test_a_reader_gets_the_closest_then_own_language_then_own_age(
    region, language, age, chosen
):
    choice = choose_for_reader(
        READER_OPTIONS,
        lineage=LINEAGE[region],
        language=language,
        formats=READING,
        age_band=age,
    )
    assert choice.variant.id == chosen


def test_within_one_format_a_reader_gets_what_choose_variant_gives():
    for region, lineage in LINEAGE.items():
        for language in ("vi", "blt", "hmn"):
            for age in (None, "children", "youth"):
                alone = choose_variant(
                    OPTIONS,
                    lineage=lineage,
                    language=language,
                    format="short_text",
                    age_band=age,
                )
                read = choose_for_reader(
                    OPTIONS,
                    lineage=lineage,
                    language=language,
                    formats=["short_text"],
                    age_band=age,
                )
                assert read == alone or (
                    alone.variant is None and read.variant is None
                ), (region, language, age)
