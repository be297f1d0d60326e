"""Poll press outlets' feeds and keep the articles that mention the campaign.

The network part (``schedules.press``) is plain Python and never raises for a bad
outlet; this module stores what it found. Each outlet is fetched outside any
transaction and stored in its own, so one outlet's failure (or a slow server) never
holds up or undoes another's.
"""

import datetime
import logging
import re
from dataclasses import dataclass, field

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from campaigns.models import CampaignPage
from schedules.models import Coverage, PressOutlet, ReachMethod, ReachRecord
from schedules.press.fetch import FetchStatus, fetch_feed
from schedules.press.matching import Matcher, compile_terms
from schedules.press.parsing import FeedEntry

logger = logging.getLogger(__name__)

_TRAILING_YEAR = re.compile(r"\s*(?:năm\s+)?\d{4}\s*$", re.IGNORECASE)


@dataclass
class PollResult:
    """What one outlet's poll gave: new coverage, or the reason it failed."""

    outlet: PressOutlet
    status: str
    reason: str = ""
    entries: int = 0
    created: list[Coverage] = field(default_factory=list)


def campaign_terms(campaign: CampaignPage) -> list[str]:
    """The campaign's name (with and without its year), live slogans, editor terms."""
    terms = [campaign.title, _TRAILING_YEAR.sub("", campaign.title)]
    terms += list(campaign.slogans.live().values_list("text", flat=True))
    terms += [line.strip() for line in campaign.press_terms.splitlines()]
    return [term for term in dict.fromkeys(terms) if term]


def outlets_poll(
    *,
    now: datetime.datetime,
    outlets=None,
    allow_loopback: bool | None = None,
) -> list[PollResult]:
    """Poll each active outlet once; a failing outlet is marked and the rest go on."""
    if allow_loopback is None:
        allow_loopback = settings.PRESS_FETCH_ALLOW_LOOPBACK
    if outlets is None:
        outlets = PressOutlet.objects.filter(active=True).select_related("region")
    matchers = {
        campaign.year: (campaign, compile_terms(campaign_terms(campaign)))
        for campaign in CampaignPage.objects.live()
    }
    results = []
    for outlet in outlets:
        try:
            results.append(
                outlet_poll(
                    outlet=outlet,
                    now=now,
                    matchers=matchers,
                    allow_loopback=allow_loopback,
                )
            )
        except Exception:
            # Our own bug or the database, not the outlet: log it, mark the outlet,
            # and poll the others.
            logger.exception("Polling press outlet %s failed", outlet.pk)
            reason = _("Internal error while storing this outlet's articles.")
            _mark_failed(outlet, reason, now)
            results.append(PollResult(outlet=outlet, status="failed", reason=reason))
    return results


def outlet_poll(
    *, outlet: PressOutlet, now: datetime.datetime, matchers, allow_loopback: bool
) -> PollResult:
    """Fetch one outlet (conditionally), then store its matching articles."""
    fetched = fetch_feed(
        outlet.feed_url,
        etag=outlet.etag or None,
        last_modified=outlet.last_modified or None,
        allow_loopback=allow_loopback,
        allowed_networks=settings.OUTBOUND_ALLOWED_NETWORKS,
    )
    if fetched.status == FetchStatus.FAILED:
        _mark_failed(outlet, fetched.reason, now)
        return PollResult(outlet=outlet, status="failed", reason=fetched.reason)
    with transaction.atomic():
        created = []
        for entry in fetched.entries:
            coverage = coverage_record(
                outlet=outlet, entry=entry, matchers=matchers, now=now
            )
            if coverage is not None:
                created.append(coverage)
        PressOutlet.objects.filter(pk=outlet.pk).update(
            last_polled_at=now,
            consecutive_failures=0,
            last_error="",
            etag=_fits(fetched.etag, PressOutlet._meta.get_field("etag")),
            last_modified=_fits(
                fetched.last_modified, PressOutlet._meta.get_field("last_modified")
            ),
        )
    outlet.refresh_from_db()
    return PollResult(
        outlet=outlet,
        status=str(fetched.status),
        entries=len(fetched.entries),
        created=created,
    )


def coverage_record(
    *,
    outlet: PressOutlet,
    entry: FeedEntry,
    matchers: dict[int, tuple[CampaignPage, Matcher]],
    now: datetime.datetime,
) -> Coverage | None:
    """The entry as new coverage with its estimated reach, if it mentions a campaign.

    An article belongs to the campaign of the year it was published in. Returns
    None when nothing matches or the outlet's entry is already stored.
    """
    published = entry.published or now
    found = matchers.get(timezone.localtime(published).year)
    if found is None:
        return None
    campaign, matcher = found
    terms = matcher.match(entry.title, entry.summary)
    if not terms:
        return None
    if Coverage.objects.filter(outlet=outlet, entry_id=entry.entry_id).exists():
        return None
    link_field = Coverage._meta.get_field("link")
    try:
        with transaction.atomic():
            coverage = Coverage.objects.create(
                outlet=outlet,
                campaign=campaign,
                entry_id=entry.entry_id,
                link=_fits(entry.link, link_field),
                title=(entry.title or entry.link or entry.entry_id)[:500],
                summary=entry.summary,
                published_at=entry.published,
                matched_terms=terms,
            )
            reach_estimate(coverage=coverage, now=now)
    except IntegrityError:
        return None  # stored meanwhile by another poll of the same outlet
    return coverage


def reach_estimate(*, coverage: Coverage, now: datetime.datetime) -> ReachRecord:
    """The one estimated reach of an article: its outlet's readership, where it is."""
    outlet = coverage.outlet
    record, _created = ReachRecord.objects.get_or_create(
        coverage=coverage,
        method=ReachMethod.ESTIMATED,
        defaults={
            "region": outlet.region,
            "count": outlet.readership,
            "reached_at": coverage.published_at or coverage.found_at or now,
            "recorded_at": now,
            "note": _("Estimated from the readership of %(outlet)s.")
            % {"outlet": outlet.name},
        },
    )
    return record


def _mark_failed(outlet: PressOutlet, reason: str, now: datetime.datetime) -> None:
    PressOutlet.objects.filter(pk=outlet.pk).update(
        last_polled_at=now,
        consecutive_failures=F("consecutive_failures") + 1,
        last_error=reason,
    )
    outlet.refresh_from_db()


def _fits(value: str | None, model_field) -> str:
    """The value if the column can hold it; "" rather than a truncated URL or tag."""
    value = value or ""
    return value if len(value) <= model_field.max_length else ""
