"""What the planners' calendar shows: filters and the days of a month or week."""

import calendar
import datetime

import django_filters
from django.utils.translation import gettext_lazy as _

from campaigns.models import Organisation, Region
from schedules.models import (
    Broadcast,
    BroadcastPlan,
    BroadcastStatus,
    Channel,
    ChannelKind,
)


class CalendarFilter(django_filters.FilterSet):
    plan = django_filters.ModelChoiceFilter(
        label=_("Plan"), queryset=BroadcastPlan.objects.all()
    )
    channel = django_filters.ModelChoiceFilter(
        label=_("Channel"), queryset=Channel.objects.all()
    )
    owner = django_filters.ModelChoiceFilter(
        label=_("Owner unit"),
        field_name="channel__owner",
        queryset=Organisation.objects.filter(channels__isnull=False).distinct(),
    )
    district = django_filters.ModelChoiceFilter(
        label=_("District"),
        queryset=Region.objects.filter(depth=2),
        method="in_district",
    )
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), field_name="channel__kind", choices=ChannelKind.choices
    )
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=BroadcastStatus.choices
    )

    def in_district(self, queryset, name, value):
        # Communes roll up into their district through the tree path.
        return queryset.filter(region__path__startswith=value.path)

    class Meta:
        model = Broadcast
        fields = ["plan", "channel", "owner", "district", "kind", "status"]


def month_grid(day: datetime.date) -> list[datetime.date]:
    """Every day of the weeks that hold the month, Monday first."""
    weeks = calendar.Calendar(firstweekday=0).monthdatescalendar(day.year, day.month)
    return [d for week in weeks for d in week]


def week_days(day: datetime.date) -> list[datetime.date]:
    monday = day - datetime.timedelta(days=day.weekday())
    return [monday + datetime.timedelta(days=n) for n in range(7)]
