"""Which published variant of a key message a channel airs for a region.

The rule is the editors' one, shared with the Django app through the Django-free
`campaigns.variant_rule`: the closest region first (the region itself, its nearest
ancestor, then province-wide), then the language (falling back to Vietnamese).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from campaigns.variant_rule import VariantOption, choose_variant
from schedules.planner.inputs import VIETNAMESE, Channel, Region, Variant
from schedules.planner.regions import RegionTree


@dataclass(frozen=True, slots=True)
class VariantChoice:
    """The chosen variant, why it was chosen, and how far its target is (0 = itself)."""

    variant: Variant
    reason: str
    distance: int
    fallback: bool = False


def _codes(value: str | Sequence[str]) -> tuple[str, ...]:
    return (value,) if isinstance(value, str) else tuple(value)


def pick_variant(
    variants: Iterable[Variant],
    message_id: str,
    region_id: str,
    language: str | Sequence[str],
    format: str | Sequence[str],
    regions: RegionTree | Iterable[Region],
    *,
    fallback_language: str | None = VIETNAMESE,
) -> VariantChoice | None:
    """Pick the variant of `message_id` to air for `region_id`, or None if none fits.

    `language` and `format` may be one code or several in order of preference. The first
    language with any fitting variant wins; only if none has one does the fallback
    language apply. Among fitting variants the closest target region wins, then the
    preferred format, then the smaller variant id.
    """
    tree = regions if isinstance(regions, RegionTree) else RegionTree(regions)
    if region_id not in tree:
        raise ValueError(f"unknown region {region_id!r}")
    languages = _codes(language)
    formats = _codes(format)
    chain = (region_id, *tree.ancestors(region_id))
    by_id = {v.id: v for v in variants if v.message_id == message_id}
    options = [
        VariantOption(
            id=v.id,
            message_id=v.message_id,
            language=v.language,
            format=v.format,
            region_ids=frozenset(v.region_ids),
        )
        for v in by_id.values()
        if fallback_language is not None or v.language in languages
    ]
    best = None
    for format_rank, fmt in enumerate(formats):
        for language_rank, lang in enumerate(languages):
            choice = choose_variant(options, lineage=chain, language=lang, format=fmt)
            if choice.variant is None:
                continue
            fallback = choice.language_fallback and lang not in (fallback_language,)
            if fallback and choice.variant.language in languages:
                fallback = False
            key = (choice.region_level, fallback, format_rank, language_rank)
            if best is None or key < best[0]:
                best = (key, choice, fallback)
    if best is None:
        return None
    (distance, *_), choice, fallback = best
    variant = by_id[choice.variant.id]
    if distance == 0:
        reason = "variant for the region itself"
    elif distance < len(chain):
        reason = f"variant for ancestor region {chain[distance]}"
    else:
        reason = "province-wide variant"
    if fallback:
        reason += (
            f"; no variant in {'/'.join(languages)}, fell back to {variant.language}"
        )
    return VariantChoice(variant, reason, distance, fallback)


def suits_channel(variant: Variant, channel: Channel, tree: RegionTree) -> bool:
    """A variant suits a channel when it is province-wide or aimed at one of the
    channel's regions, an ancestor of one, or a region inside one."""
    if not variant.region_ids:
        return True
    return any(
        tree.related(target, area)
        for target in variant.region_ids
        if target in tree
        for area in channel.region_ids
    )
