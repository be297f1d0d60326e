"""A channel's webhook endpoint on 127.0.0.1, counting every call it gets.

It counts total calls, and 2xx answers per ``Idempotency-Key``: a channel that keeps
the keys it has accepted (as channels are told to) airs each broadcast once even if
a copy ever comes twice.
"""

import json
import threading
import time
from collections import Counter
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from schedules.dispatch.signing import webhook_signature_valid

HOLD = "hold"  # keep the request open until release(), then drop it unanswered
HANG = "hang"  # answer nothing for hang_seconds (past the sender's read timeout)


class Receiver:
    def __init__(self, secret="", behaviour=None, hang_seconds=3.0, delay=0.0):
        self.secret = secret
        self.behaviour = behaviour or (lambda index, key: 200)
        self.hang_seconds = hang_seconds
        self.delay = delay
        self.bodies: dict[
            int, bytes
        ] = {}  # an answer's body by status, if not the usual
        self.lock = threading.Lock()
        self.calls: list[dict] = []
        self.accepted = Counter()
        self.bad_signatures = 0
        self.holding = threading.Event()
        self.released = threading.Event()
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/broadcasts"

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.released.set()
        self.server.shutdown()
        self.server.server_close()

    def release(self):
        self.released.set()

    @property
    def total_calls(self) -> int:
        return len(self.calls)

    @property
    def keys(self) -> set[str]:
        return {call["key"] for call in self.calls}

    def duplicates(self) -> dict[str, int]:
        """Keys answered 2xx more than once: what would air twice without dedupe."""
        return {key: n for key, n in self.accepted.items() if n > 1}

    def _handler(self):
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            # Headers and body go out in two writes; with Nagle on, the second
            # waits for the client's delayed ACK (40 ms a call).
            disable_nagle_algorithm = True

            def log_message(self, *args):
                pass

            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                key = self.headers.get("Idempotency-Key", "")
                signed = webhook_signature_valid(
                    receiver.secret, body, self.headers.get("X-Signature", "")
                )
                with receiver.lock:
                    index = len(receiver.calls)
                    receiver.calls.append(
                        {
                            "key": key,
                            "signed": signed,
                            "body": json.loads(body),
                            "host": self.headers.get("Host", ""),
                        }
                    )
                    if not signed:
                        receiver.bad_signatures += 1
                action = receiver.behaviour(index, key)
                if action == HOLD:
                    receiver.holding.set()
                    receiver.released.wait()
                    self.close_connection = True
                    return
                if action == HANG:
                    time.sleep(receiver.hang_seconds)
                    action = 200
                if receiver.delay:
                    time.sleep(receiver.delay)
                payload = receiver.bodies.get(
                    action, b"ok" if action < 300 else b"channel says no"
                )
                try:
                    self.send_response(action)
                    self.send_header("Content-Length", str(len(payload)))
                    self.end_headers()
                    self.wfile.write(payload)
                    self.wfile.flush()
                except OSError:
                    return
                if 200 <= action < 300:
                    with receiver.lock:
                        receiver.accepted[key] += 1

        return Handler
