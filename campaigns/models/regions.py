"""The administrative regions a campaign reaches: a tree of any depth, on a map.

A map is valid from its date until the next one (Vietnam removed districts and
merged communes on 01/07/2025); successors carry an old unit into the new map.
"""

import datetime

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
# The map regions stand on when no date was given (migration 0002 uses the same).
FIRST_MAP_NAME = "Bản đồ hành chính ban đầu"
FIRST_MAP_FROM = datetime.date(2000, 1, 1)


class RegionMapQuerySet(models.QuerySet):
    def in_force(self, day: datetime.date) -> "RegionMap | None":
        """The map valid on `day`: the latest one that took effect by then."""
        return self.filter(effective_from__lte=day).order_by("-effective_from").first()

    def current(self) -> "RegionMap | None":
        """The newest map, or the first one, created when regions are first loaded."""
        return self.order_by("-effective_from").first()

    def first_map(self) -> "RegionMap":
        found = self.order_by("effective_from").first()
        if found is None:
            found = self.create(name=FIRST_MAP_NAME, effective_from=FIRST_MAP_FROM)
        return found


class RegionMap(models.Model):
    """An administrative map of the province, valid from its date until the next."""

    name = models.CharField(_("name"), max_length=255)
    effective_from = models.DateField(_("in force from"), unique=True)
    illustrative = models.BooleanField(
        _("illustrative"),
        default=False,
        help_text=_("Not the official list: for tests and the demo only."),
    )

    objects = RegionMapQuerySet.as_manager()

    def __str__(self):
        return f"{self.name} ({self.effective_from:%d/%m/%Y})"

    class Meta:
        verbose_name = _("administrative map")
        verbose_name_plural = _("administrative maps")
        ordering = ["effective_from"]


class Region(MP_Node):
    """A province, district or commune (any depth: the 2025 reform removed districts).

    The tree path lets reports roll communes up into their district in one GROUP BY.
    """

    map = models.ForeignKey(
        RegionMap,
        verbose_name=_("administrative map"),
        on_delete=models.PROTECT,
        related_name="regions",
    )
    # Unique within a map only: the 2025 reform gave old codes to new communes.
    code = models.CharField(_("official code"), max_length=10)
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

    @property
    def name_after_title(self) -> str:
        """The name as it reads after a unit's title, its kind in lower case:
        "UBND " + "thành phố Thanh Hóa", "thị xã Bỉm Sơn", "huyện Mường Lát"."""
        lowered = self.name.lower()
        for label in sorted(KIND_BY_LABEL, key=len, reverse=True):
            if lowered.startswith(label + " "):
                return label + self.name[len(label) :]
        return self.name

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if self.map_id is None:
            # A child stands on its parent's map; a tree of its own on the first map.
            parent = self.get_parent() if self.depth and self.depth > 1 else None
            self.map = parent.map if parent else RegionMap.objects.first_map()
        super().save(*args, **kwargs)

    class Meta:
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        ordering = ["path"]
        constraints = [
            models.UniqueConstraint(
                fields=["map", "code"], name="region_code_unique_per_map"
            ),
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


class RegionSuccessor(models.Model):
    """Where an old unit went in the next map, and the share of its people."""

    old = models.ForeignKey(
        Region,
        verbose_name=_("old unit"),
        on_delete=models.CASCADE,
        related_name="successor_links",
    )
    new = models.ForeignKey(
        Region,
        verbose_name=_("new unit"),
        on_delete=models.CASCADE,
        related_name="predecessor_links",
    )
    share = models.DecimalField(
        _("share of the population"), max_digits=7, decimal_places=6
    )

    def __str__(self):
        return f"{self.old.code} → {self.new.code} ({self.share})"

    class Meta:
        verbose_name = _("successor")
        verbose_name_plural = _("successors")
        ordering = ["old__path", "new__path"]
        constraints = [
            models.UniqueConstraint(fields=["old", "new"], name="successor_unique"),
            models.CheckConstraint(
                condition=models.Q(share__gt=0, share__lte=1),
                name="successor_share_fraction",
            ),
        ]
