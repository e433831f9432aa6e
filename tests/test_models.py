"""Models, URLs and the admin."""
import datetime
import re

from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.test import TestCase
from hypothesis import given
from hypothesis import strategies as st

from archive.models import Article, Byline, Caption, Issue, Newspaper, Page, Person, pinyin_slug


def make_article(**fields):
    paper, _ = Newspaper.objects.get_or_create(name="清河日报", slug="qinghe-daily")
    issue, _ = Issue.objects.get_or_create(paper=paper, date=datetime.date(2022, 5, 21))
    values = {"seq": 1, "title": "城南老街改造完工", "body": "第一段。\n第二段。"} | fields
    return Article.objects.create(issue=issue, **values)


class SlugTests(TestCase):
    def test_pinyin_slug(self):
        self.assertEqual(pinyin_slug("清河日报", "x"), "qing-he-ri-bao")
        self.assertEqual(pinyin_slug("《》", "paper"), "paper")

    def test_person_slug_gets_a_suffix_on_collision(self):
        slugs = [Person.objects.create(name=name).slug for name in ("张伟", "章玮", "张 伟")]
        self.assertEqual(slugs, ["zhang-wei", "zhang-wei-2", "zhang-wei-3"])


@given(st.text(max_size=30))
def test_slug_is_always_ascii(text):
    assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", pinyin_slug(text, "x"))


class ConstraintTests(TestCase):
    def assert_duplicate_rejected(self, create):
        with self.assertRaises(IntegrityError), transaction.atomic():
            create()

    def test_unique_constraints(self):
        article = make_article()
        person = Person.objects.create(name="王小明")
        Byline.objects.create(article=article, person=person, role="记者")
        Page.objects.create(issue=article.issue, number=1)
        self.assert_duplicate_rejected(lambda: Issue.objects.create(paper=article.issue.paper, date=article.issue.date))
        self.assert_duplicate_rejected(lambda: Article.objects.create(issue=article.issue, seq=1))
        self.assert_duplicate_rejected(lambda: Page.objects.create(issue=article.issue, number=1))
        self.assert_duplicate_rejected(lambda: Byline.objects.create(article=article, person=person, role="记者"))
        self.assert_duplicate_rejected(lambda: Person.objects.create(name="王小明"))
        Byline.objects.create(article=article, person=person, role="摄影")  # another role is fine


class ArticleTests(TestCase):
    def test_urls(self):
        article = make_article(seq=7)
        self.assertEqual(article.issue.get_absolute_url(), "/qinghe-daily/2022-05-21/")
        self.assertEqual(article.get_absolute_url(), "/qinghe-daily/2022-05-21/7/")

    def test_paragraphs_and_headline(self):
        article = make_article(kicker="旧貌换新颜", subtitle="两侧新栽梧桐树")
        self.assertEqual(article.paragraphs, ["第一段。", "第二段。"])
        self.assertEqual(article.headline, "旧貌换新颜 城南老街改造完工 两侧新栽梧桐树")
        self.assertEqual(Article(body="").paragraphs, [])

    def test_queries(self):
        article = make_article()
        person = Person.objects.create(name="王小明")
        Byline.objects.create(article=article, person=person, role="记者")
        Byline.objects.create(article=article, person=person, role="摄影")
        self.assertEqual(list(Article.objects.by_person(person)), [article])
        self.assertEqual(list(article.issue.contents()), [article])
        self.assertIs(article.issue.contents()[0].issue, article.issue)

    def test_on_this_day_in_earlier_years_newest_first(self):
        paper = Newspaper.objects.create(name="清河日报", slug="qinghe-daily")
        yunling = Newspaper.objects.create(name="云岭晚报", slug="yunling-evening")
        for day, on in (("2016-02-29", paper), ("2019-02-28", paper), ("2020-02-29", paper),
                        ("2020-02-29", yunling), ("2023-03-01", paper), ("2024-02-29", paper)):
            Article.objects.create(issue=Issue.objects.create(paper=on, date=day), seq=1, title=f"{on.slug} {day}")
        Issue.objects.create(paper=Newspaper.objects.create(name="新报", slug="new"), date="2024-03-01")
        firsts = dict(Newspaper.objects.with_first_issue().values_list("slug", "first_issue"))
        self.assertEqual(firsts, {"qinghe-daily": datetime.date(2016, 2, 29), "yunling-evening": datetime.date(2020, 2, 29),
                                  "new": datetime.date(2024, 3, 1)})
        since = min(firsts.values())

        def titles(day, limit=10):
            return [a.title for a in Article.objects.on_this_day(datetime.date.fromisoformat(day), limit, since)]

        self.assertEqual(titles("2024-02-29"), ["qinghe-daily 2020-02-29", "yunling-evening 2020-02-29",
                                                "qinghe-daily 2016-02-29"])
        self.assertEqual(titles("2028-02-29", limit=2), ["qinghe-daily 2024-02-29", "qinghe-daily 2020-02-29"])
        self.assertEqual(titles("2025-02-28"), ["qinghe-daily 2019-02-28"])
        self.assertEqual(titles("2016-02-29"), [])

    def test_impossible_date_is_not_found(self):
        make_article()
        self.assertEqual(self.client.get("/qinghe-daily/2022-02-30/1/").status_code, 404)
        self.assertEqual(self.client.get("/qinghe-daily/2022-05-21/9/").status_code, 404)


class AdminTests(TestCase):
    def setUp(self):
        self.article = make_article()
        person = Person.objects.create(name="陈光")
        page = Page.objects.create(issue=self.article.issue, number=1, name="要闻")
        self.article.page = page
        self.article.save()
        Byline.objects.create(article=self.article, person=person, role="摄影")
        Caption.objects.create(article=self.article, text="老街新貌。", credit="陈光摄", photographer=person)
        self.client.force_login(User.objects.create_superuser("editor", "editor@example.com", "pw"))

    def test_changelist_and_change_form_of_every_model(self):
        for model in (Newspaper, Issue, Page, Article, Person, Byline, Caption):
            opts = model._meta
            base = f"/admin/{opts.app_label}/{opts.model_name}/"
            obj = model.objects.first()
            for url in (base, f"{base}{obj.pk}/change/", f"{base}add/", f"{base}?q=陈"):
                self.assertEqual(self.client.get(url).status_code, 200, url)

    def test_article_filters_load(self):
        response = self.client.get("/admin/archive/article/", {"issue__paper__id__exact": self.article.issue.paper_id})
        self.assertContains(response, "城南老街改造完工")

    def test_editing_title_keeps_the_url(self):
        url = self.article.get_absolute_url()
        form = self.client.get(f"/admin/archive/article/{self.article.pk}/change/").context["adminform"].form
        data = {name: form[name].value() for name in form.fields}
        data = {k: "" if v is None else v for k, v in data.items()}
        data |= {"title": "城南老街焕然一新", "bylines-TOTAL_FORMS": 0, "bylines-INITIAL_FORMS": 0,
                 "captions-TOTAL_FORMS": 0, "captions-INITIAL_FORMS": 0}
        response = self.client.post(f"/admin/archive/article/{self.article.pk}/change/", data)
        self.assertEqual(response.status_code, 302, response.context and response.context.get("errors"))
        self.article.refresh_from_db()
        self.assertEqual(self.article.title, "城南老街焕然一新")
        self.assertEqual(self.article.get_absolute_url(), url)
        self.assertEqual(self.article.bylines.count(), 1)
        self.assertEqual(self.client.get(url).status_code, 200)
