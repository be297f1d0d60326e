"""Public and token-protected URLs of community sessions: the iCalendar feed."""

from django.urls import path

from cms.calendars.sessions import session_feed

urlpatterns = [
    path("calendar/sessions.ics", session_feed, name="sessions_feed"),
]
