"""Admin views that extend Wagtail's own for the campaign's images."""

from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column
from wagtail.images.views.images import IndexView as ImageIndexView


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
