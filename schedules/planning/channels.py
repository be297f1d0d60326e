"""A channel's own addresses: its calendar (iCalendar) and its pull feed, both
opened with the channel's secret feed token, shown on the channel's admin page with
a copy button; a planner can replace the token, which closes the old addresses."""

import logging
from dataclasses import dataclass
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import Q
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.panels import Panel
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.models import CopyView, InspectView
from wagtail.admin.views.generic.permissions import PermissionCheckedMixin
from wagtail.admin.widgets.button import Button
from wagtail.log_actions import log
from wagtail.permission_policies import ModelPermissionPolicy

from campaigns.models import Role
from schedules.access import can_plan
from schedules.dispatch.signing import absolute_url
from schedules.models import Channel
from schedules.models.channels import new_feed_token

logger = logging.getLogger(__name__)

TOKEN_ACTION = "schedules.channel_feed_token"


@dataclass(frozen=True)
class ChannelAddresses:
    calendar: str
    feed: str


def channel_addresses(channel: Channel) -> ChannelAddresses:
    """Where the channel's software fetches its schedule, at the address the site is
    served at (SITE_URL), so a copied link works from outside."""
    calendar = reverse("channel_calendar", args=[channel.pk])
    calendar += "?" + urlencode({"token": channel.feed_token})
    feed = reverse("dispatch_channel_feed", args=[channel.feed_token])
    return ChannelAddresses(calendar=absolute_url(calendar), feed=absolute_url(feed))


def channel_feed_token_rotate(*, channel: Channel, user) -> Channel:
    """Give the channel a new feed token: from now on only the new addresses open
    its calendar and feed. Logged in the channel's history (never the token)."""
    with transaction.atomic():
        locked = Channel.objects.select_for_update().get(pk=channel.pk)
        locked.feed_token = new_feed_token()
        locked.save(update_fields=["feed_token"])
        log(
            instance=locked,
            action=TOKEN_ACTION,
            user=user,
            data={"channel": {"id": locked.pk, "title": locked.name}},
        )
    logger.info(
        "Channel %s feed token replaced by %s",
        locked.pk,
        getattr(user, "username", "") or "system",
    )
    return locked


class ChannelPermissionPolicy(ModelPermissionPolicy):
    """Channel planners keep the list of channels by their role (a membership), not
    by a Django permission; deleting a channel still needs the permission."""

    planner_actions = frozenset({"add", "change", "view"})

    def user_has_permission(self, user, action):
        if action in self.planner_actions and can_plan(user):
            return True
        return super().user_has_permission(user, action)

    def users_with_any_permission(self, actions):
        users = super().users_with_any_permission(actions)
        if not self.planner_actions.intersection(actions):
            return users
        planners = Q(is_active=True, memberships__role=Role.PLANNER)
        return (
            get_user_model()
            .objects.filter(Q(pk__in=users.values("pk")) | planners)
            .distinct()
        )


def _token_url(channel) -> str:
    return reverse("channels:feed_token", args=[channel.pk])


class ChannelAddressesPanel(Panel):
    """The addresses on the channel's edit page (not on a channel still unsaved)."""

    class BoundPanel(Panel.BoundPanel):
        template_name = "schedules/planning/channel_addresses.html"

        def is_shown(self):
            instance = self.instance
            return bool(instance and instance.pk) and not getattr(
                instance, "is_copy_source", False
            )

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            context.update(
                addresses=channel_addresses(self.instance),
                channel=self.instance,
                token_url=_token_url(self.instance),
            )
            return context

        class Media:
            js = ["schedules/copy_address.js"]


class ChannelCopyView(CopyView):
    """A new channel filled in like this one. The copy gets its own token when saved
    and the form never prints a secret, so two channels never share either; the
    original's addresses are not shown on it."""

    def get_initial_form_instance(self):
        channel = super().get_initial_form_instance()
        channel.is_copy_source = True
        return channel


class ChannelInspectView(InspectView):
    """The channel's details with its addresses on top."""

    template_name = "schedules/planning/channel_inspect.html"

    @cached_property
    def header_more_buttons(self):
        buttons = list(super().header_more_buttons)
        if self.user_has_permission("change"):
            buttons.append(
                Button(
                    _("New feed token"),
                    url=_token_url(self.object),
                    icon_name="key",
                    priority=15,
                )
            )
        return buttons

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            addresses=channel_addresses(self.object),
            channel=self.object,
            token_url=(
                _token_url(self.object) if self.user_has_permission("change") else ""
            ),
        )
        return context


class ChannelFeedTokenView(
    PermissionCheckedMixin, WagtailAdminTemplateMixin, TemplateView
):
    """Asks, then replaces the channel's feed token. Only who may edit the channel:
    anyone else gets a 403 page that shows no address, for the question and for the
    answer (not the admin's usual redirect, so a script sees the refusal too)."""

    model = Channel
    template_name = "schedules/planning/channel_feed_token.html"
    page_title = gettext_lazy("New feed token")
    header_icon = "key"
    http_method_names = ["get", "post"]

    def dispatch(self, request, *args, **kwargs):
        if not self.user_has_permission("change"):
            context = self.get_context_data(refused=True, **kwargs)
            return self.render_to_response(context, status=403)
        self.object = get_object_or_404(Channel, pk=kwargs["pk"])
        return super().dispatch(request, *args, **kwargs)

    def get_page_subtitle(self):
        channel = getattr(self, "object", None)
        return channel.name if channel else ""

    def get_breadcrumbs_items(self):
        items = [{"url": reverse("channels:index"), "label": _("Channels")}]
        if channel := getattr(self, "object", None):
            edit_url = reverse("channels:edit", args=[channel.pk])
            items.append({"url": edit_url, "label": channel.name})
        items.append({"url": "", "label": self.get_page_title()})
        return self.breadcrumbs_items + items

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if not kwargs.get("refused"):
            context.update(
                channel=self.object,
                addresses=channel_addresses(self.object),
                edit_url=reverse("channels:edit", args=[self.object.pk]),
            )
        return context

    def post(self, request, *args, **kwargs):
        channel = channel_feed_token_rotate(channel=self.object, user=request.user)
        messages.success(
            request,
            _(
                "%(channel)s has a new feed token: give the channel its new calendar "
                "and feed addresses; the old ones no longer open."
            )
            % {"channel": channel.name},
        )
        return HttpResponseRedirect(reverse("channels:edit", args=[channel.pk]))
