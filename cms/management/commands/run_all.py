"""Run the web server, a Celery worker and beat together; Ctrl-C stops all three."""

import os
import signal
import subprocess
import sys
import time

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from cms.services import site_follow_url


class Command(BaseCommand):
    help = "Run the web server, a Celery worker and beat; stop them all on Ctrl-C."

    def add_arguments(self, parser):
        # PORT (which `make run` exports) is also what the settings build SITE_URL
        # from: serving another port than the links name would break every link.
        parser.add_argument("--port", type=int, default=settings.PORT)
        parser.add_argument("--host", default="127.0.0.1")

    def handle(self, *args, port, host, **options):
        python = sys.executable
        beat_schedule = settings.VAR_DIR / "celerybeat"
        commands = {
            "web": [python, "manage.py", "runserver", f"{host}:{port}", "--noreload"],
            "worker": [
                python,
                "-m",
                "celery",
                "-A",
                "cms",
                "worker",
                "--concurrency",
                "2",
                "--hostname",
                "worker@%h",
            ],
            "beat": [
                python,
                "-m",
                "celery",
                "-A",
                "cms",
                "beat",
                "--schedule",
                str(beat_schedule),
            ],
        }
        # Links (e-mailed "aired" links, the API) name the port actually served;
        # the three processes log at LOG_LEVEL, as on a server.
        env = {**os.environ}
        # Listening on every address still needs one to write in links.
        linked = "127.0.0.1" if host in ("0.0.0.0", "::", "[::]") else host
        env.setdefault("SITE_URL", f"http://{linked}:{port}")
        site_follow_url(url=env["SITE_URL"])
        children = {}
        stopping = False

        def stop(signum=None, frame=None):
            nonlocal stopping
            stopping = True

        signal.signal(signal.SIGINT, stop)
        signal.signal(signal.SIGTERM, stop)
        for name, command in commands.items():
            children[name] = subprocess.Popen(command, env=env, start_new_session=True)
        self.stdout.write(
            _(
                "Site: http://%(host)s:%(port)s/  ·  Admin: http://%(host)s:%(port)s/admin/"
            )
            % {"host": host, "port": port}
        )
        exit_code = 0
        try:
            while not stopping:
                for name, child in children.items():
                    if child.poll() is not None:
                        self.stderr.write(
                            _("%(name)s stopped (exit %(code)s); stopping the others.")
                            % {"name": name, "code": child.returncode}
                        )
                        exit_code = child.returncode or 1
                        stopping = True
                time.sleep(0.5)
        finally:
            for child in children.values():
                if child.poll() is None:
                    child.send_signal(signal.SIGTERM)
            deadline = time.monotonic() + 20
            for child in children.values():
                try:
                    child.wait(timeout=max(0.1, deadline - time.monotonic()))
                except subprocess.TimeoutExpired:
                    child.kill()
        self.stdout.write(_("Stopped."))
        sys.exit(exit_code)
