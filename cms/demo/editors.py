"""The review set-up, an editor and a moderator, and the campaign's key messages."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

from campaigns.models import Membership, Organisation, OrganisationKind, Role
from campaigns.review import EDITORS, MODERATORS, review_setup

from . import messages as demo_messages
from .platform import history_regions, home_page

# username, first name, last name, group, role
PEOPLE = [
    ("bientap", "Lê Thị", "Hoa", EDITORS, Role.EDITOR),
    ("kiemduyet", "Nguyễn Văn", "Minh", MODERATORS, Role.MODERATOR),
]


def _people(password):
    User = get_user_model()
    unit = Organisation.objects.get(kind=OrganisationKind.INFORMATION)
    province = history_regions().get(depth=1)
    for username, first, last, group, role in PEOPLE:
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User.objects.create_user(
                username,
                f"{username}@bcd138.thanhhoa.gov.vn",
                password,
                first_name=first,
                last_name=last,
            )
        user.groups.add(Group.objects.get(name=group))
        Membership.objects.get_or_create(
            user=user, organisation=unit, region=province, role=role
        )


def load(*, password: str) -> str:
    review_setup(site_root=home_page())
    _people(password)
    count = demo_messages.load()
    users = ", ".join(username for username, *_ in PEOPLE)
    return f"Review workflow in place; users {users}; {count} messages"


def reset():
    get_user_model().objects.filter(username__in=[p[0] for p in PEOPLE]).delete()
