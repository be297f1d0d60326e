"""No page goes live showing an image it may not show, nor breaking any other rule.

Wagtail 8 has no single "before publish" hook: the admin's publish button runs
``before_publish_page`` and then calls ``PublishPageRevisionAction`` directly,
while workflow approval, scheduled publishing, bulk publishing, copies, aliases,
the APIs and ``revision.publish()`` in code go through ``Page.publish`` or the
action without that hook. Every one of them ends by saving the page with a new live
revision, so ``guard_page_going_live`` checks there, for every page type, with
nothing to opt in. The rules are the ``check_page_going_live`` hooks (this app's
consent rule, the campaigns' victim-safety checklist): each raises
``PublicationRefused`` to stop the save, and ``page_publication_refused`` hooks hear
of every refusal.
"""

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.images import get_image_model
from wagtail.models import Page, ReferenceIndex

from .models import Consent


class PublicationRefused(ValidationError):
    """Raised when a page would go live against a rule; its messages say why."""

    def __init__(self, errors: list[ValidationError]):
        super().__init__({NON_FIELD_ERRORS: errors})


class PublicationBlocked(PublicationRefused):
    """Raised when a page would go live with images whose consent does not allow it."""

    def __init__(self, images):
        self.images = images
        super().__init__(
            [
                ValidationError(blocking_message(image), code="consent")
                for image in images
            ]
        )


def image_ids_used_by(obj) -> set[str]:
    """Ids of the images an unsaved or saved object refers to.

    Uses the reference index's own extractor on the object in memory (foreign keys,
    rich text embeds, StreamField blocks, inline children), not the stored index,
    which describes what is saved rather than what is about to go live.
    """
    image_type = ContentType.objects.get_for_model(
        get_image_model(), for_concrete_model=False
    )
    return {
        object_id
        for content_type_id, object_id, *_path in (
            ReferenceIndex._extract_references_from_object(obj)
        )
        if content_type_id == image_type.pk and str(object_id).isdigit()
    }


def images_blocking_publication(page) -> list:
    """The images ``page`` uses that may not be published, ordered by title.

    ``page`` is checked as it is in memory: pass ``revision.as_object()`` or
    ``page.get_latest_revision_as_object()`` to check a draft.
    """
    ids = image_ids_used_by(page)
    if not ids:
        return []
    images = get_image_model().objects.filter(pk__in=ids).order_by("title", "pk")
    return [image for image in images if not image.is_publishable]


def blocking_message(image):
    if image.consent == Consent.WITHHELD:
        message = _("Cannot publish: consent for the image “%(title)s” was withheld.")
    else:
        message = _(
            "Cannot publish: the image “%(title)s” shows an identifiable person "
            "but consent has not been obtained."
        )
    return message % {"title": image.title}


def guard_page_going_live(sender, instance, raw=False, update_fields=None, **kwargs):
    """``pre_save`` receiver: refuse to store a page that goes live against a rule."""
    if raw or not isinstance(instance, Page) or not _goes_live(instance, update_fields):
        return
    for check in hooks.get_hooks("check_page_going_live"):
        try:
            check(instance)
        except PublicationRefused as refused:
            for hear in hooks.get_hooks("page_publication_refused"):
                hear(instance, refused)
            raise


def refuse_images_without_consent(page) -> None:
    """The consent rule, as a ``check_page_going_live`` hook."""
    blocking = images_blocking_publication(page)
    if blocking:
        raise PublicationBlocked(blocking)


def _goes_live(page, update_fields):
    if not page.live:
        return False
    if update_fields is not None and not {"live", "live_revision"} & set(update_fields):
        return False
    if page.pk is None:
        return True
    stored = (
        Page.objects.filter(pk=page.pk).values_list("live", "live_revision_id").first()
    )
    return stored != (True, page.live_revision_id)
