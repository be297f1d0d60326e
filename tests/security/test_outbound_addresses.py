"""Which addresses a feed may come from, decided before any connection is made."""

import ipaddress
import socket

import pytest
from django.utils import translation

from schedules.network import Refused, address_problem, check_url


def resolver_for(*ips):
    def resolve(host, port, *args, **kwargs):
        return [
            (socket.AF_INET6 if ":" in ip else socket.AF_INET, 1, 6, "", (ip, port))
            for ip in ips
        ]

    return resolve


@pytest.mark.parametrize(
    ("ip", "problem"),
    [
        ("203.113.131.1", None),
        ("8.8.8.8", None),
        ("2606:4700::1111", None),
        ("10.0.0.5", "địa chỉ mạng nội bộ"),
        ("172.16.3.4", "địa chỉ mạng nội bộ"),
        ("192.168.1.1", "địa chỉ mạng nội bộ"),
        ("100.64.0.1", "địa chỉ mạng nội bộ"),
        ("fd12:3456::1", "địa chỉ mạng nội bộ"),
        ("127.0.0.1", "địa chỉ loopback (chính máy chủ của ta)"),
        ("127.8.9.10", "địa chỉ loopback (chính máy chủ của ta)"),
        ("::1", "địa chỉ loopback (chính máy chủ của ta)"),
        ("169.254.169.254", "địa chỉ link-local (ví dụ máy chủ metadata đám mây)"),
        ("fe80::1", "địa chỉ link-local (ví dụ máy chủ metadata đám mây)"),
        ("224.0.0.1", "địa chỉ multicast"),
        ("ff02::1", "địa chỉ multicast"),
        ("0.0.0.0", "địa chỉ không xác định"),
        ("::", "địa chỉ không xác định"),
        ("240.0.0.1", "địa chỉ dành riêng, không dùng trên Internet"),
        ("255.255.255.255", "địa chỉ dành riêng, không dùng trên Internet"),
        ("192.0.2.10", "địa chỉ dành riêng, không dùng trên Internet"),
        ("0.1.2.3", "địa chỉ dành riêng, không dùng trên Internet"),
        # IPv4 inside IPv6 is judged as the IPv4 address it leads to.
        ("::ffff:10.0.0.5", "địa chỉ mạng nội bộ"),
        ("::ffff:127.0.0.1", "địa chỉ loopback (chính máy chủ của ta)"),
        ("64:ff9b::a9fe:a9fe", "địa chỉ link-local (ví dụ máy chủ metadata đám mây)"),
        ("2002:a00:5::1", "địa chỉ mạng nội bộ"),
        ("::ffff:8.8.8.8", None),
    ],
)
def test_address_policy(ip, problem):
    assert address_problem(ipaddress.ip_address(ip)) == problem


@pytest.mark.parametrize(
    ("ip", "allow_private", "allow_loopback", "allowed"),
    [
        ("127.0.0.1", False, True, True),
        ("10.0.0.5", False, True, False),
        ("10.0.0.5", True, False, True),
        ("fd00::1", True, False, True),
        ("127.0.0.1", True, False, False),
        ("169.254.169.254", True, True, False),
        ("0.0.0.0", True, True, False),
    ],
)
def test_flags_open_only_what_they_name(ip, allow_private, allow_loopback, allowed):
    problem = address_problem(
        ipaddress.ip_address(ip),
        allow_private=allow_private,
        allow_loopback=allow_loopback,
    )
    assert (problem is None) == allowed


def test_checked_url_keeps_the_host_and_the_vetted_addresses():
    target = check_url(
        "https://Bao.Example:8443/rss feed?q=mua bán#top",
        resolver=resolver_for("203.113.131.1", "2606:4700::1111"),
    )

    assert (target.scheme, target.host, target.port) == ("https", "bao.example", 8443)
    assert target.request_target == "/rss%20feed?q=mua%20b%C3%A1n"
    assert target.url == "https://Bao.Example:8443/rss feed?q=mua bán"
    assert [sockaddr[0] for _family, sockaddr in target.addresses] == [
        "203.113.131.1",
        "2606:4700::1111",
    ]


def test_international_domain_is_resolved_in_its_ascii_form():
    asked = []

    def resolve(host, port, *args, **kwargs):
        asked.append((host, port))
        return resolver_for("203.113.131.1")(host, port)

    target = check_url("http://báo.vn/rss", resolver=resolve)

    assert asked == [("xn--bo-mia.vn", 80)]
    assert target.host == "xn--bo-mia.vn"


def test_one_bad_address_refuses_the_name_whatever_its_place():
    with pytest.raises(Refused) as refused:
        check_url("http://x.example/", resolver=resolver_for("8.8.8.8", "10.1.2.3"))

    assert refused.value.reason == "Địa chỉ bị từ chối: 10.1.2.3 là địa chỉ mạng nội bộ"


@pytest.mark.parametrize(
    ("ip", "problem"),
    [
        # Every IPv6 form that leads to 127.0.0.1.
        ("::ffff:127.0.0.1", "địa chỉ loopback (chính máy chủ của ta)"),
        ("::ffff:7f00:1", "địa chỉ loopback (chính máy chủ của ta)"),
        ("::127.0.0.1", "địa chỉ loopback (chính máy chủ của ta)"),
        ("64:ff9b::127.0.0.1", "địa chỉ loopback (chính máy chủ của ta)"),
        ("64:ff9b::7f00:1", "địa chỉ loopback (chính máy chủ của ta)"),
        ("64:ff9b:1::7f00:1", "địa chỉ NAT64 dùng riêng, dẫn vào mạng nội bộ"),
        ("64:ff9b:1:7f00:1::", "địa chỉ NAT64 dùng riêng, dẫn vào mạng nội bộ"),
        ("2002:7f00:1::", "địa chỉ loopback (chính máy chủ của ta)"),
        ("2002:7f00:1:1234::5", "địa chỉ loopback (chính máy chủ của ta)"),
        # Teredo: server 127.0.0.1, client 8.8.8.8 (stored inverted).
        ("2001:0:7f00:1:0:0:f7f7:f7f7", "địa chỉ loopback (chính máy chủ của ta)"),
        # Teredo: server 8.8.8.8, client 127.0.0.1.
        ("2001:0:808:808::80ff:fffe", "địa chỉ loopback (chính máy chủ của ta)"),
        # The cloud metadata address in each form.
        ("::169.254.169.254", "địa chỉ link-local (ví dụ máy chủ metadata đám mây)"),
        ("2002:a9fe:a9fe::1", "địa chỉ link-local (ví dụ máy chủ metadata đám mây)"),
        # Private and reserved IPv4 behind IPv6.
        ("64:ff9b::192.168.1.1", "địa chỉ mạng nội bộ"),
        ("::10.1.2.3", "địa chỉ mạng nội bộ"),
        ("::ffff:0.0.0.0", "địa chỉ không xác định"),
        ("::ffff:224.0.0.1", "địa chỉ multicast"),
        ("64:ff9b::240.0.0.1", "địa chỉ dành riêng, không dùng trên Internet"),
        # The deprecated compatible form is refused even for a public address.
        ("::8.8.8.8", "địa chỉ dành riêng, không dùng trên Internet"),
        ("2001:db8::1", "địa chỉ dành riêng, không dùng trên Internet"),
        ("fec0::1", "địa chỉ mạng nội bộ"),
        # Public IPv4 behind IPv6 is as public as itself.
        ("64:ff9b::8.8.8.8", None),
        ("2002:808:808::1", None),
    ],
)
def test_ipv4_embedded_in_ipv6_is_judged_by_where_it_leads(ip, problem):
    assert address_problem(ipaddress.ip_address(ip)) == problem


@pytest.mark.parametrize("ip", ["10.38.1.20", "::ffff:10.38.1.20", "64:ff9b::a26:114"])
def test_the_allow_list_opens_only_the_networks_it_names(ip):
    allowed = ["10.38.0.0/16"]
    assert address_problem(ipaddress.ip_address(ip), allowed_networks=allowed) is None
    assert address_problem(ipaddress.ip_address("10.39.0.1"), allowed_networks=allowed)
    assert address_problem(
        ipaddress.ip_address("169.254.169.254"), allowed_networks=allowed
    )


def test_a_name_resolving_to_an_embedded_loopback_is_refused():
    with pytest.raises(Refused) as refused:
        check_url("http://kenh.example/", resolver=resolver_for("64:ff9b::7f00:1"))
    assert "loopback" in refused.value.reason


def test_the_reason_is_in_the_reader_s_language():
    # Vietnamese is the site's language; the catalogue has the English original.
    with translation.override("en"), pytest.raises(Refused) as refused:
        check_url("http://x.example/", resolver=resolver_for("10.1.2.3"))

    assert refused.value.reason == (
        "Address refused: 10.1.2.3 is a private network address"
    )
