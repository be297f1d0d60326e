"""A press outlet's server on 127.0.0.1 that misbehaves in every way a real one might.

The tests fetch from it for real: no mock stands between fetch_feed and a socket.
"""

import gzip
import shutil
import ssl
import subprocess
import threading
import time
import zlib
from dataclasses import dataclass
from functools import cache
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import pytest

from tests.conftest import require_service

ETAG = '"v1"'
LAST_MODIFIED = "Tue, 30 Jul 2024 01:00:00 GMT"

RSS = """<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel>
<title>Báo Thử</title><link>https://bao.example/</link><description>Tin</description>
<item>
  <title>Hưởng ứng &lt;b&gt;Ngày toàn dân phòng, chống mua bán người&lt;/b&gt;
    30/7</title>
  <link>https://bao.example/bai-1</link>
  <guid isPermaLink="false">bai-1</guid>
  <description>&lt;p&gt;Tuyên truyền&lt;script&gt;alert(1)&lt;/script&gt;&lt;/p&gt;
    &lt;p&gt;về phòng, chống &lt;a href="#"&gt;mua bán người&lt;/a&gt;&lt;/p&gt;
  </description>
  <pubDate>Tue, 30 Jul 2024 08:00:00 +0700</pubDate>
</item>
<item><title>Bài thứ hai</title><link>/bai-2</link></item>
<item><title>Lừa đảo</title><link>javascript:alert(1)</link><guid>bai-3</guid></item>
</channel></rss>
""".encode()

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title>Atom</title><id>urn:feed</id><updated>2024-07-30T01:00:00Z</updated>
  <entry>
    <id>urn:bai-atom</id>
    <title type="html">&lt;em&gt;BUÔN BÁN NGƯỜI&lt;/em&gt;</title>
    <link rel="alternate" href="https://bao.example/atom-1"/>
    <updated>2024-07-29T23:30:00Z</updated>
    <content type="html">&lt;p&gt;Nội   dung&lt;/p&gt;</content>
  </entry>
</feed>
""".encode()

# The classic "billion laughs", on one line: feedparser's own filter only removes
# entity declarations that start a line, so this one reaches expat.
_LOLS = ['<!ENTITY lol0 "lol">'] + [
    f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10)
]
BILLION_LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE rss [' + "".join(_LOLS) + "]>"
    '<rss version="2.0"><channel><title>t</title>'
    "<item><title>&lol9;</title><link>https://bao.example/x</link></item>"
    "</channel></rss>"
).encode()

# Quadratic blow-up: one plain entity, which feedparser keeps as "safe" and its loose
# parser expands at every use (4 MB here from 8 KB; it scales to gigabytes).
QUADRATIC = (
    '<?xml version="1.0"?>\n<!DOCTYPE rss [\n<!ENTITY a "' + "x" * 2000 + '">\n]>\n'
    '<rss version="2.0"><channel><title>t</title>'
    "<item><title>" + "&a;" * 2000 + "</title><link>https://bao.example/q</link>"
    "</item></channel></rss>"
).encode()

MALFORMED = b'<?xml version="1.0"?><rss version="2.0"><channel><title>x</chan'

# Real-world sloppiness: an HTML entity XML does not know. Loose parsing recovers.
SLOPPY = (
    b'<?xml version="1.0"?><rss version="2.0"><channel><title>x</title>'
    b"<item><title>Mua&nbsp;b\xc3\xa1n ng\xc6\xb0\xe1\xbb\x9di</title>"
    b"<link>https://bao.example/s</link></item></channel></rss>"
)

ROUTES = {}


def route(path):
    def register(handler):
        ROUTES[path] = handler
        return handler

    return register


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.0"

    def do_GET(self):
        parts = urlsplit(self.path)
        self.query = {k: v[0] for k, v in parse_qs(parts.query).items()}
        handler = ROUTES.get(parts.path, not_found)
        try:
            handler(self)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the client gave up on us, as it should

    def send(self, status=200, body=b"", headers=(), content_type="application/xml"):
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for name, value in headers:
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format, *args):
        pass


def not_found(h):
    h.send(404, b"not here", content_type="text/plain")


@route("/rss.xml")
def rss(h):
    validators = [("ETag", ETAG), ("Last-Modified", LAST_MODIFIED)]
    inm, ims = h.headers.get("If-None-Match"), h.headers.get("If-Modified-Since")
    if inm == ETAG or (inm is None and ims == LAST_MODIFIED):
        h.send_response(304)
        for name, value in validators:
            h.send_header(name, value)
        h.end_headers()
    else:
        h.send(200, RSS, validators)


@route("/atom.xml")
def atom(h):
    h.send(200, ATOM, content_type="application/atom+xml")


@route("/rss.xml.gz")
def rss_gzip(h):
    h.send(200, gzip.compress(RSS), [("Content-Encoding", "gzip")])


@route("/rss.xml.deflate")
def rss_deflate(h):
    h.send(200, zlib.compress(RSS), [("Content-Encoding", "deflate")])


@route("/brotli")
def brotli(h):
    h.send(200, b"\x0b\x02\x80hi\x03", [("Content-Encoding", "br")])


@route("/malformed.xml")
def malformed(h):
    h.send(200, MALFORMED)


@route("/sloppy.xml")
def sloppy(h):
    h.send(200, SLOPPY)


@route("/html")
def html_page(h):
    page = "<html><body><p>Trang chủ</p></body></html>".encode()
    h.send(200, page, content_type="text/html")


@route("/billion-laughs.xml")
def billion_laughs(h):
    h.send(200, BILLION_LAUGHS)


@route("/quadratic.xml")
def quadratic(h):
    h.send(200, QUADRATIC)


@route("/echo")
def echo(h):
    h.send(200, h.query["body"].encode())


@route("/whoami")
def whoami(h):
    host = h.headers.get("Host", "")
    h.send(
        200,
        f'<rss version="2.0"><channel><title>w</title><item><title>{host}</title>'
        f"<guid>whoami</guid></item></channel></rss>".encode(),
    )


def _stream_50_mb(h):
    h.wfile.write(b'<?xml version="1.0"?><rss version="2.0"><channel><title>')
    block = b"x" * (64 * 1024)
    for _ in range(800):
        h.wfile.write(block)


@route("/huge")
def huge(h):
    h.send_response(200)
    h.send_header("Content-Type", "application/xml")
    h.end_headers()  # no Content-Length: the body ends when the connection does
    _stream_50_mb(h)


@route("/huge-declared")
def huge_declared(h):
    h.send_response(200)
    h.send_header("Content-Length", str(800 * 64 * 1024 + 56))
    h.end_headers()
    _stream_50_mb(h)


@cache
def gzip_bomb() -> bytes:
    """60 MB of zeros gzipped to about 60 KB."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    zeros = bytes(1024 * 1024)
    return b"".join(compressor.compress(zeros) for _ in range(60)) + compressor.flush()


@route("/odd-headers")
def odd_headers(h):
    h.send_response(200)
    h.send_header("Content-Length", "\u00b2")  # a digit to str.isdigit, not to int
    h.send_header("ETag", '"v2"\r\n\tX-Folded: 1')
    h.send_header("Content-Encoding", " GZIP ")
    h.end_headers()
    h.wfile.write(gzip.compress(RSS))


@route("/truncated")
def truncated(h):
    h.send_response(200)
    h.send_header("Content-Length", str(len(RSS)))
    h.end_headers()
    h.wfile.write(RSS[:300])


@route("/gzip-bomb")
def gzip_bomb_route(h):
    h.send(200, gzip_bomb(), [("Content-Encoding", "gzip")])


@route("/drip-body")
def drip_body(h):
    h.send_response(200)
    h.send_header("Content-Length", "60")
    h.end_headers()
    for _ in range(60):
        h.wfile.write(b"<")
        time.sleep(1)


@route("/drip-headers")
def drip_headers(h):
    for byte in b"HTTP/1.0 200 OK\r\nX-Slow: " + b"a" * 60:
        h.wfile.write(bytes([byte]))
        time.sleep(1)


@route("/status")
def status(h):
    h.send(int(h.query["code"]), b"error page", content_type="text/html")


@route("/redirect")
def redirect(h):
    h.send(302, headers=[("Location", h.query["to"])])


@route("/chain")
def chain(h):
    n = int(h.query["n"])
    h.send(302, headers=[("Location", f"/chain?n={n - 1}" if n else "/rss.xml")])


@route("/loop-a")
def loop_a(h):
    h.send(301, headers=[("Location", "/loop-b")])


@route("/loop-b")
def loop_b(h):
    h.send(308, headers=[("Location", "/loop-a")])


class QuietServer(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        pass  # hostile routes end in broken pipes by design


@dataclass
class Running:
    server: QuietServer
    scheme: str

    @property
    def port(self) -> int:
        return self.server.server_address[1]

    def url(self, path: str, host: str = "127.0.0.1") -> str:
        return f"{self.scheme}://{host}:{self.port}{path}"


def _serve(server, scheme):
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    return Running(server, scheme)


@pytest.fixture(scope="session")
def outlet():
    """The outlet's plain HTTP server."""
    server = QuietServer(("127.0.0.1", 0), Handler)
    yield _serve(server, "http")
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def certificate(tmp_path_factory):
    """A self-signed certificate for feed.test, made with the openssl command."""
    require_service("The openssl command", shutil.which("openssl") is not None)
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
         "ec_paramgen_curve:prime256v1", "-nodes", "-days", "2",
         "-subj", "/CN=feed.test", "-addext", "subjectAltName=DNS:feed.test",
         "-keyout", str(key), "-out", str(cert)],
        check=True,
        capture_output=True,
    )  # fmt: skip
    return cert, key


@pytest.fixture(scope="session")
def tls_outlet(certificate):
    """The same routes over HTTPS, as feed.test."""
    cert, key = certificate
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server = QuietServer(("127.0.0.1", 0), Handler)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    yield _serve(server, "https")
    server.shutdown()
    server.server_close()


@pytest.fixture
def trusting_context(certificate):
    """A client TLS context that trusts our self-signed certificate, and only it."""
    return ssl.create_default_context(cafile=str(certificate[0]))
