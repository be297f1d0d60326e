"""Review fixtures: the review set-up, an editor and a moderator."""

import pytest
from django.contrib.auth.models import Group

from campaigns.review import EDITORS, MODERATORS, review_setup
from tests import factories


@pytest.fixture
def campaign():
    review_setup(site_root=factories.home_page())
    return factories.CampaignPageFactory()


def member(group_name, username):
    user = factories.UserFactory(username=username)
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def editor(campaign):
    return member(EDITORS, "bientap")


@pytest.fixture
def moderator(campaign):
    return member(MODERATORS, "kiemduyet")
