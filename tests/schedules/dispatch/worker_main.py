"""``celery -A cms worker``, polling a filesystem broker 20 times a second.

The filesystem transport looks for messages once a second by default; with
``acks_late`` and prefetch 1 that is one task a second, too slow for a test suite.
On Redis the option would shorten BRPOP's timeout instead, so it is left alone.
"""

import sys

from cms.celery import app


def main():
    if app.conf.broker_url.startswith("filesystem://"):
        options = dict(app.conf.broker_transport_options or {})
        options.setdefault("polling_interval", 0.05)
        app.conf.broker_transport_options = options
    app.worker_main(["worker", *sys.argv[1:]])


if __name__ == "__main__":
    main()
