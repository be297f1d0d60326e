"""A channel's schedule as iCalendar, for the channel's own calendar software."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.utils.crypto import constant_time_compare
from django.views.decorators.http import require_GET

from schedules.access import can_plan
from schedules.models import SCHEDULED, Broadcast, Channel

from . import calendar, event, ics_response


@require_GET
def channel_calendar(request, pk):
    """Approved broadcasts of one channel, for its feed token or a planner."""
    channel = get_object_or_404(Channel, pk=pk)
    token = request.GET.get("token", "")
    allowed = (token and constant_time_compare(token, channel.feed_token)) or (
        request.user.is_authenticated and can_plan(request.user)
    )
    if not allowed:
        raise Http404
    cal = calendar(channel.name)
    items = Broadcast.objects.filter(channel=channel, status__in=SCHEDULED).order_by(
        "starts_at"
    )
    for item in items.iterator():
        cal.add_component(
            event(
                uid=f"{item.key}@broadcasts",
                start=item.starts_at,
                end=item.ends_at,
                summary=item.text[:80],
                description=item.text,
            )
        )
    return ics_response(cal, f"channel-{channel.pk}.ics")
