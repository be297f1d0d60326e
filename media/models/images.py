"""Images that carry their credit, licence and the consent of the people shown."""

from django.core.files.base import ContentFile
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from wagtail.images.models import (
    AbstractImage,
    AbstractRendition,
    Image,
    SourceImageIOError,
)

from ..metadata import strip_metadata


class Consent(models.TextChoices):
    OBTAINED = "obtained", _("Consent obtained")
    NOT_NEEDED = "not_needed", _("Consent not needed")
    WITHHELD = "withheld", _("Consent withheld")


class CampaignImage(AbstractImage):
    """A library image; its consent decides whether a page using it may go live."""

    credit = models.CharField(_("credit"), max_length=255)
    licence = models.CharField(_("licence"), max_length=255, blank=True)
    consent = models.CharField(
        _("consent"), max_length=20, choices=Consent.choices, default=Consent.NOT_NEEDED
    )
    shows_identifiable_person = models.BooleanField(
        _("shows an identifiable person"), default=False
    )

    admin_form_fields = Image.admin_form_fields + (
        "credit",
        "licence",
        "consent",
        "shows_identifiable_person",
    )

    @property
    def is_publishable(self):
        """Publishable unless consent is withheld, or missing for a person shown."""
        if self.consent == Consent.WITHHELD:
            return False
        if self.shows_identifiable_person and self.consent != Consent.OBTAINED:
            return False
        return True

    # No size of an image that may not be shown is ever made or handed out: every
    # rendition (admin lists, choosers, templates, the API, feeds) comes through
    # these, and Wagtail's own callers turn the error into a "not found" placeholder.
    def _refuse_unless_publishable(self):
        if not self.is_publishable:
            raise SourceImageIOError(
                gettext("Image %(id)s may not be shown: consent.") % {"id": self.pk}
            )

    def get_rendition(self, filter):
        self._refuse_unless_publishable()
        return super().get_rendition(filter)

    def get_renditions(self, *filters):
        self._refuse_unless_publishable()
        return super().get_renditions(*filters)

    def generate_rendition_file(self, filter, *, source=None):
        self._refuse_unless_publishable()
        return super().generate_rendition_file(filter, source=source)

    def save(self, *args, **kwargs):
        # The admin form has already cleaned uploads; this catches files attached in
        # code (imports, the API, the shell) before storage writes them.
        if self.file and not self.file._committed:
            self.file.file.seek(0)
            data = self.file.file.read()
            clean = strip_metadata(data)
            if clean != data:
                self.file.file = ContentFile(clean, name=self.file.name)
                self._set_image_file_metadata()
            self.file.file.seek(0)
        super().save(*args, **kwargs)
        if not self.is_publishable:
            # Sizes already served sit at public addresses: once consent is
            # withdrawn they are deleted with their files (Wagtail removes a
            # rendition's file when its row goes).
            self.renditions.all().delete()

    class Meta(AbstractImage.Meta):
        verbose_name = _("image")
        verbose_name_plural = _("images")
        permissions = [("choose_image", "Can choose image")]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(credit=""), name="campaignimage_credit_required"
            )
        ]


class CampaignRendition(AbstractRendition):
    image = models.ForeignKey(
        CampaignImage, on_delete=models.CASCADE, related_name="renditions"
    )

    class Meta:
        unique_together = (("image", "filter_spec", "focal_point_key"),)
