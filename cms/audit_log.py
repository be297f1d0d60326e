"""What an operator wants in the logs at INFO: pages published and unpublished, and
image consent given or withdrawn (dispatch logs its own runs and deliveries).

Only ids and states: an image's title or file name may name a person.
"""

import logging

from django.db.models.signals import post_save, pre_save
from wagtail.images import get_image_model
from wagtail.signals import page_published, page_unpublished

logger = logging.getLogger("cms.events")


def _who(user) -> str:
    return getattr(user, "username", "") or "system"


def page_published_log(sender, instance, revision=None, **kwargs):
    user = getattr(revision, "user", None)
    logger.info(
        "Page %s published (%s, revision %s) by %s",
        instance.pk,
        instance.specific_class.__name__ if instance.specific_class else "page",
        getattr(revision, "pk", "-"),
        _who(user),
    )


def page_unpublished_log(sender, instance, user=None, **kwargs):
    logger.info("Page %s unpublished by %s", instance.pk, _who(user))


def _consent_before(sender, instance, raw=False, **kwargs):
    if raw or instance.pk is None:
        instance._consent_was = None
        return
    stored = sender.objects.filter(pk=instance.pk).values_list("consent", flat=True)
    instance._consent_was = stored.first()


def _consent_after(sender, instance, created=False, raw=False, **kwargs):
    was = getattr(instance, "_consent_was", None)
    if raw or (not created and was == instance.consent):
        return
    logger.info(
        "Image %s consent %s -> %s (publishable: %s)",
        instance.pk,
        was or "new",
        instance.consent,
        "yes" if instance.is_publishable else "no",
    )


def connect() -> None:
    page_published.connect(page_published_log, dispatch_uid="cms_log_published")
    page_unpublished.connect(page_unpublished_log, dispatch_uid="cms_log_unpublished")
    image = get_image_model()
    pre_save.connect(_consent_before, sender=image, dispatch_uid="cms_log_consent")
    post_save.connect(_consent_after, sender=image, dispatch_uid="cms_log_consent")
