"""How crawlers and browsers find the archive: a paginated sitemap index,
an OpenSearch description and robots.txt."""
import xml.etree.ElementTree as ET
from unittest import mock

from archive.models import Article, Issue
from archive.sitemaps import ArticleSitemap
from tests.tools_helpers import ToolsTestCase

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
OPENSEARCH = "{http://a9.com/-/spec/opensearch/1.1/}"


class SitemapTests(ToolsTestCase):
    def locations(self, url) -> list[str]:
        response = self.client.get(url)
        self.assertEqual(response.status_code, 200, url)
        return [loc.text for loc in ET.fromstring(response.content).iter(f"{SITEMAP}loc")]

    def test_index_lists_sections_which_list_every_page(self):
        sections = self.locations("/sitemap.xml")
        self.assertEqual(sections, [f"http://testserver/sitemap-{name}.xml" for name in ("pages", "issues", "articles")])
        urls = [url for section in sections for url in self.locations(section)]
        self.assertIn("http://testserver/", urls)
        self.assertIn("http://testserver/qinghe-daily/2024-03-05/", urls)
        articles = {f"http://testserver{a.get_absolute_url()}" for a in Article.objects.with_issue()}
        self.assertEqual(len(articles), 4)
        self.assertTrue(articles <= set(urls))
        self.assertEqual(len(urls), 1 + Issue.objects.count() + len(articles))
        for url in urls:
            self.assertEqual(self.client.get(url).status_code, 200, url)

    def test_big_sections_are_split_into_pages(self):
        with mock.patch.object(ArticleSitemap, "limit", 3):
            sections = self.locations("/sitemap.xml")
            self.assertIn("http://testserver/sitemap-articles.xml?p=2", sections)
            first = self.locations("/sitemap-articles.xml")
            second = self.locations("/sitemap-articles.xml?p=2")
        self.assertEqual((len(first), len(second)), (3, 1))
        self.assertEqual(self.client.get("/sitemap-articles.xml?p=9").status_code, 404)


class OpenSearchAndRobotsTests(ToolsTestCase):
    def test_opensearch_description(self):
        response = self.client.get("/opensearch.xml")
        self.assertEqual(response["Content-Type"], "application/opensearchdescription+xml; charset=utf-8")
        root = ET.fromstring(response.content)
        self.assertEqual(root.tag, f"{OPENSEARCH}OpenSearchDescription")
        self.assertLessEqual(len(root.find(f"{OPENSEARCH}ShortName").text), 16)
        templates = {url.get("type"): url.get("template") for url in root.iter(f"{OPENSEARCH}Url")}
        self.assertEqual(templates["text/html"], "http://testserver/search/?q={searchTerms}")
        feed = templates["application/atom+xml"].replace("{searchTerms}", "县")
        self.assertEqual(self.client.get(feed).status_code, 200)
        api = templates["application/json"].replace("{searchTerms}", "县")
        self.assertEqual(self.client.get(api).json()["total"], 2)

    def test_robots_points_to_the_sitemap_and_keeps_crawlers_off_endless_pages(self):
        response = self.client.get("/robots.txt")
        self.assertEqual(response["Content-Type"], "text/plain; charset=utf-8")
        lines = response.content.decode().splitlines()
        self.assertIn("Sitemap: http://testserver/sitemap.xml", lines)
        for path in ("/search/", "/api/", "/admin/"):
            self.assertIn(f"Disallow: {path}", lines)
