from django.urls import path
from django.views.decorators.cache import never_cache

from schedules.dispatch import feeds, views

urlpatterns = [
    path(
        "broadcasts/aired/<str:token>",
        views.aired_link,
        name="dispatch_aired_link",
    ),
    path(
        "api/broadcasts/<int:pk>/aired",
        views.aired_callback,
        name="dispatch_aired_callback",
    ),
    path(
        "feeds/channels/<str:token>.rss",
        never_cache(feeds.ChannelFeed()),
        name="dispatch_channel_feed",
    ),
]
