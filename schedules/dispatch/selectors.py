"""Reads for the dispatcher, the admin queue and the channels' pull feeds."""

import datetime

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from campaigns.selectors import ChoiceExplainer
from schedules.models import (
    Broadcast,
    BroadcastStatus,
    Channel,
    ClusterPlay,
    DeliveryMethod,
)

UNCONFIRMED_AFTER = datetime.timedelta(days=1)
FEED_WINDOW = datetime.timedelta(hours=24)


def due_condition(*, now: datetime.datetime, channels: QuerySet | None = None) -> Q:
    """Due: the channel's lead time before airing has come (``starts_at - lead ≤ now``).

    Lead times differ by channel, so the condition is one term per distinct lead time;
    there are few of them and each term can use the (status, starts_at) index.
    """
    channels = channels if channels is not None else Channel.objects.all()
    leads = sorted(set(channels.values_list("lead_minutes", flat=True)))
    condition = Q(pk__in=[])
    for lead in leads:
        condition |= Q(
            channel__lead_minutes=lead,
            starts_at__lte=now + datetime.timedelta(minutes=lead),
        )
    return condition


def broadcasts_due(*, now: datetime.datetime) -> QuerySet:
    """Approved and due, whatever the channel; run-sheet ones wait for their sheet."""
    return (
        Broadcast.objects.filter(status=BroadcastStatus.APPROVED)
        .filter(due_condition(now=now))
        .select_related("channel", "region")
    )


def broadcasts_claimable(*, now: datetime.datetime) -> QuerySet:
    """What the dispatcher takes: due, on an active channel that is not on paper."""
    channels = Channel.objects.filter(active=True).exclude(
        delivery_method=DeliveryMethod.RUN_SHEET
    )
    return (
        Broadcast.objects.filter(
            status=BroadcastStatus.APPROVED,
            channel__active=True,
        )
        .filter(due_condition(now=now, channels=channels))
        .exclude(channel__delivery_method=DeliveryMethod.RUN_SHEET)
    )


def broadcasts_dispatching() -> QuerySet:
    return Broadcast.objects.filter(status=BroadcastStatus.DISPATCHING).select_related(
        "channel", "region"
    )


def broadcasts_failed() -> QuerySet:
    return Broadcast.objects.filter(status=BroadcastStatus.FAILED).select_related(
        "channel", "region"
    )


def broadcasts_missed(*, now: datetime.datetime) -> QuerySet:
    """Skipped as too late in the last week: never dropped without a trace."""
    return Broadcast.objects.filter(
        status=BroadcastStatus.MISSED, starts_at__gte=now - datetime.timedelta(days=7)
    ).select_related("channel", "region")


def broadcasts_unconfirmed(*, now: datetime.datetime) -> QuerySet:
    """Sent, a day past their airing time, and nobody has confirmed they aired."""
    return Broadcast.objects.filter(
        status=BroadcastStatus.SENT, starts_at__lte=now - UNCONFIRMED_AFTER
    ).select_related("channel", "region")


def dispatch_queue_counts(*, now: datetime.datetime) -> dict[str, int]:
    return {
        "due": broadcasts_due(now=now).count(),
        "dispatching": broadcasts_dispatching().count(),
        "failed": broadcasts_failed().count(),
        "missed": broadcasts_missed(now=now).count(),
        "unconfirmed": broadcasts_unconfirmed(now=now).count(),
    }


def channel_feed_items(*, channel: Channel, now: datetime.datetime) -> QuerySet:
    """What a channel's pull feed shows: sent to it, not yet aired, within a day."""
    return (
        Broadcast.objects.filter(
            channel=channel,
            status=BroadcastStatus.SENT,
            starts_at__gte=now - FEED_WINDOW,
            starts_at__lte=now + FEED_WINDOW,
        )
        .select_related("region", "variant", "variant__image", "variant__audio")
        .order_by("starts_at", "pk")
    )


def broadcasts_explained(broadcasts) -> list[Broadcast]:
    """The broadcasts, each with `why`: why its content was chosen, in one short
    line (campaigns' variant rule: region · language · age band)."""
    items = list(broadcasts)
    explainer = ChoiceExplainer({item.message_id for item in items if item.message_id})
    languages: dict[int, list[str]] = {}
    for channel_id, code in Channel.objects.filter(
        pk__in={item.channel_id for item in items}
    ).values_list("pk", "languages__code"):
        if code:
            languages.setdefault(channel_id, []).append(code)
    for item in items:
        item.why = explainer.explain(
            variant_id=item.variant_id,
            message_id=item.message_id,
            region_id=item.region_id,
            languages=tuple(sorted(languages.get(item.channel_id, []))),
            from_page=item.from_page,
        )
    return items


def confirmations_by_channel(
    *, now: datetime.datetime, broadcasts: QuerySet | None = None
) -> list[dict]:
    """Per channel, airings confirmed by playback logs, by hand (link, button,
    callback), or not at all yet (sent, and their time has passed)."""
    broadcasts = broadcasts if broadcasts is not None else Broadcast.objects.all()
    played = ClusterPlay.objects.filter(broadcast=OuterRef("pk"))
    aired = Q(status=BroadcastStatus.AIRED)
    rows = (
        broadcasts.annotate(by_log=Exists(played))
        .values("channel", "channel__name")
        .annotate(
            by_logs=Count("id", filter=aired & Q(by_log=True)),
            by_hand=Count("id", filter=aired & Q(by_log=False)),
            unconfirmed=Count(
                "id", filter=Q(status=BroadcastStatus.SENT, starts_at__lt=now)
            ),
        )
        .filter(Q(by_logs__gt=0) | Q(by_hand__gt=0) | Q(unconfirmed__gt=0))
        .order_by("channel__name")
    )
    return [
        {
            "channel": row["channel__name"],
            "by_logs": row["by_logs"],
            "by_hand": row["by_hand"],
            "unconfirmed": row["unconfirmed"],
        }
        for row in rows
    ]
