"""The public API at ``/api/v2/``: campaigns, messages and slogans, read only.

Wagtail's API v2 has no write endpoints; only ``pages`` (restricted to published
campaigns and messages, by the same rules as the feeds) and ``slogans`` are
registered. Images and documents are not exposed: a page shows its images itself,
where consent is checked.
"""

from django.contrib.contenttypes.models import ContentType
from django.db.models import Case, IntegerField, Q, When
from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework.filters import BaseFilterBackend
from wagtail.api.v2.filters import FieldsFilter, OrderingFilter, SearchFilter
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.serializers import PageSerializer, RichTextFieldSerializer
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v2.views import BaseAPIViewSet, PagesAPIViewSet
from wagtail.fields import RichTextField
from wagtail.search.backends import get_search_backend

from campaigns.models import MessagePage, Slogan
from campaigns.text import search_words
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


class TextSearchFilter(BaseFilterBackend):
    """``?search=`` as plain words, on top of the live-only filters.

    Wagtail's own filter hands the query to the search backend with the view's
    filters, which the index does not hold ("cannot filter by 'expired'"), and the
    raw string, whose quotes or NUL break the backend's query syntax. Here the words
    are searched over the whole index and the hits kept only where the view's
    queryset (live, public, of a published campaign) holds them.
    """

    operators = ("and", "or")
    max_hits = 500

    def filter_queryset(self, request, queryset, view):
        if "search" not in request.GET:
            return queryset
        operator = request.GET.get("search_operator") or "and"
        if operator not in self.operators:
            raise BadRequestError(
                _("search_operator must be one of: %(operators)s.")
                % {"operators": ", ".join(self.operators)}
            )
        words = search_words(request.GET["search"])
        if not words:
            return queryset.none()
        hits = get_search_backend().search(
            " ".join(words), queryset.model.objects.all(), operator=operator
        )
        ranked = [item.pk for item in hits[: self.max_hits]]
        queryset = queryset.filter(pk__in=ranked)
        if "order" in request.GET or not ranked:
            return queryset
        return queryset.order_by(
            Case(
                *[When(pk=pk, then=rank) for rank, pk in enumerate(ranked)],
                output_field=IntegerField(),
            )
        )


def with_text_search(backends):
    return [TextSearchFilter if b is SearchFilter else b for b in backends]


class PublishedPagesAPIViewSet(PagesAPIViewSet):
    """Campaign and message pages that the feeds would show, nothing else."""

    base_serializer_class = ConsentedPageSerializer
    filter_backends = with_text_search(PagesAPIViewSet.filter_backends)

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
    filter_backends = [FieldsFilter, OrderingFilter, TextSearchFilter]
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
