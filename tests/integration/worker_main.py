"""``celery -A cms worker``, polling a filesystem broker 20 times a second.

The settings poll 10 times a second (see ``CELERY_BROKER_TRANSPORT_OPTIONS``); the
tests go faster still. On Redis the option would shorten BRPOP's timeout instead, so
it is left alone.
"""

import sys

from cms.celery import app


def main():
    if app.conf.broker_url.startswith("filesystem://"):
        options = dict(app.conf.broker_transport_options or {})
        options["polling_interval"] = 0.05
        app.conf.broker_transport_options = options
    app.worker_main(["worker", *sys.argv[1:]])


if __name__ == "__main__":
    main()
