"""Turn the database into planner input, run the planner, store the draft plan.

Re-planning replaces only draft broadcasts that are still in the future; approved,
sent, aired or cancelled ones stay, and the new plan fits around them.
"""

import datetime
from bisect import bisect_left
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db import transaction
from django.db.models import Q
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
    ChannelWindow,
    PlanStatus,
)

from .store import BATCH, PlannedRow, Source, broadcasts_store

# Planner ids of a message's own text offered as its article (see page_articles).
PAGE_ARTICLE = "page-"
# Called with (percent, step). While rows are saved it runs inside PostgreSQL's COPY
# on the planning connection (store.broadcasts_copy): it may print or log, not use
# the database.
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


def _channel_inputs(region_map=None) -> list[planner.Channel]:
    """Every active channel as the planner sees it, read in four queries of plain
    values: at the size of the country (thousands of commune loudspeakers) building
    model instances and prefetching their relations cost seconds."""
    active = Channel.objects.filter(active=True)
    regions: dict[int, list[str]] = defaultdict(list)
    covered = Channel.regions.through.objects.filter(channel__in=active)
    if region_map is not None:
        covered = covered.filter(region__map=region_map)
    for channel_id, region_id in covered.order_by("region__path").values_list(
        "channel_id", "region_id"
    ):
        regions[channel_id].append(str(region_id))
    languages: dict[int, list[str]] = defaultdict(list)
    spoken = Channel.languages.through.objects.filter(channel__in=active)
    # In the languages' own order, as `channel.languages.all()` gives them.
    for channel_id, code in spoken.order_by(
        "language__name", "language__pk"
    ).values_list("channel_id", "language__code"):
        languages[channel_id].append(code)
    windows: dict[int, list] = defaultdict(list)
    for channel_id, start, end in (
        ChannelWindow.objects.filter(channel__in=active)
        .order_by("sort_order", "pk")
        .values_list("channel_id", "start", "end")
    ):
        windows[channel_id].append((start, end))
    return [
        planner.Channel(
            id=str(pk),
            kind=kind,
            region_ids=tuple(regions[pk]),
            languages=tuple(languages[pk]),
            formats=tuple(formats),
            capacity=capacity,
            windows=tuple(windows[pk]),
            slot_minutes=slot_minutes,
            audience=audience or 0,
        )
        for pk, kind, formats, capacity, slot_minutes, audience in active.order_by(
            "pk"
        ).values_list(
            "pk",
            "kind",
            "formats",
            "daily_capacity",
            "slot_minutes",
            "audience_per_airing",
        )
    ]


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
        channels=tuple(_channel_inputs(region_map)),
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


def _replaced_delete(campaign: CampaignPage, now: datetime.datetime) -> None:
    """Delete the campaign's future drafts a batch at a time, through the ORM (so
    whatever hangs on them goes too) without holding them all in memory."""
    replaced = _kept(campaign).filter(status=BroadcastStatus.DRAFT, starts_at__gt=now)
    while ids := list(replaced.values_list("pk", flat=True)[:BATCH]):
        Broadcast.objects.filter(pk__in=ids).delete()


@dataclass
class _Kept:
    """Kept broadcasts a new airing may clash with, per channel pk: their starts in
    order with the latest end so far, and how many each local day already has."""

    starts: dict[int, list[datetime.datetime]]
    latest_end: dict[int, list[datetime.datetime]]
    per_day: dict[int, Counter]


def _kept_load(campaign: CampaignPage, now: datetime.datetime, zone) -> _Kept:
    """Only what can meet a new airing: it starts after `now`, and its day (the day
    its window starts) is at the earliest the day before now's."""
    cutoff = datetime.datetime.combine(
        now.astimezone(zone).date() - datetime.timedelta(days=1),
        datetime.time(),
        zone,
    )
    rows = (
        _kept(campaign)
        .filter(Q(starts_at__gte=cutoff) | Q(ends_at__gt=now))
        .order_by("channel_id", "starts_at")
        .values_list("channel_id", "starts_at", "ends_at")
    )
    starts: dict[int, list] = defaultdict(list)
    latest_end: dict[int, list] = defaultdict(list)
    per_day: dict[int, Counter] = defaultdict(Counter)
    for channel_id, starts_at, ends_at in rows.iterator(chunk_size=BATCH):
        starts_at, ends_at = starts_at.astimezone(zone), ends_at.astimezone(zone)
        ends = latest_end[channel_id]
        starts[channel_id].append(starts_at)
        ends.append(max(ends[-1], ends_at) if ends else ends_at)
        per_day[channel_id][starts_at.date()] += 1
    return _Kept(dict(starts), dict(latest_end), dict(per_day))


def _planned_rows(
    run: planner.PlanRun,
    sources: dict[str, Source],
    kept: _Kept,
    progress: Callable[[int], None],
) -> Iterator[PlannedRow]:
    """Each channel's airings as rows to store, as the planner makes them; an airing
    that overlaps a kept broadcast, or would pass the day's capacity counting the
    kept ones, is left out."""
    moment, days = run.moment, run.days
    total = max(1, len(run.channel_list))
    for done, channel_plan in enumerate(run.channels(), start=1):
        channel_id = int(channel_plan.channel.id)
        starts = kept.starts.get(channel_id)
        if starts is None:
            for start, end, _day, region, _message, variant in channel_plan.airings:
                starts_at, ends_at = moment(start), moment(end)
                yield channel_id, sources[variant], int(region), starts_at, ends_at
        else:
            latest_end = kept.latest_end[channel_id]
            per_day = kept.per_day[channel_id]
            capacity = channel_plan.channel.capacity
            for start, end, day, region, _message, variant in channel_plan.airings:
                starts_at, ends_at = moment(start), moment(end)
                before = bisect_left(starts, ends_at)
                if before and latest_end[before - 1] > starts_at:
                    continue  # overlaps a kept broadcast
                if per_day[days[day]] >= capacity:
                    continue
                per_day[days[day]] += 1
                yield channel_id, sources[variant], int(region), starts_at, ends_at
        progress(done * 100 // total)


def _sources(variants: dict) -> dict[str, Source]:
    """What each planner variant id airs: a variant's text, or a message's own."""
    found = {}
    for key, source in variants.items():
        if isinstance(source, MessagePage):
            found[key] = Source(source.pk, None, True, source.article_text)
        else:
            found[key] = Source(source.page_id, source.pk, False, source.text)
    return found


def coverage_report(
    result: planner.PlanSummary,
    inp: planner.PlannerInput,
    stored: Counter | None = None,
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


def broadcast_plan_dry_run(*, campaign: CampaignPage, now=None, seed: int = 0) -> int:
    """How many broadcasts a plan would hold, writing nothing."""
    now = now or timezone.now()
    inp, _variants = planner_input_build(campaign=campaign, now=now, seed=seed)
    return sum(channel.aired for channel in planner.PlanRun(inp).channels())


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
    run = planner.PlanRun(inp)
    zone = ZoneInfo(settings.TIME_ZONE)
    # Each channel is stored as soon as it is planned: from here on it is one step.
    _progress(plan, 10, "saving", progress)
    shown = [10]

    def saving(percent: int) -> None:
        # Within the transaction the plan row is not worth updating (nobody else
        # sees it before the end); the caller's progress bar is.
        step = 10 + percent * 85 // 100
        if progress and step > shown[0]:
            shown[0] = step
            progress(step, "saving")

    with transaction.atomic():
        _replaced_delete(campaign, now)
        kept = _kept_load(campaign, now, zone)
        stored = broadcasts_store(
            plan_id=plan.pk,
            rows=_planned_rows(run, _sources(variants), kept, saving),
        )
        summary = run.summary()
        BroadcastPlan.objects.filter(pk=plan.pk).update(
            status=PlanStatus.READY,
            progress=100,
            message="",
            coverage=coverage_report(
                summary, inp, Counter({str(pk): n for pk, n in stored.items()})
            ),
            planned_at=timezone.now(),
        )
    _progress(plan, 100, "", progress)
    plan.refresh_from_db()
    return plan, sum(stored.values())


def plan_failed(*, plan: BroadcastPlan, error: str) -> None:
    BroadcastPlan.objects.filter(pk=plan.pk).update(
        status=PlanStatus.FAILED, message=error[:500]
    )
