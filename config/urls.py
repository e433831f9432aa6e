from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("api.urls")),
    path("", include("api.site_urls")),
    path("search/", include("search.urls")),
    # Last: its paths begin with a paper's slug.
    path("", include("archive.urls")),
]
