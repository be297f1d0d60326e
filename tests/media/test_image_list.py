"""Editors see each image's credit and consent in the image library's list view."""

import pytest
from django.urls import reverse

from media.models import Consent

pytestmark = pytest.mark.django_db


def test_the_list_layout_shows_credit_and_consent(admin_client, make_image):
    make_image(credit="Công an tỉnh Thanh Hóa", consent=Consent.WITHHELD)

    response = admin_client.get(reverse("wagtailimages:index"), {"layout": "list"})

    html = response.content.decode()
    assert "Nguồn/tác giả" in html and "Sự đồng ý" in html
    assert "Công an tỉnh Thanh Hóa" in html
    assert "Từ chối đồng ý" in html


def test_the_results_refresh_keeps_the_columns(admin_client, make_image):
    make_image(credit="Báo Thanh Hóa")

    response = admin_client.get(
        reverse("wagtailimages:index_results"), {"layout": "list", "q": ""}
    )

    assert "Báo Thanh Hóa" in response.content.decode()


def test_the_grid_layout_is_unchanged(admin_client, make_image):
    make_image(title="Áp phích 30/7", credit="Sở Văn hóa")

    response = admin_client.get(reverse("wagtailimages:index"))

    html = response.content.decode()
    assert "Áp phích 30/7" in html
    assert response.context["layout"] == "grid"


def test_the_edit_page_offers_credit_and_consent(admin_client, make_image):
    image = make_image(credit="Báo Thanh Hóa")

    response = admin_client.get(reverse("wagtailimages:edit", args=[image.pk]))

    form = response.context["form"]
    assert form["credit"].value() == "Báo Thanh Hóa"
    assert form["consent"].value() == Consent.NOT_NEEDED
