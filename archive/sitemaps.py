"""sitemap.xml: an index of paginated sections (Django's sitemaps framework),
so that a big archive's articles come in pages of ARTICLES_PER_FILE URLs."""
from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .models import Article, Issue

# The protocol allows 50,000 URLs a file; smaller files are quicker to build and fetch.
ARTICLES_PER_FILE = 10_000


class PageSitemap(Sitemap):
    def items(self):
        return ["archive:home"]

    def location(self, name):
        return reverse(name)


class IssueSitemap(Sitemap):
    limit = ARTICLES_PER_FILE

    def items(self):
        return Issue.objects.select_related("paper").order_by("pk")

    def lastmod(self, issue):
        return issue.imported_at


class ArticleSitemap(Sitemap):
    limit = ARTICLES_PER_FILE

    def items(self):
        return (Article.objects.select_related("issue__paper")
                .only("seq", "issue__date", "issue__imported_at", "issue__paper__slug").order_by("pk"))

    def lastmod(self, article):
        # Re-importing an issue rewrites its articles; editors' admin edits do not move this date.
        return article.issue.imported_at


SITEMAPS = {"pages": PageSitemap, "issues": IssueSitemap, "articles": ArticleSitemap}
