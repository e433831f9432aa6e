from django.conf import settings

from .calendars import WEEKDAYS


def site(request):
    """Names every page uses."""
    return {"SITE_NAME": settings.SITE_NAME, "weekdays": WEEKDAYS}
