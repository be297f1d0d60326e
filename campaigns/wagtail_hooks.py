"""Admin wiring for campaigns: slogans, languages, regions, units and memberships."""

from django.http import Http404
from django.shortcuts import redirect
from django.templatetags.static import static
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.menu import MenuItem
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.admin.widgets import Button
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import (
    CampaignPage,
    Hotline,
    Language,
    Membership,
    Organisation,
    Region,
    RegionMap,
    RegionSuccessor,
    Slogan,
)
from .safety import guard
from .safety.views import (
    ChecklistView,
    SafetyReportView,
    can_read_safety_report,
    checklist_url,
)
from .views import StartNextView, can_start_campaign


class SloganViewSet(SnippetViewSet):
    model = Slogan
    icon = "openquote"
    menu_label = _("Slogans")
    list_display = ["text", "campaign", "sort_order", "language", "live"]
    list_filter = ["campaign", "language", "live"]
    search_fields = ["text"]
    ordering = ["campaign", "sort_order"]


class LanguageViewSet(SnippetViewSet):
    model = Language
    icon = "globe"
    menu_label = _("Languages")
    list_display = ["name", "code"]
    search_fields = ["name", "code"]


class HotlineViewSet(SnippetViewSet):
    model = Hotline
    icon = "mail"
    menu_label = _("Hotlines")
    list_display = ["name", "number", "hours"]
    search_fields = ["name", "number"]


class CampaignContentGroup(SnippetViewSetGroup):
    menu_label = _("Campaign content")
    menu_icon = "folder-open-inverse"
    menu_order = 200
    items = (SloganViewSet, HotlineViewSet, LanguageViewSet)


class NoAddPermissionPolicy(ModelPermissionPolicy):
    """Regions come from official lists (manage.py load_regions); admins edit them."""

    def user_has_permission(self, user, action):
        if action == "add":
            return False
        return super().user_has_permission(user, action)


register_permission_policy(Region, NoAddPermissionPolicy(Region))


class RegionViewSet(ModelViewSet):
    model = Region
    icon = "site"
    menu_label = _("Regions")
    list_display = [
        "name",
        "code",
        "kind",
        "map",
        "border",
        "coastal",
        "mountainous",
        "poor",
    ]
    list_filter = ["map", "kind", "depth", "border", "coastal", "mountainous", "poor"]
    search_fields = ["name", "code"]
    ordering = ["path"]
    inspect_view_enabled = True
    form_fields = [
        "name",
        "kind",
        "border",
        "coastal",
        "mountainous",
        "poor",
        "ethnic_groups",
        "population",
        "population_is_illustrative",
        "centroid_lon",
        "centroid_lat",
    ]


class RegionMapViewSet(ModelViewSet):
    model = RegionMap
    icon = "date"
    menu_label = _("Administrative maps")
    list_display = ["name", "effective_from", "illustrative"]
    form_fields = ["name", "illustrative"]
    add_view_enabled = False


class RegionSuccessorViewSet(ModelViewSet):
    """Where each old unit went; a unit with several rows was split (to review)."""

    model = RegionSuccessor
    icon = "arrow-right"
    menu_label = _("Successors")
    list_display = ["old", "new", "share"]
    list_filter = ["new__map"]
    search_fields = ["old__name", "old__code", "new__name", "new__code"]
    form_fields = ["share"]
    add_view_enabled = False


class OrganisationViewSet(ModelViewSet):
    model = Organisation
    icon = "group"
    menu_label = _("Responsible units")
    list_display = ["name", "kind", "plan_section", "region", "is_standing_body"]
    list_filter = ["kind", "plan_section"]
    search_fields = ["name", "short_name"]
    form_fields = [
        "name",
        "short_name",
        "kind",
        "parent",
        "region",
        "plan_section",
        "is_standing_body",
    ]


class MembershipViewSet(ModelViewSet):
    model = Membership
    icon = "user"
    menu_label = _("Memberships")
    list_display = ["user", "organisation", "region", "role"]
    list_filter = ["role", "organisation"]
    search_fields = ["user__username", "user__last_name", "organisation__name"]
    form_fields = ["user", "organisation", "region", "role"]


class OrganisationGroup(ModelViewSetGroup):
    menu_label = _("Regions and units")
    menu_icon = "site"
    menu_order = 210
    items = (
        RegionViewSet,
        RegionMapViewSet,
        RegionSuccessorViewSet,
        OrganisationViewSet,
        MembershipViewSet,
    )


@hooks.register("register_admin_viewset")
def register_viewsets():
    return OrganisationGroup()


register_snippet(CampaignContentGroup)


# --- victim safety ----------------------------------------------------------------

# After the media app's consent rule (order 0): an image problem is named first.
hooks.register("check_page_going_live", guard.refuse_unchecked_messages, order=10)
hooks.register("page_publication_refused", guard.record_refusal)


@hooks.register("before_publish_page", order=10)
def checklist_before_publishing(request, page):
    """Every publish button of a message page leads to the checklist first."""
    if not guard.needs_checklist(page) or guard.latest_revision_confirmed(page):
        return None
    guard.record_refusal(page, guard.ChecklistMissing(page))
    messages.warning(
        request,
        _("Complete the victim-safety checklist to publish “%(title)s”.")
        % {"title": page.get_admin_display_title()},
    )
    return redirect(checklist_url(page))


@hooks.register("before_bulk_action", order=10)
def checklist_before_bulk_publishing(request, action_type, objects, action):
    """Bulk publishing sends the latest drafts live: each needs its checklist."""
    if action_type != "publish":
        return None
    pages = [obj for obj in objects if hasattr(obj, "get_descendants")]
    if action.cleaned_form.cleaned_data.get("include_descendants"):
        for page in list(pages):
            pages.extend(page.get_descendants().not_live())
    unchecked = [
        page.specific
        for page in pages
        if guard.needs_checklist(page) and not guard.latest_revision_confirmed(page)
    ]
    for page in unchecked:
        refused = guard.ChecklistMissing(page)
        guard.record_refusal(page, refused)
        messages.error(
            request,
            refused.messages[0],
            buttons=[messages.button(checklist_url(page), _("Open the checklist"))],
        )
    return redirect(action.next_url) if unchecked else None


@hooks.register("before_copy_page")
def no_published_copies_of_messages(request, page):
    """A copy is a new version: it is published through its own checklist."""
    if request.method != "POST" or not request.POST.get("publish_copies"):
        return None
    pages = [page]
    if request.POST.get("copy_subpages"):
        pages += list(page.get_descendants())
    if not any(guard.needs_checklist(item) for item in pages):
        return None
    messages.error(
        request,
        _(
            "Messages are copied as drafts: publish each copy through the "
            "victim-safety checklist."
        ),
    )
    return redirect("wagtailadmin_pages:copy", page.pk)


@hooks.register("before_serve_page")
def public_only_with_its_branch(page, request, serve_args, serve_kwargs):
    """A page is public only while every page above it is (live, due, not expired)."""
    if guard.branch_hidden(page) or guard.past_expiry(page):
        raise Http404


@hooks.register("register_admin_urls")
def register_safety_urls():
    return [
        path(
            "campaigns/checklist/<int:page_id>/",
            ChecklistView.as_view(),
            name="campaigns_safety_checklist",
        ),
        path(
            "reports/safety/",
            SafetyReportView.as_view(),
            name="campaigns_safety_report",
        ),
        path(
            "reports/safety/results/",
            SafetyReportView.as_view(results_only=True),
            name="campaigns_safety_report_results",
        ),
    ]


class SafetyReportMenuItem(MenuItem):
    def is_shown(self, request):
        return can_read_safety_report(request.user)


@hooks.register("register_reports_menu_item")
def register_safety_report():
    return SafetyReportMenuItem(
        _("Safety"), reverse("campaigns_safety_report"), icon_name="warning", order=50
    )



@hooks.register("register_admin_urls")
def register_start_next_url():
    return [
        path(
            "campaigns/<int:page_id>/start-next/",
            StartNextView.as_view(),
            name="campaigns_start_next",
        )
    ]


@hooks.register("register_page_header_buttons")
def start_next_button(page, user, view_name, next_url=None):
    if not isinstance(page.specific_deferred, CampaignPage):
        return
    if not can_start_campaign(user):
        return
    yield Button(
        _("Start next year's campaign"),
        reverse("campaigns_start_next", args=[page.pk]),
        icon_name="copy",
        priority=31,
    )


@hooks.register("insert_global_admin_js")
def ascii_slugs_js():
    """New pages' slugs in plain ASCII, Vietnamese letters folded (see the script)."""
    return format_html('<script src="{}"></script>', static("campaigns/ascii_slugs.js"))
