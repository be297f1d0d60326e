"""The review set-up: who may write, who may publish, and the steps in between."""

from django.contrib.auth.models import Group, Permission
from django.db import transaction
from wagtail.models import (
    GroupApprovalTask,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from .models import CampaignPage, VictimSafetyTask

EDITORS = "Editors"
MODERATORS = "Moderators"
# Stored names, shown as they are in the Vietnamese admin.
WORKFLOW = "Duyệt nội dung chiến dịch"
APPROVAL_TASK = "Kiểm duyệt viên phê duyệt"
SAFETY_TASK = "Kiểm tra an toàn cho nạn nhân"

# Model permissions (app label, codename) for each group, beyond page permissions.
EDITOR_PERMISSIONS = [
    ("wagtailadmin", "access_admin"),
    ("media", "add_campaignimage"),
    ("media", "change_campaignimage"),
    ("media", "choose_image"),
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
    ("campaigns", "add_slogan"),
    ("campaigns", "change_slogan"),
    ("campaigns", "add_hotline"),
    ("campaigns", "change_hotline"),
]
MODERATOR_PERMISSIONS = EDITOR_PERMISSIONS + [
    ("media", "delete_campaignimage"),
    ("campaigns", "publish_slogan"),
    ("campaigns", "delete_slogan"),
]
EDITOR_PAGE_PERMISSIONS = ["add_page", "change_page"]
MODERATOR_PAGE_PERMISSIONS = EDITOR_PAGE_PERMISSIONS + [
    "publish_page",
    "lock_page",
    "unlock_page",
]


def _grant(group, pairs):
    for app_label, codename in pairs:
        permission = Permission.objects.filter(
            content_type__app_label=app_label, codename=codename
        ).first()
        if permission is not None:
            group.permissions.add(permission)


def _grant_pages(group, page, codenames):
    for codename in codenames:
        GroupPagePermission.objects.get_or_create(
            group=group,
            page=page,
            permission=Permission.objects.get(
                content_type__app_label="wagtailcore", codename=codename
            ),
        )


@transaction.atomic
def review_setup(*, site_root: Page) -> Workflow:
    """Editors write and submit, Moderators approve and publish; idempotent."""
    editors, _created = Group.objects.get_or_create(name=EDITORS)
    moderators, _created = Group.objects.get_or_create(name=MODERATORS)
    _grant(editors, EDITOR_PERMISSIONS)
    _grant(moderators, MODERATOR_PERMISSIONS)
    # Editors never publish or schedule, wherever a permission may have been left.
    GroupPagePermission.objects.filter(
        group=editors, permission__codename="publish_page"
    ).delete()
    _grant_pages(editors, site_root, EDITOR_PAGE_PERMISSIONS)
    _grant_pages(moderators, site_root, MODERATOR_PAGE_PERMISSIONS)

    approval, _created = GroupApprovalTask.objects.get_or_create(name=APPROVAL_TASK)
    approval.groups.set([moderators])
    safety, _created = VictimSafetyTask.objects.get_or_create(name=SAFETY_TASK)
    safety.groups.set([moderators])
    workflow, _created = Workflow.objects.get_or_create(name=WORKFLOW)
    steps = WorkflowTask.objects.filter(workflow=workflow).order_by("sort_order")
    if list(steps.values_list("task_id", flat=True)) != [approval.pk, safety.pk]:
        steps.delete()
        for order, task in enumerate([approval, safety]):
            WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=order)
    WorkflowPage.objects.update_or_create(
        page=site_root, defaults={"workflow": workflow}
    )
    return workflow


def campaign_tree_root() -> Page:
    """The page under which every campaign lives (the site's home page)."""
    campaign = CampaignPage.objects.first()
    if campaign is not None:
        return campaign.get_parent()
    return Page.objects.get(depth=2)
