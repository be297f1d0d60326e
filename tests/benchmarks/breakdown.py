"""Where one delivery's time goes in-process, from a cProfile run of the real code.

Each function's own time is put under what its file does (the database and its
ORM, serialisation, signing, HTTP); time spent in C functions (a socket read, a
digest) goes to whatever called them, as far up as it takes to find a file that
says. The shares are then scaled to the delivery's time measured without the
profiler, whose own overhead would otherwise inflate the Python-heavy parts.
"""

import cProfile
import pstats
import subprocess
import sys

from tests.conftest import ROOT

CATEGORIES = (
    ("orm", ("/django/db/", "/psycopg", "/sqlite3/")),
    ("signing", ("/hmac.py", "/hashlib.py", "/django/core/signing.py", "signing.py")),
    ("serialisation", ("/json/", "/kombu/serialization", "/uuid.py")),
    ("http", ("/urllib3/", "/http/client.py", "/socket.py", "/ssl.py", "network.py")),
    ("celery", ("/celery/", "/kombu/", "/billiard/", "/redis/")),
    ("urls", ("/django/urls/",)),
    ("logging", ("/logging/",)),
    ("translation", ("/django/utils/translation/", "/gettext.py")),
)
UNKNOWN = None


def category(filename: str):
    if filename.startswith("~") or filename == "":
        return UNKNOWN
    for name, parts in CATEGORIES:
        if any(part in filename for part in parts):
            return name
    return "other"


def _share(stats, func, seen) -> dict:
    """Categories of one C function's callers, weighted by the time each gave it."""
    _cc, _nc, _tt, _ct, callers = stats[func]
    shares: dict = {}
    for caller, (_c, _n, tt, _t) in callers.items():
        name = category(caller[0])
        if name is UNKNOWN and caller not in seen and caller in stats:
            for sub, part in _share(stats, caller, seen | {caller}).items():
                shares[sub] = shares.get(sub, 0.0) + tt * part
        else:
            shares[name or "other"] = shares.get(name or "other", 0.0) + tt
    total = sum(shares.values())
    return {k: v / total for k, v in shares.items()} if total else {"other": 1.0}


def profile(run) -> dict[str, float]:
    """Seconds per category of ``run()``, under cProfile."""
    profiler = cProfile.Profile()
    profiler.enable()
    run()
    profiler.disable()
    stats = pstats.Stats(profiler).stats
    totals: dict[str, float] = {}
    for func, (_cc, _nc, tt, _ct, _callers) in stats.items():
        name = category(func[0])
        if name is UNKNOWN:
            for sub, part in _share(stats, func, {func}).items():
                totals[sub] = totals.get(sub, 0.0) + tt * part
        else:
            totals[name] = totals.get(name, 0.0) + tt
    return totals


class ReceiverProcess:
    """The test receiver in a process of its own, so that what it does to answer
    is not counted in the time of the delivery that calls it."""

    def __init__(self, secret: str):
        self.secret = secret
        self.process = None
        self.url = ""

    def __enter__(self):
        code = (
            "import sys, time\n"
            "from tests.schedules.dispatch.receiver import Receiver\n"
            "with Receiver(secret=sys.argv[1]) as receiver:\n"
            "    print(receiver.url, flush=True)\n"
            "    sys.stdin.read()\n"
            "    print(receiver.total_calls, receiver.bad_signatures, flush=True)\n"
        )
        self.process = subprocess.Popen(
            [sys.executable, "-c", code, self.secret],
            cwd=ROOT,
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        self.url = self.process.stdout.readline().strip()
        return self

    def close(self) -> tuple[int, int]:
        """Stop it; the calls it took and how many were badly signed."""
        out, _err = self.process.communicate("", timeout=30)
        calls, bad = out.split()
        return int(calls), int(bad)

    def __exit__(self, *exc):
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
