from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


def site_follow_settings(sender, using="default", **kwargs):
    """After every migrate (each deploy, each `make run`), links follow SITE_URL."""
    from django.conf import settings

    from .services import site_follow_url

    if using == "default":
        site_follow_url(url=settings.SITE_URL)


def root_page_in_vietnamese(sender, using="default", **kwargs):
    """Wagtail's migrations title the tree's root "Root", which the page explorer
    shows staff as its heading; it reads "Tất cả các trang" instead."""
    from wagtail.models import Page

    Page.objects.using(using).filter(depth=1, title="Root").update(
        title="Tất cả các trang", draft_title="Tất cả các trang"
    )


class CmsConfig(AppConfig):
    name = "cms"
    verbose_name = _("Public site")

    def ready(self):
        from . import audit_log, health, jobs
        from .feeds import cache

        audit_log.connect()
        cache.connect()
        jobs.connect()
        health.process_started()
        post_migrate.connect(
            site_follow_settings, sender=self, dispatch_uid="cms.site_follow_settings"
        )
        post_migrate.connect(
            root_page_in_vietnamese, sender=self, dispatch_uid="cms.root_page_title"
        )
