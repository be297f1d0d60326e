"""The weekly run-sheet a commune loudspeaker operator prints, reads and signs."""

import datetime

from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils import timezone
from django.views import View

from campaigns.models import Region
from campaigns.selectors import campaign_in_view, campaign_opening_day
from campaigns.text import reading_seconds
from schedules.access import can_plan
from schedules.dispatch.selectors import broadcasts_explained
from schedules.models import SCHEDULED, Broadcast, ChannelKind
from schedules.models.smartradio import WITHOUT_RECORDING


class RunSheetView(View):
    def get(self, request):
        if not can_plan(request.user):
            raise PermissionDenied
        today = timezone.localdate()
        campaign = campaign_in_view(today=today)
        # Codes repeat across maps: the campaign's map first, then the newest.
        districts = Region.objects.filter(
            code=request.GET.get("district", "")
        ).order_by("-map__effective_from")
        region_map = campaign.region_map if campaign else None
        district = districts.filter(map=region_map).first() or districts.first()
        try:
            week = datetime.date.fromisoformat(request.GET.get("week", ""))
        except ValueError:
            week = None
        if district is None or week is None:
            choices = Region.objects.filter(depth=2)
            if region_map is not None:
                choices = choices.filter(map=region_map)
            return render(
                request,
                "schedules/planning/run_sheet_choose.html",
                {
                    "districts": choices,
                    "week": campaign_opening_day(campaign, today=today)
                    if campaign
                    else today,
                },
                status=400 if request.GET else 200,
            )
        monday = week - datetime.timedelta(days=week.weekday())
        start = timezone.make_aware(datetime.datetime.combine(monday, datetime.time()))
        items = (
            Broadcast.objects.filter(
                channel__kind=ChannelKind.LOUDSPEAKER,
                region__path__startswith=district.path,
                status__in=SCHEDULED,
                starts_at__gte=start,
                starts_at__lt=start + datetime.timedelta(days=7),
            )
            .select_related("channel", "region")
            .order_by("channel__name", "starts_at")
        )
        unrecorded = set(items.filter(WITHOUT_RECORDING).values_list("pk", flat=True))
        sheets = {}
        for item in broadcasts_explained(items):
            item.reading = reading_seconds(item.text)
            item.no_recording = item.pk in unrecorded
            sheets.setdefault(item.channel, []).append(item)
        return render(
            request,
            "schedules/planning/run_sheet.html",
            {
                "district": district,
                "monday": monday,
                "sunday": monday + datetime.timedelta(days=6),
                "sheets": sheets.items(),
            },
        )
