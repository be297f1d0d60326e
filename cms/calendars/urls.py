from django.urls import path

from .channels import channel_calendar
from .sessions import session_feed

urlpatterns = [
    path("channels/<int:pk>.ics", channel_calendar, name="channel_calendar"),
    path("sessions.ics", session_feed, name="sessions_feed"),
]
