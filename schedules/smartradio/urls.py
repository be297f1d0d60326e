from django.urls import path

from . import views

urlpatterns = [
    path("bulletins/<str:token>.mp3", views.bulletin_file, name="smartradio_bulletin"),
    path(
        "api/channels/<int:pk>/playback",
        views.playback_post,
        name="smartradio_playback",
    ),
]
