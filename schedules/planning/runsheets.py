"""The weekly run-sheet a commune loudspeaker operator prints, reads and signs."""

import datetime

from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils import timezone
from django.views import View

from campaigns.models import Region
from campaigns.text import reading_seconds
from schedules.access import can_plan
from schedules.dispatch.selectors import broadcasts_explained
from schedules.models import SCHEDULED, Broadcast, ChannelKind
from schedules.models.smartradio import WITHOUT_RECORDING


class RunSheetView(View):
    def get(self, request):
        if not can_plan(request.user):
            raise PermissionDenied
        district = Region.objects.filter(code=request.GET.get("district", "")).first()
        try:
            week = datetime.date.fromisoformat(request.GET.get("week", ""))
        except ValueError:
            week = None
        if district is None or week is None:
            return render(
                request,
                "schedules/planning/run_sheet_choose.html",
                {"districts": Region.objects.filter(depth=2)},
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
