"""Who a message speaks to (age bands, groups at risk) and the hotline it gives."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index


class AgeBand(models.Model):
    """One of the plan's age groups; variants list the bands they suit."""

    code = models.SlugField(_("code"), max_length=20, unique=True)
    name = models.CharField(_("name"), max_length=100)
    min_age = models.PositiveSmallIntegerField(_("from age"))
    max_age = models.PositiveSmallIntegerField(_("to age"), null=True, blank=True)

    def __str__(self):
        return self.name

    class Meta:
        verbose_name = _("age band")
        verbose_name_plural = _("age bands")
        ordering = ["min_age"]


class RiskGroup(models.Model):
    """A group the plan names as most at risk: women, children, border residents..."""

    code = models.SlugField(_("code"), max_length=30, unique=True)
    name = models.CharField(_("name"), max_length=100)
    sort_order = models.PositiveSmallIntegerField(_("order"), default=0)

    def __str__(self):
        return self.name

    class Meta:
        verbose_name = _("risk group")
        verbose_name_plural = _("risk groups")
        ordering = ["sort_order"]


class Hotline(index.Indexed, models.Model):
    """A number to call, shared by every message that points people to it."""

    number = models.CharField(_("number"), max_length=30)
    name = models.CharField(_("name"), max_length=255)
    hours = models.CharField(_("hours"), max_length=100, default="24/7")

    panels = [FieldPanel("number"), FieldPanel("name"), FieldPanel("hours")]

    search_fields = [index.SearchField("name"), index.SearchField("number")]

    def __str__(self):
        return f"{self.name} – {self.number}"

    class Meta:
        verbose_name = _("hotline")
        verbose_name_plural = _("hotlines")
        constraints = [
            models.UniqueConstraint(fields=["number"], name="hotline_unique_number")
        ]
