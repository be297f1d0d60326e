"""Admin wiring for the media library: clips, the consent check, the image list."""

from django.shortcuts import redirect
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin import messages
from wagtail.admin.ui.tables import Column
from wagtail.models import Page
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .consent import (
    PublicationBlocked,
    blocking_message,
    images_blocking_publication,
    refuse_images_without_consent,
)
from .models import MediaClip
from .rich_text import ConsentedImageEmbedHandler
from .views import CampaignImageEditView, CampaignImageIndexView, original_file


class MediaClipViewSet(SnippetViewSet):
    """Clips sit in the main menu beside Images and Documents, where editors look."""

    model = MediaClip
    icon = "media"
    menu_label = _("Audio and video")
    menu_order = 350  # Images are 300, Documents 400
    add_to_admin_menu = True
    list_display = [
        "title",
        "kind",
        "language",
        Column("duration", label=_("Duration")),
        "credit",
        "consent",
    ]
    list_filter = ["kind", "language", "consent"]
    search_fields = ["title", "transcript", "credit"]


register_snippet(MediaClipViewSet)


hooks.register("check_page_going_live", refuse_images_without_consent)


@hooks.register("before_publish_page")
def refuse_publishing_without_consent(request, page):
    """Name each image in the editor and keep the draft, rather than fail later."""
    if not _report_blocking_images(request, [page]):
        return None
    return redirect("wagtailadmin_pages:edit", page.pk)


@hooks.register("before_bulk_action")
def refuse_bulk_publishing_without_consent(request, action_type, objects, action):
    """Bulk publishing sends the latest drafts live: check those, all or nothing."""
    if action_type != "publish" or not all(isinstance(o, Page) for o in objects):
        return None
    pages = [page.specific for page in objects]
    if action.cleaned_form.cleaned_data.get("include_descendants"):
        for page in objects:
            pages.extend(page.get_descendants().not_live().specific())
    drafts = [page.get_latest_revision_as_object() for page in pages]
    if not _report_blocking_images(request, drafts):
        return None
    return redirect(action.next_url)


def _report_blocking_images(request, pages):
    reported = False
    for page in pages:
        blocking = images_blocking_publication(page)
        if blocking:
            for hear in hooks.get_hooks("page_publication_refused"):
                hear(page, PublicationBlocked(blocking))
        for image in blocking:
            edit_url = reverse("wagtailimages:edit", args=[image.pk])
            messages.error(
                request,
                blocking_message(image),
                buttons=[messages.button(edit_url, _("Edit image"))],
            )
            reported = True
    return reported


@hooks.register("register_admin_urls")
def register_image_index():
    # This app is listed before wagtail.images, so these patterns are matched
    # first: the "wagtailimages:index" and "wagtailimages:edit" URLs reach these.
    return [
        path("images/", CampaignImageIndexView.as_view(), name="media_image_index"),
        path(
            "images/results/",
            CampaignImageIndexView.as_view(results_only=True),
            name="media_image_index_results",
        ),
        path(
            "images/<int:image_id>/",
            CampaignImageEditView.as_view(),
            name="media_image_edit",
        ),
        # settings.PRIVATE_MEDIA_URL points here.
        path("media/originals/<path:name>", original_file, name="media_original"),
    ]


@hooks.register("register_rich_text_features", order=10)
def image_embeds_with_consent(features):
    """After Wagtail's images app (order 0): ours replaces its "image" handler."""
    features.register_embed_type(ConsentedImageEmbedHandler)
