"""Turn the database into planner input, run the planner, store the draft plan.

Re-planning replaces only draft broadcasts that are still in the future; approved,
sent, aired or cancelled ones stay, and the new plan fits around them.
"""

import datetime
from collections import defaultdict
from collections.abc import Callable
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from campaigns.models import CampaignPage, MessagePage, Region
from campaigns.selectors import variants_with_targeting
from campaigns.text import reading_seconds
from schedules import planner
from schedules.models import (
    Broadcast,
    BroadcastPlan,
    BroadcastStatus,
    Channel,
    PlanStatus,
)

BATCH = 5000
ProgressFn = Callable[[int, str], None]


def _region_inputs(region_map=None):
    found = Region.objects.all()
    if region_map is not None:  # the map in force on the campaign's 30/7
        found = found.filter(map=region_map)
    regions = list(
        found.values_list(
            "pk", "path", "population", "border", "poor", "coastal", "ethnic_groups"
        )
    )
    pk_by_path = {path: pk for pk, path, *_ in regions}
    inputs = []
    for pk, path, population, border, poor, coastal, groups in regions:
        flags = {
            name
            for name, on in (
                (planner.RiskFlag.BORDER, border),
                (planner.RiskFlag.POOR, poor),
                (planner.RiskFlag.COASTAL, coastal),
                (planner.RiskFlag.ETHNIC_MINORITY, any(g != "Kinh" for g in groups)),
            )
            if on
        }
        parent = (
            pk_by_path.get(path[: -Region.steplen])
            if len(path) > Region.steplen
            else None
        )
        inputs.append(
            planner.Region(
                id=str(pk),
                parent_id=str(parent) if parent else None,
                population=population,
                flags=frozenset(flags),
            )
        )
    return inputs


def active_channels():
    return Channel.objects.filter(active=True).prefetch_related(
        "regions", "languages", "windows"
    )


def _channel_input(channel: Channel, region_map=None) -> planner.Channel:
    return planner.Channel(
        id=str(channel.pk),
        kind=channel.kind,
        region_ids=tuple(
            str(region.pk)
            for region in channel.regions.all()
            if region_map is None or region.map_id == region_map.pk
        ),
        languages=tuple(language.code for language in channel.languages.all()),
        formats=tuple(channel.formats),
        capacity=channel.daily_capacity,
        windows=tuple((window.start, window.end) for window in channel.windows.all()),
        slot_minutes=channel.slot_minutes,
        audience=channel.audience_per_airing or 0,
    )


def published_variants(campaign: CampaignPage):
    """Variants of the campaign's live, public messages that may be used."""
    messages = MessagePage.objects.live().public().child_of(campaign)
    return variants_with_targeting().filter(page__in=messages, translation_needed=False)


def _variant_input(variant) -> planner.Variant:
    scripted = variant.format == "loudspeaker_script"
    return planner.Variant(
        id=str(variant.pk),
        message_id=str(variant.page_id),
        language=variant.language_id,
        format=variant.format,
        region_ids=tuple(str(region.pk) for region in variant.target_regions.all()),
        age_bands=tuple(band.code for band in variant.age_bands.all()),
        duration_seconds=reading_seconds(variant.text) if scripted else 0,
    )


def planner_input_build(
    *, campaign: CampaignPage, now: datetime.datetime, seed: int = 0
) -> tuple[planner.PlannerInput, dict]:
    """The planner's input for a campaign, and the variant rows by id for saving."""
    variants = {str(variant.pk): variant for variant in published_variants(campaign)}
    region_map = campaign.region_map
    inp = planner.PlannerInput(
        start=campaign.period_start,
        end=campaign.period_end,
        anchor=campaign.anchor_date,
        now=now,
        channels=tuple(
            _channel_input(channel, region_map) for channel in active_channels()
        ),
        variants=tuple(_variant_input(variant) for variant in variants.values()),
        regions=tuple(_region_inputs(region_map)),
        curve=planner.IntensityCurve(
            base=float(campaign.intensity_base),
            ramp_days=campaign.ramp_days,
            taper_days=campaign.taper_days,
        ),
        seed=seed,
        time_zone=settings.TIME_ZONE,
    )
    return inp, variants


def _kept(campaign: CampaignPage):
    """Broadcasts a new plan fits around: all but the replaced and the cancelled."""
    return Broadcast.objects.filter(plan__campaign=campaign).exclude(
        status=BroadcastStatus.CANCELLED
    )


def _fits_around(planned, kept_rows, zone):
    """Drop planned airings that overlap a kept one or exceed the day's capacity."""
    busy = defaultdict(list)
    per_day = defaultdict(int)
    for channel_id, starts_at, ends_at in kept_rows:
        busy[str(channel_id)].append((starts_at, ends_at))
        per_day[(str(channel_id), starts_at.astimezone(zone).date())] += 1
    fitting = []
    for item in planned:
        spans = busy.get(item.channel_id, ())
        if any(item.starts_at < end and start < item.ends_at for start, end in spans):
            continue
        fitting.append(item)
    return fitting, per_day


def coverage_report(result: planner.PlanResult, inp: planner.PlannerInput) -> dict:
    """Gaps first, high-risk regions on top; plain JSON for the plan page."""
    weights = {key: row.weight for key, row in result.airings_by_region.items()}
    names = dict(Region.objects.values_list("pk", "name"))
    titles = dict(MessagePage.objects.values_list("pk", "title"))
    rows = [
        {
            "region": names.get(int(item.region_id), item.region_id),
            "region_id": int(item.region_id),
            "message": titles.get(int(item.message_id), item.message_id),
            "covered": item.covered,
            "reason": item.reason,
            "airings": item.airings,
            "weight": weights.get(item.region_id, 1.0),
        }
        for item in result.coverage
    ]
    rows.sort(key=lambda row: (row["covered"], -row["weight"], row["region"]))
    regions = [
        {
            "region": names.get(int(row.region_id), row.region_id),
            "airings": row.airings,
            "people": row.people,
            "weight": row.weight,
            "per_head": row.airings_per_head,
        }
        for row in result.airings_by_region.values()
    ]
    regions.sort(key=lambda row: (-row["weight"], row["region"]))
    return {
        "gaps": sum(1 for row in rows if not row["covered"]),
        "pairs": rows,
        "regions": regions,
    }


def _progress(
    plan: BroadcastPlan, percent: int, message: str, report: ProgressFn | None
):
    BroadcastPlan.objects.filter(pk=plan.pk).update(progress=percent, message=message)
    if report:
        report(percent, message)


def _rows(plan, result, variants, campaign, now, zone):
    """Broadcast rows of the new plan that fit around what is kept."""
    _kept(campaign).filter(status=BroadcastStatus.DRAFT, starts_at__gt=now).delete()
    kept_rows = list(_kept(campaign).values_list("channel_id", "starts_at", "ends_at"))
    fitting, per_day = _fits_around(result.broadcasts, kept_rows, zone)
    capacity = dict(Channel.objects.values_list("pk", "daily_capacity"))
    rows = []
    for item in fitting:
        day = (item.channel_id, item.day)
        if per_day[day] >= capacity[int(item.channel_id)]:
            continue
        per_day[day] += 1
        variant = variants[item.variant_id]
        rows.append(
            Broadcast(
                plan=plan,
                channel_id=int(item.channel_id),
                message_id=int(item.message_id),
                variant_id=variant.pk,
                text=variant.text,
                region_id=int(item.region_id),
                starts_at=item.starts_at,
                ends_at=item.ends_at,
            )
        )
    return rows


def broadcast_plan_dry_run(*, campaign: CampaignPage, now=None, seed: int = 0) -> int:
    """How many broadcasts a plan would hold, writing nothing."""
    now = now or timezone.now()
    inp, _variants = planner_input_build(campaign=campaign, now=now, seed=seed)
    return len(planner.plan(inp).broadcasts)


def broadcast_plan_generate(
    *,
    campaign: CampaignPage,
    now: datetime.datetime | None = None,
    seed: int = 0,
    plan: BroadcastPlan | None = None,
    user=None,
    progress: ProgressFn | None = None,
) -> tuple[BroadcastPlan, int]:
    """Plan the campaign's broadcasts; returns the plan and how many were stored."""
    now = now or timezone.now()
    if plan is None:
        plan = BroadcastPlan.objects.create(
            campaign=campaign, seed=seed, created_by=user
        )
    BroadcastPlan.objects.filter(pk=plan.pk).update(status=PlanStatus.RUNNING)
    _progress(plan, 5, "input", progress)
    inp, variants = planner_input_build(campaign=campaign, now=now, seed=seed)
    result = planner.plan(inp)
    _progress(plan, 40, "planned", progress)
    zone = ZoneInfo(settings.TIME_ZONE)
    with transaction.atomic():
        rows = _rows(plan, result, variants, campaign, now, zone)
        for start in range(0, len(rows), BATCH):
            Broadcast.objects.bulk_create(rows[start : start + BATCH])
            done = min(len(rows), start + BATCH)
            _progress(plan, 40 + int(55 * done / max(1, len(rows))), "saving", progress)
        BroadcastPlan.objects.filter(pk=plan.pk).update(
            status=PlanStatus.READY,
            progress=100,
            message="",
            coverage=coverage_report(result, inp),
            planned_at=timezone.now(),
        )
    _progress(plan, 100, "", progress)
    plan.refresh_from_db()
    return plan, len(rows)


def plan_failed(*, plan: BroadcastPlan, error: str) -> None:
    BroadcastPlan.objects.filter(pk=plan.pk).update(
        status=PlanStatus.FAILED, message=error[:500]
    )
