"""Every browse page runs a fixed number of queries, however much the archive holds. Each test
measures a page on a small archive, imports much more (issues in more days, months and years,
more articles an issue, more pages, more bylines an article, photo credits, more people) and
measures the same page again: the count must not move. The counts are exact, so a new query
shows here even when it does not grow. The home page has one card per paper: its count is
per paper, and the tests keep to one paper."""
import datetime

from django.core.cache import cache
from django.test import TestCase
from django.utils import timezone

from archive.models import Person, same_day_in

from tests.archive_helpers import SLUG, TempDirMixin, run_import
from tests.fiction import fictional_issue
from tests.search_helpers import TempIndexMixin

REPORTER = "钱语桐"
# Every byline names a random reporter and the team, whose last member took the article's photo
# (a caption credited 摄影): two in the small archive, four in the grown one.
SMALL = {"articles": 3, "team": (REPORTER, "王小明"), "photos": True}
BIG = {"articles": 24, "pages": 6, "team": (REPORTER, "程露", "苏禾", "韩书宁"), "photos": True}
DAY = datetime.timedelta(days=1)


class QueryCountTests(TempIndexMixin, TempDirMixin, TestCase):
    def setUp(self):
        super().setUp()
        today = timezone.localdate()
        # Today's month and day four years ago (a 29 February falls on one too): the home page's
        # 历史上的今天 has articles from the start, and this month has no issue (its calendar
        # shows the latest issue's month), on the small and the grown archive alike.
        self.day = same_day_in(today.year - 4, today)
        self.issue = f"/{SLUG}/{self.day}/"
        self.load({self.day: SMALL, self.day - DAY: SMALL})

    def load(self, issues: dict):
        for day, options in issues.items():  # the same texts whatever today is
            self.write(f"{day}.txt", fictional_issue((day - self.day).days, **options))
        out, err, error = run_import(self.dir)
        self.assertIsNone(error, out + err)

    def grow(self):
        """The same issue bigger, ten more days around it, and issues in other months and years,
        one on this day four years earlier."""
        days = [self.day - n * DAY for n in range(11)]
        days += [self.day - 40 * DAY, self.day - 400 * DAY, self.day + 100 * DAY,
                 same_day_in(self.day.year - 4, self.day)]
        self.load(dict.fromkeys(days, BIG))

    def get(self, url, queries):
        cache.clear()  # related articles are cached; nothing may come from a cache here
        with self.assertNumQueries(queries) as ran:
            response = self.client.get(url)
        self.assertEqual(response.status_code, 200, url)
        response.queries = [query["sql"] for query in ran.captured_queries]
        return response

    def counted(self, pages: dict) -> list[tuple]:
        """{url: queries} on the small archive, then on the grown one: [(small, grown)] responses."""
        small = [self.get(url, n) for url, n in pages.items()]
        self.grow()
        return list(zip(small, [self.get(url, n) for url, n in pages.items()]))

    def test_home(self):
        # Papers with their first issue; per paper: the latest issue, its headlines, the days,
        # previous and next of this month and of the latest issue's month; the issues on this
        # day in earlier years, their articles and the articles' bylines.
        [(small, big)] = self.counted({"/": 1 + 8 + 3})
        self.assertEqual([len(c["headlines"]) for c in (*small.context["papers"], *big.context["papers"])], [3, 8])
        self.assertGreater(len(big.context["history"]), len(small.context["history"]))

    def test_paper(self):
        # Paper, first and last dates, issues a month, the latest year's days: four queries
        # with issues in one year or in five.
        [(small, big)] = self.counted({f"/{SLUG}/": 4})
        self.assertGreater(len(big.context["years"]), len(small.context["years"]))
        self.assertGreater(sum(row.count for row in big.context["years"]), sum(row.count for row in small.context["years"]))

    def test_year(self):
        [(small, big)] = self.counted({f"/{SLUG}/{self.day.year}/": 4})  # paper, days, previous, next
        self.assertGreater(big.context["count"], small.context["count"])

    def test_month(self):
        [(small, big)] = self.counted({f"/{SLUG}/{self.day:%Y/%m}/": 4})  # paper, days, previous, next
        self.assertGreater(big.context["grid"].count, small.context["grid"].count)

    def test_issue(self):
        # Paper, issue, articles with their pages, bylines with their people, previous, next,
        # other printings of their stories.
        [(small, big)] = self.counted({self.issue: 7})
        self.assertEqual([(len(r.context["pages"]), r.context["count"]) for r in (small, big)], [(1, 3), (6, 24)])

    def test_article(self):
        # The article with issue, paper and page; bylines with people; captions with
        # photographers; previous; next. Its related articles come from the index, found by
        # the words of its body and captions, read from the database (the index keeps no copy).
        [(small, big), (_, related)] = self.counted({f"{self.issue}2/": 5, f"{self.issue}2/related/": 2})
        bylines, credits = (len(r.context["article"].bylines.all()) for r in (small, big))
        self.assertGreater(credits, bylines)
        self.assertTrue(related.context["related"])

    def test_reporter(self):
        # Person, article count, a page of articles with issue, paper and page, their bylines,
        # counts by role, by year, colleagues and their names.
        url = Person.objects.get(name=REPORTER).get_absolute_url()
        [(small, big)] = self.counted({url: 8})
        self.assertGreater(big.context["page"].paginator.num_pages, small.context["page"].paginator.num_pages)
        self.assertGreater(len(big.context["years"]), len(small.context["years"]))
        self.assertGreater(len(big.context["colleagues"]), len(small.context["colleagues"]))

    def test_people_index(self):
        # The people counted, a page of them, their articles counted; a name search the same.
        [(small, big), (found, more)] = self.counted({"/people/": 3, "/people/?q=小": 3})
        self.assertGreater(big.context["page"].paginator.num_pages, 1)
        self.assertGreater(big.context["page"].paginator.count, small.context["page"].paginator.count)
        self.assertGreater(more.context["page"].paginator.count, found.context["page"].paginator.count)
        # Counting articles per person reads bylines alone, no join through articles and issues.
        self.assertEqual([q for r in (big, more) for q in r.queries if "archive_article" in q], [])
