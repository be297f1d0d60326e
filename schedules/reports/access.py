"""Who may see reports, and of which area.

Superusers and members with the committee or reporting role see the whole province;
an organiser sees the same dashboard limited to the regions of their memberships
(and everything under them). Everyone else is refused.
"""

from dataclasses import dataclass

from campaigns.models import Membership, Region, Role

FULL_ROLES = (Role.COMMITTEE, Role.REPORTER)


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
    """The user's reporting scope, or None when they may not see reports at all."""
    if not user or not user.is_authenticated or not user.is_active:
        return None
    if user.is_superuser:
        return Scope(can_edit=True)
    roles = set(user.memberships.values_list("role", flat=True))
    if roles & set(FULL_ROLES):
        return Scope(can_edit=Role.COMMITTEE in roles)
    if Role.ORGANISER not in roles:
        return None
    regions = sorted(
        {
            membership.region
            for membership in Membership.objects.filter(
                user=user, role=Role.ORGANISER
            ).select_related("region")
        },
        key=lambda region: region.path,
    )
    # A region inside another of the user's regions adds nothing.
    areas = tuple(
        region
        for region in regions
        if not any(
            other.path != region.path and region.path.startswith(other.path)
            for other in regions
        )
    )
    return Scope(areas=areas)
