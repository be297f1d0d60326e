"""Commune smart radio: IP/4G loudspeaker clusters that play audio files on a
schedule and log what they played (issue 19)."""

import secrets
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.contrib.settings.models import BaseGenericSetting
from wagtail.models import Orderable

from .channels import ChannelKind


class Bitrate(models.IntegerChoices):
    KBPS_32 = 32, _("32 kbit/s (speech, weak 3G)")
    KBPS_48 = 48, _("48 kbit/s")
    KBPS_64 = 64, _("64 kbit/s (speech, recommended)")
    KBPS_96 = 96, _("96 kbit/s")
    KBPS_128 = 128, _("128 kbit/s (music)")


class SmartRadio(ClusterableModel):
    """A loudspeaker channel run by smart-radio software, with its clusters.

    Its broadcasts go out as audio bulletins; its playback logs confirm them.
    """

    channel = models.OneToOneField(
        "schedules.Channel",
        verbose_name=_("channel"),
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="smart_radio",
        limit_choices_to={"kind": ChannelKind.LOUDSPEAKER},
    )
    bitrate_kbps = models.PositiveSmallIntegerField(
        _("bulletin bitrate"), choices=Bitrate.choices, default=Bitrate.KBPS_64
    )
    active = models.BooleanField(_("active"), default=True)

    panels = [
        FieldPanel("channel"),
        FieldPanel("bitrate_kbps"),
        FieldPanel("active"),
        InlinePanel("clusters", label=_("Loudspeaker cluster")),
    ]

    def clean(self):
        super().clean()
        channel = getattr(self, "channel", None)
        if channel is not None and channel.kind != ChannelKind.LOUDSPEAKER:
            raise ValidationError(
                {"channel": _("Only a commune loudspeaker channel runs smart radio.")}
            )

    def __str__(self):
        return str(self.channel)

    class Meta:
        verbose_name = _("smart radio")
        verbose_name_plural = _("smart radios")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(bitrate_kbps__in=Bitrate.values),
                name="smartradio_bitrate_known",
            )
        ]


class RadioCluster(Orderable):
    """A cluster of loudspeakers (cụm loa) in a commune, as its software names it."""

    radio = ParentalKey(SmartRadio, on_delete=models.CASCADE, related_name="clusters")
    code = models.CharField(
        _("code"),
        max_length=64,
        help_text=_("As the smart-radio software writes it in its playback log."),
    )
    commune = models.ForeignKey(
        "campaigns.Region",
        verbose_name=_("commune"),
        on_delete=models.PROTECT,
        related_name="radio_clusters",
    )
    households = models.PositiveIntegerField(_("households covered"))
    active = models.BooleanField(_("active"), default=True)

    panels = [
        FieldPanel("code"),
        FieldPanel("commune"),
        FieldPanel("households"),
        FieldPanel("active"),
    ]

    def __str__(self):
        return self.code

    class Meta(Orderable.Meta):
        verbose_name = _("loudspeaker cluster")
        verbose_name_plural = _("loudspeaker clusters")
        constraints = [
            models.UniqueConstraint(
                fields=["radio", "code"], name="radiocluster_code_unique"
            )
        ]


class SmartRadioSettings(BaseGenericSetting):
    """How reach is counted from playback: households covered × persons each."""

    persons_per_household = models.DecimalField(
        _("persons per household"),
        max_digits=4,
        decimal_places=2,
        default=Decimal("3.60"),
        validators=[MinValueValidator(Decimal("0.01"))],
        help_text=_(
            "Reach of one airing = households of the clusters that played it × "
            "this number."
        ),
    )

    class Meta:
        verbose_name = _("smart radio settings")
        verbose_name_plural = _("smart radio settings")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(persons_per_household__gt=0),
                name="smartradio_settings_persons_positive",
            )
        ]


def bulletin_upload_to(instance, filename):
    # A random token in the path: the address cannot be guessed from the clip.
    return f"bulletins/{instance.token}.mp3"


def new_bulletin_token():
    return secrets.token_urlsafe(24)


class BulletinStatus(models.TextChoices):
    PENDING = "pending", _("Being prepared")
    READY = "ready", _("Ready")
    FAILED = "failed", _("Could not be prepared")


class BulletinQuerySet(models.QuerySet):
    def for_broadcast(self, broadcast):
        """The bulletin a smart-radio broadcast goes out with, prepared or not; None
        when there is none yet, or none is needed (see ``needs_bulletin``)."""
        radio = broadcast_radio(broadcast)
        clip = bulletin_clip(broadcast)
        if radio is None or clip is None:
            return None
        return self.filter(
            **bulletin_key(clip=clip, bitrate=radio.bitrate_kbps)
        ).first()


def broadcast_radio(broadcast):
    """The active smart radio of the broadcast's channel, if it has one."""
    try:
        radio = broadcast.channel.smart_radio
    except SmartRadio.DoesNotExist:
        return None
    return radio if radio.active else None


def needs_bulletin(broadcast) -> bool:
    """A smart-radio broadcast whose script has a recording goes out as audio."""
    return (
        broadcast_radio(broadcast) is not None and bulletin_clip(broadcast) is not None
    )


# A smart-radio broadcast whose script has no recording: flagged "chưa có bản thu"
# on the plan, its coverage and the printed run-sheet, where it stays to be read.
WITHOUT_RECORDING = models.Q(
    channel__smart_radio__active=True, variant__audio__isnull=True
)


def bulletin_clip(broadcast):
    """The recording of a broadcast's variant, if it may be heard at all."""
    variant = broadcast.variant
    clip = variant.audio if variant is not None else None
    if clip is None or clip.consent == "withheld" or clip.kind != "audio":
        return None
    return clip


def bulletin_key(*, clip, bitrate: int) -> dict:
    """One bulletin per recording (clip and its file), loudness target and bitrate."""
    return {
        "clip": clip,
        "source_name": clip.file.name,
        "target_lufs": Decimal(str(settings.SMARTRADIO_TARGET_LUFS)),
        "bitrate_kbps": bitrate,
    }


class Bulletin(models.Model):
    """A recording prepared once for smart radio: loudness-normalised mono MP3."""

    clip = models.ForeignKey(
        "media.MediaClip",
        verbose_name=_("recording"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    source_name = models.CharField(_("source file"), max_length=255)
    target_lufs = models.DecimalField(
        _("loudness target (LUFS)"), max_digits=4, decimal_places=1
    )
    bitrate_kbps = models.PositiveSmallIntegerField(_("bitrate (kbit/s)"))
    token = models.CharField(max_length=64, unique=True, default=new_bulletin_token)
    file = models.FileField(
        _("file"), upload_to=bulletin_upload_to, max_length=255, blank=True
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=BulletinStatus.choices,
        default=BulletinStatus.PENDING,
    )
    error = models.CharField(_("error"), max_length=500, blank=True)
    size_bytes = models.PositiveIntegerField(_("size (bytes)"), null=True, blank=True)
    duration_seconds = models.FloatField(_("duration (seconds)"), null=True, blank=True)
    measured_lufs = models.FloatField(
        _("measured loudness (LUFS)"), null=True, blank=True
    )
    measured_true_peak = models.FloatField(
        _("measured true peak (dBTP)"), null=True, blank=True
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    # Taken by the task preparing it; another may take it over after a while.
    started_at = models.DateTimeField(_("preparation started"), null=True, blank=True)
    prepared_at = models.DateTimeField(_("prepared at"), null=True, blank=True)

    objects = BulletinQuerySet.as_manager()

    @property
    def is_ready(self) -> bool:
        return self.status == BulletinStatus.READY and bool(self.file)

    @property
    def duration(self) -> str:
        """hh:mm:ss, as podcast players read itunes:duration."""
        total = round(self.duration_seconds or 0)
        hours, rest = divmod(total, 3600)
        return f"{hours:02d}:{rest // 60:02d}:{rest % 60:02d}"

    def __str__(self):
        return f"{self.clip} ({self.bitrate_kbps} kbit/s)"

    class Meta:
        verbose_name = _("audio bulletin")
        verbose_name_plural = _("audio bulletins")
        constraints = [
            models.UniqueConstraint(
                fields=["clip", "source_name", "target_lufs", "bitrate_kbps"],
                name="bulletin_once_per_recording",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="ready") | ~models.Q(file=""),
                name="bulletin_ready_has_file",
            ),
        ]


class PlaybackSource(models.TextChoices):
    UPLOAD = "upload", _("Uploaded in the admin")
    API = "api", _("Posted by the smart-radio server")


class PlaybackLog(models.Model):
    """One playback log received from a channel, with what came of its lines."""

    channel = models.ForeignKey(
        "schedules.Channel",
        verbose_name=_("channel"),
        on_delete=models.CASCADE,
        related_name="playback_logs",
    )
    source = models.CharField(
        _("received by"), max_length=10, choices=PlaybackSource.choices
    )
    filename = models.CharField(_("file"), max_length=255, blank=True)
    received_at = models.DateTimeField(_("received at"), db_index=True)
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    lines = models.PositiveIntegerField(_("lines"), default=0)
    confirmed = models.PositiveIntegerField(_("plays recorded"), default=0)
    repeated = models.PositiveIntegerField(_("plays already known"), default=0)
    to_review = models.PositiveIntegerField(_("lines to review"), default=0)
    illustrative = models.BooleanField(_("illustrative"), default=False)

    def __str__(self):
        return f"{self.channel} {self.received_at:%d/%m/%Y %H:%M}"

    class Meta:
        verbose_name = _("playback log")
        verbose_name_plural = _("playback logs")
        ordering = ["-received_at", "-pk"]


class ReviewReason(models.TextChoices):
    NO_MATCH = "no_match", _("Matches no broadcast of this channel")
    AMBIGUOUS = "ambiguous", _("Matches more than one broadcast")
    OUT_OF_WINDOW = "out_of_window", _("Played outside the broadcast's time")
    UNKNOWN_CLUSTER = "unknown_cluster", _("Unknown or inactive cluster")
    NOT_SENT = "not_sent", _("The broadcast was not sent (or was cancelled)")


class PlaybackIssue(models.Model):
    """A log line that confirmed nothing, kept for a person to look at."""

    log = models.ForeignKey(
        PlaybackLog, on_delete=models.CASCADE, related_name="issues"
    )
    line_number = models.PositiveIntegerField(_("line"))
    cluster_code = models.CharField(_("cluster"), max_length=64, blank=True)
    started_at = models.DateTimeField(_("started at"))
    item = models.CharField(_("item key or title"), max_length=500, blank=True)
    reason = models.CharField(_("reason"), max_length=20, choices=ReviewReason.choices)
    broadcast = models.ForeignKey(
        "schedules.Broadcast",
        verbose_name=_("broadcast"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    def __str__(self):
        return f"{self.log} #{self.line_number}: {self.get_reason_display()}"

    class Meta:
        verbose_name = _("playback line to review")
        verbose_name_plural = _("playback lines to review")
        ordering = ["log", "line_number"]


class ClusterPlay(models.Model):
    """A cluster played a broadcast: the measured fact behind its reach.

    One row per (broadcast, cluster), however often the same log arrives.
    """

    broadcast = models.ForeignKey(
        "schedules.Broadcast",
        verbose_name=_("broadcast"),
        on_delete=models.CASCADE,
        related_name="plays",
    )
    cluster = models.ForeignKey(
        RadioCluster,
        verbose_name=_("cluster"),
        on_delete=models.PROTECT,
        related_name="plays",
    )
    started_at = models.DateTimeField(_("started at"))
    duration_seconds = models.PositiveIntegerField(_("duration (seconds)"), default=0)
    households = models.PositiveIntegerField(_("households covered"))
    log = models.ForeignKey(
        PlaybackLog,
        verbose_name=_("first logged in"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="plays",
    )

    def __str__(self):
        return f"{self.cluster} {self.started_at:%d/%m/%Y %H:%M}"

    class Meta:
        verbose_name = _("cluster play")
        verbose_name_plural = _("cluster plays")
        constraints = [
            models.UniqueConstraint(
                fields=["broadcast", "cluster"], name="clusterplay_once"
            )
        ]
