"""The public API at ``/api/v2/``: campaigns, messages and slogans, read only.

Wagtail's API v2 has no write endpoints; only ``pages`` (restricted to published
campaigns and messages, by the same rules as the feeds) and ``slogans`` are
registered. Images and documents are not exposed: a page shows its images itself,
where consent is checked.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Q
from django.utils import timezone
from wagtail.api.v2.filters import FieldsFilter, OrderingFilter, SearchFilter
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.serializers import PageSerializer, RichTextFieldSerializer
from wagtail.api.v2.views import BaseAPIViewSet, PagesAPIViewSet
from wagtail.fields import RichTextField

from campaigns.models import MessagePage, Slogan
from media.rich_text import without_withheld_images

from .feeds.selectors import published_q, under_campaigns_q, visible_campaigns


class ConsentedRichTextSerializer(RichTextFieldSerializer):
    """Rich text in any format the API offers (stored HTML, Markdown...), without
    images whose consent does not allow showing them: those formats do not go
    through the page's image handler."""

    def to_representation(self, value):
        return super().to_representation(without_withheld_images(str(value or "")))


class ConsentedPageSerializer(PageSerializer):
    serializer_field_mapping = {
        **PageSerializer.serializer_field_mapping,
        RichTextField: ConsentedRichTextSerializer,
    }


class PublishedPagesAPIViewSet(PagesAPIViewSet):
    """Campaign and message pages that the feeds would show, nothing else."""

    base_serializer_class = ConsentedPageSerializer

    def get_base_queryset(self):
        now = timezone.now()
        campaigns = visible_campaigns(now=now)
        messages = Q(
            content_type=ContentType.objects.get_for_model(MessagePage)
        ) & under_campaigns_q(campaigns)
        return (
            super()
            .get_base_queryset()
            .filter(published_q(now))
            .filter(Q(pk__in=[page.pk for page in campaigns]) | messages)
        )


class SlogansAPIViewSet(BaseAPIViewSet):
    """Published slogans of published campaigns, as their live rows hold them."""

    model = Slogan
    name = "slogans"
    filter_backends = [FieldsFilter, OrderingFilter, SearchFilter]
    body_fields = BaseAPIViewSet.body_fields + ["text", "sort_order", "campaign_id"]
    listing_default_fields = BaseAPIViewSet.listing_default_fields + [
        "text",
        "sort_order",
        "campaign_id",
    ]

    def get_queryset(self):
        campaigns = visible_campaigns(now=timezone.now())
        return (
            Slogan.objects.live()
            .filter(campaign__in=[page.pk for page in campaigns])
            .order_by("campaign", "sort_order", "pk")
        )


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PublishedPagesAPIViewSet)
api_router.register_endpoint("slogans", SlogansAPIViewSet)
