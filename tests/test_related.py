"""Related articles: off the article page, on a small cached page of their own that
site.js fetches after load (tests/test_browser.py watches it do so)."""
from unittest import mock

from django.core.cache import cache
from django.urls import reverse

from archive.models import Article
from search import indexing
from search.backend import ArchiveWhooshBackend

from .web_helpers import SampleArchiveTestCase


def counting_more_like_this():
    """Counts the backend's "more like this" searches and still runs them."""
    return mock.patch.object(ArchiveWhooshBackend, "more_like_this", autospec=True,
                             side_effect=ArchiveWhooshBackend.more_like_this)


class RelatedTests(SampleArchiveTestCase):
    def setUp(self):
        cache.clear()
        self.addCleanup(cache.clear)
        self.article = Article.objects.get(issue__paper__slug="qinghe-daily", issue__date="2024-03-05", seq=3)
        self.url = reverse("archive:related", args=["qinghe-daily", "2024-03-05", 3])

    def test_article_page_runs_no_search_and_links_the_list(self):
        with mock.patch.object(ArchiveWhooshBackend, "more_like_this", side_effect=AssertionError) as search:
            response = self.client.get(self.article.get_absolute_url())
        self.assertEqual(response.status_code, 200)
        search.assert_not_called()
        self.assertValidHtml(response)
        self.assertEqual(self.url, self.article.get_absolute_url() + "related/")
        # A reader without JavaScript follows the link; site.js fetches the same URL.
        self.assertContains(response, f'<a href="{self.url}" rel="nofollow">')
        self.assertContains(response, f'data-fetch="{self.url}"')

    def test_list_of_other_articles_that_share_words(self):
        response = self.client.get(self.url)
        self.assertEqual(response.status_code, 200)
        text = self.assertValidHtml(response)
        found = response.context["related"]
        self.assertTrue(found)
        urls = [hit["url"] for hit in found]
        self.assertNotIn(self.article.get_absolute_url(), urls)
        for hit in found:
            self.assertEqual(self.client.get(hit["url"]).status_code, 200)
            self.assertIn(f'<a href="{hit["url"]}">{hit["label"]}</a>', text)
        self.assertIn(f'<h1><a href="{self.article.get_absolute_url()}">', text)
        self.assertIn('<meta name="robots" content="noindex">', text)

    def test_shared_caches_may_keep_it_for_an_hour(self):
        response = self.client.get(self.url)
        self.assertIn("public", response["Cache-Control"])
        self.assertIn("max-age=3600", response["Cache-Control"])
        self.assertEqual(self.client.get(self.url, HTTP_IF_NONE_MATCH=response["ETag"]).status_code, 304)

    def test_searched_once_until_the_index_changes(self):
        with counting_more_like_this() as search:
            first = self.client.get(self.url).context["related"]
            self.assertEqual(self.client.get(self.url).context["related"], first)
            self.assertEqual(search.call_count, 1)
            indexing.reconcile([self.article.pk])  # a commit: the index has a new version
            self.assertEqual(self.client.get(self.url).context["related"], first)
            self.assertEqual(search.call_count, 2)

    def test_failed_search_is_a_503_that_nobody_keeps(self):
        with mock.patch.object(ArchiveWhooshBackend, "more_like_this", side_effect=OSError("index gone")), \
                self.assertLogs("archive.views.reading", "ERROR"):
            response = self.client.get(self.url)
        self.assertEqual(response.status_code, 503)
        self.assertValidHtml(response)
        self.assertIn("no-store", response["Cache-Control"])
        self.assertContains(response, 'role="alert"', status_code=503)
        self.assertTrue(self.client.get(self.url).context["related"])

    def test_unknown_article_is_404_and_only_safe_methods(self):
        self.assertEqual(self.client.get("/qinghe-daily/2024-03-05/999/related/").status_code, 404)
        self.assertEqual(self.client.post(self.url).status_code, 405)


class IndexVersionTests(SampleArchiveTestCase):
    def test_a_rebuild_is_a_new_version_even_at_the_same_generation(self):
        backend = indexing.backend()
        before, generation = backend.version(), backend.searcher().reader().generation()
        backend.clear()
        indexing.reconcile(Article.objects.values_list("pk", flat=True))
        while backend.searcher().reader().generation() < generation:
            backend.writer().commit()
        self.assertEqual(backend.searcher().reader().generation(), generation)
        self.assertNotEqual(backend.version(), before)
