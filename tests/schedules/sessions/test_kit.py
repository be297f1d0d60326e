"""The materials kit picks the variants that fit the session's audience, and only
published content: live messages, usable variants, live slogans, images with consent."""

import io
import zipfile

import pytest
from django.core.cache import cache
from django.core.files.images import ImageFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from campaigns.models import AgeBand, Format
from media.models import CampaignImage, Consent
from schedules.sessions.kit import kit_build
from tests import factories
from tests.media.files import photo

pytestmark = pytest.mark.django_db

SCRIPT, SHORT, CAPTION = (
    Format.LOUDSPEAKER_SCRIPT,
    Format.SHORT_TEXT,
    Format.POSTER_CAPTION,
)


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "uploads"
    cache.clear()  # renditions are cached by image id, and ids repeat after rollback


def image(title, **fields):
    fields.setdefault("credit", "Hội LHPN tỉnh Thanh Hóa")
    return CampaignImage.objects.create(
        title=title,
        file=ImageFile(SimpleUploadedFile("anh.jpg", photo()), name="anh.jpg"),
        **fields,
    )


@pytest.fixture
def content(world):
    """A live message with variants for several audiences, a draft, two slogans."""
    withheld = image("Người trở về")
    poster = image("Áp phích Chung tay")
    live = factories.MessagePageFactory(
        campaign=world.campaign,
        title="Cảnh giác việc làm lương cao",
        lead_image=poster,
        variants=[
            {"format": SCRIPT, "text": "Loa toàn tỉnh."},
            {
                "format": SCRIPT,
                "text": "Loa Mường Lát cho thanh niên.",
                "target_regions": [world.muong_lat],
                "age_bands": ["youth"],
            },
            {
                "format": SCRIPT,
                "text": "Loa Hoằng Hóa.",
                "target_regions": [world.hoang_hoa],
            },
            {"format": SHORT, "text": "Tin cho trẻ em.", "age_bands": ["children"]},
            {"format": SHORT, "text": "Tin nhắn cho mọi người."},
            {
                "format": CAPTION,
                "text": "Chú thích chờ dịch.",
                "translation_needed": True,
            },
            {"format": CAPTION, "text": "Chú thích tiếng Thái.", "language_id": "blt"},
            {"format": CAPTION, "text": "Chung tay phòng, chống.", "image": withheld},
        ],
    )
    # Consent withdrawn after publishing: the image must not reach a kit any more.
    CampaignImage.objects.filter(pk=withheld.pk).update(consent=Consent.WITHHELD)
    draft = factories.MessagePageFactory(
        campaign=world.campaign,
        title="Bản nháp chưa duyệt",
        live=False,
        variants=[{"format": SCRIPT, "text": "Nội dung nháp."}],
    )
    factories.SloganFactory(
        campaign=world.campaign, text="Chung tay phòng, chống mua bán người"
    )
    factories.SloganFactory(
        campaign=world.campaign, text="Khẩu hiệu chưa duyệt", sort_order=2, live=False
    )
    session = world.sessions.tam_chung
    session.age_bands.set(AgeBand.objects.filter(code="youth"))
    session.save()
    return {"live": live, "draft": draft, "session": session, "poster": poster}


def texts(items):
    return sorted(item.variant.text for item in items)


def test_the_kit_fits_the_audience(content):
    kit = kit_build(session=content["session"])
    assert texts(kit.scripts) == ["Loa Mường Lát cho thanh niên."]
    assert texts(kit.short_texts) == ["Tin nhắn cho mọi người."]
    assert texts(kit.captions) == ["Chung tay phòng, chống."]
    assert [s.text for s in kit.slogans] == ["Chung tay phòng, chống mua bán người"]
    # The caption's own image is withheld: the message's lead image stands in.
    assert [i.image for i in kit.images] == [content["poster"]]
    assert len(kit.questions) == 5


def test_children_get_their_own_text_and_other_places_theirs(content, world):
    session = world.sessions.hoang_phu
    session.age_bands.set(AgeBand.objects.filter(code="children"))
    session.save()
    kit = kit_build(session=session)
    assert texts(kit.scripts) == ["Loa Hoằng Hóa."]
    assert texts(kit.short_texts) == ["Tin cho trẻ em."]


def test_a_thai_session_gets_the_thai_caption(content):
    session = content["session"]
    session.language_id = "blt"
    session.save()
    assert texts(kit_build(session=session).captions) == ["Chú thích tiếng Thái."]


def test_only_published_messages_even_when_chosen(content):
    session = content["session"]
    session.messages_used.set([content["draft"], content["live"]])
    session.save()
    kit = kit_build(session=session)
    assert {item.message.pk for item in kit.items} == {content["live"].pk}


def test_the_printable_page_and_the_zip(client, world, content):
    session = content["session"]
    client.force_login(world.people.commune)
    page = client.get(reverse("sessions:kit", args=[session.pk])).content.decode()
    assert "@page { size: A4" in page
    assert "Loa Mường Lát cho thanh niên." in page
    assert "Nội dung nháp." not in page and "Khẩu hiệu chưa duyệt" not in page

    response = client.get(reverse("sessions:kit_zip", args=[session.pk]))
    assert response["Content-Type"] == "application/zip"
    assert "bo-tai-lieu-" in response["Content-Disposition"]
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    names = archive.namelist()
    [poster] = [name for name in names if name.startswith("images/")]
    assert poster.startswith(f"images/{content['poster'].pk}-ap-phich-chung-tay")
    assert set(names) == {"kit.html", "scripts.txt", poster}
    html = archive.read("kit.html").decode()
    assert f'src="{poster}"' in html and "/admin/" not in html
    scripts = archive.read("scripts.txt").decode()
    assert "Loa Mường Lát cho thanh niên." in scripts
    assert "Loa toàn tỉnh." not in scripts and "Nội dung nháp." not in scripts
    assert archive.read(poster)[:2] == b"\xff\xd8"  # a JPEG
