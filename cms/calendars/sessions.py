"""The iCalendar feed of community sessions per area (RFC 5545).

``/calendar/sessions.ics?region=<code>`` gives the public fields of the sessions in
that region and below: title, kind, place, time, venue. With ``&token=`` (a personal
token from the admin calendar, see schedules.sessions.tokens) it gives the token
owner's own area only, with the organiser's contact and notes as well.
"""

from django.http import HttpResponse, HttpResponseBadRequest
from django.utils.translation import gettext as _

from campaigns.selectors import region_by_code
from schedules.access import has_area
from schedules.models import SessionStatus
from schedules.sessions.scoping import region_overlaps_area, sessions_visible_to
from schedules.sessions.selectors import region_sessions
from schedules.sessions.tokens import token_owner

from . import calendar, event, ics_response


def _description(session, *, private: bool) -> str:
    lines = [session.get_kind_display(), session.region.name]
    if session.status == SessionStatus.CANCELLED:
        lines.append(_("Cancelled"))
    if private:
        organiser = session.organiser
        if organiser is not None:
            name = organiser.get_full_name() or organiser.get_username()
            contact = f"{name} <{organiser.email}>" if organiser.email else name
            lines.append(_("Organiser: %(contact)s") % {"contact": contact})
        lines.append(_("Unit: %(unit)s") % {"unit": session.organisation})
        if session.expected_attendance is not None:
            lines.append(
                _("Expected attendance: %(count)d")
                % {"count": session.expected_attendance}
            )
        if session.materials:
            lines.append(
                _("Materials: %(materials)s") % {"materials": session.materials}
            )
        if session.status == SessionStatus.CANCELLED and session.cancel_reason:
            lines.append(_("Reason: %(reason)s") % {"reason": session.cancel_reason})
    return "\n".join(lines)


def sessions_calendar(*, sessions, name: str, private: bool):
    cal = calendar(name)
    for session in sessions:
        item = event(
            uid=f"session-{session.pk}@bcd138.thanhhoa",
            start=session.starts_at,
            end=session.ends_at,
            summary=session.title,
            description=_description(session, private=private),
            location=f"{session.venue}, {session.region.name}",
        )
        item.add("categories", [session.get_kind_display()])
        if session.status == SessionStatus.CANCELLED:
            item.add("status", "CANCELLED")
        else:
            item.add("status", "CONFIRMED")
        cal.add_component(item)
    return cal


def session_feed(request):
    """The area's sessions as a calendar that phones and desktop apps subscribe to."""
    code = request.GET.get("region", "").strip()
    region = region_by_code(code)
    if region is None:
        return HttpResponseBadRequest(
            _("Unknown region code: give ?region= with an official code."),
            content_type="text/plain; charset=utf-8",
        )
    sessions = region_sessions(region=region)
    private = "token" in request.GET
    if private:
        owner = token_owner(request.GET["token"])
        if owner is None or not has_area(owner):
            return _forbidden(_("This calendar link is not valid."))
        if not region_overlaps_area(owner, region):
            return _forbidden(_("This region is outside your area."))
        sessions = sessions.filter(pk__in=sessions_visible_to(owner).values("pk"))
    name = _("Community sessions – %(region)s") % {"region": region.name}
    cal = sessions_calendar(sessions=sessions, name=name, private=private)
    return ics_response(cal, f"sessions-{region.code}.ics")


def _forbidden(text):
    return HttpResponse(text, status=403, content_type="text/plain; charset=utf-8")
