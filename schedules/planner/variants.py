"""Which published variant of a key message a channel airs for a region.

This mirrors the selection rule of the Django app so the planner can run without it:
language first (the wanted language, else the fallback "vi"), then the variant aimed at
the closest region (the region itself, its nearest ancestor, then province-wide).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

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
    format_rank = {code: i for i, code in reversed(list(enumerate(_codes(format))))}
    chain = (region_id, *tree.ancestors(region_id))
    distance_of = {rid: i for i, rid in enumerate(chain)}
    province_wide = len(chain)

    fitting: list[tuple[int, int, str, Variant]] = []
    for variant in variants:
        if variant.message_id != message_id or variant.format not in format_rank:
            continue
        if variant.region_ids:
            distance = min(
                (distance_of[r] for r in variant.region_ids if r in distance_of),
                default=None,
            )
            if distance is None:
                continue
        else:
            distance = province_wide
        fitting.append((distance, format_rank[variant.format], variant.id, variant))

    tried = list(languages)
    if fallback_language is not None and fallback_language not in tried:
        tried.append(fallback_language)
    for lang in tried:
        best = min((f for f in fitting if f[3].language == lang), default=None)
        if best is None:
            continue
        distance, _, _, variant = best
        fallback = lang not in languages
        if distance == 0:
            reason = "variant for the region itself"
        elif distance < province_wide:
            reason = f"variant for ancestor region {chain[distance]}"
        else:
            reason = "province-wide variant"
        if fallback:
            reason += f"; no variant in {'/'.join(languages)}, fell back to {lang}"
        return VariantChoice(variant, reason, distance, fallback)
    return None


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
