"""Reads of sessions for the organiser's home, the calendar, attendance and feeds.

Every read that takes a user starts from scoping.sessions_visible_to, so no list or
count ever includes another area's session.
"""

import calendar as calendar_module
import datetime

from django.db.models import QuerySet
from django.utils import timezone

from campaigns.models import CampaignPage, Region, RegionKind
from campaigns.selectors import campaign_in_view
from schedules.models import Session, SessionStatus

from .scoping import regions_visible_to, sessions_visible_to

COMMUNE_KINDS = (RegionKind.COMMUNE, RegionKind.WARD, RegionKind.TOWNSHIP)


def current_campaign(*, now: datetime.datetime) -> CampaignPage | None:
    """The campaign running now, else the next one (organisers plan ahead)."""
    return campaign_in_view(today=timezone.localtime(now).date())


def upcoming_sessions(*, user, now: datetime.datetime) -> QuerySet[Session]:
    return (
        sessions_visible_to(user)
        .filter(starts_at__gte=now, status=SessionStatus.PLANNED)
        .select_related("region")
        .order_by("starts_at")
    )


def sessions_without_attendance(*, user, now: datetime.datetime) -> QuerySet[Session]:
    """Sessions that are over, were not cancelled, and still wait for their counts."""
    return (
        sessions_visible_to(user)
        .filter(ends_at__lt=now, attendance_total__isnull=True)
        .exclude(status=SessionStatus.CANCELLED)
        .select_related("region")
        .order_by("-ends_at")
    )


def past_sessions(*, user, now: datetime.datetime) -> QuerySet[Session]:
    """Every session in the area that is over and was not cancelled."""
    return (
        sessions_visible_to(user)
        .filter(ends_at__lt=now)
        .exclude(status=SessionStatus.CANCELLED)
        .select_related("region")
        .order_by("-ends_at")
    )


def _risky_paths(regions: list[Region]) -> set[str]:
    return {region.path for region in regions if region.high_risk}


def communes_without_session(*, user, campaign: CampaignPage | None) -> list[Region]:
    """Communes of the area with no planned or held session in the campaign yet.

    High-risk communes come first; a commune counts as high-risk when it or a region
    above it borders Laos, is poor or is home to an ethnic minority.
    """
    area = list(regions_visible_to(user))
    if campaign is not None and campaign.region_map is not None:
        area = [region for region in area if region.map_id == campaign.region_map.pk]
    paths = {region.path for region in area}
    ancestors = Region.objects.filter(
        path__in={
            region.path[:length]
            for region in area
            for length in range(Region.steplen, len(region.path), Region.steplen)
        }
        - paths
    )
    risky = _risky_paths(area) | _risky_paths(list(ancestors))
    covered = set()
    if campaign is not None:
        covered = set(
            Session.objects.filter(campaign=campaign)
            .exclude(status=SessionStatus.CANCELLED)
            .values_list("region__path", flat=True)
        )
    found = []
    for region in area:
        if region.kind not in COMMUNE_KINDS:
            continue
        if any(path.startswith(region.path) for path in covered):
            continue
        region.is_high_risk = any(
            region.path[:length] in risky
            for length in range(Region.steplen, len(region.path) + 1, Region.steplen)
        )
        found.append(region)
    found.sort(key=lambda region: (not region.is_high_risk, region.path))
    return found


def sessions_in_month(*, user, year: int, month: int) -> QuerySet[Session]:
    zone = timezone.get_current_timezone()
    first = datetime.datetime(year, month, 1, tzinfo=zone)
    days = calendar_module.monthrange(year, month)[1]
    after = first + datetime.timedelta(days=days)
    return (
        sessions_visible_to(user)
        .filter(starts_at__lt=after, ends_at__gte=first)
        .select_related("region")
        .order_by("starts_at")
    )


def default_month(*, user, now: datetime.datetime) -> datetime.date:
    """The month to open the calendar on: this one, else the next or last session's."""
    today = timezone.localtime(now).date().replace(day=1)
    sessions = sessions_visible_to(user)
    if sessions_in_month(user=user, year=today.year, month=today.month).exists():
        return today
    nearest = (
        sessions.filter(starts_at__gte=now).order_by("starts_at").first()
        or sessions.order_by("-starts_at").first()
    )
    if nearest is None:
        return today
    return timezone.localtime(nearest.starts_at).date().replace(day=1)


def region_sessions(*, region: Region) -> QuerySet[Session]:
    """The sessions of a region and everything under it, for its public calendar."""
    return (
        Session.objects.filter(region__path__startswith=region.path)
        .select_related("region", "organiser", "organisation")
        .order_by("starts_at")
    )
