from django.conf import settings
from django.contrib import admin
from django.urls import include, path

from . import health

urlpatterns = [
    path(settings.ADMIN_PATH, admin.site.urls),
    path("healthz", health.healthz, name="healthz"),
    path("", include("api.urls")),
    path("", include("api.site_urls")),
    path("search/", include("search.urls")),
    # Last: its paths begin with a paper's slug.
    path("", include("archive.urls")),
]
