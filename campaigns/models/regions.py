"""The administrative regions a campaign reaches: a tree of any depth."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from treebeard.mp_tree import MP_Node
from wagtail.admin.panels import FieldPanel


class RegionKind(models.TextChoices):
    PROVINCE = "province", _("Province")
    CITY = "city", _("City")
    TOWN = "town", _("Town")
    DISTRICT = "district", _("District")
    WARD = "ward", _("Ward")
    COMMUNE = "commune", _("Commune")
    TOWNSHIP = "township", _("Township")


# How the statistics office names each kind in its lists.
KIND_BY_LABEL = {
    "tỉnh": RegionKind.PROVINCE,
    "thành phố": RegionKind.CITY,
    "thị xã": RegionKind.TOWN,
    "huyện": RegionKind.DISTRICT,
    "phường": RegionKind.WARD,
    "xã": RegionKind.COMMUNE,
    "thị trấn": RegionKind.TOWNSHIP,
}

MAJORITY_GROUP = "Kinh"


class Region(MP_Node):
    """A province, district or commune (any depth: the 2025 reform removed districts).

    The tree path lets reports roll communes up into their district in one GROUP BY.
    """

    code = models.CharField(_("official code"), max_length=10, unique=True)
    name = models.CharField(_("name"), max_length=255)
    kind = models.CharField(_("kind"), max_length=20, choices=RegionKind.choices)
    border = models.BooleanField(_("borders Laos"), default=False)
    coastal = models.BooleanField(_("coastal"), default=False)
    mountainous = models.BooleanField(_("mountainous"), default=False)
    poor = models.BooleanField(_("poor (programme 30a)"), default=False)
    ethnic_groups = models.JSONField(_("main ethnic groups"), default=list, blank=True)
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)
    population_is_illustrative = models.BooleanField(
        _("population is illustrative"),
        default=False,
        help_text=_("Generated for the demo; never present it as an official figure."),
    )
    centroid_lon = models.DecimalField(
        _("centroid longitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    centroid_lat = models.DecimalField(
        _("centroid latitude"), max_digits=9, decimal_places=6, null=True, blank=True
    )

    node_order_by = ["code"]

    panels = [
        FieldPanel("code"),
        FieldPanel("name"),
        FieldPanel("kind"),
        FieldPanel("border"),
        FieldPanel("coastal"),
        FieldPanel("mountainous"),
        FieldPanel("poor"),
        FieldPanel("ethnic_groups"),
        FieldPanel("population"),
        FieldPanel("population_is_illustrative"),
        FieldPanel("centroid_lon"),
        FieldPanel("centroid_lat"),
    ]

    @property
    def ethnic_minority(self):
        """Whether a group other than the Kinh majority lives here in numbers."""
        return any(group != MAJORITY_GROUP for group in self.ethnic_groups)

    @property
    def high_risk(self):
        return self.border or self.poor or self.ethnic_minority

    def __str__(self):
        return self.name

    class Meta:
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        ordering = ["path"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(centroid_lon__isnull=True, centroid_lat__isnull=True)
                    | models.Q(centroid_lon__isnull=False, centroid_lat__isnull=False)
                ),
                name="region_centroid_both_or_none",
            ),
            models.CheckConstraint(
                condition=models.Q(centroid_lon__isnull=True)
                | models.Q(
                    centroid_lon__gte=-180,
                    centroid_lon__lte=180,
                    centroid_lat__gte=-90,
                    centroid_lat__lte=90,
                ),
                name="region_centroid_on_earth",
            ),
        ]
