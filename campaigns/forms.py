"""Admin forms that check what a single field cannot: variants' regions, copies."""

from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.forms.pages import CopyForm


class CampaignCopyForm(CopyForm):
    """Wagtail's "Copy" would give the copy the same year, which is taken: say how
    a new year starts instead of failing with a 500."""

    def clean(self):
        cleaned = super().clean()
        self.add_error(
            "new_title",  # Wagtail's copy page shows only the fields' errors
            _(
                "A campaign page cannot be copied: the campaign of %(year)s exists "
                "already. Use “Start next year's campaign” on the campaign's page."
            )
            % {"year": self.page.specific.year},
        )
        return cleaned


class MessagePageForm(WagtailAdminPageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Variants target regions of the campaign's own map, not another year's.
        province = self._campaign_province()
        if province is None:
            return
        formset = self.formsets["variants"]
        add_fields = formset.add_fields

        def on_the_map(form, index):
            # Every form the formset makes, the empty one (a template) included.
            add_fields(form, index)
            field = form.fields["target_regions"]
            field.queryset = field.queryset.filter(map=province.map_id)

        formset.add_fields = on_the_map

    def _campaign_province(self):
        from .models import Region

        parent = self.parent_page if self.instance.pk is None else None
        campaign = (parent or self.instance.get_parent()).specific
        return Region.objects.filter(
            map=getattr(campaign, "region_map", None), depth=1
        ).first()

    def is_valid(self):
        # Variant formsets are cleaned after the page form, so check them here.
        valid = super().is_valid()
        return self._variant_regions_inside_province() and valid

    def _variant_regions_inside_province(self):
        # The campaign's own map: a region of another year's map is outside it.
        province = self._campaign_province()
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
