"""Turn the database into planner input, run the planner, store the draft plan.

Re-planning replaces only draft broadcasts that are still in the future; approved,
sent, aired or cancelled ones stay, and the new plan fits around them.
"""

import datetime
from collections import Counter, defaultdict
from collections.abc import Callable
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from campaigns.models import CampaignPage, Format, MessagePage, Region
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
# Planner ids of a message's own text offered as its article (see page_articles).
PAGE_ARTICLE = "page-"
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


def page_articles(campaign: CampaignPage, variants) -> dict[str, MessagePage]:
    """Live, public messages whose own title, summary and body serve as their
    Vietnamese article, as they have no province-wide one: so a newspaper or portal
    that takes only articles is still fed. Keyed by planner id; each page carries
    `article_regions`, the regions its variants are written for (none: the whole
    province), so the article never widens whom the message is meant for."""
    written = set()
    regions: dict[int, set[int] | None] = {}
    for variant in variants:
        targets = {region.pk for region in variant.target_regions.all()}
        if not targets:
            regions[variant.page_id] = None
            if variant.format == Format.ARTICLE:
                if variant.language_id == planner.VIETNAMESE:
                    written.add(variant.page_id)
        elif regions.get(variant.page_id, set()) is not None:
            regions.setdefault(variant.page_id, set()).update(targets)
    pages = (
        MessagePage.objects.live().public().child_of(campaign).exclude(pk__in=written)
    )
    found = {}
    for page in pages.order_by("pk"):
        page.article_regions = sorted(regions.get(page.pk) or ())
        found[f"{PAGE_ARTICLE}{page.pk}"] = page
    return found


def _page_input(key: str, page: MessagePage) -> planner.Variant:
    return planner.Variant(
        id=key,
        message_id=str(page.pk),
        language=planner.VIETNAMESE,
        format=Format.ARTICLE,
        region_ids=tuple(str(pk) for pk in page.article_regions),
    )


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
    """The planner's input for a campaign, and what each planner variant id stands
    for (a variant row, or a message page whose own text is its article)."""
    variants = {str(variant.pk): variant for variant in published_variants(campaign)}
    pages = page_articles(campaign, variants.values())
    inputs = [_variant_input(variant) for variant in variants.values()]
    inputs += [_page_input(key, page) for key, page in pages.items()]
    region_map = campaign.region_map
    inp = planner.PlannerInput(
        start=campaign.period_start,
        end=campaign.period_end,
        anchor=campaign.anchor_date,
        now=now,
        channels=tuple(
            _channel_input(channel, region_map) for channel in active_channels()
        ),
        variants=tuple(inputs),
        regions=tuple(_region_inputs(region_map)),
        curve=planner.IntensityCurve(
            base=float(campaign.intensity_base),
            ramp_days=campaign.ramp_days,
            taper_days=campaign.taper_days,
        ),
        seed=seed,
        time_zone=settings.TIME_ZONE,
    )
    return inp, {**variants, **pages}


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


def coverage_report(
    result: planner.PlanResult, inp: planner.PlannerInput, stored: Counter | None = None
) -> dict:
    """Gaps first, high-risk regions on top; plain JSON for the plan page.

    Every active channel that got nothing is a gap too, with its reason; `stored`
    counts the rows saved per channel id, so a channel whose airings all clashed with
    broadcasts kept from an earlier plan is listed as having no capacity left.
    """
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
            "region_id": int(row.region_id),
            "airings": row.airings,
            "weight": row.weight,
            "capacity_bound": row.capacity_bound,
        }
        for row in result.airings_by_region.values()
    ]
    regions.sort(key=lambda row: (-row["weight"], row["region"]))
    idle = {item.channel_id: item.reason for item in result.idle_channels}
    if stored is not None:
        for channel in inp.channels:
            if channel.id not in idle and not stored[channel.id]:
                idle[channel.id] = planner.NO_CAPACITY
    channel_names = dict(
        Channel.objects.filter(pk__in=[int(key) for key in idle]).values_list(
            "pk", "name"
        )
    )
    idle_rows = [
        {
            "channel": channel_names.get(int(key), key),
            "channel_id": int(key),
            "reason": why,
        }
        for key, why in idle.items()
    ]
    idle_rows.sort(key=lambda row: row["channel"])
    return {
        "gaps": sum(1 for row in rows if not row["covered"]) + len(idle_rows),
        "pairs": rows,
        "regions": regions,
        "idle_channels": idle_rows,
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
    texts: dict[int, str] = {}
    rows = []
    for item in fitting:
        day = (item.channel_id, item.day)
        if per_day[day] >= capacity[int(item.channel_id)]:
            continue
        per_day[day] += 1
        source = variants[item.variant_id]
        from_page = isinstance(source, MessagePage)
        if from_page and source.pk not in texts:
            texts[source.pk] = source.article_text
        rows.append(
            Broadcast(
                plan=plan,
                channel_id=int(item.channel_id),
                message_id=int(item.message_id),
                variant_id=None if from_page else source.pk,
                from_page=from_page,
                text=texts[source.pk] if from_page else source.text,
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
            coverage=coverage_report(
                result, inp, Counter(str(row.channel_id) for row in rows)
            ),
            planned_at=timezone.now(),
        )
    _progress(plan, 100, "", progress)
    plan.refresh_from_db()
    return plan, len(rows)


def plan_failed(*, plan: BroadcastPlan, error: str) -> None:
    BroadcastPlan.objects.filter(pk=plan.pk).update(
        status=PlanStatus.FAILED, message=error[:500]
    )
