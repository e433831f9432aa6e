"""The search page's facets: 本报 counted as the paper itself, only real columns,
years and months in date order."""
import datetime
from urllib.parse import parse_qs, urlsplit

from django.test import TestCase

from archive import columns
from archive.models import Article, Issue, Newspaper
from search.query import MAX_TERMS
from search.searching import search
from tests.archive_helpers import TempDirMixin, run_import
from tests.search_helpers import TempIndexMixin


def issue(day: int, essay_column: str = "清河随笔") -> str:
    """Three articles on the 老街: the paper's own, a wire story, a tagged essay."""
    return f"""\
城南老街改造第{day}天

本报讯（记者 李红）城南老街改造工程第{day}天，街道两侧新栽了梧桐树。

县里推进老街保护

新华社北京3月{day}日电（记者 赵小华）县里推进老街保护，修缮了十座老宅。

老街巷里的烟火气（{essay_column}）

老街巷里的烟火气又回来了，老街坊们说，这才是过日子的样子。
"""


class FacetTests(TempIndexMixin, TempDirMixin, TestCase):
    def setUp(self):
        super().setUp()
        imports = [("清河日报", "qinghe-daily", "2024-03-05", issue(5)),
                   ("清河日报", "qinghe-daily", "2024-01-12", issue(12)),
                   ("清河日报", "qinghe-daily", "2023-11-20", issue(20, "偶感")),
                   ("云岭晚报", "yunling-evening", "2024-02-03", issue(3))]
        for paper, slug, day, text in imports:
            _, _, error = run_import(str(self.write(f"{slug}/{day}.txt", text)), paper=paper, slug=slug)
            self.assertIsNone(error)

    def groups(self, params: dict) -> dict:
        response = self.client.get("/search/", params)
        self.assertEqual(response.status_code, 200)
        return {group["name"]: group for group in response.context["facets"]}

    def links(self, params: dict, name: str) -> list:
        group = self.groups(params)[name]
        return group["shown"] + group["more"]

    def test_own_reports_count_as_the_paper(self):
        sources = {link.label: link.count for link in self.links({"q": "老街"}, "source")}
        self.assertEqual(sources, {"清河日报": 3, "云岭晚报": 1, "新华社": 4})
        self.assertNotIn("本报", sources)

    def test_the_merged_source_filters_to_the_papers_own_reports(self):
        link = next(link for link in self.links({"q": "老街"}, "source") if link.label == "云岭晚报")
        query = parse_qs(urlsplit(link.url).query)
        self.assertEqual(query["source"], ["云岭晚报"])
        found = search("老街", filters={"source": "云岭晚报"})
        self.assertEqual({(hit.paper, hit.title) for hit in found.hits}, {("yunling-evening", "城南老街改造第3天")})
        page = self.client.get("/search/", query)
        self.assertEqual(page.context["results"].total, 1)

    def test_a_query_of_the_most_terms_allowed_still_gets_its_facets(self):
        # The 本报 count per paper is a second search with a filter added: only the user's
        # own terms count towards the limit, not the filter's.
        q = " OR ".join(["老街"] + [f"词{n}" for n in range(1, MAX_TERMS)])
        response = self.client.get("/search/", {"q": q})
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.context["results"].error, "")
        sources = {link.label: link.count for link in self.links({"q": q}, "source")}
        self.assertEqual(sources, {"清河日报": 3, "云岭晚报": 1, "新华社": 4})
        filtered = search(q, filters={"source": "清河日报"}, start=datetime.date(2024, 1, 1))
        self.assertEqual((filtered.error, filtered.total), ("", 2))

    def test_one_term_more_is_refused_with_a_message(self):
        q = " OR ".join(["老街"] + [f"词{n}" for n in range(MAX_TERMS)])
        found = search(q)
        self.assertIn(f"最多 {MAX_TERMS} 个检索词", found.error)

    def test_the_api_marks_kickers_and_counts_sources_as_the_page(self):
        data = self.client.get("/api/v1/search", {"q": "老街"}).json()
        self.assertEqual({f["value"]: f["count"] for f in data["facets"]["source"]},
                         {"清河日报": 3, "云岭晚报": 1, "新华社": 4})
        self.assertTrue(all("kicker_html" in hit and "subtitle_html" in hit for hit in data["hits"]))

    def test_one_paper_alone(self):
        sources = {link.label: link.count for link in self.links({"q": "老街", "paper": "qinghe-daily"}, "source")}
        self.assertEqual(sources, {"清河日报": 3, "新华社": 3})

    def test_the_api_counts_sources_the_same_way(self):
        self.assertEqual(dict(search("老街").facets["source"]), {"清河日报": 3, "云岭晚报": 1, "新华社": 4})

    def test_columns_tagged_on_a_title_or_recurring_are_listed(self):
        labels = [link.label for link in self.links({"q": "老街"}, "column")]
        self.assertEqual(labels, ["清河随笔", "偶感"])  # 偶感 printed once, but as a title's tag

    def test_the_api_lists_the_same_columns(self):
        self.assertEqual(search("老街").facets["column"], [("清河随笔", 3), ("偶感", 1)])

    def test_the_active_column_stays_shown(self):
        self.assertEqual(self.groups({"q": "老街", "column": "偶感"})["column"]["active"], "偶感")

    def test_years_and_months_in_date_order(self):
        self.assertEqual([link.label for link in self.links({"q": "老街"}, "year")], ["2023年", "2024年"])
        self.assertEqual([link.label for link in self.links({"q": "老街"}, "month")],
                         ["2023年11月", "2024年1月", "2024年2月", "2024年3月"])


class RealColumnTests(TestCase):
    """What the parser files as a column, straight in the database."""

    def setUp(self):
        paper = Newspaper.objects.create(name="清河日报", slug="qinghe-daily")
        self.issues = [Issue.objects.create(paper=paper, date=datetime.date(2024, 3, day)) for day in (5, 6)]

    def article(self, issue, seq, column, title="城南老街改造完工"):
        Article.objects.create(issue=self.issues[issue], seq=seq, column=column, title=title)

    def test_recurring_or_tagged_columns_only(self):
        self.article(0, 1, "老街故事①")
        self.article(1, 1, "老街故事②")  # a series: its parts share a stem
        self.article(0, 2, "县文联名誉主席")  # a stray heading line, once
        self.article(0, 3, "清河随笔", "老街巷里的烟火气（清河随笔）")  # a title's tag, once
        self.article(0, 4, "新华社北京3月5日电", "县里推进老街保护（新华社北京3月5日电）")
        self.article(0, 5, "县作协主席", "老街的记忆（县作协主席）")
        known = columns.recurring()
        listed = {value for value in ("老街故事①", "老街故事②", "县文联名誉主席", "清河随笔", "新华社北京3月5日电", "县作协主席")
                  if columns.is_column(value, known)}
        self.assertEqual(listed, {"老街故事①", "老街故事②", "清河随笔"})


class ColumnStemTests(TestCase):
    def test_a_series_shares_the_stem_of_its_parts(self):
        self.assertEqual(columns.stems("清河随笔"), {"清河随笔"})
        self.assertEqual(columns.stems("新论·谈老街③"), {"新论·谈老街", "新论"})
        self.assertEqual(columns.stems("走近名家(26)"), {"走近名家"})
        self.assertEqual(columns.stems("老街故事（上）"), {"老街故事"})
        self.assertTrue(columns.is_column("新论·谈老街④", {"新论"}))
        self.assertFalse(columns.is_column("县文联名誉主席", {"新论"}))
