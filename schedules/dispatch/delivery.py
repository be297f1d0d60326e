"""Deliver one claimed broadcast, at most once per (key, version).

Three short steps, none holding a transaction across the network:

1. take a lease on the row with one conditional UPDATE (still ``dispatching``, same
   version, nobody else sending): only one task can win it;
2. hand the broadcast to the channel's adapter;
3. record the outcome, only if the lease is still ours.

The one window left: a worker that dies after the channel answered 2xx and before
step 3 commits. The broadcast is then sent again after the lease expires, with the
same ``Idempotency-Key``, which channels are told to use to drop the copy.
"""

import datetime
import logging
import uuid
from dataclasses import dataclass

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Exists, F, OuterRef, Q
from django.db.models.lookups import StartsWith
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Page, PageViewRestriction

from schedules.dispatch.events import DELIVERY, broadcast_event_log
from schedules.models import Broadcast, BroadcastStatus

from . import rules
from .adapters import ADAPTERS, PermanentError, RetryableError, content_for

logger = logging.getLogger(__name__)


@dataclass
class DeliveryResult:
    outcome: str  # sent, skipped, retry, failed, missed
    reason: str = ""
    retry_in: float | None = None


def _lease_take(*, broadcast_id: int, version: int, token, now) -> bool:
    lease_until = now + datetime.timedelta(seconds=settings.DISPATCH_LEASE_SECONDS)
    with transaction.atomic():
        if connection.vendor == "postgresql":
            # The lease only says who is sending; what was sent is committed, and
            # waited for, in step 3. Not waiting for the disk here saves one flush
            # per delivery. A lease lost in a database crash lets the broadcast be
            # sent again, as the crash itself would.
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL synchronous_commit TO OFF")
        taken = (
            Broadcast.objects.filter(
                pk=broadcast_id, version=version, status=BroadcastStatus.DISPATCHING
            )
            .filter(Q(lease_until__isnull=True) | Q(lease_until__lt=now))
            .update(
                lease_until=lease_until, lease_token=token, attempts=F("attempts") + 1
            )
        )
    return taken == 1


def _finish(*, broadcast: Broadcast, token, to_status: str, note: str, **fields):
    """Step 3: change the row only if this task still holds it; log the change."""
    now = timezone.now()
    with transaction.atomic():
        changed = Broadcast.objects.filter(
            pk=broadcast.pk,
            lease_token=token,
            version=broadcast.version,
            status=BroadcastStatus.DISPATCHING,
        ).update(status=to_status, lease_until=None, lease_token=None, **fields)
        if changed:
            broadcast_event_log(
                broadcast=broadcast,
                from_status=BroadcastStatus.DISPATCHING,
                to_status=to_status,
                at=now,
                actor=f"{DELIVERY} ({broadcast.channel.get_delivery_method_display()})",
                note=note,
            )
    return changed == 1


def _sent_elsewhere(*, broadcast: Broadcast, token):
    """The channel has it, but the row moved on (cancelled, edited, confirmed)."""
    with transaction.atomic():
        row = Broadcast.objects.select_for_update().get(pk=broadcast.pk)
        if row.lease_token == token:
            row.lease_until = None
            row.lease_token = None
        if row.delivered_version is None or row.delivered_version < broadcast.version:
            row.delivered_version = broadcast.version
        row.save(update_fields=["lease_until", "lease_token", "delivered_version"])
        broadcast_event_log(
            broadcast=row,
            to_status=row.status,
            actor=DELIVERY,
            note=_("Version %(version)d reached the channel while it changed.")
            % {"version": broadcast.version},
        )
    logger.warning("Broadcast %s delivered while it changed", broadcast.pk)


def _with_message_state(queryset):
    """Whether the message may leave the system: live, and public, i.e. no view
    restriction on the page or an ancestor, whose paths are prefixes of its
    materialised path (what Wagtail's ``.public()`` checks), in the same query."""
    restrictions = PageViewRestriction.objects.filter(
        StartsWith(OuterRef("message__path"), F("page__path"))
    )
    # A message is public only while its whole branch is: a live message under a
    # campaign page that is still a draft (next year's, say) stays in.
    unpublished_above = Page.objects.filter(live=False).filter(
        StartsWith(OuterRef("message__path"), F("path"))
    )
    return queryset.annotate(
        message_live=F("message__live"),
        message_restricted=Exists(restrictions),
        message_branch_hidden=Exists(unpublished_above),
    )


def _publishable(broadcast: Broadcast) -> bool:
    """Only live, public messages leave the system, even if planned long ago."""
    return (
        broadcast.message_live
        and not broadcast.message_restricted
        and not broadcast.message_branch_hidden
    )


def broadcast_deliver(*, broadcast_id: int, version: int) -> DeliveryResult:
    """Send a claimed broadcast to its channel; safe to run twice, or concurrently."""
    token = uuid.uuid4()
    now = timezone.now()
    taken = _lease_take(
        broadcast_id=broadcast_id, version=version, token=token, now=now
    )
    if not taken:
        # Edited, cancelled, already sent, or being sent by another task right now.
        return DeliveryResult("skipped")
    broadcast = _with_message_state(
        Broadcast.objects.select_related("channel", "region", "variant")
    ).get(pk=broadcast_id)
    channel = broadcast.channel
    late = rules.is_late(
        starts_at=broadcast.starts_at,
        lead_minutes=channel.lead_minutes,
        tolerance_minutes=channel.late_tolerance_minutes,
        now=now,
    )
    if late and channel.skip_when_late:
        note = _("Too late to send; the channel skips late broadcasts.")
        _finish(
            broadcast=broadcast,
            token=token,
            to_status=BroadcastStatus.MISSED,
            note=note,
            late=True,
            next_attempt_at=None,
        )
        logger.warning(
            "Broadcast %s missed: too late for channel %s", broadcast.pk, channel.pk
        )
        return DeliveryResult("missed", note)
    if not _publishable(broadcast):
        reason = _("Its message is no longer published; nothing was sent.")
        return _fail(broadcast=broadcast, token=token, reason=reason)
    broadcast.late = broadcast.late or late
    try:
        ADAPTERS[channel.delivery_method](content_for(broadcast))
    except PermanentError as exc:
        return _fail(broadcast=broadcast, token=token, reason=str(exc))
    except RetryableError as exc:
        return _retry_or_fail(broadcast=broadcast, token=token, reason=str(exc))
    except Exception as exc:  # noqa: BLE001 - an unknown error is retried, then kept
        logger.exception("Delivery of broadcast %s crashed", broadcast.pk)
        reason = f"{exc.__class__.__name__}: {exc}"
        return _retry_or_fail(broadcast=broadcast, token=token, reason=reason)
    note = _("Attempt %(attempt)d.") % {"attempt": broadcast.attempts}
    if broadcast.late:
        note += " " + _("Late.")
    recorded = _finish(
        broadcast=broadcast,
        token=token,
        to_status=BroadcastStatus.SENT,
        note=note,
        late=broadcast.late,
        sent_at=timezone.now(),
        delivered_version=version,
        next_attempt_at=None,
        last_error="",
    )
    if not recorded:
        _sent_elsewhere(broadcast=broadcast, token=token)
    logger.info(
        "Broadcast %s v%s sent to channel %s by %s, attempt %d%s",
        broadcast.pk,
        version,
        channel.pk,
        channel.delivery_method,
        broadcast.attempts,
        " (late)" if broadcast.late else "",
    )
    return DeliveryResult("sent")


def _fail(*, broadcast: Broadcast, token, reason: str) -> DeliveryResult:
    logger.warning("Broadcast %s failed: %s", broadcast.pk, reason)
    _finish(
        broadcast=broadcast,
        token=token,
        to_status=BroadcastStatus.FAILED,
        note=reason,
        last_error=reason,
        next_attempt_at=None,
    )
    return DeliveryResult("failed", reason)


def _retry_or_fail(*, broadcast: Broadcast, token, reason: str) -> DeliveryResult:
    attempt = broadcast.attempts
    if attempt >= settings.DISPATCH_MAX_ATTEMPTS:
        note = _("Gave up after %(attempts)d attempts: %(reason)s") % {
            "attempts": attempt,
            "reason": reason,
        }
        return _fail(broadcast=broadcast, token=token, reason=note)
    delay = rules.retry_delay(
        attempt=attempt, base=settings.DISPATCH_RETRY_BASE_SECONDS
    )
    note = _("Attempt %(attempt)d failed: %(reason)s. Next in %(seconds)d s.") % {
        "attempt": attempt,
        "reason": reason,
        "seconds": round(delay),
    }
    kept = _finish(
        broadcast=broadcast,
        token=token,
        to_status=BroadcastStatus.DISPATCHING,
        note=note,
        last_error=reason,
        next_attempt_at=timezone.now() + datetime.timedelta(seconds=delay),
    )
    if not kept:
        # Cancelled or edited meanwhile: this version is no longer to be sent.
        return DeliveryResult("skipped", reason)
    logger.info(
        "Broadcast %s attempt %d failed, retry in %.0f s: %s",
        broadcast.pk,
        attempt,
        delay,
        reason,
    )
    return DeliveryResult("retry", reason, retry_in=delay)
