"""Admin views for the media library: the image list, originals behind a check."""

from pathlib import PurePosixPath

from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.views.images import IndexView as ImageIndexView
from wagtail.permissions import policy_registry


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
