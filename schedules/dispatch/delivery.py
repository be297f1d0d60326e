"""Deliver claimed broadcasts, at most once per (key, version).

Three short steps per broadcast, none holding a transaction across the network:

1. take a lease on the row with one conditional UPDATE (still ``dispatching``, same
   version, nobody else sending): only one task can win it; the same statement
   reads whether its message may still leave the system;
2. hand the broadcast to the channel's adapter;
3. record the outcome, only if the lease is still ours.

A task may carry several broadcasts of one channel (``broadcasts_deliver``); each
still goes through the three steps on its own, and its outcome is committed before
the next one is sent.

The one window left: a worker that dies after the channel answered 2xx and before
step 3 commits. The broadcast is then sent again after the lease expires, with the
same ``Idempotency-Key``, which channels are told to use to drop the copy.
"""

import datetime
import logging
import time
import uuid
from dataclasses import dataclass, field

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.models import Page, PageViewRestriction

from schedules.dispatch.events import DELIVERY, broadcast_event_log
from schedules.models import Broadcast, BroadcastEvent, BroadcastStatus

from . import rules
from .adapters import ADAPTERS, PermanentError, RetryableError, content_for

logger = logging.getLogger(__name__)

# What a delivery reads besides the broadcast itself, in the query that loads it.
RELATED = (
    "channel",
    "channel__smart_radio",
    "region",
    "variant",
    "variant__image",
    "variant__audio",
)


@dataclass
class DeliveryResult:
    outcome: str  # sent, skipped, retry, failed, missed
    reason: str = ""
    retry_in: float | None = None


@dataclass
class BatchDelivery:
    """What became of each broadcast tried, and those handed back untried."""

    results: list[tuple[int, int, DeliveryResult]] = field(default_factory=list)
    left: list[tuple[int, int]] = field(default_factory=list)


@dataclass(frozen=True)
class Lease:
    """The lease just taken, and the row as it is now: what ``attempts`` and
    ``late`` say, and whether the message may leave the system."""

    attempts: int
    late: bool
    publishable: bool
    media: tuple  # the variant's image and clip consent, as stored right now


def _lease_sql() -> str:
    """The conditional UPDATE of step 1, returning the message's state with it.

    A message may leave only while it is live and public: no view restriction on
    the page or an ancestor, and no ancestor unpublished (next year's campaign page
    still a draft), which is what Wagtail's ``.public()`` checks. Ancestors are the
    pages whose materialised path is a prefix of the message's. Plain SQL because
    the ORM has no UPDATE ... RETURNING; PostgreSQL and SQLite (3.35+) both run it.
    """
    broadcasts = Broadcast._meta.db_table
    variant_field = Broadcast._meta.get_field("variant")
    variants = variant_field.related_model._meta.db_table
    image_field = variant_field.related_model._meta.get_field("image")
    audio_field = variant_field.related_model._meta.get_field("audio")
    images = image_field.related_model._meta.db_table
    clips = audio_field.related_model._meta.db_table
    pages = Page._meta.db_table
    restrictions = PageViewRestriction._meta.db_table
    above = "substr(m.path, 1, length(a.path)) = a.path"
    return f"""
UPDATE {broadcasts}
   SET lease_until = %s, lease_token = %s, attempts = attempts + 1
 WHERE id = %s AND version = %s AND status = %s
   AND (lease_until IS NULL OR lease_until < %s)
RETURNING attempts, late,
  (SELECT m.live FROM {pages} AS m WHERE m.id = message_id),
  EXISTS (
    SELECT 1 FROM {pages} AS m, {restrictions} AS r
      JOIN {pages} AS a ON a.id = r.page_id
     WHERE m.id = message_id AND {above}),
  EXISTS (
    SELECT 1 FROM {pages} AS m, {pages} AS a
     WHERE m.id = message_id AND NOT a.live AND {above}),
  (SELECT i.consent || CASE WHEN i.shows_identifiable_person THEN ':1' ELSE ':0' END
     FROM {variants} AS v JOIN {images} AS i ON i.id = v.{image_field.column}
    WHERE v.id = variant_id),
  (SELECT c.consent
     FROM {variants} AS v JOIN {clips} AS c ON c.id = v.{audio_field.column}
    WHERE v.id = variant_id)
"""


LEASE_SQL = _lease_sql()
# The lease only says who is sending; what was sent is committed, and waited for,
# in step 3. Not waiting for the disk here saves one flush per delivery. A lease
# lost in a database crash lets the broadcast be sent again, as the crash would.
ASYNC_COMMIT = "SET LOCAL synchronous_commit TO OFF"


def _lease_take(*, broadcast_id: int, version: int, token, now) -> Lease | None:
    lease_until = now + datetime.timedelta(seconds=settings.DISPATCH_LEASE_SECONDS)
    ops = connection.ops
    token_field = Broadcast._meta.get_field("lease_token")
    params = [
        ops.adapt_datetimefield_value(lease_until),
        token_field.get_db_prep_value(token, connection),
        broadcast_id,
        version,
        BroadcastStatus.DISPATCHING.value,
        ops.adapt_datetimefield_value(now),
    ]
    if _lease_in_one_round_trip():
        # Both statements in one simple query: PostgreSQL runs them as one implicit
        # transaction, so SET LOCAL holds for the UPDATE, and an error rolls back
        # all of it without leaving the connection in a transaction.
        with connection.cursor() as cursor:
            cursor.execute(f"{ASYNC_COMMIT}; {LEASE_SQL}", params)
            while cursor.description is None and cursor.nextset():
                pass
            return _lease(cursor.fetchone())
    with transaction.atomic(), connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(ASYNC_COMMIT)
        cursor.execute(LEASE_SQL, params)
        return _lease(cursor.fetchone())


def _lease_in_one_round_trip() -> bool:
    """On PostgreSQL outside a transaction, with client-side binding (Django's
    default), which sends a query with its parameters as one simple query."""
    return (
        connection.vendor == "postgresql"
        and not connection.in_atomic_block
        and not connection.settings_dict["OPTIONS"].get("server_side_binding")
    )


def _lease(row) -> Lease | None:
    if row is None:
        return None
    attempts, late, live, restricted, hidden, image, clip = row
    return Lease(
        attempts=attempts,
        late=bool(late),
        publishable=bool(live) and not restricted and not hidden,
        media=(image, clip),
    )


def _media_state(broadcast: Broadcast) -> tuple:
    """The consent of the variant's image and clip as loaded, in the lease's terms."""
    variant = broadcast.variant
    image = variant and variant.image
    clip = variant and variant.audio
    return (
        image and f"{image.consent}:{int(image.shows_identifiable_person)}",
        clip and clip.consent,
    )


def _finish(*, broadcast: Broadcast, token, to_status: str, note: str, **fields):
    """Step 3: change the row only if this task still holds it; log the change."""
    event = {
        "from_status": BroadcastStatus.DISPATCHING,
        "to_status": to_status,
        "at": timezone.now(),
        "actor": f"{DELIVERY} ({broadcast.channel.get_delivery_method_display()})",
        "note": note,
    }
    changes = {
        "status": to_status,
        "lease_until": None,
        "lease_token": None,
        **fields,
    }
    if connection.vendor == "postgresql":
        return _finish_in_one_statement(
            broadcast=broadcast, token=token, changes=changes, event=event
        )
    with transaction.atomic():
        changed = Broadcast.objects.filter(
            pk=broadcast.pk,
            lease_token=token,
            version=broadcast.version,
            status=BroadcastStatus.DISPATCHING,
        ).update(**changes)
        if changed:
            broadcast_event_log(broadcast=broadcast, **event)
    return changed == 1


def _finish_in_one_statement(*, broadcast: Broadcast, token, changes, event) -> bool:
    """``_finish`` as one statement, so one round trip and one commit: the UPDATE
    and the event it logs are written together or not at all (PostgreSQL runs
    data-modifying WITH queries in the statement's own transaction)."""
    quote = connection.ops.quote_name

    def prepared(model, values):
        return [
            model._meta.get_field(name).get_db_prep_save(value, connection)
            for name, value in values.items()
        ]

    sql = f"""
WITH changed AS (
    UPDATE {quote(Broadcast._meta.db_table)}
       SET {", ".join(f"{quote(name)} = %s" for name in changes)}
     WHERE id = %s AND lease_token = %s AND version = %s AND status = %s
 RETURNING id
)
INSERT INTO {quote(BroadcastEvent._meta.db_table)}
       (broadcast_id, {", ".join(quote(name) for name in event)})
SELECT id, {", ".join(["%s"] * len(event))} FROM changed
RETURNING broadcast_id
"""
    params = [
        *prepared(Broadcast, changes),
        broadcast.pk,
        Broadcast._meta.get_field("lease_token").get_db_prep_value(token, connection),
        broadcast.version,
        BroadcastStatus.DISPATCHING.value,
        *prepared(BroadcastEvent, event),
    ]
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone() is not None


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


def _loaded(ids) -> dict[int, Broadcast]:
    """The broadcasts of a batch with what their content needs, in one query."""
    return Broadcast.objects.select_related(*RELATED).in_bulk(ids)


def broadcast_deliver(*, broadcast_id: int, version: int) -> DeliveryResult:
    """Send a claimed broadcast to its channel; safe to run twice, or concurrently."""
    batch = broadcasts_deliver(items=[(broadcast_id, version)])
    return batch.results[0][2]


def broadcasts_deliver(
    *, items: list[tuple[int, int]], budget_seconds: float | None = None
) -> BatchDelivery:
    """Send claimed broadcasts of one channel one after the other, each as
    ``broadcast_deliver`` would: its own lease, its own outcome committed before the
    next is sent, its own retries and log.

    The rest are handed back untried after a failure worth retrying (the channel
    is in trouble: the others need not wait out its timeouts one by one here) or
    once ``budget_seconds`` have passed, so a task ends well within its lease.
    """
    started = time.monotonic()
    loaded = _loaded([pk for pk, _version in items])
    shared: dict = {}
    batch = BatchDelivery()
    for index, (pk, version) in enumerate(items):
        out_of_time = (
            budget_seconds is not None and time.monotonic() - started > budget_seconds
        )
        trouble = bool(batch.results) and batch.results[-1][2].outcome == "retry"
        if index and (out_of_time or trouble):
            batch.left = [tuple(item) for item in items[index:]]
            break
        result = _deliver(
            broadcast_id=pk, version=version, loaded=loaded.get(pk), shared=shared
        )
        batch.results.append((pk, version, result))
    return batch


def _deliver(
    *, broadcast_id: int, version: int, loaded: Broadcast | None, shared: dict
) -> DeliveryResult:
    token = uuid.uuid4()
    now = timezone.now()
    lease = _lease_take(
        broadcast_id=broadcast_id, version=version, token=token, now=now
    )
    if lease is None:
        # Edited, cancelled, already sent, or being sent by another task right now.
        return DeliveryResult("skipped")
    broadcast = loaded
    if broadcast is None or broadcast.version != version:
        # Loaded before an edit that has since been undone: read it again.
        broadcast = Broadcast.objects.select_related(*RELATED).get(pk=broadcast_id)
    broadcast.attempts = lease.attempts
    broadcast.late = lease.late
    if lease.media != _media_state(broadcast):
        # Consent changed since the batch was loaded (withdrawn mid-batch): what is
        # sent follows the image and clip as they are now, not as they were.
        broadcast.variant = (
            type(broadcast.variant)
            .objects.select_related("image", "audio")
            .get(pk=broadcast.variant_id)
        )
        shared.pop(("media", broadcast.variant_id), None)
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
    if not lease.publishable:
        reason = _("Its message is no longer published; nothing was sent.")
        return _fail(broadcast=broadcast, token=token, reason=reason)
    broadcast.late = broadcast.late or late
    try:
        ADAPTERS[channel.delivery_method](content_for(broadcast, shared=shared))
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
