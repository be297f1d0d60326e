"""What the victim-safety rules leave behind: who ticked the checklist, and a log."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ChecklistConfirmation(models.Model):
    """A moderator ticked every item of the checklist for exactly this revision.

    A message page goes live only with the revision named here (see
    ``campaigns.safety.guard``); editing the page makes a new revision that needs
    its own confirmation.
    """

    revision = models.OneToOneField(
        "wagtailcore.Revision",
        verbose_name=_("revision"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("confirmed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    confirmed_at = models.DateTimeField(_("confirmed at"), default=timezone.now)
    items = models.JSONField(_("items ticked"), default=list)

    def __str__(self):
        return f"{self.page_id}@{self.revision_id}"

    class Meta:
        verbose_name = _("checklist confirmation")
        verbose_name_plural = _("checklist confirmations")


class SafetyEventKind(models.TextChoices):
    CONSENT = "consent", _("Consent changed")
    CHECKLIST = "checklist", _("Checklist confirmed")
    PUBLISHED = "published", _("Published")
    REFUSED = "refused", _("Publication refused")


class SafetyEvent(models.Model):
    """One line of the admin's Safety report; rows are only ever added."""

    kind = models.CharField(_("event"), max_length=20, choices=SafetyEventKind)
    at = models.DateTimeField(_("time"), default=timezone.now, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("checklist ticked by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("page"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    image = models.ForeignKey(
        "media.CampaignImage",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    revision_id_seen = models.PositiveIntegerField(_("revision"), null=True, blank=True)
    subject = models.CharField(_("subject"), max_length=255)
    detail = models.TextField(_("detail"), blank=True)

    def __str__(self):
        return f"{self.get_kind_display()}: {self.subject}"

    class Meta:
        verbose_name = _("safety event")
        verbose_name_plural = _("safety events")
        ordering = ["-at", "-pk"]
