"""How browsers and crawlers find the archive: an OpenSearch description (a
browser can then add the archive as a search engine) and robots.txt. The
sitemaps are archive/sitemaps.py, served by Django's sitemaps views."""
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe


@require_safe
def opensearch(request):
    return render(request, "search/opensearch.xml", {"base": request.build_absolute_uri("/").rstrip("/")},
                  content_type="application/opensearchdescription+xml; charset=utf-8")


@require_safe
def robots(request):
    sitemap = request.build_absolute_uri(reverse("tools:sitemap"))
    return render(request, "robots.txt", {"sitemap": sitemap}, content_type="text/plain; charset=utf-8")
