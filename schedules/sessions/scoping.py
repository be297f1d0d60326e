"""Which sessions, regions, units and people a user's area holds.

The area itself is a role rule (``schedules.access.area_paths``). Every list, form,
export, calendar and feed of sessions goes through these functions, so another area's
session is never shown or counted.
"""

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet
from wagtail.permission_policies import ModelPermissionPolicy

from campaigns.models import Membership, Organisation, Region, Role
from schedules.access import EVERYTHING, area_paths, has_area
from schedules.models import Session


def _under(paths, field: str) -> Q:
    condition = Q(pk__in=[])
    for path in paths:
        condition |= Q(**{f"{field}__startswith": path})
    return condition


def sessions_visible_to(user) -> QuerySet[Session]:
    """The sessions of the user's area; none for a user without an area."""
    paths = area_paths(user)
    sessions = Session.objects.all()
    if paths is EVERYTHING:
        return sessions
    return sessions.filter(_under(paths, "region__path"))


def regions_visible_to(user) -> QuerySet[Region]:
    """The regions where the user may plan a session: their area, all levels."""
    paths = area_paths(user)
    if paths is EVERYTHING:
        return Region.objects.all()
    return Region.objects.filter(_under(paths, "path"))


def area_roots(user) -> QuerySet[Region]:
    """The top regions of the user's area (the province for provincial users)."""
    paths = area_paths(user)
    if paths is EVERYTHING:
        return Region.objects.filter(depth=1)
    return Region.objects.filter(path__in=paths)


def region_in_area(user, region: Region) -> bool:
    paths = area_paths(user)
    if paths is EVERYTHING:
        return True
    return any(region.path.startswith(path) for path in paths)


def region_overlaps_area(user, region: Region) -> bool:
    """Whether the region is in the user's area or contains part of it."""
    paths = area_paths(user)
    if paths is EVERYTHING:
        return True
    return any(
        region.path.startswith(path) or path.startswith(region.path) for path in paths
    )


def organisations_for(user) -> QuerySet[Organisation]:
    """Units that may organise a session of this user: their own and their area's."""
    paths = area_paths(user)
    if paths is EVERYTHING:
        return Organisation.objects.all()
    own = Membership.objects.filter(user=user, role=Role.ORGANISER).values(
        "organisation"
    )
    return Organisation.objects.filter(
        Q(pk__in=own) | _under(paths, "region__path")
    ).distinct()


def organisers_for(user):
    """People who may be named organiser of a session in this user's area."""
    paths = area_paths(user)
    members = Membership.objects.filter(role=Role.ORGANISER)
    if paths is not EVERYTHING:
        members = members.filter(_under(paths, "region__path"))
    return (
        get_user_model()
        .objects.filter(Q(pk__in=members.values("user")) | Q(pk=user.pk))
        .order_by("last_name", "first_name", "username")
    )


class SessionPermissionPolicy(ModelPermissionPolicy):
    """An organiser membership, not a group permission, lets a user act on sessions.

    Group permissions on Session would also open Wagtail's site history of every
    session to their holders; memberships keep even the audit trail in the area.
    """

    def user_has_permission(self, user, action):
        return has_area(user)

    def user_has_any_permission(self, user, actions):
        return has_area(user)

    def user_has_permission_for_instance(self, user, action, instance):
        return region_in_area(user, instance.region)

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return region_in_area(user, instance.region)

    def instances_user_has_any_permission_for(self, user, actions):
        return sessions_visible_to(user)

    def users_with_any_permission(self, actions):
        organisers = Membership.objects.filter(role=Role.ORGANISER).values("user")
        return get_user_model().objects.filter(
            Q(is_superuser=True) | Q(pk__in=organisers), is_active=True
        )


def session_policy() -> SessionPermissionPolicy:
    """The policy registered for Session (see wagtail_hooks.py)."""
    from wagtail.permissions import policy_registry

    return policy_registry.get_by_type(Session)
