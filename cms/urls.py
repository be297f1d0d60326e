from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from media.views import public_file

from . import security, views
from .api import api_router

urlpatterns = [
    path("healthz", views.healthz, name="healthz"),
    path("search/", views.search, name="search"),
    path("django-admin/", admin.site.urls),
    # Wagtail's own views, counted against password guessing (cms/security.py).
    path(
        "admin/password_reset/",
        security.LimitedPasswordResetView.as_view(),
        name="wagtailadmin_password_reset",
    ),
    path(
        "_util/authenticate_with_password/<int:page_view_restriction_id>/"
        "<int:page_id>/",
        security.page_password,
        name="wagtailcore_authenticate_with_password",
    ),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("calendar/", include("cms.calendars.urls")),
    path("", include("cms.feeds.urls")),
    path("api/v2/", api_router.urls),
    path("", include("schedules.urls")),
    # Image sizes and clips, each checked against its consent (media.views).
    path(f"{settings.MEDIA_URL.strip('/')}/<path:name>", public_file, name="media"),
]

if settings.DEBUG:
    from django.contrib.staticfiles.urls import staticfiles_urlpatterns

    urlpatterns += staticfiles_urlpatterns()

urlpatterns += [path("", include(wagtail_urls))]
