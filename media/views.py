"""Admin views for the media library: the image list, originals behind a check."""

import mimetypes
from pathlib import PurePosixPath

from django.contrib.staticfiles import finders
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe
from wagtail.admin.ui.tables import Column
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.views.images import EditView as ImageEditView
from wagtail.images.views.images import IndexView as ImageIndexView
from wagtail.permissions import policy_registry

from .models import CampaignRendition, Consent, MediaClip
from .renditions import channel_sizes
from .storage import public_storage

# Wagtail names a size it could not make "not-found": for an image that may not be
# shown, the admin and the site get this grey placeholder instead.
NOT_FOUND = "not-found"
PLACEHOLDER = "media/withheld.svg"
PUBLIC_MAX_AGE = 300


class CampaignImageIndexView(ImageIndexView):
    """Wagtail's image list with credit and consent columns in its list layout."""

    @cached_property
    def columns(self):
        columns = list(super().columns)
        if columns:
            names = [column.name for column in columns]
            at = names.index("created_at") if "created_at" in names else len(names)
            columns[at:at] = [
                Column("credit", label=_("Credit")),
                Column("consent", label=_("Consent"), accessor="get_consent_display"),
            ]
        return columns


class CampaignImageEditView(ImageEditView):
    """Wagtail's image editor, showing what each channel gets: its size of the
    image, or the placeholder and the reason when the image may not be shown."""

    template_name = "media/images/edit.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        # A refused form has already copied its values (a new file, another consent)
        # onto self.object: sizes are made of the image as stored, and only of it.
        image = type(self.object).objects.get(pk=self.object.pk)
        context["image"] = image
        context["channel_sizes"] = channel_sizes(image)
        context["refusal"] = None if image.is_publishable else refusal_message(image)
        context["placeholder"] = PLACEHOLDER
        return context


def refusal_message(image):
    if image.consent == Consent.WITHHELD:
        return _(
            "Consent for this image was withheld: no page, feed or channel shows it; "
            "each size below is the placeholder."
        )
    return _(
        "This image shows an identifiable person and consent has not been obtained: "
        "no page, feed or channel shows it; each size below is the placeholder."
    )


def original_file(request, name: str):
    """An original image or document, to someone who may edit or choose it.

    The only address originals have (``PrivateStorage.url``); under the admin, so
    anonymous requests are sent to the login page before reaching here.
    """
    for model in (get_image_model(), get_document_model()):
        policy = policy_registry.get_by_type(model)
        item = model.objects.filter(file=name).first()
        if item is None:
            continue
        if not policy.user_has_any_permission(request.user, ["change", "choose"]):
            raise PermissionDenied
        return FileResponse(
            item.file.open("rb"),
            as_attachment=True,
            filename=PurePosixPath(name).name,
        )
    raise Http404


@require_safe
def public_file(request, name: str):
    """A file under MEDIA_URL, answered only while what it shows may be shown.

    Only image sizes of publishable images and clips whose consent is not withheld
    are served; anything else in the folder (a size left behind, a stray file) is
    404, so publishing MEDIA_ROOT through this view can never show a withheld image.
    """
    if name == NOT_FOUND:
        return FileResponse(
            open(finders.find(PLACEHOLDER), "rb"), content_type="image/svg+xml"
        )
    rendition = CampaignRendition.objects.select_related("image").filter(file=name)
    rendition = rendition.first()
    if rendition is not None:
        allowed = rendition.image.is_publishable
    else:
        clip = MediaClip.objects.filter(file=name).first()
        allowed = clip is not None and clip.consent != Consent.WITHHELD
    if not allowed or not public_storage().exists(name):
        raise Http404
    response = FileResponse(
        public_storage().open(name, "rb"),
        content_type=mimetypes.guess_type(name)[0] or "application/octet-stream",
    )
    # Short: a withdrawn consent deletes the size, and caches should follow soon.
    response["Cache-Control"] = f"public, max-age={PUBLIC_MAX_AGE}"
    return response
