"""WSGI entry point for gunicorn: `gunicorn config.wsgi`."""
import gc
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

application = get_wsgi_application()

from search.apps import warm_up  # noqa: E402  needs the apps loaded above

warm_up()
# What was loaded so far (Django, jieba's dictionary, the open index: 300,000 objects) stays
# for the process's life. Frozen, it is out of the cyclic collector's sight: a full collection
# walked it all, a 140 ms pause in a page at 100k articles (9 ms after). With preload_app the
# workers also stop copying the master's pages that the collector would have written to.
gc.freeze()
