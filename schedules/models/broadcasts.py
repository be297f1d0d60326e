"""Broadcast plans and the broadcasts in them, with every change of state logged."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class PlanStatus(models.TextChoices):
    PENDING = "pending", _("Waiting to be planned")
    RUNNING = "running", _("Planning")
    READY = "ready", _("Ready")
    FAILED = "failed", _("Planning failed")


class BroadcastPlan(models.Model):
    """One run of the planner for a campaign; its broadcasts are reviewed, approved."""

    campaign = models.ForeignKey(
        "campaigns.CampaignPage",
        verbose_name=_("campaign"),
        on_delete=models.CASCADE,
        related_name="broadcast_plans",
    )
    seed = models.IntegerField(_("seed"), default=0)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=PlanStatus.choices,
        default=PlanStatus.PENDING,
    )
    progress = models.PositiveSmallIntegerField(_("progress (%)"), default=0)
    message = models.CharField(_("message"), max_length=500, blank=True)
    coverage = models.JSONField(_("coverage report"), default=dict, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    planned_at = models.DateTimeField(_("planned at"), null=True, blank=True)

    def __str__(self):
        return f"{self.campaign} #{self.pk}"

    class Meta:
        verbose_name = _("broadcast plan")
        verbose_name_plural = _("broadcast plans")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(progress__lte=100), name="plan_progress_percent"
            )
        ]


class BroadcastStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    APPROVED = "approved", _("Approved")
    DISPATCHING = "dispatching", _("Dispatching")
    SENT = "sent", _("Sent")
    AIRED = "aired", _("Aired")
    FAILED = "failed", _("Failed")
    MISSED = "missed", _("Missed")
    CANCELLED = "cancelled", _("Cancelled")


# Status groups, each defined here only.
# Re-planning may replace only these; approved, sent or aired broadcasts stay.
REPLACEABLE = (BroadcastStatus.DRAFT,)
# A planner may still move these on the calendar.
EDITABLE = (BroadcastStatus.DRAFT, BroadcastStatus.APPROVED)
# On the channel's schedule: its calendar feed and the printed run-sheet.
SCHEDULED = (
    BroadcastStatus.APPROVED,
    BroadcastStatus.DISPATCHING,
    BroadcastStatus.SENT,
    BroadcastStatus.AIRED,
)
# Approved and not yet known to have aired or failed for good: still to come.
PENDING = (BroadcastStatus.APPROVED, BroadcastStatus.DISPATCHING, BroadcastStatus.SENT)
# What the committee counts as planned: approved into the plan, whatever happened next.
PLANNED = (*SCHEDULED, BroadcastStatus.FAILED, BroadcastStatus.MISSED)
# A planner may cancel these; what was sent or aired is history.
CANCELLABLE = (
    BroadcastStatus.DRAFT,
    BroadcastStatus.APPROVED,
    BroadcastStatus.DISPATCHING,
    BroadcastStatus.FAILED,
)
# The operator knows best: a broadcast may have aired although our delivery failed
# (it was phoned in) or was claimed too late.
CONFIRMABLE = (
    BroadcastStatus.DISPATCHING,
    BroadcastStatus.SENT,
    BroadcastStatus.FAILED,
    BroadcastStatus.MISSED,
)


class Broadcast(models.Model):
    """One airing of one variant on one channel at one time."""

    key = models.UUIDField(_("key"), default=uuid.uuid4, unique=True, editable=False)
    version = models.PositiveIntegerField(_("version"), default=1)
    plan = models.ForeignKey(
        BroadcastPlan,
        verbose_name=_("plan"),
        on_delete=models.CASCADE,
        related_name="broadcasts",
    )
    channel = models.ForeignKey(
        "schedules.Channel",
        verbose_name=_("channel"),
        on_delete=models.PROTECT,
        related_name="broadcasts",
    )
    message = models.ForeignKey(
        "campaigns.MessagePage",
        verbose_name=_("message"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="broadcasts",
    )
    variant = models.ForeignKey(
        "campaigns.MessageVariant",
        verbose_name=_("variant"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="broadcasts",
    )
    text = models.TextField(_("text"), help_text=_("The variant's text when planned."))
    from_page = models.BooleanField(
        _("the message's own text"),
        default=False,
        help_text=_(
            "Aired as an article made of the message's title, summary and body, as "
            "the message has no article variant."
        ),
    )
    region = models.ForeignKey(
        "campaigns.Region",
        verbose_name=_("target region"),
        on_delete=models.PROTECT,
        related_name="broadcasts",
    )
    starts_at = models.DateTimeField(_("starts at"), db_index=True)
    ends_at = models.DateTimeField(_("ends at"))
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=BroadcastStatus.choices,
        default=BroadcastStatus.DRAFT,
        db_index=True,
    )
    late = models.BooleanField(_("late"), default=False)
    cancel_reason = models.CharField(
        _("reason for cancelling"), max_length=500, blank=True
    )
    claimed_at = models.DateTimeField(_("claimed at"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    aired_at = models.DateTimeField(_("aired at"), null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    # Dispatch bookkeeping: which version reached the channel, when the delivery
    # task is next expected to run, and who holds the right to send right now.
    delivered_version = models.PositiveIntegerField(
        _("delivered version"), null=True, blank=True
    )
    next_attempt_at = models.DateTimeField(_("next attempt at"), null=True, blank=True)
    lease_until = models.DateTimeField(_("being sent until"), null=True, blank=True)
    lease_token = models.UUIDField(null=True, blank=True, editable=False)

    def __str__(self):
        return f"{self.channel} {timezone.localtime(self.starts_at):%d/%m/%Y %H:%M}"

    class Meta:
        verbose_name = _("broadcast")
        verbose_name_plural = _("broadcasts")
        ordering = ["starts_at", "channel"]
        indexes = [models.Index(fields=["status", "starts_at"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__gt=models.F("starts_at")),
                name="broadcast_ends_after_start",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="cancelled") | ~models.Q(cancel_reason=""),
                name="broadcast_cancel_has_reason",
            ),
            models.UniqueConstraint(
                fields=["channel", "starts_at"],
                condition=~models.Q(status="cancelled"),
                name="broadcast_one_per_channel_slot",
            ),
        ]


def _status_label(value: str) -> str:
    if not value:
        return "–"
    try:
        return str(BroadcastStatus(value).label)
    except ValueError:
        return value


class BroadcastEvent(models.Model):
    """A change of a broadcast's state: who or what did it, and when."""

    broadcast = models.ForeignKey(
        Broadcast, on_delete=models.CASCADE, related_name="events"
    )
    from_status = models.CharField(_("from"), max_length=20, blank=True)
    to_status = models.CharField(_("to"), max_length=20)
    at = models.DateTimeField(_("at"), db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by user"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    actor = models.CharField(
        _("by"),
        max_length=100,
        help_text=_("A person, or a system part such as dispatcher."),
    )
    note = models.TextField(_("note"), blank=True)

    def __str__(self):
        return f"{self.broadcast_id}: {self.change}"

    @property
    def change(self) -> str:
        """The change as staff read it: "Đã duyệt → Gửi thất bại", never raw codes."""
        return f"{self.from_status_label} → {self.to_status_label}"

    @property
    def from_status_label(self) -> str:
        return _status_label(self.from_status)

    @property
    def to_status_label(self) -> str:
        return _status_label(self.to_status)

    class Meta:
        verbose_name = _("broadcast event")
        verbose_name_plural = _("broadcast events")
        ordering = ["at", "pk"]
