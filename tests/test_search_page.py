"""The search page: query language, filters as facets, sorting, paging, highlights, the trend and errors."""
import datetime
import html
import re
import unittest
from urllib.parse import parse_qs, urlsplit

from archive.models import Article
from search.params import ParamError, from_query
from search.printed import one_month
from search import trend

from .web_helpers import SampleArchiveTestCase


class SearchPageTests(SampleArchiveTestCase):
    def get(self, params, status=200):
        response = self.client.get("/search/", params)
        self.assertEqual(response.status_code, status, params)
        self.assertValidHtml(response)
        return response

    def test_empty_page_shows_the_form_and_help(self):
        response = self.get({})
        self.assertContains(response, 'name="q"')
        self.assertContains(response, "怎样检索")

    def test_hits_total_highlight_and_links(self):
        response = self.get({"q": "公园"})
        results = response.context["results"]
        self.assertEqual(results.total, 3)
        self.assertContains(response, "共 3 篇")
        self.assertContains(response, "<mark>公园</mark>")
        for _, url, _ in response.context["hits"]:
            self.assertEqual(self.client.get(url).status_code, 200)

    def test_facets_apply_and_remove(self):
        response = self.get({"q": "公园"})
        groups = {group["name"]: group for group in response.context["facets"]}
        self.assertEqual({"year", "month", "paper", "print_page", "byline"} - set(groups), set())
        paper = next(link for link in groups["paper"]["shown"] if link.label == "清河日报")
        self.assertEqual(paper.count, 2)
        narrowed = self.get(dict(parse_qs(urlsplit(paper.url).query)))
        self.assertEqual(narrowed.context["results"].total, 2)
        chips = narrowed.context["filters"]
        self.assertEqual([chip.label for chip in chips], ["报纸：清河日报"])
        widened = self.get(dict(parse_qs(urlsplit(chips[0].url).query)))
        self.assertEqual(widened.context["results"].total, 3)

    def test_two_facets_and_date_range(self):
        response = self.get({"q": "公园", "paper": "qinghe-daily", "print_page": "3"})
        self.assertEqual(response.context["results"].total, 1)
        response = self.get({"q": "公园", "start": "2024-03-10", "end": "2024-03"})
        self.assertEqual(response.context["results"].total, 2)
        self.assertEqual(len(response.context["filters"]), 2)

    def test_sort_by_date(self):
        newest = [hit.date for hit, _, _ in self.get({"q": "公园", "sort": "newest"}).context["hits"]]
        oldest = [hit.date for hit, _, _ in self.get({"q": "公园", "sort": "oldest"}).context["hits"]]
        self.assertEqual(newest, sorted(newest, reverse=True))
        self.assertEqual(oldest, sorted(oldest))

    def test_paging(self):
        first = self.get({"q": "公园", "per_page": "2"})
        self.assertEqual(first.context["results"].pages, 2)
        self.assertTrue(first.context["next_url"])
        second = self.get(dict(parse_qs(urlsplit(first.context["next_url"]).query)))
        seen = [url for _, url, _ in first.context["hits"]] + [url for _, url, _ in second.context["hits"]]
        self.assertEqual(len(set(seen)), 3)
        self.assertContains(self.get({"q": "公园", "page": "50"}), "这一页没有结果了")

    def test_trend_is_inline_svg_per_month(self):
        response = self.get({"q": "公园 OR 排水"})
        bars = response.context["trend"]["bars"]
        self.assertEqual([bar.key for bar, _ in bars], ["2024-03", "2024-04"])
        figure = response.content.decode().split('<figure class="trend">')[1].split("</figure>")[0]
        self.assertIn("<svg", figure)
        self.assertNotIn("<script", figure)  # drawn by the server, in the page: no script, no CDN
        self.assertNotIn("http", figure)
        self.assertIn("month=2024-03", bars[0][1])

    def test_trend_bars_are_shares_with_counts_in_tooltips_and_a_table(self):
        response = self.get({"q": "公园"})
        printed = Article.objects.filter(issue__date__year=2024, issue__date__month=3).count()
        found = sum(1 for hit, _, _ in response.context["hits"] if f"{hit.date:%Y-%m}" == "2024-03")
        march = next(bar for bar, _ in response.context["trend"]["bars"] if bar.key == "2024-03")
        self.assertEqual((march.hits, march.printed), (found, printed))
        self.assertContains(response, f"<title>2024年3月：{found} / {printed} 篇（{trend.percent(found / printed)}）</title>")
        table = response.content.decode().split('<details class="trend-data">')[1].split("</details>")[0]
        self.assertIn(f"<td>{found}</td><td>{printed}</td>", table)
        self.assertIn("2024年", response.content.decode().split("<svg")[1].split("</svg>")[0])

    def test_the_denominator_keeps_the_filters(self):
        response = self.get({"q": "公园", "paper": "qinghe-daily"})
        printed = Article.objects.filter(issue__paper__slug="qinghe-daily", issue__date__year=2024,
                                         issue__date__month=3).count()
        march = next(bar for bar, _ in response.context["trend"]["bars"] if bar.key == "2024-03")
        self.assertEqual(march.printed, printed)

    def test_a_month_filter_draws_days(self):
        response = self.get({"q": "公园", "month": "2024-03"})
        shape = response.context["trend"]["shape"]
        self.assertEqual((shape.unit, len(shape.bars)), ("day", 31))
        days = {bar.key: (bar.hits, bar.printed) for bar in shape.bars if bar.printed}
        expected = {}
        for article in Article.objects.filter(issue__date__year=2024, issue__date__month=3).select_related("issue"):
            expected.setdefault(article.issue.date.isoformat(), [0, 0])[1] += 1
        self.assertEqual(set(days), set(expected))
        self.assertEqual(sum(hits for hits, _ in days.values()), response.context["results"].total)
        url = next(url for bar, url in response.context["trend"]["bars"] if bar.hits)
        self.assertIn("start=2024-03-", url)

    def test_no_trend_without_a_query(self):
        self.assertIsNone(self.get({"paper": "qinghe-daily"}).context["trend"])

    def test_broken_query_shows_a_message_and_the_page(self):
        response = self.get({"q": "date:2024-13"}, status=400)
        self.assertContains(response, 'role="alert"', status_code=400)
        self.assertContains(response, 'name="q"', status_code=400)

    def test_bad_parameters_name_the_parameter(self):
        for params, name in (({"q": "公园", "start": "昨天"}, "start"), ({"q": "x", "page": "0"}, "page"),
                             ({"q": "x", "per_page": "10000"}, "per_page"), ({"q": "x", "sort": "best"}, "sort"),
                             ({"q": "x" * 10000}, "q"), ({"year": "24"}, "year")):
            response = self.get(params, status=400)
            self.assertContains(response, f"{name}：", status_code=400)

    def test_no_result_suggests_what_to_try(self):
        response = self.get({"q": '"公园观鸟"', "paper": "yunling-evening"})
        self.assertEqual(response.context["results"].total, 0)
        labels = [link.label for link in response.context["suggestions"]]
        self.assertIn("去掉所有筛选条件", labels)
        self.assertTrue(any("公园观鸟" in label and "“" not in label for label in labels[1:]))

    def test_user_text_is_escaped(self):
        response = self.get({"q": "<script>alert(1)</script>"})
        self.assertNotContains(response, "<script>alert")
        response = self.get({"q": "<script>", "start": "<script>"}, status=400)
        self.assertNotContains(response, "<script>", status_code=400)


class ParamTests(unittest.TestCase):
    def test_partial_dates_cover_the_period(self):
        params = from_query({"start": "2024-02", "end": "2024-02"})
        self.assertEqual((str(params.start), str(params.end)), ("2024-02-01", "2024-02-29"))
        params = from_query({"start": "2023", "end": "2023"})
        self.assertEqual((str(params.start), str(params.end)), ("2023-01-01", "2023-12-31"))

    def test_errors_name_the_parameter(self):
        for data, name in (({"start": "2024-02-30"}, "start"), ({"start": "2024-05", "end": "2024-04"}, "end"),
                           ({"per_page": "101"}, "per_page"), ({"page": "-1"}, "page"),
                           ({"print_page": "三"}, "print_page")):
            with self.assertRaises(ParamError) as caught:
                from_query(data)
            self.assertEqual(caught.exception.param, name)

    def test_query_string_round_trip(self):
        data = {"q": "公园 OR 绿地", "paper": "qinghe-daily", "byline": "陶然", "start": "2024-03-01",
                "sort": "newest", "page": "2"}
        params = from_query(data)
        self.assertEqual(params.to_query(), data)
        self.assertEqual(params.index_filters, {"paper": "qinghe-daily", "bylines": "陶然"})


class TrendTests(unittest.TestCase):
    def test_bars_are_shares_of_what_was_printed(self):
        shape = trend.by_month({"2024-01": 4, "2024-02": 2}, {"2024-01": 100, "2024-02": 20})
        self.assertEqual([(b.key, b.hits, b.printed, b.percent) for b in shape.bars],
                         [("2024-01", 4, 100, "4.0%"), ("2024-02", 2, 20, "10%")])
        self.assertEqual(shape.bars[1].height, trend.PLOT_HEIGHT)  # the peak share, not the peak count
        self.assertEqual(shape.bars[0].height, trend.PLOT_HEIGHT * 0.4)
        self.assertEqual(shape.peak_label, "10%")

    def test_months_without_issues_are_gaps_not_zeros(self):
        shape = trend.by_month({"2024-01": 4, "2024-04": 2}, {"2024-01": 40, "2024-03": 30, "2024-04": 20})
        self.assertEqual([(b.key, b.hits, b.printed) for b in shape.bars],
                         [("2024-01", 4, 40), ("2024-02", 0, 0), ("2024-03", 0, 30), ("2024-04", 2, 20)])
        self.assertIsNone(shape.bars[1].share)  # nothing printed: a gap
        self.assertEqual(shape.bars[2].share, 0)  # printed, not found: a zero
        self.assertTrue(shape.gaps)

    def test_month_and_year_labels(self):
        shape = trend.by_month({"2023-11": 1}, {"2023-11": 5, "2024-02": 5})
        labels = [(tick.label, tick.row) for tick in shape.ticks]
        self.assertEqual(labels, [("11", 0), ("12", 0), ("1", 0), ("2", 0), ("2023年", 1), ("2024年", 1)])
        self.assertTrue(all(0 <= tick.x <= trend.WIDTH for tick in shape.ticks))

    def test_long_spans_become_years_labelled_sparsely(self):
        shape = trend.by_month({"1990-05": 1, "2024-03": 2, "2024-04": 3}, {"1990-05": 10, "2024-03": 10, "2024-04": 10})
        self.assertEqual(shape.unit, "year")
        self.assertEqual((shape.first, shape.last), ("1990年", "2024年"))
        self.assertEqual((shape.bars[-1].hits, shape.bars[-1].printed), (5, 20))
        self.assertEqual(sum(1 for bar in shape.bars if not bar.printed), 33)  # 1991-2023: gaps
        self.assertLessEqual(len(shape.ticks), trend.MAX_LABELS)
        self.assertIn("2000", [tick.label for tick in shape.ticks])

    def test_days_of_a_month(self):
        first, last = datetime.date(2024, 3, 1), datetime.date(2024, 3, 31)
        shape = trend.by_day(first, last, {datetime.date(2024, 3, 5): 2},
                             {datetime.date(2024, 3, 5): 8, datetime.date(2024, 3, 12): 4})
        self.assertEqual(len(shape.bars), 31)
        self.assertEqual((shape.bars[4].key, shape.bars[4].percent), ("2024-03-05", "25%"))
        self.assertEqual([t.label for t in shape.ticks if t.row == 0], ["1", "5", "10", "15", "20", "25"])
        self.assertEqual([t.label for t in shape.ticks if t.row == 1], ["2024年3月"])

    def test_nothing_to_draw(self):
        self.assertIsNone(trend.by_month({}, {"2024-01": 3}))


class LinkedToolsTests(SampleArchiveTestCase):
    """The search, reporter and article pages link the feeds, exports and citation downloads."""

    def test_search_page_links_its_feed_and_exports_with_the_same_filters(self):
        response = self.client.get("/search/", {"q": "公园", "paper": "qinghe-daily", "page": "1"})
        text = response.content.decode()
        feed = re.search(r'rel="alternate" type="application/atom\+xml" title="[^"]*" href="([^"]+)"', text)
        self.assertIsNotNone(feed)
        self.assertIn("paper=qinghe-daily", feed.group(1))
        self.assertEqual(self.client.get(html.unescape(feed.group(1))).status_code, 200)
        for link in re.findall(r'href="(/search/export\.[a-z]+\?[^"]+)"', text):
            self.assertEqual(self.client.get(html.unescape(link)).status_code, 200, link)
        self.assertIn('rel="search" type="application/opensearchdescription+xml"', text)

    def test_reporter_and_article_pages_link_their_outputs(self):
        text = self.client.get("/people/qian-yu-tong/").content.decode()
        self.assertIn('href="/people/qian-yu-tong/feed/"', text)
        text = self.client.get("/qinghe-daily/2024-03-05/3/").content.decode()
        for fmt in ("txt", "ris", "bib"):
            url = f"/qinghe-daily/2024-03-05/3/cite.{fmt}"
            self.assertIn(f'href="{url}"', text)
            self.assertEqual(self.client.get(url).status_code, 200)


class OneMonthTests(unittest.TestCase):
    def test_a_month_filter_or_dates_in_one_month(self):
        march = (datetime.date(2024, 3, 1), datetime.date(2024, 3, 31))
        self.assertEqual(one_month(from_query({"q": "x", "month": "2024-03"})), march)
        self.assertEqual(one_month(from_query({"q": "x", "start": "2024-03", "end": "2024-03"})), march)
        self.assertEqual(one_month(from_query({"q": "x", "month": "2024-03", "start": "2024-03-10"})),
                         (datetime.date(2024, 3, 10), datetime.date(2024, 3, 31)))
        self.assertIsNone(one_month(from_query({"q": "x", "month": "2024-03", "start": "2024-05-01"})))
        self.assertIsNone(one_month(from_query({"q": "x", "start": "2024-03", "end": "2024-04"})))
