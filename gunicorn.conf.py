"""gunicorn settings: `gunicorn -c gunicorn.conf.py` (make run).

Environment: BIND (127.0.0.1:8000), WEB_CONCURRENCY (workers; default 2 per
core + 1), GUNICORN_TIMEOUT (30 s), PIDFILE, and the site's own variables
(README.md). Deployment, reloads and upgrades: docs/deploy.md.
"""
import multiprocessing
import os
from pathlib import Path

from config.logs import logging_config

wsgi_app = "config.wsgi:application"
bind = os.environ.get("BIND", "127.0.0.1:8000").split(",")
# Sync workers: a search is CPU work under the GIL, so threads would not run it
# faster; nginx in front buffers slow clients. Spare workers cover I/O waits.
workers = int(os.environ.get("WEB_CONCURRENCY") or multiprocessing.cpu_count() * 2 + 1)
worker_class = "sync"

# The master imports config.wsgi once, which loads jieba's dictionary and opens
# the index (search.apps.warm_up); workers share those pages copy-on-write
# instead of each loading it (~35 MB), and a broken setting fails before any fork.
# The catch: HUP reloads settings and workers but not code (docs/deploy.md).
preload_app = True

timeout = int(os.environ.get("GUNICORN_TIMEOUT", 30))  # a 100k-article search takes about 1 s
graceful_timeout = 30  # HUP, TERM: requests in flight may finish
keepalive = 5
# Recycle workers now and then, jittered so they do not all restart at once.
max_requests = 2000
max_requests_jitter = 200
if Path("/dev/shm").is_dir():
    worker_tmp_dir = "/dev/shm"  # heartbeat files off a possibly slow disk
pidfile = os.environ.get("PIDFILE") or None
# gunicorn's control socket defaults to one path per user, which two sites (or
# a site and its benchmark) on one machine would fight over.
control_socket_disable = True

# Access and error logs as JSON lines on stderr (config/logs.py), the same as
# Django's; the access line's fields are also in the message, for a terminal.
access_log_format = '%(h)s "%(r)s" %(s)s %(B)s %(M)sms "%(a)s"'
logconfig_dict = logging_config(os.environ.get("LOG_LEVEL", "INFO").upper(),
                                os.environ.get("LOG_FORMAT", "json"))


def pre_fork(server, worker):
    # A database connection opened in the master must not be shared: a child
    # closing it would end the master's session too.
    from django.db import connections

    connections.close_all()


def post_fork(server, worker):
    # The master's Whoosh searcher holds open files whose read offsets a fork
    # shares; each worker opens its own (its first search refreshes it anyway).
    from search import indexing

    indexing.backend().reset_searcher()


def post_worker_init(worker):
    from search import indexing

    indexing.backend().searcher()  # before the first request, not during it
