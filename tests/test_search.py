"""Searching imported articles: the query language, ranking, facets,
highlights and the search_articles command, against invented issues."""
import datetime
from unittest import mock

from django.test import TestCase
from haystack.models import SearchResult

from search.searching import build, facet_counts, search
from tests.archive_helpers import TempDirMixin, run_import
from tests.search_helpers import TempIndexMixin, search_json

MARCH = """\
清河县核酸检测点调整开放时间

本报讯（记者 王小明）清河县疫情防控指挥部昨日发布通知，全县核酸检测点从下周起调整开放时间。

群众反映的排队問題已经得到解决。

城南老街改造完工

本报讯（记者 李红 通讯员 陈晨）城南老街改造工程日前完工，街道两侧新栽了一百多棵梧桐树。

附近居民说，老街的问题终于解决了，<b>出行</b>更方便了。
"""

APRIL = """\
县图书馆延长开放时间

本报讯（记者 赵小华）从下月起，县图书馆每天开放到晚上九点，周末照常开放。

读者可以在服务台办理借书证。

河滨公园新添健身步道

本报讯（记者 王小明）河滨公园新修的健身步道近日开放，全长三公里，沿途设有核酸采样亭改建的休息站。
"""

NEXT_YEAR = """\
第01版：要闻

清河县举办春季招聘会

本报讯（记者 李红）清河县春季招聘会昨天举行，两百多家企业提供岗位八千多个。
"""


class SearchTestCase(TempIndexMixin, TempDirMixin, TestCase):
    def setUp(self):
        super().setUp()
        for name, text in (("2024-03-05.txt", MARCH), ("2024-04-02.txt", APRIL), ("2025-01-10.txt", NEXT_YEAR)):
            _, _, error = run_import(str(self.write(name, text)))
            self.assertIsNone(error)

    def titles(self, q, **kwargs):
        return {hit.title for hit in search(q, per_page=100, **kwargs).hits}


class QueryLanguageTests(SearchTestCase):
    def test_word_finds_every_article_containing_it(self):
        self.assertEqual(self.titles("核酸"), {"清河县核酸检测点调整开放时间", "河滨公园新添健身步道"})

    def test_traditional_and_simplified_find_each_other(self):
        both = {"清河县核酸检测点调整开放时间", "城南老街改造完工"}
        self.assertEqual(self.titles("問題"), both)
        self.assertEqual(self.titles("问题"), both)

    def test_substring_across_word_boundaries_is_found(self):
        self.assertEqual(self.titles("酸检"), {"清河县核酸检测点调整开放时间"})
        self.assertEqual(self.titles("馆每"), {"县图书馆延长开放时间"})

    def test_single_character(self):
        self.assertEqual(self.titles("梧"), {"城南老街改造完工"})

    def test_quoted_phrase_is_exact(self):
        self.assertEqual(self.titles('"核酸检测"'), {"清河县核酸检测点调整开放时间"})
        self.assertEqual(self.titles("“开放时间”"), {"清河县核酸检测点调整开放时间", "县图书馆延长开放时间"})
        self.assertEqual(self.titles('"检测核酸"'), set())

    def test_unquoted_words_need_not_be_adjacent(self):
        self.assertIn("河滨公园新添健身步道", self.titles("公园 休息站"))
        self.assertEqual(self.titles('"公园休息站"'), set())

    def test_or_returns_the_union(self):
        union = self.titles("梧桐 OR 招聘会")
        self.assertEqual(union, self.titles("梧桐") | self.titles("招聘会"))
        self.assertEqual(len(union), 2)
        self.assertEqual(self.titles("梧桐 或 招聘会"), union)

    def test_lowercase_or_is_a_word_not_an_operator(self):
        self.assertEqual(self.titles("梧桐 or 招聘会"), set())

    def test_minus_and_not_exclude(self):
        self.assertEqual(self.titles("核酸 -公园"), {"清河县核酸检测点调整开放时间"})
        self.assertEqual(self.titles("核酸 NOT 公园"), {"清河县核酸检测点调整开放时间"})

    def test_only_exclusions_match_everything_else(self):
        self.assertEqual(len(self.titles("-核酸")), 3)

    def test_fields(self):
        self.assertEqual(self.titles("标题:开放"), {"县图书馆延长开放时间", "清河县核酸检测点调整开放时间"})
        self.assertEqual(self.titles("title:公园 核酸"), {"河滨公园新添健身步道"})
        self.assertEqual(self.titles("作者:李红"), {"城南老街改造完工", "清河县举办春季招聘会"})
        self.assertEqual(self.titles("byline:陈晨"), {"城南老街改造完工"})
        self.assertEqual(self.titles("版:1 招聘"), {"清河县举办春季招聘会"})

    def test_date_range_in_the_query(self):
        self.assertEqual(self.titles("作者:王小明 date:2024-04-01..2024-04-30"), {"河滨公园新添健身步道"})
        self.assertEqual(self.titles("清河 date:2025"), {"清河县举办春季招聘会"})
        self.assertEqual(self.titles("清河 date:..2024-03"), {"清河县核酸检测点调整开放时间"})

    def test_date_range_from_form_fields(self):
        found = self.titles("开放", start=datetime.date(2024, 4, 1), end=datetime.date(2024, 12, 31))
        self.assertEqual(found, {"县图书馆延长开放时间", "河滨公园新添健身步道"})

    def test_bad_queries_give_a_message_not_an_exception(self):
        for q, words in (("date:2024-13-01", "没有这一天"), ("date:soon", "日期"), ("版:头版", "版次"),
                         ("", "检索词"), ("   ", "检索词")):
            results = search(q)
            self.assertIn(words, results.error, q)
            self.assertEqual(results.total, 0)

    def test_forgiven_mistakes_come_with_a_notice(self):
        results = search('"核酸检测')
        self.assertEqual(results.total, 1)
        self.assertTrue(results.notices)
        self.assertEqual(search("核酸 OR").total, 2)
        self.assertEqual(search("(核酸 OR 梧桐").total, 3)


    def test_an_operator_word_alone_is_searched_as_a_word(self):
        self.assertEqual(search("非").error, "")


class ResultTests(SearchTestCase):
    def test_totals_are_exact_without_facets_and_on_small_pages(self):
        """Whoosh's top-N shortcuts undercounted (and could loop forever); the
        total must not depend on facets or page size."""
        for q in ("本报讯", "开放 OR 公园", "清河", "核酸 检测", '"开放"'):
            full = search(q, per_page=100).total
            for per_page in (1, 2):
                self.assertEqual(search(q, per_page=per_page, facets=False).total, full, (q, per_page))

    def test_sorting_by_date(self):
        newest = [h.date for h in search("清河 OR 开放", sort="newest").hits]
        self.assertEqual(newest, sorted(newest, reverse=True))
        oldest = [h.date for h in search("清河 OR 开放", sort="oldest").hits]
        self.assertEqual(oldest, sorted(oldest))
        self.assertIn("排序", search("清河", sort="sideways").error)

    def test_headline_matches_rank_first(self):
        hits = search("开放").hits
        self.assertIn("开放", hits[0].title)

    def test_total_and_pages(self):
        results = search("本报讯", per_page=2, page=2)
        self.assertEqual(results.total, 5)
        self.assertEqual(len(results.hits), 2)
        self.assertEqual(results.pages, 3)
        self.assertEqual(len(search("本报讯", per_page=2, page=9).hits), 0)

    def test_facets_count_the_whole_result(self):
        results = search("本报讯")
        self.assertEqual(dict(results.facets["year"]), {"2024": 4, "2025": 1})
        self.assertEqual(dict(results.facets["bylines"])["王小明"], 2)
        self.assertEqual(dict(results.facets["bylines"])["李红"], 2)
        self.assertEqual(results.months, [("2024-03", 2), ("2024-04", 2), ("2025-01", 1)])

    def test_facet_filters_narrow_the_result(self):
        results = search("本报讯", filters={"bylines": "李红", "year": "2024"})
        self.assertEqual([h.title for h in results.hits], ["城南老街改造完工"])
        self.assertIn("筛选", search("本报讯", filters={"nonsense": "x"}).error)

    def test_highlights_escape_the_text_and_mark_the_words(self):
        hit = search("出行").hits[0]
        snippet = hit.highlighted["snippet"][0]
        self.assertIn("<mark>出行</mark>", snippet)
        self.assertIn("&lt;b&gt;", snippet)
        self.assertNotIn("<b>", snippet)

    def test_highlight_marks_the_original_traditional_characters(self):
        snippet = search("问题 排队").hits[0].highlighted["snippet"][0]
        self.assertIn("<mark>排队</mark><mark>問題</mark>", snippet)

    def test_more_like_this(self):
        from haystack.query import SearchQuerySet

        from archive.models import Article

        article = Article.objects.get(title="清河县核酸检测点调整开放时间")
        similar = [r.title for r in SearchQuerySet().more_like_this(article)]
        self.assertNotIn(article.title, similar)
        self.assertTrue(similar)


class SearchCommandTests(SearchTestCase):
    def test_json_line_per_query(self):
        lines = search_json("核酸", "梧桐")
        self.assertEqual([line["query"] for line in lines], ["核酸", "梧桐"])
        self.assertEqual(lines[0]["total"], 2)
        hit = lines[1]["results"][0]
        self.assertEqual(set(hit), {"paper", "paper_slug", "date", "seq", "title", "score"})
        self.assertEqual((hit["date"], hit["seq"], hit["title"]), ("2024-03-05", 2, "城南老街改造完工"))

    def test_limit_zero_means_all(self):
        self.assertEqual(len(search_json("本报讯", limit=0)[0]["results"]), 5)
        self.assertEqual(len(search_json("本报讯", limit=2)[0]["results"]), 2)

    def test_phrase_option_takes_each_query_as_one_phrase(self):
        self.assertEqual(search_json("测检", phrase=True)[0]["total"], 0)
        self.assertEqual(search_json("核酸检测", phrase=True)[0]["total"], 1)
        self.assertEqual(search_json("核酸 OR 梧桐", phrase=True)[0]["total"], 0)


class CountsOnlyTests(SearchTestCase):
    """A query run for its facet counts alone (the trend's articles printed per month)
    counts every hit but builds no result for each."""

    def test_counts_cover_every_hit_and_build_at_most_one_result(self):
        sqs = build("", {}, datetime.date(1000, 1, 1)).facet("month")
        built = []
        original = SearchResult.__init__

        def counted(result, *args, **kwargs):
            built.append(result)
            original(result, *args, **kwargs)
        with mock.patch.object(SearchResult, "__init__", counted):
            months = dict(facet_counts(sqs)["month"])
        self.assertEqual(months, {"2024-03": 2, "2024-04": 2, "2025-01": 1})
        self.assertLessEqual(len(built), 1)
