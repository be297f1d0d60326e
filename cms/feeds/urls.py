from django.urls import path

from . import views

urlpatterns = [
    path(
        f"feeds/messages.{kind}",
        views.messages_feed,
        {"kind": kind},
        name=f"feeds_messages_{kind}",
    )
    for kind in ("rss", "atom", "json")
]
