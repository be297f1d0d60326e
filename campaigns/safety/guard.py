"""The rules that hold wherever a page goes live, moves or is taken down.

The checklist rule runs inside the media app's page guard (a ``pre_save`` receiver
that every publishing path reaches, see ``media.consent``), so a path added by a
later Wagtail release is covered too. The admin's buttons only get there first,
to show the checklist instead of an error.
"""

import threading

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.models import Page

from media.consent import PublicationRefused
from media.models import CampaignImage

from ..models import (
    CampaignPage,
    ChecklistConfirmation,
    MessagePage,
    SafetyEventKind,
)
from ..selectors import published_q
from .services import active_user, safety_event_record


class ChecklistMissing(PublicationRefused):
    """A message page would go live with a revision whose checklist nobody ticked."""

    def __init__(self, page):
        self.page = page
        super().__init__(
            [ValidationError(checklist_missing_message(page), code="checklist")]
        )


def checklist_missing_message(page):
    return _(
        "“%(title)s” cannot go live: the victim-safety checklist has not been "
        "completed for this version."
    ) % {"title": page.get_admin_display_title()}


def needs_checklist(page) -> bool:
    specific_class = page.specific_class or type(page)
    return issubclass(specific_class, MessagePage)


def is_confirmed(page) -> bool:
    """Whether the revision ``page`` goes live with is its own, and confirmed.

    A copy keeps the original's revision until it is saved: it is not its own, so
    a copy never goes live on the original's checklist. An alias shows the
    original's live content, so the original's confirmation is what counts.
    """
    if page.alias_of_id:
        owner_id = page.alias_of_id
        revision_id = (
            Page.objects.filter(pk=owner_id)
            .values_list("live_revision_id", flat=True)
            .first()
        )
    else:
        owner_id, revision_id = page.pk, page.live_revision_id
    if owner_id is None or revision_id is None:
        return False
    return ChecklistConfirmation.objects.filter(
        revision_id=revision_id, page_id=owner_id
    ).exists()


def refuse_unchecked_messages(page) -> None:
    """``check_page_going_live`` hook: a message goes live only as confirmed.

    A new page cannot have a confirmed revision yet, so it is stored as a draft
    instead (Wagtail's create view and page copies save the page live before they
    publish it); any other page is refused.
    """
    if not needs_checklist(page) or is_confirmed(page):
        return
    if page.pk is None:
        page.live, page.live_revision = False, None
        page.has_unpublished_changes = True
        page.first_published_at = page.last_published_at = None
        return
    raise ChecklistMissing(page)


def latest_revision_confirmed(page) -> bool:
    revision_id = page.latest_revision_id
    return (
        revision_id is not None
        and ChecklistConfirmation.objects.filter(revision_id=revision_id).exists()
    )


_pending = threading.local()


def record_refusal(page, refused: PublicationRefused) -> None:
    """``page_publication_refused`` hook: the Safety report lists every refusal.

    A refusal raised inside a transaction rolls that transaction back, with any
    row written in it; such a refusal waits here and is written once the request
    or task is over (``flush_refusals``).
    """
    event = {
        "at": timezone.now(),
        "kind": SafetyEventKind.REFUSED,
        "subject": page.get_admin_display_title() or page.title,
        "page": page if page.pk else None,
        "user": active_user(),
        "revision_id": page.live_revision_id or page.latest_revision_id,
        "detail": " ".join(str(message) for message in refused.messages),
    }
    if transaction.get_connection().in_atomic_block:
        _pending.events = [*getattr(_pending, "events", []), event]
    else:
        safety_event_record(**event)


def flush_refusals(**kwargs) -> None:
    """``request_finished`` / ``task_postrun`` receiver: write waiting refusals."""
    for event in pending_refusals_take():
        safety_event_record(**event)


def pending_refusals_take() -> list[dict]:
    """The refusals still waiting to be written, now no longer waiting."""
    events, _pending.events = getattr(_pending, "events", []), []
    return events


def refuse_moving_unchecked_messages(sender, instance, parent_page_after, **kwargs):
    """``pre_page_move`` receiver: a live message never confirmed stays where it is.

    Pages published before the checklist was enforced keep their place, but cannot
    be carried under another campaign without going through the checklist.
    """
    pages = Page.objects.filter(
        Q(pk=instance.pk) | Q(path__startswith=instance.path), live=True
    ).type(MessagePage)
    for page in pages:
        if not is_confirmed(page):
            refused = ChecklistMissing(page)
            record_refusal(page, refused)
            raise refused


def record_publication(sender, instance, revision=None, **kwargs):
    """``page_published`` receiver: the report shows who published, who ticked."""
    if not needs_checklist(instance):
        return
    confirmation = (
        ChecklistConfirmation.objects.filter(revision=revision)
        .select_related("user")
        .first()
    )
    safety_event_record(
        kind=SafetyEventKind.PUBLISHED,
        subject=instance.title,
        user=revision.user if revision is not None else None,
        page=instance,
        revision_id=revision.pk if revision is not None else None,
        checked_by=confirmation.user if confirmation else None,
    )


def remember_consent(sender, instance, raw=False, **kwargs):
    """``pre_save`` on images: keep the stored consent to compare after saving."""
    if raw or instance.pk is None:
        instance._stored_consent = None
        return
    instance._stored_consent = (
        CampaignImage.objects.filter(pk=instance.pk)
        .values_list("consent", "shows_identifiable_person")
        .first()
    )


def record_consent_change(sender, instance, created=False, raw=False, **kwargs):
    """``post_save`` on images: every change of consent goes into the report."""
    if raw:
        return
    now = (instance.consent, instance.shows_identifiable_person)
    before = getattr(instance, "_stored_consent", None)
    if before == now:
        return
    safety_event_record(
        kind=SafetyEventKind.CONSENT,
        subject=instance.title,
        image=instance,
        detail=_consent_detail(before, now),
    )


def _consent_detail(before, now) -> str:
    labels = dict(CampaignImage._meta.get_field("consent").choices)

    def describe(state):
        consent, person = state
        who = _("identifiable person") if person else _("no identifiable person")
        return f"{labels.get(consent, consent)} ({who})"

    if before is None:
        return str(describe(now))
    return f"{describe(before)} → {describe(now)}"


def unpublish_messages_with_campaign(sender, instance, **kwargs):
    """``page_unpublished`` receiver: a campaign taken down takes its messages along.

    Covers the admin's unpublish (with or without "include subpages"), expiry by the
    beat job and ``unpublish()`` in code.
    """
    if not isinstance(instance, CampaignPage):
        return
    user = active_user()
    for page in instance.get_descendants().live().specific():
        page.unpublish(user=user)


def branch_hidden(page, *, now=None) -> bool:
    """Whether an ancestor below the site root keeps ``page`` from the public.

    Wagtail serves a live page even when its parent is not; here a page is public
    only while its whole branch is live, due and not expired.
    """
    now = now or timezone.now()
    return (
        page.get_ancestors()
        .filter(depth__gt=2)
        .exclude(published_q(now))
        .exists()
    )



def past_expiry(page, *, now=None) -> bool:
    """A live page whose expiry passed before the beat job took it down."""
    return bool(page.expire_at and page.expire_at <= (now or timezone.now()))
