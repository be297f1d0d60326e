"""Responsible units of section III of the plan, and the people who work for them."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel


class OrganisationKind(models.TextChoices):
    POLICE = "police", _("Police")
    BORDER_GUARD = "border_guard", _("Border guard")
    INFORMATION = "information", _("Information and communications")
    CULTURE = "culture", _("Culture, sports and tourism")
    LABOUR = "labour", _("Labour, invalids and social affairs")
    WOMENS_UNION = "womens_union", _("Women's Union")
    FATHERLAND_FRONT = "fatherland_front", _("Fatherland Front and mass organisations")
    PROCURACY = "procuracy", _("People's procuracy")
    COURT = "court", _("People's court")
    PEOPLES_COMMITTEE = "peoples_committee", _("People's Committee")
    MEDIA = "media", _("Press, radio and television")


class Organisation(models.Model):
    """A unit with a duty in the plan; reports group what was done by unit."""

    name = models.CharField(_("name"), max_length=255, unique=True)
    short_name = models.CharField(_("short name"), max_length=80, blank=True)
    kind = models.CharField(_("kind"), max_length=30, choices=OrganisationKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    region = models.ForeignKey(
        "campaigns.Region",
        verbose_name=_("region"),
        on_delete=models.PROTECT,
        related_name="organisations",
    )
    plan_section = models.CharField(
        _("section of the plan"),
        max_length=20,
        blank=True,
        help_text=_("Where the plan gives this unit its duties, e.g. III.1."),
    )
    is_standing_body = models.BooleanField(
        _("standing body of Committee 138"), default=False
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("short_name"),
        FieldPanel("kind"),
        FieldPanel("parent"),
        FieldPanel("region"),
        FieldPanel("plan_section"),
        FieldPanel("is_standing_body"),
    ]

    def __str__(self):
        return self.short_name or self.name

    class Meta:
        verbose_name = _("responsible unit")
        verbose_name_plural = _("responsible units")
        ordering = ["plan_section", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_standing_body"],
                condition=models.Q(is_standing_body=True),
                name="organisation_one_standing_body",
                violation_error_message=_("Only one unit can be the standing body."),
            )
        ]


class Role(models.TextChoices):
    EDITOR = "editor", _("Communications editor")
    MODERATOR = "moderator", _("Moderator")
    PLANNER = "planner", _("Channel planner")
    OPERATOR = "operator", _("Channel operator")
    ORGANISER = "organiser", _("Organiser")
    COMMITTEE = "committee", _("Steering committee office")
    REPORTER = "reporter", _("Reporting")


class Membership(models.Model):
    """A user's place in a unit: the region decides which area they see and touch."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("unit"),
        on_delete=models.CASCADE,
        related_name="memberships",
    )
    region = models.ForeignKey(
        "campaigns.Region",
        verbose_name=_("area"),
        on_delete=models.PROTECT,
        related_name="memberships",
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)

    panels = [
        FieldPanel("user"),
        FieldPanel("organisation"),
        FieldPanel("region"),
        FieldPanel("role"),
    ]

    def __str__(self):
        return f"{self.user} – {self.get_role_display()} – {self.region}"

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation", "region", "role"],
                name="membership_unique",
            )
        ]
