"""A reader and a journalist in a real browser: Debian's chromium driven by Playwright.

Screenshots of every page, at phone and desktop widths, go to $SCREENSHOT_DIR
(default artifacts/screenshots) for CI to keep."""
import os
import re
import shutil
import unittest
from pathlib import Path

from django.conf import settings
from django.contrib.staticfiles.testing import StaticLiveServerTestCase

from search import indexing

from .web_helpers import TempIndexClassMixin, import_samples

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
SHOTS = Path(os.environ.get("SCREENSHOT_DIR", Path(settings.BASE_DIR) / "artifacts" / "screenshots"))
WIDTHS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}
# Playwright's sync API runs an event loop in this thread; the test's own ORM calls are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@unittest.skipUnless(shutil.which(CHROMIUM) or Path(CHROMIUM).exists(),
                     f"{CHROMIUM} is not installed (.ci/run installs it with apt)")
class BrowserTests(TempIndexClassMixin, StaticLiveServerTestCase):
    host = "127.0.0.1"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        from playwright.sync_api import sync_playwright

        cls.playwright = sync_playwright().start()
        cls.browser = cls.playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        SHOTS.mkdir(parents=True, exist_ok=True)

    @classmethod
    def tearDownClass(cls):
        cls.browser.close()
        cls.playwright.stop()
        super().tearDownClass()

    def setUp(self):
        indexing.backend().clear()
        import_samples()
        self.page = self.browser.new_page(viewport=WIDTHS["desktop"], locale="zh-CN")
        self.errors = []
        self.page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        self.page.on("console", lambda msg: msg.type == "error" and self.errors.append(msg.text))
        self.addCleanup(self.page.close)

    def shoot(self, name):
        """Both widths of the current page, then back to the desktop width."""
        for label, size in WIDTHS.items():
            self.page.set_viewport_size(size)
            self.page.screenshot(path=SHOTS / f"{self._testMethodName}-{name}-{label}.png", full_page=True)
        self.page.set_viewport_size(WIDTHS["desktop"])
        overflow = self.page.evaluate("document.documentElement.scrollWidth > document.documentElement.clientWidth")
        self.assertFalse(overflow, f"{name}: wider than the window")

    def open(self, path, status=200):
        response = self.page.goto(self.live_server_url + path)
        self.assertEqual(response.status, status, path)

    def test_reader_home_calendar_issue_article_reporter_and_back(self):
        page = self.page
        self.open("/")
        self.shoot("home")
        page.locator(".paper-card .month-grid td.has-issue a").first.click()
        page.wait_for_url(re.compile(r"/[a-z-]+/\d{4}-\d{2}-\d{2}/$"))
        issue_url = page.url
        self.assertIn("版", page.locator("main h2").first.inner_text())
        self.shoot("issue")
        page.locator("main .article-list a.title").first.click()
        page.wait_for_url(re.compile(r"/\d{4}-\d{2}-\d{2}/\d+/$"))
        article_url = page.url
        self.assertTrue(page.locator("article h1").is_visible())
        self.assertIn("[N].", page.locator("#citation").inner_text())
        # site.js puts the related list, fetched after load, where the page had a link to it.
        page.locator("section[data-fetch]").wait_for(state="detached")  # the CSP forbids wait_for_function's eval
        related = page.locator("section.related li a")
        self.assertGreater(related.count(), 0)
        for href in related.evaluate_all("links => links.map(a => a.getAttribute('href'))"):
            self.assertRegex(href, r"^/[a-z-]+/\d{4}-\d{2}-\d{2}/\d+/$")
            self.assertNotEqual(self.live_server_url + href, article_url)
        self.shoot("article")
        page.locator("article .bylines a").first.click()
        page.wait_for_url(re.compile(r"/people/[a-z0-9-]+/$"))
        self.assertTrue(page.locator("main h1").is_visible())
        self.shoot("reporter")
        page.go_back()
        self.assertEqual(page.url, article_url)
        page.go_back()
        self.assertEqual(page.url, issue_url)
        self.assertEqual(self.errors, [])

    def test_journalist_searches_filters_sorts_pages_and_opens_a_hit(self):
        page = self.page
        self.open("/")
        page.get_by_label("检索全部报纸的全文").fill("记者")
        page.keyboard.press("Enter")
        page.wait_for_url(re.compile(r"/search/\?q="))
        total = self.total()
        self.shoot("results")
        page.locator(".facet", has_text="报纸").get_by_role("link", name=re.compile("清河日报")).click()
        by_paper = self.total()
        page.locator(".facet", has_text="作者").get_by_role("link").first.click()
        both = self.total()
        self.assertLess(both, by_paper)
        self.assertLessEqual(by_paper, total)
        self.assertEqual(page.locator(".chips a.chip").count(), 2)
        self.shoot("two-facets")
        page.locator(".chips a.chip", has_text="报纸").click()
        self.assertEqual(page.locator(".chips a.chip").count(), 1)
        page.locator(".chips a.chip").click()
        self.assertEqual(self.total(), total)
        page.locator("nav.sorts").get_by_role("link", name="最新").click()
        dates = page.locator(".hit time").evaluate_all("nodes => nodes.map(n => n.getAttribute('datetime'))")
        self.assertEqual(dates, sorted(dates, reverse=True))
        page.locator("nav.pager a[rel=next]").click()
        page.wait_for_url(re.compile(r"page=2"))
        self.assertIn("sort=newest", page.url)
        self.shoot("page-2")
        page.locator(".hit h2 a").first.click()
        page.wait_for_url(re.compile(r"\?hl="))
        mark = page.locator("article mark").first
        self.assertEqual(mark.inner_text(), "记者")
        self.assertTrue(mark.is_visible())
        self.assertTrue(mark.evaluate("m => { const r = m.getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight; }"))
        self.shoot("hit")
        self.assertEqual(self.errors, [])

    def test_phone_opens_the_filters_above_the_results_without_script(self):
        context = self.browser.new_context(viewport=WIDTHS["phone"], locale="zh-CN", java_script_enabled=False)
        self.addCleanup(context.close)
        page = context.new_page()
        page.goto(self.live_server_url + "/search/?q=%E8%AE%B0%E8%80%85")  # 记者
        button, facets, first_hit = page.locator("label.filters-button"), page.locator("aside.facets"), page.locator(".hit").first
        self.assertTrue(button.is_visible())
        self.assertLess(button.bounding_box()["y"], first_hit.bounding_box()["y"])
        self.assertFalse(facets.is_visible())
        page.screenshot(path=SHOTS / "phone-filters-closed.png")
        button.click()
        self.assertTrue(facets.is_visible())
        self.assertLess(facets.bounding_box()["y"] + facets.bounding_box()["height"], first_hit.bounding_box()["y"])
        page.screenshot(path=SHOTS / "phone-filters-open.png")
        total = self.total(page)
        facets.locator(".facet", has_text="报纸").get_by_role("link", name=re.compile("清河日报")).click()
        self.assertLess(self.total(page), total)
        self.assertIn("筛选（1）", page.locator("label.filters-button").inner_text())
        self.assertFalse(page.evaluate("document.documentElement.scrollWidth > document.documentElement.clientWidth"))

    def test_desktop_shows_the_filters_beside_the_results(self):
        page = self.page
        self.open("/search/?q=%E8%AE%B0%E8%80%85")
        self.assertFalse(page.locator("label.filters-button").is_visible())
        facets, first_hit = page.locator("aside.facets"), page.locator(".hit").first
        self.assertTrue(facets.is_visible())
        self.assertGreater(facets.bounding_box()["x"], first_hit.bounding_box()["x"] + first_hit.bounding_box()["width"] - 1)

    def test_trend_chart_at_both_widths(self):
        page = self.page
        for query, name in (("?q=%E5%85%AC%E5%9B%AD", "months"), ("?q=%E5%85%AC%E5%9B%AD&month=2024-03", "days")):
            self.open("/search/" + query)
            chart = page.locator("figure.trend")
            for label, size in WIDTHS.items():
                page.set_viewport_size(size)
                self.assertTrue(chart.locator("svg rect.bar").first.is_visible())
                labels = chart.locator("svg text").all_text_contents()
                self.assertTrue(any(text.endswith("年") or text.endswith("月") for text in labels), labels)
                chart.screenshot(path=SHOTS / f"trend-{name}-{label}.png")
            page.set_viewport_size(WIDTHS["desktop"])
            self.assertFalse(chart.locator("details table").is_visible())
            chart.locator("details summary").click()
            self.assertTrue(chart.locator("details table").is_visible())
        self.assertEqual(self.errors, [])

    def test_paper_page_calendars_and_its_search(self):
        page = self.page
        self.open("/qinghe-daily/")
        self.shoot("paper")
        page.get_by_label("检索清河日报").fill("公园")
        page.keyboard.press("Enter")
        page.wait_for_url(re.compile(r"paper=qinghe-daily"))
        self.assertGreater(self.total(), 0)
        self.assertEqual(page.locator(".chips a.chip").count(), 1)

    def test_keyboard_reaches_the_content_and_a_bad_query_still_renders(self):
        page = self.page
        self.open("/search/?q=date:2024-13", status=400)
        self.assertTrue(page.locator('[role="alert"]').is_visible())
        page.keyboard.press("Tab")
        self.assertEqual(page.evaluate("document.activeElement.className"), "skip")
        page.keyboard.press("Enter")
        self.assertEqual(page.evaluate("document.activeElement.id"), "main")

    def total(self, page=None) -> int:
        return int(re.search(r"共 (\d+) 篇", (page or self.page).locator("p.total").inner_text()).group(1))
