"""iCalendar (RFC 5545) output shared by the channel and session calendars."""

from zoneinfo import ZoneInfo

from django.conf import settings
from django.http import HttpResponse
from icalendar import Calendar, Event

PRODID = "-//BCĐ 138 Thanh Hóa//Ngày toàn dân phòng, chống mua bán người//VI"


def local_zone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


def calendar(name: str) -> Calendar:
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", settings.TIME_ZONE)
    return cal


def event(*, uid: str, start, end, summary: str, description: str = "", location=""):
    """An event in the site's zone, so calendars show TZID=Asia/Ho_Chi_Minh."""
    item = Event()
    item.add("uid", uid)
    item.add("dtstamp", start)
    item.add("dtstart", start.astimezone(local_zone()))
    item.add("dtend", end.astimezone(local_zone()))
    item.add("summary", summary)
    if description:
        item.add("description", description)
    if location:
        item.add("location", location)
    return item


def ics_response(cal: Calendar, filename: str) -> HttpResponse:
    """The calendar with its VTIMEZONE, as a download."""
    cal.add_missing_timezones()
    response = HttpResponse(cal.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response
