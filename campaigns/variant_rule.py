"""Which variant of a message fits an audience: the rule, in plain Python.

The closest region wins (the commune's own variant, else its district's, else the
province's), then the language (falling back to Vietnamese), then the age band. The
planner uses the same rule, so this module imports nothing from Django.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

FALLBACK_LANGUAGE = "vi"


@dataclass(frozen=True)
class VariantOption:
    id: int
    message_id: int
    language: str
    format: str
    region_ids: frozenset = frozenset()  # empty: the whole province
    age_bands: frozenset = frozenset()  # empty: every age
    usable: bool = True  # False while a translation is needed


@dataclass(frozen=True)
class Choice:
    """The chosen variant and why: region level, language fallback, age match."""

    variant: VariantOption | None
    region_level: int | None = None  # 0 = the region itself, 1 = its parent, ...
    region_id: int | None = None  # the region the variant was written for
    language_fallback: bool = False
    age_match: str = ""  # "band", "all_ages" or "other"
    problem: str = ""  # why nothing fits: "no_variant", "no_format", "no_match"


def _region_level(
    option: VariantOption, lineage: Sequence[int]
) -> tuple[int, int] | None:
    """How far up the region's lineage the variant's nearest target sits."""
    if not option.region_ids:
        return len(lineage), None
    for level, region_id in enumerate(lineage):
        if region_id in option.region_ids:
            return level, region_id
    return None


def _age_rank(option: VariantOption, age_band: str | None) -> tuple[int, str] | None:
    """A band's own variant first, then one for every age; another band's never fits."""
    if age_band and age_band in option.age_bands:
        return 0, "band"
    if not option.age_bands:
        return 1, "all_ages"
    return None if age_band else (2, "other")


def choose_variant(
    options: Iterable[VariantOption],
    *,
    lineage: Sequence[int],
    language: str,
    format: str,
    age_band: str | None = None,
) -> Choice:
    """The best variant for a region given as its lineage (itself first, province last).

    With an age band given, a variant written for other bands does not fit; without
    one, variants for every age come first. A variant awaiting translation never fits.
    """
    usable = [option for option in options if option.usable]
    if not usable:
        return Choice(None, problem="no_variant")
    in_format = [option for option in usable if option.format == format]
    if not in_format:
        return Choice(None, problem="no_format")
    ranked = []
    for option in in_format:
        placed = _region_level(option, lineage)
        if placed is None:
            continue
        if option.language == language:
            language_rank = 0
        elif option.language == FALLBACK_LANGUAGE:
            language_rank = 1
        else:
            continue
        aged = _age_rank(option, age_band)
        if aged is None:
            continue
        age_rank, age_match = aged
        level, region_id = placed
        key = (level, language_rank, age_rank, option.id)
        ranked.append((key, option, region_id, age_match))
    if not ranked:
        return Choice(None, problem="no_match")
    key, option, region_id, age_match = min(ranked, key=lambda item: item[0])
    return Choice(
        option,
        region_level=key[0],
        region_id=region_id,
        language_fallback=key[1] == 1 and language != FALLBACK_LANGUAGE,
        age_match=age_match,
    )


def choose_for_reader(
    options: Iterable[VariantOption],
    *,
    lineage: Sequence[int],
    language: str,
    formats: Sequence[str],
    age_band: str | None = None,
) -> Choice:
    """The variant a person reading the public site gets, among several formats.

    `choose_variant` picks within each format; across formats the planner's order
    holds (closest region, then no language fallback), then the reader's own age
    band, then the earlier format in `formats` (the site's order of preference).
    """
    ranked = []
    for format_rank, format in enumerate(formats):
        choice = choose_variant(
            options,
            lineage=lineage,
            language=language,
            format=format,
            age_band=age_band,
        )
        if choice.variant is None:
            continue
        age_rank = {"band": 0, "all_ages": 1}.get(choice.age_match, 2)
        key = (choice.region_level, choice.language_fallback, age_rank, format_rank)
        ranked.append((key, choice))
    if not ranked:
        return Choice(None, problem="no_match")
    return min(ranked, key=lambda item: item[0])[1]
