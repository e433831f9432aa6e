"""Editors' corrections: recorded with the parser's value, who and when, and never lost to a re-import."""
from django.contrib.auth.models import User
from django.test import TestCase
from django.urls import reverse

from archive.corrections import IMPORTED
from archive.models import Article, Byline, Page, Person
from tests.admin_helpers import form_data
from tests.archive_helpers import ISSUE, TempDirMixin, run_articles, run_import

TITLE = "城南老街改造完工"


class CorrectionTests(TempDirMixin, TestCase):
    def setUp(self):
        super().setUp()
        self.path = self.write("2022-05-21.txt")
        run_import(self.path)
        self.editor = User.objects.create_superuser("editor", "e@example.com", "pw")
        self.client.force_login(self.editor)
        self.article = Article.objects.get(title=TITLE)

    def change_url(self, article):
        return reverse("admin:archive_article_change", args=[article.pk])

    def edit(self, article, **changes):
        """Submit the article's admin form with `changes` (form field names) applied."""
        data = form_data(self.client.get(self.change_url(article)).content.decode(), "article_form")
        data.update(changes)
        response = self.client.post(self.change_url(article), data)
        self.assertEqual(response.status_code, 302, response.content.decode()[:2000])

    def edit_title_and_byline(self):
        self.assertEqual(list(self.article.bylines.values_list("person__name", "role")), [("李红", "记者")])
        newcomer = Person.objects.create(name="李宏")
        self.edit(self.article, title="城南老街改造工程完工", **{"bylines-0-person": str(newcomer.pk)})

    def state(self):
        article = Article.objects.get(pk=self.article.pk)
        return article.title, list(article.bylines.values_list("person__name", "role"))

    def test_edit_records_the_parsers_values_who_and_when(self):
        self.edit_title_and_byline()
        article = Article.objects.get(pk=self.article.pk)
        self.assertEqual(article.corrected_fields, {"title": TITLE, "bylines": [["李红", "记者"]]})
        imported, edit = article.history.order_by("history_date", "history_id")
        self.assertEqual((imported.title, imported.history_change_reason, imported.history_user), (TITLE, IMPORTED, None))
        self.assertEqual((edit.title, edit.history_user), ("城南老街改造工程完工", self.editor))
        self.assertEqual(edit.history_change_reason, "更正: title, bylines")
        self.assertEqual([c.field for c in edit.diff_against(imported).changes], ["title"])
        page = self.client.get(self.change_url(article)).content.decode()
        self.assertIn(f"<td>title</td><td>{TITLE}</td><td>城南老街改造工程完工</td>", page)

    def test_edits_survive_force_and_discard_corrections_restores_the_parser(self):
        self.edit_title_and_byline()
        out, _, error = run_import(self.path, "--force")
        self.assertIsNone(error)
        self.assertIn("kept 1 corrected articles", out)
        self.assertEqual(self.state(), ("城南老街改造工程完工", [("李宏", "记者")]))
        out, _, error = run_import(self.path, "--force", "--discard-corrections")
        self.assertIsNone(error)
        self.assertIn("discarded the corrections of 1 articles:", out)
        self.assertIn("清河日报 2022-05-21 #2 (title, bylines)", out)
        self.assertEqual(self.state(), (TITLE, [("李红", "记者")]))
        self.assertEqual(Article.objects.get(pk=self.article.pk).corrected_fields, {})

    def test_dry_run_tells_what_would_be_kept_or_discarded(self):
        self.edit_title_and_byline()
        out, _, _ = run_import(self.path, "--dry-run")
        self.assertIn("kept 1 corrected articles", out)
        out, _, _ = run_import(self.path, "--dry-run", "--discard-corrections")
        self.assertIn("清河日报 2022-05-21 #2 (title, bylines)", out)
        self.assertEqual(self.state(), ("城南老街改造工程完工", [("李宏", "记者")]))

    def test_changed_file_keeps_corrections_and_refreshes_the_original(self):
        self.edit(self.article, title="城南老街改造工程完工")
        self.path.write_text(ISSUE.replace(TITLE, "城南老街改造全面完工"), encoding="utf-8")
        out, _, _ = run_import(self.path)
        self.assertIn("1 updated", out)
        self.assertIn("kept 1 corrected articles", out)
        article = Article.objects.get(pk=self.article.pk)
        self.assertEqual((article.title, article.corrected_fields), ("城南老街改造工程完工", {"title": "城南老街改造全面完工"}))

    def test_corrected_article_the_new_parse_lacks_is_kept_and_reported(self):
        last = Article.objects.get(seq=3)
        self.edit(last, title="县图书馆开放到晚上九点")
        self.path.write_text(ISSUE[:ISSUE.index("县图书馆")], encoding="utf-8")
        out, _, error = run_import(self.path)
        self.assertIsNone(error)
        self.assertIn("kept, though the new parse has no article there: 清河日报 2022-05-21 #3 (title)", out)
        self.assertEqual(Article.objects.get(pk=last.pk).title, "县图书馆开放到晚上九点")
        self.assertEqual(self.client.get(last.get_absolute_url()).status_code, 200)

    def test_saving_the_parsers_value_again_is_no_correction(self):
        self.edit(self.article, title="城南老街改造工程完工")
        self.edit(self.article, title=TITLE)
        self.assertEqual(Article.objects.get(pk=self.article.pk).corrected_fields, {})

    def test_revert_action_restores_the_parsers_values(self):
        self.edit_title_and_byline()
        changelist = reverse("admin:archive_article_changelist")
        self.client.post(changelist, {"action": "revert_corrections", "_selected_action": [self.article.pk]})
        self.assertEqual(self.state(), (TITLE, [("李红", "记者")]))
        self.assertEqual(Article.objects.get(pk=self.article.pk).corrected_fields, {})

    def test_history_reverts_to_the_imported_version(self):
        self.edit(self.article, title="城南老街改造工程完工")
        imported = self.article.history.get(history_change_reason=IMPORTED)
        url = reverse("admin:archive_article_simple_history", args=[self.article.pk, imported.history_id])
        data = form_data(self.client.get(url).content.decode(), "historicalarticle_form")
        self.assertEqual(data["title"], TITLE)
        self.assertEqual(self.client.post(url, data).status_code, 302)
        article = Article.objects.get(pk=self.article.pk)
        self.assertEqual((article.title, article.corrected_fields), (TITLE, {}))

    def test_credits_changed_on_their_own_admin_pages_are_corrections(self):
        add_caption = reverse("admin:archive_caption_add")
        response = self.client.post(add_caption, {"article": self.article.pk, "text": "改造后的老街。",
                                                  "credit": "本报记者 李红摄", "order": 0})
        self.assertEqual(response.status_code, 302)
        byline = Byline.objects.get(article__seq=1)
        self.client.post(reverse("admin:archive_byline_delete", args=[byline.pk]), {"post": "yes"})
        out, _, _ = run_import(self.path, "--force")
        self.assertIn("kept 2 corrected articles", out)
        self.assertEqual(list(self.article.captions.values_list("text", flat=True)), ["改造后的老街。"])
        self.assertFalse(Byline.objects.filter(article__seq=1).exists())
        first = Article.objects.get(seq=1)
        self.assertEqual(first.corrected_fields, {"bylines": [["王小明", "记者"]]})
        self.assertEqual(first.history.first().history_user, self.editor)
        self.client.post(reverse("admin:archive_article_changelist"),
                         {"action": "revert_corrections", "_selected_action": [self.article.pk, first.pk]})
        self.assertEqual(self.article.captions.count(), 0)
        self.assertEqual(list(first.bylines.values_list("person__name", flat=True)), ["王小明"])

    def test_per_article_import_keeps_corrections_too(self):
        path = self.write("rows.csv", "date,title,author,content\n2022-06-01,甲,张三;,正文。\n")
        run_articles(path)
        article = Article.objects.get(issue__date="2022-06-01")
        self.edit(article, title="甲（更正）")
        out, _, _ = run_articles(path, "--force")
        self.assertIn("kept 1 corrected articles", out)
        self.assertEqual(Article.objects.get(pk=article.pk).title, "甲（更正）")
        self.assertEqual(Byline.objects.filter(article=article).count(), 1)

    def test_a_page_correction_follows_the_pages_a_reimport_makes_anew(self):
        path = self.write("rows.csv", "date,page,title,content\n2022-06-01,第1版：要闻,甲,正文。\n"
                                      "2022-06-01,第2版：民生,乙,正文。\n")
        run_articles(path)
        article = Article.objects.get(issue__date="2022-06-01", title="甲")
        second_page = Page.objects.get(issue=article.issue, number=2)
        self.edit(article, page=str(second_page.pk))
        self.assertEqual(Article.objects.get(pk=article.pk).corrected_fields, {"page": 1})
        out, _, _ = run_articles(path, "--force")
        self.assertIn("kept 1 corrected articles", out)
        article.refresh_from_db()
        self.assertEqual((article.page.number, article.page.name), (2, "民生"))
        self.assertNotEqual(article.page_id, second_page.pk)  # the pages were made anew
