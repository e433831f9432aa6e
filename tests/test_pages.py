"""The browse pages: what they show, their links, their status codes and their HTML."""
import datetime

from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from archive.models import Article, Issue, Newspaper, Person

from .web_helpers import SampleArchiveTestCase


class PageTestCase(SampleArchiveTestCase):
    def get(self, url, status=200):
        response = self.client.get(url)
        self.assertEqual(response.status_code, status, url)
        self.assertValidHtml(response)
        return response


class HomeTests(PageTestCase):
    def test_search_box_latest_issues_and_front_page_headlines(self):
        text = self.get("/").content.decode()
        self.assertIn('role="search"', text)
        for paper in Newspaper.objects.all():
            latest = paper.issues.order_by("-date").first()
            self.assertIn(latest.get_absolute_url(), text)
            front = Article.objects.filter(issue=latest, page__number=1).exclude(kind="notice").first()
            if front:
                self.assertIn(front.get_absolute_url(), text)

    def test_calendar_links_only_days_with_an_issue(self):
        response = self.get("/")
        month = response.context["papers"][0]["month"]["grid"]
        linked = [day for week in month.weeks for day in week if day and day.url]
        issue_days = set(Issue.objects.filter(paper__slug=response.context["papers"][0]["paper"].slug,
                                              date__year=month.first.year, date__month=month.first.month)
                         .values_list("date", flat=True))
        self.assertEqual({day.date for day in linked}, issue_days)
        self.assertTrue(issue_days)

    def test_current_month_is_shown_when_it_has_an_issue(self):
        today = timezone.localdate()
        paper = Newspaper.objects.get(slug="qinghe-daily")
        Issue.objects.create(paper=paper, date=today)
        card = next(c for c in self.get("/").context["papers"] if c["paper"] == paper)
        self.assertEqual(card["month"]["grid"].first, today.replace(day=1))

    def test_on_this_day_lists_earlier_years_only(self):
        today = timezone.localdate()
        paper = Newspaper.objects.get(slug="qinghe-daily")
        same_day = today.replace(year=today.year - 3) if not (today.month == 2 and today.day == 29) \
            else today.replace(year=today.year - 4)
        old = Issue.objects.create(paper=paper, date=same_day)
        Article.objects.create(issue=old, seq=1, title="往年今日的旧闻")
        new = Issue.objects.create(paper=paper, date=today)
        Article.objects.create(issue=new, seq=1, title="今天的新闻")
        text = self.get("/").content.decode()
        self.assertIn("往年今日的旧闻", text)
        self.assertNotIn("今天的新闻</a></li>", text.split("历史上的今天")[1])


class DateBrowsingTests(PageTestCase):
    def test_paper_page_counts_issues_by_year_and_month(self):
        response = self.get("/qinghe-daily/")
        [row] = response.context["years"]
        self.assertEqual((row.year, row.count), (2024, 3))
        self.assertEqual([n for _, n, _ in row.months], [0, 0, 2, 1, 0, 0, 0, 0, 0, 0, 0, 0])
        self.assertEqual([url for _, _, url in row.months if url],
                         [reverse("archive:month", args=["qinghe-daily", 2024, month]) for month in (3, 4)])
        self.assertContains(response, f'href="{reverse("archive:year", args=["qinghe-daily", 2024])}"')
        self.assertContains(response, 'href="/qinghe-daily/2024/03/" aria-label="2024年3月，2 期">2</a>', html=False)
        self.assertContains(response, "共 3 期")

    def test_paper_page_shows_the_latest_years_calendars(self):
        response = self.get("/qinghe-daily/")
        self.assertEqual(response.context["calendars"]["year"], 2024)
        self.assertEqual(len(response.context["calendars"]["months"]), 12)
        self.assertContains(response, 'href="/qinghe-daily/2024-04-02/"')

    def test_paper_page_shows_years_without_issues_as_empty_rows(self):
        paper = Newspaper.objects.get(slug="qinghe-daily")
        Issue.objects.create(paper=paper, date=datetime.date(2021, 7, 1))
        years = self.get("/qinghe-daily/").context["years"]
        self.assertEqual([(row.year, row.count) for row in years], [(2021, 1), (2022, 0), (2023, 0), (2024, 3)])

    def test_paper_page_searches_only_that_paper(self):
        text = self.get("/qinghe-daily/").content.decode()
        form = text[text.index('class="search-form paper-search"'):]
        form = form[:form.index("</form>")]
        self.assertIn('name="paper" value="qinghe-daily"', form)
        self.assertIn('name="q"', form)
        found = self.client.get("/search/", {"q": "公园", "paper": "qinghe-daily"}).context["results"]
        self.assertEqual({hit.paper for hit in found.hits}, {"qinghe-daily"})

    def test_paper_page_of_seventy_years_runs_no_query_a_month(self):
        paper = Newspaper.objects.get(slug="qinghe-daily")
        Issue.objects.bulk_create(Issue(paper=paper, date=datetime.date(1950 + y, m, d))
                                  for y in range(70) for m in range(1, 13) for d in (1, 15))
        with self.assertNumQueries(4):  # paper, first and last dates, issues a month, the last year's days
            response = self.client.get("/qinghe-daily/")
        years = response.context["years"]
        self.assertEqual((years[0].year, years[-1].year, len(years)), (1950, 2024, 75))
        self.assertEqual(years[0].months[0][1:], (2, "/qinghe-daily/1950/01/"))

    def test_paper_without_issues(self):
        Newspaper.objects.create(name="空白报", slug="kong-bai")
        response = self.get("/kong-bai/")
        self.assertEqual(response.context["years"], [])
        self.assertContains(response, "尚无期次")

    def test_year_page_has_twelve_months_and_links_issue_days(self):
        response = self.get("/qinghe-daily/2024/")
        months = response.context["months"]
        self.assertEqual(len(months), 12)
        linked = {day.date for month in months for week in month.weeks for day in week if day and day.url}
        self.assertEqual(linked, {datetime.date(2024, 3, 5), datetime.date(2024, 3, 12), datetime.date(2024, 4, 2)})

    def test_month_page_shows_every_day_and_links_issue_days(self):
        text = self.get("/qinghe-daily/2024/03/").content.decode()
        self.assertIn('href="/qinghe-daily/2024-03-05/"', text)
        self.assertIn('href="/qinghe-daily/2024-03-12/"', text)
        self.assertNotIn('href="/qinghe-daily/2024-03-06/"', text)
        self.assertIn('<td class="no-issue">6</td>', text)

    def test_previous_and_next_skip_empty_months_and_years(self):
        paper = Newspaper.objects.get(slug="qinghe-daily")
        Issue.objects.create(paper=paper, date=datetime.date(2021, 7, 1))
        response = self.get("/qinghe-daily/2024/03/")
        self.assertEqual(response.context["previous"], datetime.date(2021, 7, 1))
        self.assertEqual(response.context["next"], datetime.date(2024, 4, 1))
        response = self.get("/qinghe-daily/2024/")
        self.assertEqual((response.context["previous"], response.context["next"]), (2021, None))
        response = self.get("/qinghe-daily/2021/07/")
        self.assertEqual(response.context["next"], datetime.date(2024, 3, 1))

    def test_empty_year_and_month_are_404_with_navigation(self):
        text = self.get("/qinghe-daily/2023/", status=404).content.decode()
        self.assertIn('href="/qinghe-daily/2024/"', text)
        self.get("/qinghe-daily/2024/07/", status=404)


class IssueTests(PageTestCase):
    def test_table_of_contents_grouped_by_page_with_headlines_and_bylines(self):
        issue = Issue.objects.get(paper__slug="qinghe-daily", date="2024-03-12")
        response = self.get(issue.get_absolute_url())
        pages = response.context["pages"]
        self.assertEqual([page.number for page, _ in pages], [1, 2, 3])
        self.assertEqual(sum(len(articles) for _, articles in pages), issue.articles.count())
        text = response.content.decode()
        for article in issue.articles.all():
            self.assertIn(article.get_absolute_url(), text)
            for part in (article.kicker, article.subtitle):
                if part:
                    self.assertIn(part, text)
        byline = issue.articles.filter(bylines__isnull=False).first().bylines.first()
        self.assertIn(byline.person.get_absolute_url(), text)

    def test_previous_and_next_issue(self):
        response = self.get("/qinghe-daily/2024-03-12/")
        self.assertEqual(response.context["previous"].date, datetime.date(2024, 3, 5))
        self.assertEqual(response.context["next"].date, datetime.date(2024, 4, 2))
        self.assertContains(response, 'rel="next" href="/qinghe-daily/2024-04-02/"')

    def test_missing_issue_is_404_pointing_to_nearest_issues(self):
        text = self.get("/qinghe-daily/2024-03-08/", status=404).content.decode()
        self.assertIn('href="/qinghe-daily/2024-03-05/"', text)
        self.assertIn('href="/qinghe-daily/2024-03-12/"', text)

    def test_issue_and_article_pages_are_cacheable(self):
        for url in ("/qinghe-daily/2024-03-05/", "/qinghe-daily/2024-03-05/1/"):
            response = self.client.get(url)
            self.assertIn("public", response["Cache-Control"])
            self.assertIn("max-age=", response["Cache-Control"])
            self.assertTrue(response.has_header("ETag"))
            again = self.client.get(url, HTTP_IF_NONE_MATCH=response["ETag"])
            self.assertEqual(again.status_code, 304)


class ArticleTests(PageTestCase):
    def article(self, **lookup):
        return Article.objects.filter(**lookup).order_by("pk").first()

    def test_every_article_renders(self):
        for article in Article.objects.all():
            self.get(article.get_absolute_url())

    def test_headline_hierarchy_column_bylines_and_body(self):
        article = self.article(kicker__gt="", subtitle__gt="") or self.article(kicker__gt="")
        text = self.get(article.get_absolute_url()).content.decode()
        self.assertIn(f'<p class="kicker">{article.kicker}</p>', text)
        self.assertIn(f"<h1>{article.title}</h1>", text)
        for paragraph in article.paragraphs:
            self.assertIn(paragraph, text)

    def test_captions_editor_note_and_sidebar(self):
        for lookup in ({"captions__credit__gt": ""}, {"editor_note__0__isnull": False},
                       {"sidebar_title__gt": ""}):
            article = self.article(**lookup)
            self.assertIsNotNone(article, lookup)
            text = self.get(article.get_absolute_url()).content.decode()
            for caption in article.captions.all():
                self.assertIn(caption.credit, text)
            for note in article.editor_note:
                self.assertIn(note, text)
            if article.sidebar_title:
                self.assertIn(article.sidebar_title, text)

    def test_neighbours_and_citation(self):
        article = Article.objects.get(issue__paper__slug="qinghe-daily", issue__date="2024-03-05", seq=3)
        response = self.get(article.get_absolute_url())
        self.assertEqual(response.context["previous"].seq, 2)
        self.assertEqual(response.context["next"].seq, 4)
        self.assertContains(response, "东湖湿地公园观鸟季开幕[N]. 清河日报, 2024-03-05(1).")

    def test_permalink_survives_reimport_and_edits(self):
        article = Article.objects.get(issue__paper__slug="qinghe-daily", issue__date="2024-03-05", seq=3)
        url = article.get_absolute_url()
        article.title = "改过的标题"
        article.save()
        self.assertContains(self.client.get(url), "改过的标题")

    def test_unknown_article_is_404(self):
        self.get("/qinghe-daily/2024-03-05/999/", status=404)


class PeopleTests(PageTestCase):
    def test_reporter_page_articles_roles_years_and_colleagues(self):
        person = Person.objects.get(name="钱语桐")
        response = self.get(person.get_absolute_url())
        self.assertEqual(list(response.context["page"]), list(Article.objects.by_person(person)))
        self.assertEqual(response.context["roles"], [("记者", 1)])
        self.assertEqual(response.context["years"], [(2024, 1)])
        self.assertEqual([p.name for p, n in response.context["colleagues"]], ["程露"])

    def test_articles_are_newest_first_and_paged(self):
        person = Person.objects.get(name="钱语桐")
        issue = Issue.objects.get(paper__slug="qinghe-daily", date="2024-03-05")
        for seq in range(100, 125):
            article = Article.objects.create(issue=issue, seq=seq, title=f"补充稿件{seq}")
            article.bylines.create(person=person, role="记者")
        later = Issue.objects.create(paper=issue.paper, date=datetime.date(2024, 5, 1))
        newest = Article.objects.create(issue=later, seq=1, title="最新的稿件")
        newest.bylines.create(person=person, role="记者")
        response = self.get(person.get_absolute_url())
        self.assertEqual(response.context["page"][0], newest)
        self.assertEqual(response.context["page"].paginator.count, 27)
        self.assertEqual(len(self.get(person.get_absolute_url() + "?page=2").context["page"]), 7)
        self.assertEqual(response.context["years"], [(2024, 27)])

    def test_people_index_is_searchable_by_name(self):
        response = self.get("/people/?q=钱")
        self.assertEqual([p.name for p, _ in response.context["rows"]], ["钱语桐"])
        self.assertEqual(self.get("/people/").context["page"].paginator.count, Person.objects.count())
        self.get("/people/?q=不存在的人")

    def test_unknown_person_is_404(self):
        self.get("/people/no-such-person/", status=404)


class NotFoundTests(PageTestCase):
    def test_any_paper_date_seq_combination_is_200_or_404(self):
        papers = ["qinghe-daily", "no-such-paper"]
        dates = ["2024-03-05", "2024-03-06", "1900-01-01", "2024-02-30", "9999-12-31", "2024-13-01"]
        for paper in papers:
            for date in dates:
                for suffix in ("", "1/", "999/", "0/", "abc/"):
                    url = f"/{paper}/{date}/{suffix}"
                    response = self.client.get(url)
                    self.assertIn(response.status_code, (200, 404), url)
                    self.assertValidHtml(response)
                    if paper == "no-such-paper" or date != "2024-03-05" or suffix not in ("", "1/"):
                        self.assertEqual(response.status_code, 404, url)
            for suffix in ("2024/", "0000/", "2024/00/", "2024/13/", "2024/03/", "9999/12/"):
                response = self.client.get(f"/{paper}/{suffix}")
                self.assertIn(response.status_code, (200, 404))
                self.assertValidHtml(response)

    @override_settings(DEBUG=False)
    def test_404_page_is_ours(self):
        response = self.get("/no-such-paper/", status=404)
        self.assertContains(response, 'role="search"', status_code=404)

    def test_only_safe_methods(self):
        self.assertEqual(self.client.post("/qinghe-daily/2024-03-05/").status_code, 405)


class QueryCountTests(SampleArchiveTestCase):
    """Browse pages run a fixed number of queries: none per article, person or day."""

    PAGES = {  # url: queries
        # papers; per paper: latest, headlines, two months' days, before, after; the issues on this
        # day in earlier years (their articles and bylines are two more, only when there are some)
        "/": 1 + 2 * 8 + 1,
        "/qinghe-daily/": 4,
        "/qinghe-daily/2024/": 4,
        "/qinghe-daily/2024/03/": 4,
        "/qinghe-daily/2024-03-05/": 7,  # ... and the other printings of its stories
        "/qinghe-daily/2024-03-05/3/": 5,  # the article, bylines, captions with photographers, previous, next
        "/qinghe-daily/2024-03-05/3/related/": 2,  # the article, its body and captions; its list comes from the index
        "/people/": 3,
        "/people/qian-yu-tong/": 8,
    }

    def counts(self):
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        from django.core.cache import cache

        found = {}
        for url in self.PAGES:
            cache.clear()  # related articles are cached; nothing may come from a cache here
            with CaptureQueriesContext(connection) as queries:
                self.assertEqual(self.client.get(url).status_code, 200, url)
            found[url] = len(queries)
        return found

    def test_counts_are_fixed_and_do_not_grow_with_the_archive(self):
        self.assertEqual(self.counts(), self.PAGES)
        issue = Issue.objects.get(paper__slug="qinghe-daily", date="2024-03-05")
        person = Person.objects.get(name="钱语桐")
        for seq in range(100, 140):
            article = Article.objects.create(issue=issue, seq=seq, title=f"补充稿件{seq}",
                                             page=issue.pages.first())
            article.bylines.create(person=person, role="记者")
            article.bylines.create(person=Person.objects.create(name=f"同事{seq}"), role="通讯员")
        self.assertEqual(self.counts(), self.PAGES)
