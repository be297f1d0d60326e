"""Reads of the public site that span the apps."""

from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from wagtail.models import Page, ReferenceIndex

from campaigns.safety.guard import branch_hidden, past_expiry


def document_is_public(document) -> bool:
    """Whether a page the public can read links to ``document`` now."""
    page_type = ContentType.objects.get_for_model(Page)
    ids = [
        int(object_id)
        for object_id in ReferenceIndex.get_references_to(document)
        .filter(base_content_type=page_type)
        .values_list("object_id", flat=True)
        if str(object_id).isdigit()
    ]
    now = timezone.now()
    return any(
        not branch_hidden(page, now=now) and not past_expiry(page, now=now)
        for page in Page.objects.live().public().filter(pk__in=ids)
    )
