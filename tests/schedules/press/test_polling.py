"""Polling outlets end to end: a local HTTP server, the poller, coverage, reach, review.

The fetcher's own defences (bombs, drips, redirects) are tested in test_fetch.py;
here each outlet ends in a clear state and never disturbs the others.
"""

import datetime
import gzip
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse

from cms.models import JobRun
from schedules.models import (
    Coverage,
    CoverageStatus,
    PressOutlet,
    ReachMethod,
    ReachRecord,
)
from schedules.press.polling import campaign_terms, outlets_poll
from schedules.press.review import coverage_review
from schedules.press.tasks import poll_press_feeds
from tests import factories

pytestmark = pytest.mark.django_db

NOW = datetime.datetime(2017, 7, 30, 10, 0, tzinfo=datetime.UTC)
ETAG = '"rss-v1"'

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Báo Thanh Hóa</title>
<link>https://baothanhhoa.example/</link><description>Tin</description>
<item>
  <title>Thanh Hóa hưởng ứng Ngày toàn dân phòng, chống mua bán người</title>
  <link>https://baothanhhoa.example/bai-1.html</link>
  <guid isPermaLink="false">bai-1</guid>
  <description>&lt;p&gt;Nhiều hoạt động
    &lt;b&gt;tuyên truyền&lt;/b&gt;&lt;/p&gt;</description>
  <pubDate>Sun, 30 Jul 2017 08:00:00 +0700</pubDate>
</item>
<item>
  <title>Giá lúa vụ chiêm xuân tăng</title>
  <link>https://baothanhhoa.example/bai-2.html</link>
  <guid isPermaLink="false">bai-2</guid>
  <pubDate>Sun, 30 Jul 2017 09:00:00 +0700</pubDate>
</item>
<item>
  <title>Cảnh giác lời mời sang Lào làm việc</title>
  <link>https://baothanhhoa.example/bai-3.html</link>
  <description>Chung tay phong, chong mua ban nguoi o vung bien gioi</description>
  <pubDate>Sat, 29 Jul 2017 18:00:00 +0700</pubDate>
</item>
<item>
  <title>Thanh Hóa hưởng ứng Ngày toàn dân phòng, chống mua bán người</title>
  <link>https://baothanhhoa.example/bai-1.html</link>
  <guid isPermaLink="false">bai-1</guid>
</item>
<item>
  <title>Phòng, chống mua bán người năm 2016</title>
  <link>https://baothanhhoa.example/cu.html</link>
  <pubDate>Sat, 30 Jul 2016 08:00:00 +0700</pubDate>
</item>
</channel></rss>
""".encode()

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Đài PT-TH</title><id>urn:dai</id>
<updated>2017-07-30T01:00:00Z</updated>
<entry><id>urn:dai:1</id><title>BUÔN BÁN NGƯỜI qua biên giới: cảnh báo mới</title>
<link rel="alternate" href="https://dai.example/1"/>
<updated>2017-07-30T01:00:00Z</updated>
<summary type="html">&lt;script&gt;alert(1)&lt;/script&gt;Bài phóng sự</summary></entry>
<entry><id>urn:dai:2</id><title>Thời tiết cuối tuần</title>
<link rel="alternate" href="https://dai.example/2"/>
<updated>2017-07-30T02:00:00Z</updated></entry>
</feed>
""".encode()

HOSTILE_TITLE = """<?xml version="1.0"?><rss version="2.0"><channel><title>x</title>
<item><title>&amp;lt;script&amp;gt;alert("mua bán người")&amp;lt;/script&amp;gt;</title>
<link>https://xau.example/1</link><pubDate>Sun, 30 Jul 2017 08:00:00 +0700</pubDate>
</item></channel></rss>""".encode()

MALFORMED = b'<?xml version="1.0"?><rss version="2.0"><channel><title>x</chan'
ENTITY_BOMB = (
    b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "mua ban nguoi ">'
    b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><rss version="2.0"><channel>'
    b"<title>t</title><item><title>&b;&b;&b;</title><link>https://x.example/</link>"
    b"</item></channel></rss>"
)


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.0"
    routes = {}
    seen = []

    def do_GET(self):
        self.seen.append((self.path, self.headers.get("If-None-Match")))
        status, body, headers = self.routes.get(self.path, (404, b"", {}))
        if callable(body):
            status, body, headers = body(self)
        self.send_response(status)
        for name, value in {"Content-Type": "application/xml", **headers}.items():
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format, *args):
        pass


GZIP = {"Content-Encoding": "gzip"}


def conditional_rss(handler):
    if handler.headers.get("If-None-Match") == ETAG:
        return 304, b"", {"ETag": ETAG}
    return 200, RSS, {"ETag": ETAG, "Last-Modified": "Sun, 30 Jul 2017 02:00:00 GMT"}


@pytest.fixture(scope="module")
def press_server():
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    Handler.routes.update(
        {
            "/rss": (200, conditional_rss, {}),
            "/atom": (200, ATOM, {"Content-Type": "application/atom+xml"}),
            "/hostile": (200, HOSTILE_TITLE, {}),
            "/malformed": (200, MALFORMED, {}),
            "/error": (500, b"Internal Server Error", {"Content-Type": "text/html"}),
            "/bomb": (200, ENTITY_BOMB, {}),
            "/gzip-bomb": (200, gzip.compress(bytes(20 * 1024 * 1024)), GZIP),
            "/loop": (302, b"", {"Location": "/loop-again"}),
            "/loop-again": (302, b"", {"Location": "/loop"}),
            "/to-metadata": (
                302,
                b"",
                {"Location": "http://169.254.169.254/latest/meta-data/"},
            ),
        }
    )
    yield lambda path: f"http://127.0.0.1:{server.server_address[1]}{path}"
    server.shutdown()
    server.server_close()


@pytest.fixture(autouse=True)
def loopback_allowed(settings):
    settings.PRESS_FETCH_ALLOW_LOOPBACK = True  # our test outlets live on 127.0.0.1
    Handler.seen.clear()


@pytest.fixture
def campaign():
    page = factories.CampaignPageFactory(
        press_terms="buôn bán người\n\n  mua bán người  \n"
    )
    factories.SloganFactory(campaign=page, text="Chung tay phòng, chống mua bán người")
    return page


def make_outlet(url, name="Báo Thanh Hóa", readership=45_000):
    return factories.PressOutletFactory(name=name, feed_url=url, readership=readership)


def test_terms_are_name_slogans_and_editor_terms(campaign):
    assert campaign_terms(campaign) == [
        campaign.title,
        "Ngày toàn dân phòng, chống mua bán người – 30/7",
        "Chung tay phòng, chống mua bán người",
        "buôn bán người",
        "mua bán người",
    ]


def test_rss_matches_become_coverage_with_one_estimated_reach(press_server, campaign):
    outlet = make_outlet(press_server("/rss"))
    (result,) = outlets_poll(now=NOW)

    assert result.status == "ok"
    assert result.entries == 5
    found = {c.entry_id: c for c in Coverage.objects.all()}
    # The same entry twice in the feed is one article; 2016's has no campaign.
    assert set(found) == {"bai-1", "https://baothanhhoa.example/bai-3.html"}
    first = found["bai-1"]
    assert first.title == "Thanh Hóa hưởng ứng Ngày toàn dân phòng, chống mua bán người"
    assert first.summary == "Nhiều hoạt động tuyên truyền"  # stored as plain text
    assert first.link == "https://baothanhhoa.example/bai-1.html"
    assert first.campaign == campaign
    assert first.status == CoverageStatus.PENDING
    assert first.published_at == datetime.datetime(2017, 7, 30, 1, tzinfo=datetime.UTC)
    assert "mua bán người" in first.matched_terms
    unaccented = found["https://baothanhhoa.example/bai-3.html"]
    assert "Chung tay phòng, chống mua bán người" in unaccented.matched_terms

    (reach,) = ReachRecord.objects.filter(coverage=first)
    assert (reach.count, reach.region, reach.method) == (
        45_000,
        outlet.region,
        ReachMethod.ESTIMATED,
    )
    assert reach.reached_at == first.published_at
    assert ReachRecord.objects.count() == 2

    outlet.refresh_from_db()
    assert outlet.last_polled_at == NOW
    assert (outlet.consecutive_failures, outlet.last_error) == (0, "")
    assert outlet.etag == ETAG
    assert outlet.last_modified == "Sun, 30 Jul 2017 02:00:00 GMT"


def test_atom_matches_without_caring_for_case(press_server, campaign):
    make_outlet(press_server("/atom"), name="Đài PT-TH Thanh Hóa")
    (result,) = outlets_poll(now=NOW)
    (coverage,) = result.created
    assert coverage.entry_id == "urn:dai:1"
    assert coverage.matched_terms == ["buôn bán người"]
    assert coverage.summary == "Bài phóng sự"  # the script is gone, not stored


def test_not_modified_sends_the_etag_and_adds_nothing(press_server, campaign):
    outlet = make_outlet(press_server("/rss"))
    outlets_poll(now=NOW)
    later = NOW + datetime.timedelta(minutes=30)
    (result,) = outlets_poll(now=later)

    assert result.status == "not_modified"
    assert Handler.seen[-1] == ("/rss", ETAG)
    assert Coverage.objects.count() == 2 and ReachRecord.objects.count() == 2
    outlet.refresh_from_db()
    assert outlet.last_polled_at == later and outlet.etag == ETAG


def test_polling_again_never_duplicates(press_server, campaign):
    outlet = make_outlet(press_server("/rss"))
    outlets_poll(now=NOW)
    PressOutlet.objects.filter(pk=outlet.pk).update(etag="", last_modified="")
    (result,) = outlets_poll(now=NOW + datetime.timedelta(hours=1))
    assert result.status == "ok" and result.created == []
    assert Coverage.objects.count() == 2 and ReachRecord.objects.count() == 2


@pytest.mark.parametrize(
    "path_or_url",
    [
        "/malformed",
        "/error",
        "/missing",
        "/bomb",
        "/gzip-bomb",
        "/loop",
        "/to-metadata",
        "file:///etc/passwd",
        "ftp://127.0.0.1/x",
    ],
)
def test_a_failing_outlet_is_marked_and_the_others_go_on(
    press_server, campaign, path_or_url
):
    url = press_server(path_or_url) if path_or_url.startswith("/") else path_or_url
    bad = make_outlet(url, name="Nguồn hỏng")
    good = make_outlet(press_server("/rss"), name="Báo Thanh Hóa")

    results = {r.outlet.pk: r for r in outlets_poll(now=NOW)}
    outlets_poll(now=NOW + datetime.timedelta(minutes=30))

    assert results[bad.pk].status == "failed" and results[bad.pk].reason
    assert results[good.pk].status == "ok" and len(results[good.pk].created) == 2
    bad.refresh_from_db()
    assert bad.consecutive_failures == 2
    assert bad.last_error == results[bad.pk].reason
    assert bad.last_polled_at == NOW + datetime.timedelta(minutes=30)
    assert not Coverage.objects.filter(outlet=bad).exists()
    good.refresh_from_db()
    assert good.consecutive_failures == 0


def test_loopback_is_refused_unless_the_setting_allows_it(
    press_server, campaign, settings
):
    settings.PRESS_FETCH_ALLOW_LOOPBACK = False
    outlet = make_outlet(press_server("/rss"))
    (result,) = outlets_poll(now=NOW)
    assert result.status == "failed"
    assert Handler.seen == []  # refused before any connection
    outlet.refresh_from_db()
    assert outlet.consecutive_failures == 1 and outlet.last_error


def test_inactive_outlets_are_not_polled(press_server, campaign):
    outlet = make_outlet(press_server("/rss"))
    outlet.active = False
    outlet.save()
    assert outlets_poll(now=NOW) == []
    assert Handler.seen == []


def test_a_success_clears_the_failures(press_server, campaign):
    outlet = make_outlet(press_server("/rss"))
    PressOutlet.objects.filter(pk=outlet.pk).update(
        consecutive_failures=3, last_error="Máy chủ trả về mã lỗi 500"
    )
    outlets_poll(now=NOW)
    outlet.refresh_from_db()
    assert (outlet.consecutive_failures, outlet.last_error) == (0, "")


def test_rejecting_drops_the_reach_and_confirming_restores_it(press_server, campaign):
    make_outlet(press_server("/rss"))
    outlets_poll(now=NOW)
    coverage = Coverage.objects.get(entry_id="bai-1")
    editor = factories.UserFactory()

    coverage_review(coverage=coverage, status="rejected", user=editor, now=NOW)
    coverage.refresh_from_db()
    assert coverage.status == CoverageStatus.REJECTED
    assert coverage.reviewed_by == editor
    assert not ReachRecord.objects.filter(coverage=coverage).exists()

    coverage_review(coverage=coverage, status="confirmed", user=editor, now=NOW)
    (reach,) = ReachRecord.objects.filter(coverage=coverage)
    assert reach.count == 45_000
    coverage_review(coverage=coverage, status="confirmed", user=editor, now=NOW)
    assert ReachRecord.objects.filter(coverage=coverage).count() == 1


def test_the_job_and_the_command(press_server, campaign):
    job = settings.CELERY_BEAT_SCHEDULE["poll-press-feeds"]
    assert job == {
        "task": "schedules.press.tasks.poll_press_feeds",
        "schedule": 30 * 60,
    }
    outlet = make_outlet(press_server("/rss"))
    poll_press_feeds.apply()
    assert Coverage.objects.filter(outlet=outlet).count() == 2
    assert JobRun.objects.filter(name="poll_press_feeds").exists()
    PressOutlet.objects.filter(pk=outlet.pk).update(etag="", last_modified="")
    call_command("poll_press_feeds")  # safe to run twice
    assert Coverage.objects.filter(outlet=outlet).count() == 2


@pytest.fixture
def admin_client(client):
    client.force_login(factories.UserFactory(is_superuser=True, is_staff=True))
    return client


def test_the_admin_shows_outside_text_escaped(press_server, campaign, admin_client):
    make_outlet(press_server("/hostile"))
    outlets_poll(now=NOW)
    coverage = Coverage.objects.get()
    assert coverage.title == '<script>alert("mua bán người")</script>'
    pages = [
        reverse("press_coverage:index"),
        reverse("press_coverage:edit", args=(coverage.pk,)),
        reverse("press_coverage:inspect", args=(coverage.pk,)),
        reverse("press_coverage:review", args=(coverage.pk, "rejected")),
    ]
    for url in pages:
        response = admin_client.get(url)
        assert response.status_code == 200, url
        body = response.content.decode()
        assert "<script>alert(" not in body, url
        assert "&lt;script&gt;alert(" in body, url
    review = reverse("press_coverage:review", args=(coverage.pk, "rejected"))
    body = admin_client.post(review, follow=True).content.decode()
    assert "rejected; its reach no longer counts" in body or "bị loại" in body
    assert "<script>alert(" not in body


def test_editors_review_from_the_admin(press_server, campaign, admin_client):
    make_outlet(press_server("/rss"))
    outlets_poll(now=NOW)
    coverage = Coverage.objects.get(entry_id="bai-1")

    response = admin_client.post(
        reverse("press_coverage:review", args=(coverage.pk, "rejected"))
    )
    assert response.status_code == 302
    assert not ReachRecord.objects.filter(coverage=coverage).exists()

    response = admin_client.post(
        reverse("press_coverage:edit", args=(coverage.pk,)), {"status": "confirmed"}
    )
    assert response.status_code == 302
    coverage.refresh_from_db()
    assert coverage.status == CoverageStatus.CONFIRMED
    assert ReachRecord.objects.filter(coverage=coverage).count() == 1

    index = admin_client.get(reverse("press_coverage:index"), {"status": "confirmed"})
    assert coverage.title in index.content.decode()
    assert admin_client.get(reverse("press_coverage:add")).status_code in (302, 403)
    assert (
        admin_client.get(
            reverse("press_coverage:review", args=(coverage.pk, "deleted"))
        ).status_code
        == 404
    )


def test_the_outlets_list_shows_failures_escaped(press_server, campaign, admin_client):
    make_outlet(press_server("/malformed"), name="Nguồn <i>hỏng</i>")
    outlets_poll(now=NOW)
    body = admin_client.get(reverse("press_outlets:index"))
    text = body.content.decode()
    assert "Nguồn &lt;i&gt;hỏng&lt;/i&gt;" in text
    assert "&lt;unknown&gt;" in text  # the parser's message, as text
    assert admin_client.get(reverse("press_outlets:add")).status_code == 200
