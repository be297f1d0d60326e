"""The reader of the public site: where they live (found with or without accents),
their age group and language, kept in a cookie; and the variant each message shows
them, which is the one the planner's rule picks."""

import datetime
import re

import pytest
from django.utils import timezone

from campaigns.audience import COOKIE, Audience, place_on_map, place_search
from campaigns.models import (
    Format,
    MessagePage,
    Region,
    RegionKind,
    RegionMap,
    RegionSuccessor,
)
from campaigns.selectors import READING_FORMATS, variant_select
from schedules.planner.inputs import Region as PlannerRegion
from schedules.planner.inputs import Variant as PlannerVariant
from schedules.planner.variants import pick_variant
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def places():
    district = factories.border_district()
    return {
        "district": district,
        "township": factories.RegionFactory(
            parent=district,
            code="38.380.1",
            name="Thị trấn Mường Lát",
            kind=RegionKind.TOWNSHIP,
        ),
        "commune": factories.RegionFactory(
            parent=district, code="38.380.2", name="Xã Tam Chung", kind="commune"
        ),
        "elsewhere": factories.RegionFactory(code="38.390", name="Huyện Hoằng Hóa"),
    }


def variant(format, text, language="vi", regions=(), ages=(), **extra):
    return {
        "format": format,
        "text": text,
        "language_id": language,
        "target_regions": list(regions),
        "age_bands": list(ages),
        **extra,
    }


@pytest.fixture
def message(places):
    """One message whose variants are written for different readers."""
    return factories.MessagePageFactory(
        title="Cảnh giác với lời mời việc nhẹ lương cao",
        slug="viec-nhe-luong-cao",
        variants=[
            variant(Format.SHORT_TEXT, "A cho cả tỉnh"),
            variant(Format.SHORT_TEXT, "B cho huyện", regions=[places["district"]]),
            variant(Format.SOCIAL_POST, "C cho thị trấn", regions=[places["township"]]),
            variant(
                Format.LOUDSPEAKER_SCRIPT,
                "D bằng tiếng Thái",
                language="blt",
                regions=[places["district"]],
            ),
            variant(
                Format.SHORT_TEXT,
                "E chờ dịch",
                language="hmn",
                translation_needed=True,
            ),
            variant(Format.SHORT_TEXT, "F cho thanh niên", ages=["youth"]),
        ],
    )


TEXTS = re.compile(r'class="variant-text" lang="([\w-]+)">([^<]*)<')


def shown(response) -> list[tuple[str, str]]:
    """The (language, text) of each variant the page shows, in order."""
    assert response.status_code == 200
    return TEXTS.findall(response.content.decode())


def ask(client, *, place="", picked=None, age="", language="vi", url="/"):
    params = {"noi": place, "tuoi": age, "ngon_ngu": language}
    if picked is not None:
        params["xa"] = picked.pk
    return client.get(url, params)


def planner_pick(message, region, language):
    """What the broadcast planner airs for this region and language, among the
    site's formats in the site's order (the planner has no age bands)."""
    regions = [
        PlannerRegion(
            id=str(r.pk), parent_id=str(r.get_parent().pk) if r.depth > 1 else None
        )
        for r in Region.objects.all()
    ]
    variants = [
        PlannerVariant(
            id=str(v.pk),
            message_id=str(message.pk),
            language=v.language_id,
            format=v.format,
            region_ids=tuple(str(r.pk) for r in v.target_regions.all()),
        )
        for v in message.variants.all()
        if v.usable and not v.age_bands.exists()
    ]
    formats = [str(format) for format in READING_FORMATS]
    chosen = pick_variant(
        variants, str(message.pk), str(region.pk), language, formats, regions
    )
    return message.variants.get(pk=int(chosen.variant.id)).text


# --- finding where the reader lives ---------------------------------------------


@pytest.mark.parametrize(
    ("query", "names"),
    [
        ("muong lat", ["Thị trấn Mường Lát", "Huyện Mường Lát"]),
        ("MƯỜNG LÁT", ["Thị trấn Mường Lát", "Huyện Mường Lát"]),
        ("Mường Lát", ["Thị trấn Mường Lát", "Huyện Mường Lát"]),
        ("tam chung", ["Xã Tam Chung"]),
        ("xa tam chung", ["Xã Tam Chung"]),
        ("hoang", ["Huyện Hoằng Hóa"]),
        ("ong lat", []),  # words are matched from their start
        ("tỉnh thanh hóa", []),  # the province is every reader's already
        ("'; DROP TABLE --", []),
        ("\x00", []),
        ("", []),
    ],
)
def test_places_are_found_with_or_without_accents(places, query, names):
    found = place_search(query, region_map=RegionMap.objects.current())
    assert [region.name for region in found] == names


def test_a_region_chosen_on_today_s_map_finds_its_unit_on_an_older_one(places):
    old_map = places["district"].map
    new_map = RegionMap.objects.create(
        name="Sau sắp xếp", effective_from=datetime.date(2025, 7, 1)
    )
    province = Region.add_root(
        map=new_map, code="38", name="Tỉnh Thanh Hóa", kind=RegionKind.PROVINCE
    )
    merged = province.add_child(
        map=new_map, code="38.1", name="Xã Mường Lát", kind=RegionKind.COMMUNE
    )
    RegionSuccessor.objects.create(old=places["township"], new=merged, share=0.7)
    RegionSuccessor.objects.create(old=places["commune"], new=merged, share=0.3)
    assert place_on_map(merged, old_map) == places["township"]
    assert place_on_map(places["commune"], new_map) == merged
    assert place_on_map(places["elsewhere"], new_map) is None


@pytest.mark.parametrize(
    "value",
    [
        "",
        "abc",
        "1:youth",
        "1:youth:vi:x",
        "1:<b>:vi",
        "1:youth:VI",
        "x:youth:vi",
        "1:youth:vi\n",
        "9" * 13 + ":youth:vi",
    ],
)
def test_a_cookie_not_written_by_the_site_is_ignored(value):
    assert Audience.from_cookie(value) is None


def test_a_cookie_reads_back_what_was_written():
    audience = Audience(12, "youth", "blt")
    assert Audience.from_cookie(audience.cookie_value) == audience
    assert Audience.from_cookie(Audience().cookie_value) == Audience()


# --- the variant each reader gets ------------------------------------------------


@pytest.mark.parametrize(
    ("where", "language", "text"),
    [
        ("township", "vi", "C cho thị trấn"),  # its own, before a better format
        ("commune", "vi", "B cho huyện"),  # none of its own: its district's
        ("district", "vi", "B cho huyện"),
        ("elsewhere", "vi", "A cho cả tỉnh"),  # province-wide, every age
        ("district", "blt", "D bằng tiếng Thái"),  # its own language
        ("elsewhere", "blt", "A cho cả tỉnh"),  # no Thái for it: Vietnamese
    ],
)
def test_each_reader_gets_what_the_planner_would_air_for_them(
    client, places, message, where, language, text
):
    response = ask(client, picked=places[where], language=language)
    assert shown(response)[0][1] == text
    assert planner_pick(message, places[where], language) == text


def test_a_reader_s_age_band_picks_the_variant_the_session_kit_would(
    client, places, message
):
    response = ask(client, picked=places["elsewhere"], age="youth")
    assert shown(response) == [("vi", "F cho thanh niên")]
    kit = variant_select(
        message=message,
        region=places["elsewhere"],
        language="vi",
        format=Format.SHORT_TEXT,
        age_band="youth",
    )
    assert kit.variant.text == "F cho thanh niên"
    assert shown(ask(client, picked=places["elsewhere"], age="adults")) == [
        ("vi", "A cho cả tỉnh")
    ]


def test_a_language_without_translations_is_not_offered(client, places, message):
    html = client.get("/").content.decode()
    assert '<option value="blt">Tiếng Thái</option>' in html
    assert 'value="hmn"' not in html  # its only variant awaits translation
    response = ask(client, picked=places["district"], language="hmn")
    assert COOKIE not in response.cookies


def test_nobody_in_particular_reads_each_message_s_summary(client, message):
    response = client.get("/")
    assert shown(response) == []
    assert message.summary in response.content.decode()
    assert COOKIE not in response.cookies


# --- the form, without JavaScript ------------------------------------------------


def test_a_name_typed_without_accents_that_fits_one_place_is_taken(
    client, places, message
):
    response = ask(client, place="tam chung", age="youth")
    assert shown(response)[0][1] == "B cho huyện"
    cookie = response.cookies[COOKIE]
    assert cookie.value == f"{places['commune'].pk}:youth:vi"
    assert cookie["httponly"] and cookie["samesite"] == "Lax"
    assert int(cookie["max-age"]) >= 30 * 24 * 3600


def test_an_ambiguous_name_lists_the_places_to_pick_from(client, places, message):
    response = ask(client, place="muong lat", age="youth")
    html = response.content.decode()
    assert "Có nhiều nơi tên “muong lat”: hãy chọn nơi bạn sống." in html
    assert f'name="xa" value="{places["township"].pk}"' in html
    assert f'name="xa" value="{places["district"].pk}"' in html
    assert "Thị trấn Mường Lát (Huyện Mường Lát)" in html
    assert COOKIE not in response.cookies
    assert shown(response) == []
    # The visitor ticks one and sends the same form again.
    picked = ask(client, place="muong lat", picked=places["township"], age="youth")
    assert shown(picked)[0][1] == "C cho thị trấn"
    assert COOKIE in picked.cookies


def test_an_unknown_place_says_so_in_vietnamese_and_remembers_nothing(
    client, places, message
):
    client.cookies[COOKIE] = f"{places['township'].pk}:youth:vi"
    response = ask(client, place="Sài Gòn")
    html = response.content.decode()
    assert "Không có xã, phường hay huyện nào tên “Sài Gòn”." in html
    assert 'aria-invalid="true"' in html
    assert COOKIE not in response.cookies  # the earlier choice stands
    assert shown(client.get("/"))[0][1] == "C cho thị trấn"


@pytest.mark.parametrize(
    "params",
    [
        {"xa": "999999"},
        {"xa": "9" * 40},
        {"xa": "²"},
        {"xa": "abc"},
        {"noi": "Mường\x00Lát"},
        {"tuoi": "<script>"},
        {"ngon_ngu": "xx"},
        {"noi": "x" * 500},
    ],
)
def test_forged_values_are_refused_and_change_nothing(client, places, message, params):
    response = client.get("/", params)
    assert response.status_code == 200
    assert COOKIE not in response.cookies
    assert 'role="alert"' in response.content.decode()
    assert "<script>" not in response.content.decode().split("<main", 1)[1]


def test_the_cookie_remembers_the_choice_on_every_page(client, places, message):
    ask(client, picked=places["township"], age="youth")
    assert shown(client.get("/"))[0][1] == "C cho thị trấn"
    campaign = message.get_parent()
    assert shown(client.get(campaign.url))[0][1] == "C cho thị trấn"
    assert shown(client.get(message.url)) == [("vi", "C cho thị trấn")]
    forgotten = client.get("/", {"quen": "1"})
    assert forgotten.cookies[COOKIE].value == ""
    assert shown(client.get("/")) == []


def test_a_cookie_naming_a_region_that_is_gone_shows_the_province_s_variant(
    client, places, message
):
    client.cookies[COOKIE] = "999999:adults:vi"
    assert shown(client.get("/"))[0][1] == "A cho cả tỉnh"


# --- only what is published ------------------------------------------------------


def test_drafts_expired_and_other_campaigns_messages_never_show(
    client, places, message
):
    campaign = message.get_parent()
    factories.MessagePageFactory(
        campaign=campaign, title="Bản nháp", slug="nhap", live=False
    )
    expired = factories.MessagePageFactory(
        campaign=campaign, title="Đã hết hạn", slug="het-han"
    )
    MessagePage.objects.filter(pk=expired.pk).update(
        expire_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    unpublished = factories.CampaignPageFactory(year=2019, live=False)
    factories.MessagePageFactory(
        campaign=unpublished, title="Thông điệp năm 2019", slug="y"
    )
    # An unpublished change to a live message's variant stays out too.
    draft = MessagePage.objects.get(pk=message.pk)
    changed = draft.variants.get(text="C cho thị trấn")
    changed.text = "C sửa chưa duyệt"
    draft.save_revision()
    for url in ("/", campaign.url):
        html = ask(client, picked=places["township"], url=url).content.decode()
        assert message.title in html
        for hidden in ("Bản nháp", "Đã hết hạn", "năm 2019", "C sửa chưa duyệt"):
            assert hidden not in html, (url, hidden)


def test_a_campaign_shows_its_own_messages_only(client, places, message):
    later = factories.CampaignPageFactory(year=2018)
    factories.MessagePageFactory(
        campaign=later, title="Thông điệp năm 2018", slug="nam-2018"
    )
    home = client.get("/").content.decode()  # the latest campaign: 2018
    assert "Thông điệp năm 2018" in home
    assert message.title not in home
    earlier = client.get(message.get_parent().url).content.decode()
    assert message.title in earlier
    assert "Thông điệp năm 2018" not in earlier
