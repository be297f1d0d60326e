from django.urls import path

from .channels import channel_calendar

urlpatterns = [
    path("channels/<int:pk>.ics", channel_calendar, name="channel_calendar"),
]
