"""fetch_feed against a real, hostile HTTP server on 127.0.0.1.

Every case ends in a FetchResult with a reason an organiser can read, never in an
exception; only 127.0.0.1 is ever connected to.
"""

import socket
import time
from datetime import UTC, datetime
from urllib.parse import quote

import pytest

from schedules.press.fetch import FetchResult, FetchStatus, fetch_feed

from .conftest import ETAG, LAST_MODIFIED

PORT_ANY = 0


def fetch(outlet, path, **kwargs) -> FetchResult:
    kwargs.setdefault("allow_loopback", True)
    return fetch_feed(outlet.url(path), **kwargs)


def resolving(table, calls=None):
    """A resolver for made-up names, standing in for DNS (outside our system)."""

    def resolve(host, port, *args, **kwargs):
        if calls is not None:
            calls.append(host)
        if host not in table:
            raise socket.gaierror(socket.EAI_NONAME, "Name or service not known")
        return [
            (
                socket.AF_INET6 if ":" in ip else socket.AF_INET,
                socket.SOCK_STREAM,
                6,
                "",
                (ip, port, 0, 0) if ":" in ip else (ip, port),
            )
            for ip in table[host]
        ]

    return resolve


def assert_failed(result: FetchResult, reason: str):
    assert result.status == FetchStatus.FAILED, result
    assert reason in result.reason
    assert result.entries == []


# --- Feeds that work ------------------------------------------------------------------


def test_rss_entries_arrive_as_plain_text(outlet):
    result = fetch(outlet, "/rss.xml")

    assert result.status == "ok"
    assert (result.reason, result.warning) == ("", "")
    assert (result.http_status, result.final_url) == (200, outlet.url("/rss.xml"))
    assert (result.etag, result.last_modified) == (ETAG, LAST_MODIFIED)
    first, second, third = result.entries
    assert first.entry_id == "bai-1"
    assert first.link == "https://bao.example/bai-1"
    assert first.title == "Hưởng ứng Ngày toàn dân phòng, chống mua bán người 30/7"
    assert first.summary == "Tuyên truyền về phòng, chống mua bán người"
    assert first.published == datetime(2024, 7, 30, 1, 0, tzinfo=UTC)
    # No guid: the link, made absolute against the feed's URL, identifies the entry.
    assert second.link == second.entry_id == outlet.url("/bai-2")
    assert second.published is None
    # A javascript: link must never reach an href.
    assert (third.entry_id, third.link) == ("bai-3", "")


def test_atom_entries(outlet):
    result = fetch(outlet, "/atom.xml")

    assert result.status == "ok"
    (entry,) = result.entries
    assert entry.entry_id == "urn:bai-atom"
    assert entry.link == "https://bao.example/atom-1"
    assert entry.title == "BUÔN BÁN NGƯỜI"
    assert entry.summary == "Nội dung"
    assert entry.published == datetime(2024, 7, 29, 23, 30, tzinfo=UTC)


@pytest.mark.parametrize("path", ["/rss.xml.gz", "/rss.xml.deflate"])
def test_compressed_feed_is_decompressed(outlet, path):
    result = fetch(outlet, path)

    assert result.status == "ok"
    assert [e.entry_id for e in result.entries][0] == "bai-1"


def test_unchanged_feed_by_etag_is_not_modified(outlet):
    result = fetch(outlet, "/rss.xml", etag=ETAG)

    assert result.status == FetchStatus.NOT_MODIFIED
    assert (result.http_status, result.etag) == (304, ETAG)
    assert result.entries == []


def test_unchanged_feed_by_date_is_not_modified(outlet):
    result = fetch(outlet, "/rss.xml", last_modified=LAST_MODIFIED)

    assert result.status == FetchStatus.NOT_MODIFIED
    assert result.last_modified == LAST_MODIFIED


def test_changed_feed_is_fetched_again(outlet):
    result = fetch(outlet, "/rss.xml", etag='"v0"')

    assert result.status == "ok"
    assert result.etag == ETAG


def test_validator_with_line_break_is_not_sent(outlet):
    result = fetch(outlet, "/rss.xml", etag=ETAG + "\r\nX-Injected: 1")

    assert result.status == "ok"


# --- Content that is not a usable feed ------------------------------------------------


def test_malformed_xml_without_entries_fails(outlet):
    result = fetch(outlet, "/malformed.xml")

    assert_failed(result, "Nguồn tin không đúng định dạng RSS/Atom: ")
    assert result.http_status == 200


def test_sloppy_feed_is_read_with_a_warning(outlet):
    result = fetch(outlet, "/sloppy.xml")

    assert result.status == "ok"
    assert result.warning.startswith("Nguồn tin có lỗi định dạng nhưng vẫn đọc được 1")
    assert result.entries[0].title == "Mua bán người"


def test_html_page_is_not_a_feed(outlet):
    assert_failed(fetch(outlet, "/html"), "Nguồn tin không đúng định dạng RSS/Atom")


@pytest.mark.parametrize("path", ["/billion-laughs.xml", "/quadratic.xml"])
def test_entity_expansion_bombs_are_refused(outlet, path):
    started = time.monotonic()
    result = fetch(outlet, path)

    assert_failed(result, "khai báo thực thể XML (<!ENTITY>)")
    assert time.monotonic() - started < 1


def test_body_naming_a_local_file_is_not_read(outlet, tmp_path):
    # feedparser.parse(bytes) would open these bytes as a path on our disk.
    local = tmp_path / "secret.xml"
    local.write_bytes(RSS_WITH_SECRET)

    result = fetch(outlet, "/echo?body=" + quote(str(local)))

    assert_failed(result, "Nguồn tin không đúng định dạng RSS/Atom")


RSS_WITH_SECRET = (
    b'<rss version="2.0"><channel><title>local</title>'
    b"<item><title>secret</title><guid>secret</guid></item></channel></rss>"
)


def test_odd_headers_do_not_break_the_fetch(outlet):
    result = fetch(outlet, "/odd-headers")

    assert result.status == "ok"
    assert result.etag is None  # a validator we could not send back safely


def test_body_cut_short_fails(outlet):
    assert_failed(fetch(outlet, "/truncated"), "Phản hồi bị cắt ngang")


# --- Size and time limits -------------------------------------------------------------


def test_endless_body_is_cut_at_the_cap(outlet):
    started = time.monotonic()
    result = fetch(outlet, "/huge")

    assert_failed(result, "Phản hồi vượt quá 5 MB")
    assert "giải nén" not in result.reason
    assert time.monotonic() - started < 10


def test_declared_huge_body_is_refused_before_reading(outlet):
    result = fetch(outlet, "/huge-declared")

    assert_failed(result, "Phản hồi quá lớn: 52428856 byte, tối đa 5 MB")


def test_cap_is_a_parameter(outlet):
    result = fetch(outlet, "/rss.xml", max_bytes=500)

    assert_failed(result, "Phản hồi quá lớn")
    assert "tối đa 500 byte" in result.reason


def test_gzip_bomb_is_cut_after_decompression(outlet):
    result = fetch(outlet, "/gzip-bomb")

    assert_failed(result, "Phản hồi vượt quá 5 MB sau khi giải nén")


def test_unsupported_content_encoding_fails(outlet):
    assert_failed(fetch(outlet, "/brotli"), "Kiểu nén không được hỗ trợ: br")


@pytest.mark.parametrize("path", ["/drip-body", "/drip-headers"])
def test_server_dripping_bytes_is_abandoned_at_the_deadline(outlet, path):
    # A byte a second never trips the 10 s read timeout; only the total one can.
    started = time.monotonic()
    result = fetch(outlet, path, total_timeout=2)

    assert_failed(result, "Máy chủ trả lời quá chậm")
    assert time.monotonic() - started < 4


# --- Status codes and redirects -------------------------------------------------------


@pytest.mark.parametrize("code", [500, 404, 403])
def test_error_status_fails_with_the_code(outlet, code):
    result = fetch(outlet, f"/status?code={code}")

    assert_failed(result, f"Máy chủ trả về mã lỗi {code}")
    assert result.http_status == code


def test_relative_redirect_is_followed(outlet):
    result = fetch(outlet, "/redirect?to=/rss.xml")

    assert result.status == "ok"
    assert result.final_url == outlet.url("/rss.xml")


def test_three_redirects_are_followed(outlet):
    assert fetch(outlet, "/chain?n=2").status == "ok"  # 3 redirects, then the feed


def test_fourth_redirect_is_refused(outlet):
    result = fetch(outlet, "/chain?n=3")

    assert_failed(result, "Quá nhiều lần chuyển hướng (tối đa 3)")


def test_redirect_loop_is_refused(outlet):
    result = fetch(outlet, "/loop-a", max_redirects=10)

    assert_failed(result, "Vòng lặp chuyển hướng tại " + outlet.url("/loop-a"))


@pytest.mark.parametrize(
    ("location", "reason"),
    [
        ("http://10.0.0.1/feed", "10.0.0.1 là địa chỉ mạng nội bộ"),
        ("http://169.254.169.254/latest/meta-data/", "169.254.169.254 là địa chỉ link"),
        ("http://[::ffff:10.0.0.1]/", "::ffff:10.0.0.1 là địa chỉ mạng nội bộ"),
        ("http://[fd00::1]/", "fd00::1 là địa chỉ mạng nội bộ"),
        ("http://0.0.0.0:{port}/rss.xml", "0.0.0.0 là địa chỉ không xác định"),
        ("file:///etc/passwd", "Giao thức không được hỗ trợ: file"),
        ("gopher://127.0.0.1:{port}/", "Giao thức không được hỗ trợ: gopher"),
    ],
)
def test_redirect_to_a_refused_address_is_checked_before_connecting(
    outlet, location, reason
):
    # allow_loopback lets us reach the test server, and nothing else.
    location = location.format(port=outlet.port)
    result = fetch(outlet, "/redirect?to=" + quote(location))

    assert_failed(result, reason)
    assert result.final_url == location


# --- Refused before any request -------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "reason"),
    [
        ("file:///etc/passwd", "Giao thức không được hỗ trợ: file"),
        ("ftp://127.0.0.1/feed.xml", "Giao thức không được hỗ trợ: ftp"),
        ("gopher://127.0.0.1:70/", "Giao thức không được hỗ trợ: gopher"),
        ("bao.example/rss", "Giao thức không được hỗ trợ: (không có)"),
        ("http:///rss", "thiếu tên máy chủ"),
        ("http://127.0.0.1:99999/", "Địa chỉ không hợp lệ"),
    ],
)
def test_unusable_urls_are_refused(url, reason):
    assert_failed(fetch_feed(url, allow_loopback=True), reason)


def test_loopback_is_refused_unless_allowed(outlet):
    result = fetch(outlet, "/rss.xml", allow_loopback=False)

    assert_failed(result, "Địa chỉ bị từ chối: 127.0.0.1 là địa chỉ loopback")


def test_name_resolving_to_a_private_address_is_refused():
    resolver = resolving({"intranet.example": ["10.0.0.5"]})

    result = fetch_feed("https://intranet.example/rss", resolver=resolver)

    assert_failed(result, "Địa chỉ bị từ chối: 10.0.0.5 là địa chỉ mạng nội bộ")


def test_name_with_one_private_address_among_good_ones_is_refused(outlet):
    # 127.0.0.1 is allowed here and serves the feed; 10.0.0.5 still refuses the name.
    resolver = resolving({"mixed.example": ["127.0.0.1", "10.0.0.5"]})

    result = fetch_feed(
        outlet.url("/rss.xml", host="mixed.example"),
        resolver=resolver,
        allow_loopback=True,
    )

    assert_failed(result, "10.0.0.5 là địa chỉ mạng nội bộ")


def test_unknown_name_fails():
    result = fetch_feed("http://no-such-outlet.example/rss", resolver=resolving({}))

    assert_failed(result, "Không phân giải được tên miền no-such-outlet.example")


def test_connection_refused_fails():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", PORT_ANY))
        port = probe.getsockname()[1]
    # Nothing listens on the port any more.
    result = fetch_feed(f"http://127.0.0.1:{port}/rss", allow_loopback=True)

    assert_failed(result, "Lỗi kết nối tới 127.0.0.1")


# --- Address pinning and TLS ----------------------------------------------------------


def test_connects_to_the_checked_address_and_names_the_host(outlet):
    # feed.test exists only in our resolver: any second lookup would fail.
    calls = []
    resolver = resolving({"feed.test": ["127.0.0.1"]}, calls)

    result = fetch_feed(
        outlet.url("/whoami", host="feed.test"), resolver=resolver, allow_loopback=True
    )

    assert result.status == "ok"
    assert result.entries[0].title == f"feed.test:{outlet.port}"
    assert calls == ["feed.test"]


def test_https_verifies_the_certificate_against_the_host_name(
    tls_outlet, trusting_context
):
    resolver = resolving({"feed.test": ["127.0.0.1"]})

    result = fetch_feed(
        tls_outlet.url("/rss.xml", host="feed.test"),
        resolver=resolver,
        allow_loopback=True,
        ssl_context=trusting_context,
    )

    assert result.status == "ok"
    assert result.entries[0].entry_id == "bai-1"


def test_https_refuses_a_certificate_for_another_name(tls_outlet, trusting_context):
    resolver = resolving({"other.test": ["127.0.0.1"]})

    result = fetch_feed(
        tls_outlet.url("/rss.xml", host="other.test"),
        resolver=resolver,
        allow_loopback=True,
        ssl_context=trusting_context,
    )

    assert_failed(result, "Chứng chỉ TLS của other.test không hợp lệ")


def test_https_refuses_an_untrusted_certificate(tls_outlet):
    resolver = resolving({"feed.test": ["127.0.0.1"]})

    result = fetch_feed(
        tls_outlet.url("/rss.xml", host="feed.test"),
        resolver=resolver,
        allow_loopback=True,
    )

    assert_failed(result, "Chứng chỉ TLS của feed.test không hợp lệ")
