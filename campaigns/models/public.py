"""What every page the public reads shares: it knows its reader (place, age group,
language; see ``campaigns.audience``) and speaks Vietnamese unless they chose a
language the site is translated into."""

from django.utils import timezone, translation
from django.utils.cache import patch_cache_control, patch_vary_headers


class ReaderPageMixin:
    """For the home, campaign and message pages: the reader rides on the request."""

    def reader_campaign(self):
        """The campaign whose messages this page shows."""
        raise NotImplementedError

    def reader(self, request):
        from media.models import VIETNAMESE

        from ..audience import reader_for

        reader = getattr(request, "reader", None)
        if reader is None:
            # The form's errors are worded here: in the site's language, not the
            # browser's.
            with translation.override(VIETNAMESE):
                reader = request.reader = reader_for(
                    request, campaign=self.reader_campaign(), now=timezone.now()
                )
        return reader

    def serve(self, request, *args, **kwargs):
        from ..audience import remember, serve_in_language

        reader = self.reader(request)
        response = serve_in_language(
            request,
            reader.ui_language,
            lambda: super(ReaderPageMixin, self).serve(request, *args, **kwargs),
        )
        remember(reader, response)
        # The page depends on the reader's cookie: no shared cache may mix readers.
        patch_cache_control(response, private=True)
        patch_vary_headers(response, ["Cookie"])
        return response

    def reader_context(self, request, campaign) -> dict:
        """The reader, the form and the campaign's messages as written for them."""
        from ..selectors import messages_for_reader

        reader = self.reader(request)
        if campaign is None:
            return {"reader": reader, "readings": []}
        if reader.chosen:
            readings = messages_for_reader(
                campaign=campaign,
                now=timezone.now(),
                lineage=reader.lineage(campaign.region_map),
                language=reader.language_code,
                age_band=reader.age_band.code if reader.age_band else None,
            )
        else:
            readings = messages_for_reader(campaign=campaign, now=timezone.now())
        return {"reader": reader, "readings": readings}
