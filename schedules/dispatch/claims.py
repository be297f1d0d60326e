"""The dispatcher: claim due broadcasts, enqueue their deliveries after commit.

Claiming moves a row out of ``approved`` in the same transaction that selects it, so
two dispatcher runs never take the same broadcast. Deliveries are enqueued only once
that transaction has committed: a rolled-back claim enqueues nothing.
"""

import datetime
import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Min, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from schedules.dispatch.events import DISPATCHER
from schedules.models import Broadcast, BroadcastEvent, BroadcastStatus

from . import rules
from .selectors import broadcasts_claimable

logger = logging.getLogger(__name__)

CLAIM_FIELDS = (
    "pk",
    "version",
    "channel_id",
    "starts_at",
    "channel__lead_minutes",
    "channel__late_tolerance_minutes",
    "channel__skip_when_late",
)


class ClaimConflict(Exception):
    """Some rows changed under the claim; the whole batch is rolled back."""


@dataclass
class ClaimBatch:
    claimed: list[int] = field(default_factory=list)
    late: list[int] = field(default_factory=list)
    missed: list[int] = field(default_factory=list)


@dataclass
class DispatchRun:
    claimed: int = 0
    late: int = 0
    missed: int = 0
    requeued: int = 0

    def __str__(self):
        return (
            f"claimed {self.claimed}, late {self.late}, missed {self.missed}, "
            f"requeued {self.requeued}"
        )


def _locked(queryset):
    """Rows this transaction owns; other dispatchers skip them instead of waiting."""
    if connection.features.has_select_for_update_skip_locked:
        return queryset.select_for_update(skip_locked=True, of=("self",))
    # SQLite: transactions here begin IMMEDIATE, so one writer at a time; the
    # conditional UPDATE below is the guard.
    return queryset


def _late_note(row, now) -> str:
    due = rules.due_at(
        starts_at=row["starts_at"], lead_minutes=row["channel__lead_minutes"]
    )
    minutes = int((now - due).total_seconds() // 60)
    return _("Claimed %(minutes)d minutes after it was due.") % {"minutes": minutes}


def broadcasts_claim_due(
    *, now: datetime.datetime, limit: int | None = None
) -> ClaimBatch:
    """Claim up to ``limit`` due broadcasts; late ones are marked, or missed.

    A broadcast claimed more than its channel's tolerance after it was due is still
    sent and marked late, or becomes ``missed`` when the channel skips late ones.
    """
    limit = limit or settings.DISPATCH_BATCH_SIZE
    batch = ClaimBatch()
    with transaction.atomic():
        rows = list(
            _locked(broadcasts_claimable(now=now))
            .order_by("starts_at", "pk")
            .values(*CLAIM_FIELDS)[:limit]
        )
        if not rows:
            return batch
        groups = {"on_time": [], "late": [], "missed": []}
        for row in rows:
            late = rules.is_late(
                starts_at=row["starts_at"],
                lead_minutes=row["channel__lead_minutes"],
                tolerance_minutes=row["channel__late_tolerance_minutes"],
                now=now,
            )
            if not late:
                groups["on_time"].append(row)
            elif row["channel__skip_when_late"]:
                groups["missed"].append(row)
            else:
                groups["late"].append(row)
        changes = {
            "on_time": {"status": BroadcastStatus.DISPATCHING, "late": False},
            "late": {"status": BroadcastStatus.DISPATCHING, "late": True},
            "missed": {"status": BroadcastStatus.MISSED, "late": True},
        }
        events = []
        for name, group in groups.items():
            if not group:
                continue
            # The conditional UPDATE: only rows still approved change. Anything
            # less than all of them means someone else got there first, and the
            # batch is abandoned rather than half-claimed.
            ids = [row["pk"] for row in group]
            updated = Broadcast.objects.filter(
                pk__in=ids, status=BroadcastStatus.APPROVED
            ).update(
                claimed_at=now,
                next_attempt_at=now,
                attempts=0,
                lease_until=None,
                lease_token=None,
                **changes[name],
            )
            if updated != len(group):
                raise ClaimConflict(f"{len(group) - updated} rows changed")
            for row in group:
                note = "" if name == "on_time" else _late_note(row, now)
                if name == "missed":
                    note += " " + _("The channel skips late broadcasts.")
                events.append(
                    BroadcastEvent(
                        broadcast_id=row["pk"],
                        from_status=BroadcastStatus.APPROVED,
                        to_status=changes[name]["status"],
                        at=now,
                        actor=DISPATCHER,
                        note=note,
                    )
                )
        BroadcastEvent.objects.bulk_create(events)
        to_send = [_item(row) for row in groups["on_time"] + groups["late"]]
        transaction.on_commit(lambda: deliveries_enqueue(to_send))
        batch.claimed = [pk for pk, _version, _channel in to_send]
        batch.late = [row["pk"] for row in groups["late"]]
        batch.missed = [row["pk"] for row in groups["missed"]]
    return batch


def requeue_after_seconds() -> int:
    """How long a claimed broadcast may wait for its delivery before it is taken
    for lost: a quarter of the smallest late tolerance among the channels with
    broadcasts being dispatched, so a crash costs a broadcast well under its
    tolerance; within DISPATCH_REQUEUE_MIN_SECONDS and _AFTER_SECONDS."""
    smallest = Broadcast.objects.filter(status=BroadcastStatus.DISPATCHING).aggregate(
        minutes=Min("channel__late_tolerance_minutes")
    )["minutes"]
    ceiling = settings.DISPATCH_REQUEUE_AFTER_SECONDS
    if smallest is None:
        return ceiling
    return max(settings.DISPATCH_REQUEUE_MIN_SECONDS, min(ceiling, smallest * 15))


def broadcasts_requeue_stale(
    *, now: datetime.datetime, limit: int | None = None
) -> list[int]:
    """Enqueue again the claimed broadcasts whose delivery task never ran.

    That happens when the broker lost its messages or a worker was killed: the row
    still says ``dispatching``, nobody holds it, and its task is overdue
    (``requeue_after_seconds``). A copy of a message still queued behind a backlog
    finds the broadcast sent, or leased, and does nothing.
    """
    limit = limit or settings.DISPATCH_BATCH_SIZE
    cutoff = now - datetime.timedelta(seconds=requeue_after_seconds())
    with transaction.atomic():
        stale = (
            Broadcast.objects.filter(status=BroadcastStatus.DISPATCHING)
            .filter(Q(next_attempt_at__lte=cutoff) | Q(next_attempt_at__isnull=True))
            .filter(Q(lease_until__isnull=True) | Q(lease_until__lt=now))
        )
        rows = list(
            _locked(stale)
            .order_by("next_attempt_at", "pk")
            .values("pk", "version", "channel_id")[:limit]
        )
        if not rows:
            return []
        ids = [row["pk"] for row in rows]
        Broadcast.objects.filter(pk__in=ids).update(next_attempt_at=now)
        BroadcastEvent.objects.bulk_create(
            BroadcastEvent(
                broadcast_id=pk,
                from_status=BroadcastStatus.DISPATCHING,
                to_status=BroadcastStatus.DISPATCHING,
                at=now,
                actor=DISPATCHER,
                note=_("Its delivery never ran; enqueued again."),
            )
            for pk in ids
        )
        to_send = [_item(row) for row in rows]
        transaction.on_commit(lambda: deliveries_enqueue(to_send))
    return ids


def _item(row) -> tuple[int, int, int]:
    return (row["pk"], row["version"], row["channel_id"])


def delivery_batches(items: list[tuple[int, int, int]]) -> list[list[tuple[int, int]]]:
    """(broadcast, version) pairs in batches of one channel each, at most
    DISPATCH_DELIVERY_BATCH_SIZE long, in the order of their first broadcast: what
    was due first goes first, and a batch sent one by one holds back no other
    channel's broadcasts."""
    size = max(1, settings.DISPATCH_DELIVERY_BATCH_SIZE)
    open_batches: dict[int, list[tuple[int, int]]] = {}
    batches = []
    for pk, version, channel_id in items:
        batch = open_batches.get(channel_id)
        if batch is None or len(batch) == size:
            batch = open_batches[channel_id] = []
            batches.append(batch)
        batch.append((pk, version))
    return batches


def deliveries_enqueue(items: list[tuple[int, int, int]]) -> int:
    """Enqueue the delivery of each (broadcast, version, channel), a batch of one
    channel's per task; returns how many broadcasts went out.

    If the broker is down the rest stay ``dispatching`` and the dispatcher enqueues
    them again later (``broadcasts_requeue_stale``): nothing is lost.
    """
    from .tasks import deliver_broadcast, deliver_broadcasts

    sent = 0
    for batch in delivery_batches(items):
        try:
            if len(batch) == 1:
                deliver_broadcast.apply_async(args=batch[0])
            else:
                deliver_broadcasts.apply_async(args=(batch,))
        except Exception:  # noqa: BLE001 - any broker error: recovered later
            logger.exception(
                "Broker refused deliveries of %s; %d left for later",
                [pk for pk, _version in batch],
                len(items) - sent,
            )
            break
        sent += len(batch)
    return sent


def dispatch_run(*, now: datetime.datetime | None = None) -> DispatchRun:
    """One beat run: claim everything due, batch by batch, then recover the stale."""
    now = now or timezone.now()
    run = DispatchRun()
    limit = settings.DISPATCH_BATCH_SIZE
    while True:
        try:
            batch = broadcasts_claim_due(now=now, limit=limit)
        except ClaimConflict:
            logger.warning("Claim conflict; the rows are left for the next run")
            break
        run.claimed += len(batch.claimed)
        run.late += len(batch.late)
        run.missed += len(batch.missed)
        if len(batch.claimed) + len(batch.missed) < limit:
            break
    run.requeued = len(broadcasts_requeue_stale(now=now))
    if run.claimed or run.missed or run.requeued:
        logger.info("Dispatcher: %s", run)
    return run
