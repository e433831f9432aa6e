"""WSGI entry point for gunicorn: `gunicorn config.wsgi`."""
import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

application = get_wsgi_application()

from search.apps import warm_up  # noqa: E402  needs the apps loaded above

warm_up()
