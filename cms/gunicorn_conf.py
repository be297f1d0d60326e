"""gunicorn's settings: ``gunicorn -c python:cms.gunicorn_conf cms.wsgi``.

The access log is on and every line is formatted as the workers' and beat's are.
``--workers``, ``--bind`` and the rest stay on the command line (or
``WEB_CONCURRENCY``, which gunicorn reads itself).
"""

from cms.logging_config import logging_config

accesslog = "-"
logconfig_dict = logging_config()
