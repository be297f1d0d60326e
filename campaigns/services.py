"""Writes that span campaign models: starting next year's campaign from this one."""

import datetime
import re

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log
from wagtail.models import Page

from .models import CampaignPage, MessagePage, MessageVariant, Slogan
from .models.campaigns import ANCHOR_MONTH_DAY
from .region_maps import successor_weights


class CampaignStartError(ValidationError):
    """The new year cannot start; the message says why, nothing was written."""


def _moved(day: datetime.date | None, source: CampaignPage, year: int):
    """The same distance from 30/7 in the new year as in the old one."""
    if day is None:
        return None
    old_anchor = datetime.date(source.year, *ANCHOR_MONTH_DAY)
    return datetime.date(year, *ANCHOR_MONTH_DAY) + (day - old_anchor)


def _title(source: CampaignPage, year: int) -> str:
    title, count = re.subn(rf"\b{source.year}\b", str(year), source.title)
    return title if count else f"{source.title} – {year}"


def _check(source: CampaignPage, year: int) -> None:
    if not 2016 <= year <= 2100:
        raise CampaignStartError(
            _("The year must be between 2016 and 2100, not %(year)s.") % {"year": year}
        )
    if CampaignPage.objects.filter(year=year).exists():
        raise CampaignStartError(
            _("The campaign of %(year)s exists already; nothing was created.")
            % {"year": year}
        )
    if year <= source.year:
        raise CampaignStartError(
            _("The new campaign (%(year)s) must come after %(source)s.")
            % {"year": year, "source": source.year}
        )


def _region_carrier(source: CampaignPage, campaign: CampaignPage):
    """A function giving a variant's regions on the new campaign's map."""
    old_map, new_map = source.region_map, campaign.region_map
    if old_map is None or new_map is None or old_map.pk == new_map.pk:
        return lambda regions: list(regions)
    from .models import Region

    cache = {}

    def carry(regions):
        ids = [region.pk for region in regions]
        missing = [pk for pk in ids if pk not in cache]
        if missing:
            cache.update(successor_weights(missing, target=new_map))
        found = {new for pk in ids for new in cache[pk]}
        return list(Region.objects.filter(pk__in=found).order_by("path"))

    return carry


def _copy_message(message: MessagePage, campaign, *, carry, user):
    copy = MessagePage(
        title=message.title,
        slug=message.slug,
        summary=message.summary,
        body=message.body,
        key_points=message.key_points.raw_data,
        call_to_action=message.call_to_action,
        hotline=message.hotline,
        lead_image=message.lead_image,
        related_media=message.related_media.raw_data,
        copied_from=message,
        live=False,
        owner=user,
    )
    copy.tags.add(*message.tags.all())
    for variant in message.variants.all():
        entry = MessageVariant(
            sort_order=variant.sort_order,
            format=variant.format,
            text=variant.text,
            language_id=variant.language_id,
            translation_needed=variant.translation_needed,
            audio=variant.audio,
            image=variant.image,
        )
        entry.age_bands = list(variant.age_bands.all())
        entry.risk_groups = list(variant.risk_groups.all())
        entry.target_regions = carry(variant.target_regions.all())
        copy.variants.add(entry)
    campaign.add_child(instance=copy)
    revision = copy.save_revision(user=user, changed=False, clean=False)
    # The page's history says where it came from, as Wagtail's own copy does.
    log(
        instance=copy,
        action="wagtail.copy",
        user=user,
        data={
            "page": {"id": copy.pk, "title": copy.get_admin_display_title()},
            "source": {"id": message.pk, "title": message.get_admin_display_title()},
            "destination": {"id": campaign.pk, "title": campaign.title},
        },
    )
    workflow = copy.get_workflow()
    if workflow is not None:
        workflow.start(copy, user)
    return revision


@transaction.atomic
def campaign_start_next(*, source: CampaignPage, year: int, user=None) -> CampaignPage:
    """Next year's campaign from `source`, in one transaction.

    Its dates keep their distance from 30/7; the plan number and date are left for
    the new plan; slogans come over as drafts; every live message is copied, with
    its variants and media, as a draft marked as copied and sent into review (its
    target regions carried to the new year's map). Expired and unpublished messages
    stay behind. Channels and organisers' areas follow the map, not the campaign.
    """
    source = CampaignPage.objects.select_for_update().get(pk=source.pk)
    _check(source, year)
    parent = source.get_parent()
    slug = str(year)
    if Page.objects.child_of(parent).filter(slug=slug).exists():
        slug = f"{slug}-{source.slug}"
    campaign = CampaignPage(
        title=_title(source, year),
        slug=slug,
        year=year,
        anchor_date=_moved(source.anchor_date, source, year),
        period_start=_moved(source.period_start, source, year),
        period_end=_moved(source.period_end, source, year),
        plan_number="",
        plan_date=None,
        issuing_body=source.issuing_body,
        intensity_base=source.intensity_base,
        ramp_days=source.ramp_days,
        taper_days=source.taper_days,
        objectives=source.objectives,
        press_terms=source.press_terms,
        live=False,
        owner=user,
    )
    parent.add_child(instance=campaign)
    campaign.save_revision(user=user, log_action=True)
    for slogan in source.slogans.order_by("sort_order"):
        Slogan.objects.create(
            campaign=campaign,
            text=slogan.text,
            sort_order=slogan.sort_order,
            language_id=slogan.language_id,
            live=False,
        ).save_revision(user=user)
    carry = _region_carrier(source, campaign)
    now = timezone.now()
    messages = (
        MessagePage.objects.child_of(source)
        .live()
        .filter(expired=False)
        .filter(Q(expire_at__isnull=True) | Q(expire_at__gt=now))
        .specific()
        .order_by("path")
    )
    for message in messages:
        _copy_message(message, campaign, carry=carry, user=user)
    return campaign
