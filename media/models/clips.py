"""Audio and video clips for radio, television and commune loudspeakers."""

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel

from ..storage import public_storage
from ..validators import validate_clip_file
from .images import Consent
from .languages import VIETNAMESE


class ClipKind(models.TextChoices):
    AUDIO = "audio", _("Audio")
    VIDEO = "video", _("Video")


class MediaClip(models.Model):
    """A recorded message; audio keeps a transcript so an operator can read it aloud."""

    title = models.CharField(_("title"), max_length=255)
    file = models.FileField(
        _("file"),
        upload_to="clips/%Y/%m/",
        # Channels fetch clips from their public address (schedules.dispatch).
        storage=public_storage,
        max_length=255,
        validators=[validate_clip_file],
    )
    kind = models.CharField(_("kind"), max_length=10, choices=ClipKind.choices)
    duration_seconds = models.PositiveIntegerField(
        _("duration (seconds)"),
        validators=[
            MinValueValidator(1, message=_("A clip lasts at least one second."))
        ],
    )
    language = models.ForeignKey(
        "media.Language",
        verbose_name=_("language"),
        on_delete=models.PROTECT,
        to_field="code",
        default=VIETNAMESE,
        related_name="+",
    )
    transcript = models.TextField(
        _("transcript"),
        blank=True,
        help_text=_(
            "Required for audio: where a clip cannot be played, the loudspeaker "
            "operator reads this out."
        ),
    )
    credit = models.CharField(_("credit"), max_length=255)
    consent = models.CharField(
        _("consent"), max_length=20, choices=Consent.choices, default=Consent.NOT_NEEDED
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    panels = [
        FieldPanel("title"),
        FieldPanel("file"),
        FieldPanel("kind"),
        FieldPanel("duration_seconds"),
        # A plain list: Wagtail's snippet chooser looks its value up as an id,
        # and this key holds a language code, so the form could not be shown.
        FieldPanel("language", widget=forms.Select),
        FieldPanel("transcript"),
        FieldPanel("credit"),
        FieldPanel("consent"),
    ]

    @property
    def duration(self):
        """The length as m:ss, the way broadcast run-sheets write it."""
        minutes, seconds = divmod(self.duration_seconds or 0, 60)
        return f"{minutes}:{seconds:02d}"

    def clean(self):
        super().clean()
        if self.kind == ClipKind.AUDIO and not self.transcript.strip():
            raise ValidationError(
                {"transcript": _("An audio clip needs a transcript.")},
                code="transcript_required",
            )

    def __str__(self):
        return self.title

    class Meta:
        verbose_name = _("audio or video clip")
        verbose_name_plural = _("audio and video clips")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(duration_seconds__gt=0),
                name="mediaclip_duration_positive",
            ),
            models.CheckConstraint(
                condition=~models.Q(kind=ClipKind.AUDIO) | ~models.Q(transcript=""),
                name="mediaclip_audio_has_transcript",
            ),
            models.CheckConstraint(
                condition=~models.Q(credit=""), name="mediaclip_credit_required"
            ),
        ]
