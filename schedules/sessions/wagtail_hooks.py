"""Admin wiring for sessions: the area-scoped viewsets, the policy, the home panel."""

from django.templatetags.static import static
from django.utils.html import format_html
from wagtail import hooks
from wagtail.permissions import register_permission_policy

from schedules.access import is_organiser
from schedules.models import Session
from schedules.sessions.home import OrganiserHomePanel
from schedules.sessions.scoping import SessionPermissionPolicy
from schedules.sessions.viewsets import CommunitySessionsGroup

register_permission_policy(Session, SessionPermissionPolicy(Session))


@hooks.register("register_admin_viewset")
def register_session_viewsets():
    return CommunitySessionsGroup()


@hooks.register("construct_homepage_panels")
def add_organiser_home(request, panels):
    if is_organiser(request.user):
        panels.insert(0, OrganiserHomePanel())


@hooks.register("insert_global_admin_css")
def session_screens_css():
    # Every admin page: the dashboard panel, the list and attendance use it.
    return format_html(
        '<link rel="stylesheet" href="{}">',
        static("schedules/sessions/sessions.css"),
    )
