"""What the committee changes (target, e-mail, proposals) and the weekly e-mail."""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.mail import EmailMessage
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from campaigns.models import CampaignPage
from schedules.models import CommitteeReport, ReportSettings

from .exports import xlsx_build
from .filters import ReportFilter
from .report import report_build

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


@transaction.atomic
def report_settings_save(
    *,
    user,
    reach_target_per_head: Decimal,
    weekly_email_enabled: bool,
    weekly_email_to: str,
    campaign: CampaignPage | None = None,
    proposals: str = "",
) -> ReportSettings:
    """Store the committee's target and e-mail settings, and a campaign's proposals."""
    row = ReportSettings.objects.select_for_update().get(pk=ReportSettings.load().pk)
    row.reach_target_per_head = reach_target_per_head
    row.weekly_email_enabled = weekly_email_enabled
    row.weekly_email_to = weekly_email_to
    if weekly_email_enabled and not row.recipients:
        raise ValidationError(_("Give at least one address to send the report to."))
    row.full_clean()
    row.save()
    if campaign is not None:
        CommitteeReport.objects.update_or_create(
            campaign=campaign, defaults={"proposals": proposals, "updated_by": user}
        )
    return row


def weekly_campaign(now: datetime.datetime) -> CampaignPage | None:
    """The campaign of this year, or the latest one before it."""
    year = timezone.localtime(now).year
    campaigns = CampaignPage.objects.order_by("-year")
    return campaigns.filter(year__lte=year).first() or campaigns.first()


def _same_week(first: datetime.datetime, second: datetime.datetime) -> bool:
    first, second = timezone.localtime(first), timezone.localtime(second)
    return first.isocalendar()[:2] == second.isocalendar()[:2]


def weekly_report_send(*, now: datetime.datetime) -> EmailMessage | None:
    """E-mail the summary and the XLSX to the committee office, at most once a week
    and only when the committee turned it on; returns the message sent, if any."""
    with transaction.atomic():
        settings_row = ReportSettings.objects.select_for_update().get(
            pk=ReportSettings.load().pk
        )
        last = settings_row.weekly_email_last_sent
        if not settings_row.weekly_email_enabled or not settings_row.recipients:
            return None
        if last is not None and _same_week(last, now):
            return None
        campaign = weekly_campaign(now)
        if campaign is None:
            return None
        report = report_build(
            ReportFilter(
                campaign=campaign,
                start=campaign.period_start,
                end=campaign.period_end,
            ),
            target=settings_row.reach_target_per_head,
        )
        day = timezone.localtime(now).date()
        message = EmailMessage(
            subject=_("Weekly reach report – %(campaign)s – %(date)s")
            % {"campaign": campaign.title, "date": day.strftime("%d/%m/%Y")},
            body=render_to_string(
                "schedules/reports/email_body.txt",
                {"report": report, "campaign": campaign, "day": day},
            ),
            to=settings_row.recipients,
        )
        message.attach(
            f"bao-cao-{campaign.year}-{day:%Y%m%d}.xlsx", xlsx_build(report), XLSX_TYPE
        )
        message.send()
        settings_row.weekly_email_last_sent = now
        settings_row.save(update_fields=["weekly_email_last_sent"])
    return message
