"""The site's own machine-readable outputs, beside the HTML pages: Atom feeds,
search exports, citation downloads, sitemaps, OpenSearch and robots.txt.
Included before archive.urls, whose paper/date patterns would take these paths."""
from django.contrib.sitemaps import views as sitemaps
from django.urls import path

import archive.urls  # noqa: F401  registers the isodate converter used below
from archive.sitemaps import SITEMAPS
from search.feeds import PersonFeed, SearchFeed

from . import discovery, downloads

app_name = "tools"
urlpatterns = [
    path("search/feed/", SearchFeed(), name="search-feed"),
    path("search/export.<str:fmt>", downloads.search_export, name="search-export"),
    path("people/<slug:slug>/feed/", PersonFeed(), name="person-feed"),
    path("<slug:paper>/<isodate:date>/<int:seq>/cite.<str:fmt>", downloads.citation, name="citation"),
    path("sitemap.xml", sitemaps.index, {"sitemaps": SITEMAPS, "sitemap_url_name": "tools:sitemap-section"},
         name="sitemap"),
    path("sitemap-<section>.xml", sitemaps.sitemap, {"sitemaps": SITEMAPS}, name="sitemap-section"),
    path("opensearch.xml", discovery.opensearch, name="opensearch"),
    path("robots.txt", discovery.robots, name="robots"),
]
