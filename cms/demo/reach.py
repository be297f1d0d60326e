"""Illustrative results of the demo 2017 plan, so that the dashboard has numbers.

Nothing here is a real figure: populations are marked `population_is_illustrative`,
reach records `illustrative`, and the dashboard and reports say so. A fixed seed
makes every load the same.
"""

import datetime
import random
from decimal import Decimal

from django.utils import timezone

from campaigns.models import CampaignPage, Region, RegionKind
from schedules.models import (
    Broadcast,
    BroadcastEvent,
    BroadcastStatus,
    ReachMethod,
    ReachRecord,
    ReportSettings,
)

from .platform import history_regions

SEED = 3007
NOTE = "Số liệu minh họa (demo)"
# Ranges of illustrative populations by kind of region.
POPULATION = {
    RegionKind.CITY: (150_000, 400_000),
    RegionKind.TOWN: (50_000, 120_000),
    RegionKind.DISTRICT: (60_000, 250_000),
}
COMMUNE_POPULATION = (3_000, 15_000)
MISSED, FAILED = 0.03, 0.06
# The demo committee's target: about one contact a week over the 13 weeks of the
# campaign, so the gap list shows which areas fall short of it.
TARGET_PER_HEAD = Decimal("13")
AREA_SHARE = 0.2


def populations() -> int:
    """Illustrative populations for every region without one, before the plan is
    made, so the planner's shares and the reports' per-1,000 figures have them."""
    return _populations(random.Random(SEED))


def _populations(rng: random.Random) -> int:
    regions = list(
        history_regions().filter(depth__gte=2, population__isnull=True).order_by("path")
    )
    for region in regions:
        low, high = POPULATION.get(region.kind, COMMUNE_POPULATION)
        region.population = rng.randrange(low, high, 100)
        region.population_is_illustrative = True
    Region.objects.bulk_update(regions, ["population", "population_is_illustrative"])
    province = history_regions().filter(depth=1, population__isnull=True).first()
    if province is not None:
        districts = (
            history_regions().filter(depth=2).values_list("population", flat=True)
        )
        province.population = sum(value or 0 for value in districts)
        province.population_is_illustrative = True
        province.save(update_fields=["population", "population_is_illustrative"])
    return len(regions)


def _age_band(broadcast):
    bands = list(broadcast.variant.age_bands.all()) if broadcast.variant else []
    return bands[0] if len(bands) == 1 else None


def _outcomes(plan, rng: random.Random, now: datetime.datetime):
    broadcasts = list(
        Broadcast.objects.filter(
            plan=plan, status=BroadcastStatus.APPROVED, ends_at__lt=now
        )
        .select_related("channel", "region", "variant")
        .prefetch_related("variant__age_bands")
        .order_by("starts_at", "pk")
    )
    events, records = [], []
    for broadcast in broadcasts:
        draw = rng.random()
        if draw < MISSED:
            broadcast.status = BroadcastStatus.MISSED
        elif draw < MISSED + FAILED:
            broadcast.status = BroadcastStatus.FAILED
            broadcast.last_error = NOTE
        else:
            broadcast.status = BroadcastStatus.AIRED
            broadcast.sent_at = broadcast.starts_at
            broadcast.aired_at = broadcast.starts_at
            population = broadcast.region.population
            audience = broadcast.channel.audience_for(population)
            if population and broadcast.region.depth > 1:
                # A provincial channel aimed at one district reaches only part of it.
                audience = min(audience, int(population * AREA_SHARE))
            records.append(
                ReachRecord(
                    broadcast=broadcast,
                    region=broadcast.region,
                    age_band=_age_band(broadcast),
                    count=int(audience * rng.uniform(0.6, 1.1)),
                    method=ReachMethod.ESTIMATED,
                    reached_at=broadcast.aired_at or broadcast.starts_at,
                    recorded_at=broadcast.ends_at,
                    note=NOTE,
                    illustrative=True,
                )
            )
        events.append(
            BroadcastEvent(
                broadcast=broadcast,
                from_status=BroadcastStatus.APPROVED,
                to_status=broadcast.status,
                at=broadcast.ends_at,
                actor="demo",
                note=NOTE,
            )
        )
    Broadcast.objects.bulk_update(
        broadcasts, ["status", "sent_at", "aired_at", "last_error"], batch_size=500
    )
    BroadcastEvent.objects.bulk_create(events, batch_size=500)
    ReachRecord.objects.bulk_create(records, batch_size=500)
    return broadcasts, records


def load(now: datetime.datetime | None = None) -> str:
    campaign = CampaignPage.objects.filter(year=2017).first()
    plan = campaign.broadcast_plans.order_by("pk").first() if campaign else None
    if plan is None:
        return "Illustrative reach: no 2017 plan"
    drawn = ReachRecord.objects.filter(
        broadcast__plan=plan, illustrative=True, method=ReachMethod.ESTIMATED
    )
    if drawn.exists():
        return "Illustrative reach: already loaded"
    rng = random.Random(SEED)
    populations = _populations(rng)
    target = ReportSettings.load()
    target.reach_target_per_head = TARGET_PER_HEAD
    target.save()
    broadcasts, records = _outcomes(plan, rng, now or timezone.now())
    people = sum(record.count for record in records)
    return (
        f"Illustrative reach (số liệu minh họa): {len(records)} of {len(broadcasts)} "
        f"broadcasts aired, {people:,} people; {populations} illustrative populations"
    )
