"""Who may do what in schedules: every role rule, written once.

Roles come from memberships (a person, a unit, an area, a role); superusers may do
everything. Planning screens, the dispatch queue, channel calendars, sessions, exports
and reports all ask here, so a rule changes in one place.

An organiser's area is the regions of their organiser memberships and everything under
them (Region.path prefixes); a membership at province level means the whole province.
"""

from dataclasses import dataclass

from campaigns.models import Membership, Region, Role

EVERYTHING = None  # area_paths() of a user who sees the whole province
REPORT_ROLES = (Role.COMMITTEE, Role.REPORTER)
_AREA_CACHE = "_organiser_area_paths"


def _signed_in(user) -> bool:
    return bool(user) and user.is_authenticated and user.is_active


def has_role(user, *roles: str) -> bool:
    """Whether the user is a superuser or holds a membership with one of the roles."""
    if not _signed_in(user):
        return False
    return user.is_superuser or user.memberships.filter(role__in=roles).exists()


def can_plan(user) -> bool:
    """Channels, plans, the calendar, run-sheets, retries and cancellations."""
    return has_role(user, Role.PLANNER)


def can_confirm(user) -> bool:
    """Confirming that a broadcast aired: planners and channel operators."""
    return has_role(user, Role.PLANNER, Role.OPERATOR)


def can_watch_dispatch(user) -> bool:
    """The dispatch queue and a broadcast's history."""
    return has_role(user, Role.PLANNER, Role.OPERATOR, Role.COMMITTEE) or user.has_perm(
        "schedules.view_broadcast"
    )


def is_organiser(user) -> bool:
    """Whether the user holds an organiser membership (superusers need not)."""
    return _signed_in(user) and user.memberships.filter(role=Role.ORGANISER).exists()


def area_paths(user) -> list[str] | None:
    """Region paths the user organises in; EVERYTHING (None) or [] for nothing.

    Cached on the user object, which lives for one request.
    """
    if not _signed_in(user):
        return []
    cached = getattr(user, _AREA_CACHE, False)
    if cached is not False:
        return cached
    if user.is_superuser:
        paths = EVERYTHING
    else:
        found = sorted(
            set(
                Membership.objects.filter(user=user, role=Role.ORGANISER).values_list(
                    "region__path", flat=True
                )
            )
        )
        if any(len(path) == Region.steplen for path in found):
            paths = EVERYTHING
        else:
            # A region inside another one the user already has adds nothing.
            paths = [
                path
                for path in found
                if not any(path != other and path.startswith(other) for other in found)
            ]
    setattr(user, _AREA_CACHE, paths)
    return paths


def has_area(user) -> bool:
    """Whether the user may plan and see sessions somewhere."""
    return area_paths(user) != []


@dataclass(frozen=True)
class Scope:
    """What a user may report on: everything, or only under `areas`."""

    areas: tuple[Region, ...] = ()
    can_edit: bool = False

    @property
    def everywhere(self) -> bool:
        return not self.areas

    def covers(self, region: Region) -> bool:
        return self.everywhere or any(
            region.path.startswith(area.path) for area in self.areas
        )


def report_scope(user) -> Scope | None:
    """The user's reporting scope, or None when they may not see reports at all.

    The committee and reporters see the whole province (the committee also edits the
    report's settings); an organiser sees the same dashboard for their area.
    """
    if not _signed_in(user):
        return None
    if user.is_superuser:
        return Scope(can_edit=True)
    roles = set(user.memberships.values_list("role", flat=True))
    if roles & set(REPORT_ROLES):
        return Scope(can_edit=Role.COMMITTEE in roles)
    if Role.ORGANISER not in roles:
        return None
    paths = area_paths(user)
    if paths is EVERYTHING:
        return Scope()
    return Scope(areas=tuple(Region.objects.filter(path__in=paths).order_by("path")))
