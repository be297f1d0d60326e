"""Admin forms that check what a single field cannot: variants' regions."""

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm


class MessagePageForm(WagtailAdminPageForm):
    def is_valid(self):
        # Variant formsets are cleaned after the page form, so check them here.
        valid = super().is_valid()
        return self._variant_regions_inside_province() and valid

    def _variant_regions_inside_province(self):
        from .models import Region

        province = Region.objects.filter(code=settings.PROVINCE_CODE).first()
        ok = True
        for form in self.formsets["variants"].forms:
            cleaned = getattr(form, "cleaned_data", None) or {}
            if cleaned.get("DELETE"):
                continue
            outside = [
                region
                for region in cleaned.get("target_regions") or []
                if province is None or not region.path.startswith(province.path)
            ]
            if outside:
                ok = False
                form.add_error(
                    "target_regions",
                    _("%(regions)s is outside the province.")
                    % {"regions": ", ".join(str(region) for region in outside)},
                )
        return ok
