"""manage.py load_demo, the one test that loads the whole demo (`make run` runs it).

The 2017 campaign with every part the demo promises: platform, sessions, press,
feeds and the illustrative results; loading twice changes nothing, the generated
admin password is kept under var/, and --reset starts over. One load serves every
check, as loading takes seconds.
"""

import csv
import datetime
import io
import json
from fractions import Fraction

import feedparser
import pytest
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.management import call_command
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from wagtail.images.models import SourceImageIOError
from wagtail.models import Revision, WorkflowState

from campaigns.models import CampaignPage, MessagePage, Organisation, Region, Slogan
from campaigns.selectors import next_anchor_year
from cms.demo import images as demo_images
from cms.demo import reach as demo_reach
from cms.demo import rehearsal, yeartwo
from cms.demo.platform import SLOGANS, history_regions
from media.consent import PublicationRefused
from media.models import CampaignImage, Consent
from schedules.dispatch.selectors import broadcasts_claimable
from schedules.models import (
    Broadcast,
    BroadcastPlan,
    Channel,
    Coverage,
    PlaybackIssue,
    PlaybackLog,
    PressOutlet,
    ReachRecord,
    Session,
    SessionStatus,
)
from schedules.reports.areas import per_thousand
from schedules.sessions.scoping import sessions_visible_to

pytestmark = pytest.mark.django_db


def load(*args):
    call_command("load_demo", *args, stdout=io.StringIO())


def state():
    """Everything the demo writes that a second load could duplicate or change."""
    rows = {
        "pages": CampaignPage.objects.values_list("pk", "year", "live"),
        "slogans": Slogan.objects.values_list("pk", "text", "live"),
        "regions": Region.objects.values_list("pk", "code", "path", "population"),
        "units": Organisation.objects.values_list("pk", "name"),
        "users": get_user_model().objects.values_list("pk", "username", "password"),
        "sessions": Session.objects.values_list("pk", "title", "status"),
        "broadcasts": Broadcast.objects.values_list("pk", "status"),
        "reach": ReachRecord.objects.values_list("pk", "count", "note"),
        "outlets": PressOutlet.objects.values_list("pk", "active", "readership"),
        "coverage": Coverage.objects.values_list("pk", "status"),
        "images": CampaignImage.objects.values_list("pk", "title", "consent"),
    }
    found = {name: sorted(query) for name, query in rows.items()}
    found["revisions"] = Revision.objects.count()
    return found


def check_campaign(client, password):
    campaign = CampaignPage.objects.get(year=2017)
    assert campaign.live
    assert campaign.plan_number == "109/KH-BCĐ"
    assert [r.number for r in campaign.references.all()] == [
        "135/KH-BCĐ",
        "793/QĐ-TTg",
        "20/KH-BCĐ",
    ]
    assert list(campaign.slogans.live().values_list("text", flat=True)) == SLOGANS
    assert history_regions().filter(depth=2).count() == 27
    assert history_regions().get(code="384").border  # Mường Lát borders Laos
    assert (
        Organisation.objects.get(is_standing_body=True).name == "Công an tỉnh Thanh Hóa"
    )
    assert client.login(username="admin", password=password)
    body = client.get("/").content.decode()
    for text in SLOGANS:
        assert text in body
    client.logout()


def check_images(client, password):
    """Posters with credit, licence and consent on the messages; the withdrawn
    photo refused everywhere the public looks, and each channel's size shown."""
    images = {
        image.title: image
        for image in CampaignImage.objects.filter(title__in=demo_images.TITLES)
    }
    assert len(images) == len(demo_images.POSTERS) == 4
    assert all(image.credit and image.licence for image in images.values())
    withheld = [i for i in images.values() if i.consent == Consent.WITHHELD]
    assert len(withheld) == 1
    withheld = withheld[0]
    posters = [image for image in images.values() if image is not withheld]
    assert all(image.consent == Consent.NOT_NEEDED for image in posters)
    assert all(not image.shows_identifiable_person for image in posters)

    first_year = MessagePage.objects.child_of(CampaignPage.objects.get(year=2017))
    messages = first_year.live().filter(
        slug__in=[slug for poster in demo_images.POSTERS for slug in poster.used_by]
    )
    used = set()
    for page in messages:
        used.add(page.lead_image_id)
        used.update(b.value.pk for b in page.related_media if b.block_type == "image")
        used.update(i.pk for i in images.values() if f'id="{i.pk}"' in page.body)
    assert {image.pk for image in images.values()} <= used

    # The public side: the posters are shown, the withdrawn photo never.
    told = first_year.get(slug="bao-tin-mua-ban-nguoi")
    html = client.get(told.url).content.decode()
    assert 'class="richtext-image full-width"' in html
    returnees = first_year.get(slug="ho-tro-nguoi-tro-ve-hoa-nhap")
    assert f'id="{withheld.pk}"' in returnees.body  # still in the stored text
    shown = client.get(returnees.url)
    assert shown.status_code == 200
    assert "demo-withdrawn" not in shown.content.decode()
    assert b"richtext-image" not in shown.content
    with pytest.raises(SourceImageIOError):
        withheld.get_rendition("fill-1920x1080")
    assert (
        client.get("/media/images/demo-withdrawn.fill-1920x1080.png").status_code == 404
    )
    with transaction.atomic(), pytest.raises(PublicationRefused):
        returnees.save_revision().publish()

    # The editor shows every channel's size, or the placeholder and the reason.
    assert client.login(username="admin", password=password)
    for image in posters:
        html = client.get(reverse("wagtailimages:edit", args=[image.pk])).content
        html = html.decode()
        for name in ("tv", "square", "poster", "thumb"):
            assert f'data-channel="{name}"' in html
        assert html.count('src="/media/images/') >= 4
    html = client.get(reverse("wagtailimages:edit", args=[withheld.pk])).content
    html = html.decode()
    assert "đã từ chối đồng ý" in html
    assert html.count("media/withheld.svg") >= 4
    client.logout()


def check_sessions(client, password):
    branches = Organisation.objects.filter(parent__kind="womens_union")
    assert {b.region.code for b in branches} == {"384", "399"}
    assert Session.objects.filter(campaign__year=2017).count() == 8
    held = Session.objects.filter(status=SessionStatus.HELD)
    assert held.count() == 5
    assert ReachRecord.objects.filter(session__in=held).count() == 5
    assert client.login(username="hlhpn_muonglat", password=password)
    muong_lat = get_user_model().objects.get(username="hlhpn_muonglat")
    mine = sessions_visible_to(muong_lat).filter(campaign__year=2017)
    assert {s.region.get_parent().code for s in mine} == {"384"}
    assert mine.count() == 4
    client.logout()


def check_press_and_feeds(client):
    outlets = PressOutlet.objects.all()
    assert outlets.count() == 2 and not outlets.filter(active=True).exists()
    assert Coverage.objects.count() == 3
    press_reach = ReachRecord.objects.filter(coverage__isnull=False)
    assert press_reach.count() == 2  # the rejected article has none
    assert all(r.note.startswith("Số liệu minh họa") for r in press_reach)

    cache.clear()
    for kind in ("rss", "atom"):
        feed = feedparser.parse(client.get(f"/feeds/messages.{kind}").content)
        assert feed.bozo == 0 and len(feed.entries) >= 1
    items = json.loads(client.get("/feeds/messages.json").content)["items"]
    assert items and all(item["id"] and item["content_html"] for item in items)


def check_results(client):
    records = ReachRecord.objects.all()
    assert records.exists() and not records.filter(illustrative=False).exists()
    assert not Region.objects.filter(depth=2, population__isnull=True).exists()
    assert Region.objects.filter(population_is_illustrative=True).exists()
    statuses = set(Broadcast.objects.values_list("status", flat=True))
    assert {"aired", "missed", "failed"} <= statuses
    # Every aired broadcast has its one estimate.
    on_air = records.filter(broadcast__isnull=False)
    assert on_air.count() == Broadcast.objects.filter(status="aired").count()
    assert demo_reach.load() == "Illustrative reach: already loaded"

    client.force_login(get_user_model().objects.get(username="admin"))
    dashboard = client.get(reverse("schedules_reports:dashboard"), {"campaign": 2017})
    assert dashboard.status_code == 200
    report = dashboard.context["report"]
    assert report.illustrative and report.summary.reach > 0
    with translation.override(dashboard.headers["Content-Language"]):
        label = translation.gettext("Illustrative figures (demo data)")
        by_unit = translation.gettext("II. ACTIVITIES BY UNIT")
    assert label in dashboard.content.decode()
    printed = client.get(reverse("schedules_reports:print"), {"campaign": 2017})
    assert printed.status_code == 200
    html = printed.content.decode()
    assert label in html
    assert "Huyện Mường Lát" in html and by_unit in html
    client.logout()


def check_plan_feeds_every_channel_and_explains_it(client):
    """The committee's reading of the demo plan (issue: every channel fed, real
    denominators, honest gaps, explained choices)."""
    plan = BroadcastPlan.objects.get(campaign__year=2017)
    idle = Channel.objects.filter(active=True).exclude(broadcasts__plan=plan)
    assert list(idle) == [] and plan.coverage["idle_channels"] == []
    paper = Broadcast.objects.filter(channel__kind="newspaper")
    assert paper.exists() and not paper.filter(from_page=False).exists()
    assert Broadcast.objects.filter(channel__kind="web_portal").exists()

    client.force_login(get_user_model().objects.get(username="admin"))
    # Real denominators: Mường Lát's broadcasts per 1,000 of its own people.
    page = client.get(reverse("schedules_planning:plan", args=(plan.pk,)))
    areas = {row.label: row for row in page.context["areas"]}
    muong_lat = areas["Huyện Mường Lát"]
    population = Region.objects.get(code="384").population
    assert muong_lat.extra["population"] == population > 1
    assert muong_lat.extra["per_thousand"] == per_thousand(muong_lat.reach, population)
    assert page.context["unknown_population"] == []

    # The communes of Mường Lát share its district's reach in the gap list's CSV.
    response = client.get(
        "/admin/reports/export.csv", {"table": "gaps", "campaign": 2017}
    )
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    reach = {row[0]: int(row[3]) for row in rows[1:] if row and row[3].isdigit()}
    communes = Region.objects.get(code="384").get_children()
    assert communes.count() == 4
    # Below the target a commune is listed with its share, never 0; measured
    # smart-radio airings lift Mường Lát's communes above it, so none is a gap.
    assert 0 not in reach.values()
    assert all(reach.get(commune.name) != 0 for commune in communes)
    muong_lat_pk = Region.objects.get(code="384").pk
    response = client.get(
        "/admin/reports/export.csv",
        {"table": "area", "area": muong_lat_pk, "campaign": 2017},
    )
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    column = rows[0].index("Lượt người được tiếp cận")
    by_commune = {row[0]: row for row in rows[1:] if row}
    for commune in communes:
        assert int(by_commune[commune.name][column]) > 0, by_commune[commune.name]

    # Why each broadcast carries its content, on the broadcast's own page.
    for kind in ("newspaper", "loudspeaker"):
        broadcast = Broadcast.objects.filter(channel__kind=kind).first()
        detail = client.get(reverse("dispatch_admin:broadcast", args=(broadcast.pk,)))
        why = detail.context["broadcast"].why
        assert why and why in detail.content.decode()


def check_smart_radio(client):
    """Border districts' smart radios: their airings confirmed by logs, no click."""
    radios = Broadcast.objects.filter(channel__smart_radio__isnull=False)
    aired = radios.filter(status="aired")
    by_logs = aired.filter(plays__isnull=False).distinct()
    assert aired.count() >= 50
    assert by_logs.count() >= 0.9 * aired.count()
    assert (
        not aired.exclude(reach__method="measured").filter(plays__isnull=False).exists()
    )
    logs = PlaybackLog.objects.all()
    assert logs.count() >= 3 and all(log.illustrative for log in logs)
    assert PlaybackIssue.objects.count() >= 3  # lines that match nothing
    assert radios.filter(variant__audio__isnull=False).exists()
    assert radios.filter(variant__audio__isnull=True).exists()

    client.force_login(get_user_model().objects.get(username="admin"))
    dashboard = client.get(reverse("schedules_reports:dashboard"), {"campaign": 2017})
    assert 'id="confirmations-table"' in dashboard.content.decode()
    methods = {row.key: row.reach for row in dashboard.context["report"].by_method}
    assert methods["measured"] > 0 and methods["estimated"] > 0
    client.logout()


def _csv(path):
    with path.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def check_year_two(client, shared_data):
    """The next campaign on the illustrative reformed map, started from 2017."""
    year = next_anchor_year(timezone.localdate())
    campaign = CampaignPage.objects.get(year=year)
    assert campaign.live and campaign.region_map.illustrative
    assert "minh họa" in campaign.region_map.name
    assert campaign.region_map.regions.filter(depth=2).count() == 178
    messages = MessagePage.objects.child_of(campaign)
    assert messages.filter(live=True).count() == yeartwo.APPROVED_MESSAGES
    waiting = messages.filter(live=False)
    assert waiting.exists() and all(m.copied_from_id for m in messages)
    in_review = WorkflowState.objects.filter(
        object_id__in=[str(m.pk) for m in waiting], status="in_progress"
    )
    assert in_review.count() == waiting.count()
    plan = BroadcastPlan.objects.get(campaign=campaign)
    assert set(plan.broadcasts.values_list("status", flat=True)) == {"draft"}
    sessions = Session.objects.filter(campaign=campaign)
    assert sessions.count() == len(yeartwo.SESSIONS)
    assert {s.status for s in sessions} == {"planned"}
    assert {s.region.map for s in sessions} == {campaign.region_map}

    # The comparison, by hand through the split commune Đông Thanh (16402, 0.6 to
    # Đông Lĩnh): the demo's 2017 map has the city (380) and Đông Sơn (405) as
    # districts, each given to the city's new communes as its former communes go.
    city = [
        r["commune_code"]
        for r in _csv(shared_data / "thanh_hoa_communes_2025.csv")
        if r["district_code"] == "380"
    ]
    shares = [
        Fraction(r["share"])
        for r in _csv(shared_data / "thanh_hoa_reform_successors_synthetic.csv")
        if r["old_code"] in city and r["new_code"] == "16396"
    ]
    assert Fraction("0.6") in shares  # Đông Thanh's part
    weight = float(sum(shares) / len(city))
    old = history_regions()
    paths = [old.get(code=code).path for code in ("380", "405")]
    under = Q(region__path__startswith=paths[0]) | Q(region__path__startswith=paths[1])
    reach = ReachRecord.objects.filter(under, broadcast__plan__campaign__year=2017)
    aired = Broadcast.objects.filter(under, plan__campaign__year=2017, status="aired")
    expected_reach = sum(r.count for r in reach) * weight
    expected_aired = aired.count() * weight

    client.force_login(get_user_model().objects.get(username="admin"))
    page = client.get(reverse("schedules_reports:dashboard"), {"campaign": year})
    comparison = page.context["report"].comparison
    assert comparison.previous.year == 2017
    east = next(a for a in comparison.areas if a.region.code == "16396")
    assert float(east.previous.reach) == pytest.approx(expected_reach, rel=1e-4)
    assert float(east.previous.broadcasts) == pytest.approx(expected_aired, rel=1e-4)
    assert east.current.reach == 0  # nothing aired yet
    assert "Phường Đông Lĩnh" in page.content.decode()
    client.logout()


def check_rehearsal():
    """The rehearsal's first broadcasts are due within minutes of loading."""
    now = timezone.now()
    load("--rehearsal")
    ours = Broadcast.objects.filter(plan__message=rehearsal.MARK)
    due = broadcasts_claimable(now=now + datetime.timedelta(minutes=5))
    assert due.filter(pk__in=ours).count() >= 3
    first = list(ours.values_list("pk", flat=True))
    load("--rehearsal")  # again: the unsent ones give way to new ones
    assert set(
        Broadcast.objects.filter(pk__in=first).values_list("status", flat=True)
    ) == {"cancelled"}
    rehearsed = len(rehearsal.SLOTS) + len(rehearsal.SMART_RADIO_MINUTES)
    assert ours.filter(status="approved").count() == rehearsed

    # A smart-radio commune's airings come back confirmed by its play log, no click.
    radio = ours.filter(status="approved", channel__smart_radio__isnull=False)
    assert radio.count() == len(rehearsal.SMART_RADIO_MINUTES)
    airing = radio.order_by("starts_at").first()
    assert rehearsal.playback_post(broadcast_id=airing.pk) is False  # not sent yet
    Broadcast.objects.filter(pk=airing.pk).update(
        status="sent", sent_at=airing.starts_at, delivered_version=airing.version
    )
    played = airing.starts_at + datetime.timedelta(minutes=1)
    assert rehearsal.playback_post(broadcast_id=airing.pk, now=played)
    airing.refresh_from_db()
    assert airing.status == "aired"
    assert airing.reach.get().method == "measured"
    assert airing.plays.count() == airing.channel.smart_radio.clusters.count()


def test_the_demo_loads_once_holds_every_part_and_resets(
    monkeypatch, settings, tmp_path, client, shared_data
):
    monkeypatch.delenv("DEMO_ADMIN_PASSWORD", raising=False)
    settings.VAR_DIR = tmp_path
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_MEDIA_ROOT = tmp_path / "private"
    load()
    password = (tmp_path / "demo-admin-password").read_text().strip()
    assert len(password) >= 12
    first = state()
    load()
    assert state() == first
    assert (tmp_path / "demo-admin-password").read_text().strip() == password

    check_campaign(client, password)
    check_images(client, password)
    check_sessions(client, password)
    check_press_and_feeds(client)
    check_results(client)
    check_plan_feeds_every_channel_and_explains_it(client)
    check_smart_radio(client)
    check_year_two(client, shared_data)
    check_rehearsal()

    Slogan.objects.filter(sort_order=1).delete()
    load("--reset")
    assert Slogan.objects.live().count() == 3 * 2  # 2017 and the announced year
    assert CampaignPage.objects.count() == 2
    assert Session.objects.count() == 8 + len(yeartwo.SESSIONS)
    assert CampaignImage.objects.filter(consent=Consent.WITHHELD).count() == 1


def test_a_given_demo_password_wins_and_nothing_is_written(
    monkeypatch, settings, tmp_path
):
    from cms.management.commands.load_demo import demo_admin_password

    settings.VAR_DIR = tmp_path
    monkeypatch.setenv("DEMO_ADMIN_PASSWORD", "mat-khau-demo-2017")
    assert demo_admin_password() == "mat-khau-demo-2017"
    assert not (tmp_path / "demo-admin-password").exists()
