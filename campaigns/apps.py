from django.apps import AppConfig
from django.db.models.signals import post_save, pre_save
from django.utils.translation import gettext_lazy as _


class CampaignsConfig(AppConfig):
    name = "campaigns"
    verbose_name = _("Campaigns")

    def ready(self):
        from celery.signals import task_postrun
        from django.core.signals import request_finished
        from wagtail.signals import page_published, page_unpublished, pre_page_move

        from media.models import CampaignImage

        from .safety import guard

        # Sender-less: every page type, including those added later.
        page_published.connect(
            guard.record_publication, dispatch_uid="campaigns_record_publication"
        )
        page_unpublished.connect(
            guard.unpublish_messages_with_campaign,
            dispatch_uid="campaigns_unpublish_with_campaign",
        )
        pre_page_move.connect(
            guard.refuse_moving_unchecked_messages,
            dispatch_uid="campaigns_checklist_on_move",
        )
        request_finished.connect(
            guard.flush_refusals, dispatch_uid="campaigns_refusals_request"
        )
        task_postrun.connect(
            guard.flush_refusals, dispatch_uid="campaigns_refusals_task"
        )
        pre_save.connect(
            guard.remember_consent,
            sender=CampaignImage,
            dispatch_uid="campaigns_remember_consent",
        )
        post_save.connect(
            guard.record_consent_change,
            sender=CampaignImage,
            dispatch_uid="campaigns_record_consent",
        )
