"""Public and token-protected URLs of schedules: each feature's own."""

from django.urls import include, path

urlpatterns = [
    path("", include("schedules.dispatch.urls")),
    path("", include("schedules.smartradio.urls")),
]
