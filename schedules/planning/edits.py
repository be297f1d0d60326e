"""Planners' changes to broadcasts: move, approve, cancel; each checked and logged."""

import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from schedules.dispatch.events import actor_label, broadcast_event_log
from schedules.models import EDITABLE, Broadcast, BroadcastEvent, BroadcastStatus


def zone():
    return ZoneInfo(settings.TIME_ZONE)


def fits_window(channel, starts_at: datetime.datetime) -> bool:
    """Whether a slot starting here ends inside one of the channel's daily windows."""
    local = starts_at.astimezone(zone())
    slot = datetime.timedelta(minutes=channel.slot_minutes)
    for window in channel.windows.all():
        for day in (local.date(), local.date() - datetime.timedelta(days=1)):
            opens = datetime.datetime.combine(day, window.start, tzinfo=zone())
            closes = datetime.datetime.combine(day, window.end, tzinfo=zone())
            if closes <= opens:
                closes += datetime.timedelta(days=1)
            if opens <= local and local + slot <= closes:
                return True
    return False


def _check(broadcast, *, starts_at, channel, variant, campaign):
    errors = {}
    ends_at = starts_at + datetime.timedelta(minutes=channel.slot_minutes)
    local_day = starts_at.astimezone(zone()).date()
    if not campaign.period_start <= local_day <= campaign.period_end:
        errors["starts_at"] = _("The time is outside the campaign period.")
    elif not fits_window(channel, starts_at):
        errors["starts_at"] = _("The time is outside the channel's air windows.")
    others = (
        Broadcast.objects.filter(channel=channel)
        .exclude(pk=broadcast.pk)
        .exclude(status=BroadcastStatus.CANCELLED)
    )
    if (
        "starts_at" not in errors
        and others.filter(starts_at__lt=ends_at, ends_at__gt=starts_at).exists()
    ):
        errors["starts_at"] = _("Another broadcast is on this channel at that time.")
    day_start = datetime.datetime.combine(local_day, datetime.time(), tzinfo=zone())
    same_day = others.filter(
        starts_at__gte=day_start, starts_at__lt=day_start + datetime.timedelta(days=1)
    ).count()
    if "starts_at" not in errors and same_day >= channel.daily_capacity:
        errors["channel"] = _("The channel has no capacity left on that day.")
    if variant is not None:
        if variant.format not in channel.formats:
            errors["variant"] = _("The channel does not take this format.")
        elif variant.translation_needed:
            errors["variant"] = _("This variant is waiting for its translation.")
        elif (
            variant.language_id != "vi"
            and not channel.languages.filter(code=variant.language_id).exists()
        ):
            errors["variant"] = _("The channel does not air this language.")
    elif broadcast.from_page and "article" not in channel.formats:
        errors["channel"] = _("The channel does not take this format.")
    if errors:
        raise ValidationError(errors)
    return ends_at


@transaction.atomic
def broadcast_update(*, broadcast, starts_at, channel, variant, user) -> Broadcast:
    """Move a draft or approved broadcast to another time, channel or variant."""
    broadcast = Broadcast.objects.select_for_update().get(pk=broadcast.pk)
    if broadcast.status not in EDITABLE:
        raise ValidationError(_("Only draft or approved broadcasts can be changed."))
    ends_at = _check(
        broadcast,
        starts_at=starts_at,
        channel=channel,
        variant=variant,
        campaign=broadcast.plan.campaign,
    )
    changes = []
    if broadcast.starts_at != starts_at:
        changes.append(_("time"))
    if broadcast.channel_id != channel.pk:
        changes.append(_("channel"))
    if variant is not None and broadcast.variant_id != variant.pk:
        changes.append(_("variant"))
        broadcast.variant = variant
        broadcast.message_id = variant.page_id
        broadcast.text = variant.text
        broadcast.from_page = False
    broadcast.starts_at, broadcast.ends_at, broadcast.channel = (
        starts_at,
        ends_at,
        channel,
    )
    # A new version makes a delivery claimed before the change skip it.
    broadcast.version = F("version") + 1
    broadcast.save()
    broadcast.refresh_from_db()
    broadcast_event_log(
        broadcast=broadcast,
        to_status=broadcast.status,
        user=user,
        note=_("Changed: %(what)s") % {"what": ", ".join(str(c) for c in changes)},
    )
    return broadcast


@transaction.atomic
def broadcasts_approve(*, broadcasts, user) -> int:
    """Approve the given drafts; returns how many were approved."""
    drafts = list(
        Broadcast.objects.select_for_update()
        .filter(pk__in=[b.pk for b in broadcasts], status=BroadcastStatus.DRAFT)
        .only("pk", "status")
    )
    Broadcast.objects.filter(pk__in=[b.pk for b in drafts]).update(
        status=BroadcastStatus.APPROVED
    )
    now = timezone.now()
    actor = actor_label(user)
    BroadcastEvent.objects.bulk_create(
        BroadcastEvent(
            broadcast_id=b.pk,
            from_status=BroadcastStatus.DRAFT,
            to_status=BroadcastStatus.APPROVED,
            at=now,
            user=user,
            actor=actor,
        )
        for b in drafts
    )
    return len(drafts)


def plan_approve(*, plan, user) -> int:
    """Approve every draft broadcast of a plan."""
    return broadcasts_approve(
        broadcasts=plan.broadcasts.filter(status=BroadcastStatus.DRAFT).only("pk"),
        user=user,
    )
