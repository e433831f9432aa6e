"""Split and merge in the admin: corrections that survive re-import, keep every URL working,
and take the search index along."""
from django.contrib.auth.models import User
from django.test import TestCase
from django.urls import reverse

from archive.models import SPLIT_SEQ_BASE, Article, ArticleAlias
from search.searching import search
from tests.archive_helpers import TempDirMixin, run_import
from tests.search_helpers import TempIndexMixin

# Invented: three reports; the last one has a sub-heading (步道沿河而建) an editor may take for
# the title of a report of its own, and the first two could be taken for one report.
ISSUE = """\
县体育馆完成改造

本报讯（记者 王小明）县体育馆改造工程完工，新换的木地板和照明已经投入使用。

改造后的体育馆可容纳观众两千人。

春季运动会开幕

本报讯（记者 李红）全县中小学春季运动会昨日开幕，三十所学校的两千多名学生参加比赛。

河滨公园新添健身步道

本报讯（记者 赵小华）河滨公园新修的健身步道近日开放，全长三公里。

步道沿河而建

步道两侧种植了一百多棵柳树，每隔五百米设有一处休息亭。
"""


class SplitMergeTests(TempIndexMixin, TempDirMixin, TestCase):
    def setUp(self):
        super().setUp()
        self.path = self.write("2022-05-21.txt", ISSUE)
        run_import(self.path)
        self.client.force_login(User.objects.create_superuser("editor", "e@example.com", "pw"))

    def titles(self, q):
        return {hit.title for hit in search(q).hits}

    def article(self, **lookup) -> Article:
        return Article.objects.get(issue__date="2022-05-21", **lookup)

    def split(self, article, at):
        url = reverse("admin:archive_article_split", args=[article.pk])
        change_page = self.client.get(reverse("admin:archive_article_change", args=[article.pk]))
        self.assertContains(change_page, f'href="{url}"')
        self.assertContains(self.client.get(url), "从此段起拆为新文章")
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(url, {"at": at})
        self.assertEqual(response.status_code, 302)

    def merge(self, article):
        url = reverse("admin:archive_article_merge", args=[article.pk])
        self.assertContains(self.client.get(url), "并入本篇")
        with self.captureOnCommitCallbacks(execute=True):
            response = self.client.post(url)
        self.assertEqual(response.status_code, 302)

    def test_parse_as_the_tests_expect(self):
        self.assertEqual(list(Article.objects.order_by("seq").values_list("title", flat=True)),
                         ["县体育馆完成改造", "春季运动会开幕", "河滨公园新添健身步道"])
        self.assertEqual([len(a.paragraphs) for a in Article.objects.order_by("seq")], [2, 1, 3])

    def split_and_merge(self):
        self.split(self.article(seq=3), at=2)
        self.merge(self.article(seq=1))

    def test_split_keeps_the_url_on_the_first_part(self):
        first = self.article(seq=3)
        self.split(first, at=2)
        first.refresh_from_db()
        second = self.article(seq=SPLIT_SEQ_BASE + 1)
        self.assertEqual(first.paragraphs, ["本报讯（记者 赵小华）河滨公园新修的健身步道近日开放，全长三公里。"])
        self.assertEqual(second.title, "步道沿河而建")  # a headline-like first paragraph
        self.assertEqual(second.paragraphs, ["步道两侧种植了一百多棵柳树，每隔五百米设有一处休息亭。"])
        self.assertContains(self.client.get(first.get_absolute_url()), "全长三公里")
        self.assertNotContains(self.client.get(first.get_absolute_url()), "柳树")
        self.assertContains(self.client.get(second.get_absolute_url()), "柳树")
        self.assertEqual(self.titles("柳树"), {"步道沿河而建"})

    def test_a_split_part_is_printed_right_after_its_first_part(self):
        first = self.article(seq=1)
        self.split(first, at=2)
        issue_page = self.client.get(first.issue.get_absolute_url()).content.decode()
        second = self.article(seq=SPLIT_SEQ_BASE + 1)
        order = [issue_page.index(a.get_absolute_url()) for a in (first, second, self.article(seq=2))]
        self.assertEqual(order, sorted(order))
        page = self.client.get(second.get_absolute_url()).content.decode()
        self.assertIn(f'rel="prev" href="{first.get_absolute_url()}"', page)
        self.assertIn(f'rel="next" href="{self.article(seq=2).get_absolute_url()}"', page)

    def test_merge_answers_301_to_the_survivor_and_leaves_the_index(self):
        survivor, merged = self.article(seq=1), self.article(seq=2)
        self.merge(survivor)
        response = self.client.get(merged.get_absolute_url())
        self.assertEqual((response.status_code, response["Location"]), (301, survivor.get_absolute_url()))
        survivor.refresh_from_db()
        self.assertEqual(survivor.paragraphs[2], "春季运动会开幕")
        self.assertEqual(list(survivor.bylines.values_list("person__name", flat=True)), ["王小明", "李红"])
        self.assertNotIn(merged.pk, self.indexed_ids())
        self.assertEqual(self.titles("运动会"), {"县体育馆完成改造"})
        for old, new in ((f"{merged.get_absolute_url()}cite.ris", f"{survivor.get_absolute_url()}cite.ris"),
                         (f"{merged.get_absolute_url()}related/", f"{survivor.get_absolute_url()}related/")):
            response = self.client.get(old)
            self.assertEqual((response.status_code, response["Location"]), (301, new))
        self.assertEqual(self.client.get("/qinghe-daily/2022-05-21/9/").status_code, 404)

    def test_the_api_answers_301_for_a_merged_article(self):
        survivor, merged = self.article(seq=1), self.article(seq=2)
        self.merge(survivor)
        api = "/api/v1/papers/qinghe-daily/issues/2022-05-21/articles/{}"
        response = self.client.get(api.format(2))
        self.assertEqual((response.status_code, response["Location"]), (301, api.format(1)))
        self.assertEqual(self.client.get(response["Location"]).json()["title"], survivor.title)
        self.assertEqual(self.client.get(api.format(9)).status_code, 404)

    def test_both_survive_reimport_and_every_old_url_answers(self):
        urls = {a.seq: a.get_absolute_url() for a in Article.objects.all()}
        self.split_and_merge()
        split_url = self.article(seq=SPLIT_SEQ_BASE + 1).get_absolute_url()
        before = sorted(Article.objects.values_list("seq", "title", "body"))
        credits = sorted(Article.objects.values_list("seq", "bylines__person__name"))
        out, _, error = run_import(self.path, "--force")
        self.assertIsNone(error)
        self.assertIn("kept 3 corrected articles", out)
        self.assertNotIn("new parse has no article there", out)  # a split part is expected there
        self.assertEqual(sorted(Article.objects.values_list("seq", "title", "body")), before)
        self.assertEqual(sorted(Article.objects.values_list("seq", "bylines__person__name")), credits)
        for url in [*urls.values(), split_url]:
            with self.subTest(url):
                self.assertIn(self.client.get(url).status_code, (200, 301))
        self.assertEqual(self.client.get(urls[2]).status_code, 301)
        self.assertEqual(self.titles("运动会"), {"县体育馆完成改造"})
        self.assertEqual(self.titles("柳树"), {"步道沿河而建"})

    def test_discarding_undoes_both_without_breaking_urls(self):
        self.split_and_merge()
        split_url = self.article(seq=SPLIT_SEQ_BASE + 1).get_absolute_url()
        out, _, _ = run_import(self.path, "--force", "--discard-corrections")
        self.assertIn("#2 (merged into #1)", out)
        self.assertEqual(list(Article.objects.order_by("seq").values_list("title", flat=True)),
                         ["县体育馆完成改造", "春季运动会开幕", "河滨公园新添健身步道"])
        self.assertEqual(self.client.get(self.article(seq=2).get_absolute_url()).status_code, 200)
        response = self.client.get(split_url)
        self.assertEqual((response.status_code, response["Location"]), (301, self.article(seq=3).get_absolute_url()))

    def test_a_new_split_never_reuses_a_seq(self):
        self.split(self.article(seq=3), at=2)
        run_import(self.path, "--force", "--discard-corrections")  # the split part's seq is now an alias
        self.split(self.article(seq=3), at=2)
        self.assertTrue(Article.objects.filter(seq=SPLIT_SEQ_BASE + 2).exists())
        self.assertEqual(ArticleAlias.objects.get().seq, SPLIT_SEQ_BASE + 1)

    def test_split_needs_a_paragraph_inside(self):
        article = self.article(seq=2)  # one paragraph
        response = self.client.post(reverse("admin:archive_article_split", args=[article.pk]), {"at": 1}, follow=True)
        self.assertContains(response, "choose 2 to 1")
        self.assertContains(response, "只有一段，无法拆分")
        self.assertEqual(Article.objects.count(), 3)

    def test_the_last_article_has_nothing_to_merge(self):
        response = self.client.post(reverse("admin:archive_article_merge", args=[self.article(seq=3).pk]))
        self.assertContains(response, "没有下一篇可合并")
        self.assertEqual(Article.objects.count(), 3)
