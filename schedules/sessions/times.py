"""A session's time in words that say which end is which, and what to do next.

"Bắt đầu 28/07/2017 14:00 – kết thúc 16:00": on a phone a bare time in a card is
read as the start even where it is the end, so every time names itself.
"""

from dataclasses import dataclass

from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext_lazy

from schedules.models import Session, SessionStatus


def session_time(session: Session) -> str:
    """Start and end; the end's date is left out when the session ends that day."""
    if not (session.starts_at and session.ends_at):
        return ""
    starts = timezone.localtime(session.starts_at)
    ends = timezone.localtime(session.ends_at)
    end_format = "H:i" if ends.date() == starts.date() else "d/m/Y H:i"
    return _("Starts %(start)s – ends %(end)s") % {
        "start": date_format(starts, "d/m/Y H:i"),
        "end": date_format(ends, end_format),
    }


@dataclass(frozen=True)
class NextAction:
    label: str
    url: str


RECORD = gettext_lazy("Record attendance")
KIT = gettext_lazy("Materials kit")
VIEW = pgettext_lazy("a session", "View")


def next_action(session: Session, *, now) -> NextAction:
    """What an organiser does next: the kit before, the counts after, else look."""
    waiting = session.status != SessionStatus.CANCELLED and not session.has_attendance
    if waiting and session.ends_at < now:
        url = reverse("sessions_attendance:index") + f"#session-{session.pk}"
        return NextAction(str(RECORD), url)
    if session.status == SessionStatus.PLANNED:
        return NextAction(str(KIT), reverse("sessions:kit", args=[session.pk]))
    return NextAction(str(VIEW), reverse("sessions:inspect", args=[session.pk]))
