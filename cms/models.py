"""The public home page, and a record of when background jobs last ran."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Page

from campaigns.models import CampaignPage
from campaigns.models.public import ReaderPageMixin


class HomePage(ReaderPageMixin, Page):
    """The site's root: the current campaign, its slogans and its messages, each
    as written for the reader once they say where they live, their age and
    language."""

    intro = RichTextField(
        _("introduction"), blank=True, features=["bold", "italic", "link"]
    )

    content_panels = Page.content_panels + [FieldPanel("intro")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["campaigns.CampaignPage"]
    max_count = 1

    def current_campaign(self):
        """The latest live, public campaign (the one running or most recently run)."""
        return (
            CampaignPage.objects.live()
            .public()
            .child_of(self)
            .order_by("-year")
            .first()
        )

    def reader_campaign(self):
        if not hasattr(self, "_current_campaign"):
            self._current_campaign = self.current_campaign()
        return self._current_campaign

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        campaign = self.reader_campaign()
        context["campaign"] = campaign
        context["slogans"] = (
            campaign.slogans.live().order_by("sort_order") if campaign else []
        )
        context.update(self.reader_context(request, campaign))
        return context

    class Meta:
        verbose_name = _("home page")


class JobRun(models.Model):
    """When a periodic job last finished: /healthz reports how long ago."""

    name = models.CharField(_("job"), max_length=100, unique=True)
    finished_at = models.DateTimeField(_("finished at"))
    detail = models.CharField(_("detail"), max_length=255, blank=True)

    def __str__(self):
        return self.name

    class Meta:
        verbose_name = _("job run")
        verbose_name_plural = _("job runs")


class ContentGeneration(models.Model):
    """A number that moves whenever anything the public sees changes.

    Stored in the database, so a change made in any process (a second web worker,
    the shell, a Celery task) reaches every process's cache at its next request:
    cached feeds are keyed on it (``cms.feeds.cache``). One row.
    """

    value = models.BigIntegerField(_("generation"), default=0)

    def __str__(self):
        return str(self.value)

    class Meta:
        verbose_name = _("public content generation")
        verbose_name_plural = _("public content generations")
