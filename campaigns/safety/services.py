"""Writes of the victim-safety rules: confirm the checklist, publish, record events."""

from django.db import transaction
from django.utils import timezone
from wagtail.log_actions import get_active_log_context
from wagtail.models import Page, Revision

from ..models import CHECKLIST, ChecklistConfirmation, SafetyEvent, SafetyEventKind


def active_user(user=None):
    """The given user, else the one the admin's log context names (or None)."""
    if user is not None and getattr(user, "is_authenticated", False):
        return user
    found = get_active_log_context().user
    return found if getattr(found, "is_authenticated", False) else None


def safety_event_record(
    *,
    kind: str,
    subject: str,
    user=None,
    page: Page | None = None,
    image=None,
    revision_id: int | None = None,
    checked_by=None,
    detail: str = "",
    at=None,
) -> SafetyEvent:
    return SafetyEvent.objects.create(
        at=at or timezone.now(),
        kind=kind,
        subject=subject[:255],
        user=active_user(user),
        page_id=page.pk if page is not None else None,
        image=image,
        revision_id_seen=revision_id,
        checked_by=checked_by,
        detail=detail,
    )


@transaction.atomic
def checklist_confirm(*, revision: Revision, user) -> ChecklistConfirmation:
    """Record that ``user`` ticked every item for ``revision``; idempotent."""
    confirmation, created = ChecklistConfirmation.objects.get_or_create(
        revision=revision,
        defaults={
            "page_id": int(revision.object_id),
            "user": active_user(user),
            "items": list(CHECKLIST),
        },
    )
    if created:
        safety_event_record(
            kind=SafetyEventKind.CHECKLIST,
            subject=revision.object_str,
            user=confirmation.user,
            page=Page(pk=confirmation.page_id),
            revision_id=revision.pk,
            checked_by=confirmation.user,
        )
    return confirmation


@transaction.atomic
def checklist_confirm_and_publish(*, revision: Revision, user) -> Page:
    """Confirm the checklist for ``revision`` and publish it (or schedule it).

    Other rules (consent) still apply: ``PublicationRefused`` rolls back both.
    """
    checklist_confirm(revision=revision, user=user)
    revision.publish(user=user)
    return revision.content_object
