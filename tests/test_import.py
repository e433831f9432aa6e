"""The import_issue command and the importer behind it."""
import datetime
import json
from unittest import mock

from django.test import TestCase

from archive import importer
from archive.ingest import Byline as ParsedByline
from archive.ingest import Caption as ParsedCaption
from archive.ingest import ParsedArticle, ParsedIssue
from archive.models import Article, Byline, Caption, Issue, Newspaper, Page, Person
from tests.archive_helpers import EXTRA, ISSUE, PAPER, SLUG, TempDirMixin, run_import

TITLES = {"清河县春耕生产全面展开", "城南老街改造完工", "县图书馆延长开放时间"}


def snapshot():
    """Everything the importer writes, by primary key."""
    return {
        model.__name__: sorted(model.objects.values_list("pk", flat=True))
        for model in (Newspaper, Issue, Page, Article, Byline, Caption, Person)
    }


class ImportCommandTests(TempDirMixin, TestCase):
    def test_import_creates_issue_and_articles(self):
        out, _, error = run_import(self.write("2022-05-21.txt"))
        self.assertIsNone(error)
        self.assertIn("1 created", out)
        issue = Issue.objects.get()
        self.assertEqual((issue.paper.name, issue.paper.slug), (PAPER, SLUG))
        self.assertEqual(issue.date.isoformat(), "2022-05-21")
        self.assertEqual(issue.source_name, "2022-05-21.txt")
        self.assertEqual(len(issue.checksum), 64)
        self.assertEqual(set(issue.articles.values_list("title", flat=True)), TITLES)
        first = Article.objects.get(issue=issue, seq=1)
        self.assertEqual(first.get_absolute_url(), "/qinghe-daily/2022-05-21/1/")
        self.assertTrue(first.paragraphs[-1].endswith("。"))
        self.assertEqual(first.char_count, sum(map(len, first.paragraphs)))

    def test_imported_article_pages_are_served(self):
        run_import(self.write("2022-05-21.txt"))
        article = Article.objects.get(title="城南老街改造完工")
        self.assertContains(self.client.get("/"), article.issue.get_absolute_url())
        for url in (article.issue.get_absolute_url(), article.get_absolute_url()):
            self.assertContains(self.client.get(url), "城南老街改造完工")

    def test_reimport_is_a_no_op(self):
        path = self.write("2022-05-21.txt")
        run_import(path)
        before, stamp = snapshot(), Issue.objects.get().imported_at
        out, _, error = run_import(path)
        self.assertIsNone(error)
        self.assertIn("1 unchanged", out)
        self.assertEqual(snapshot(), before)
        self.assertEqual(Issue.objects.get().imported_at, stamp)

    def test_force_rewrites_an_unchanged_file_in_place(self):
        path = self.write("2022-05-21.txt")
        run_import(path)
        ids = dict(Article.objects.values_list("seq", "pk"))
        credits = sorted(Byline.objects.values_list("article__seq", "person__name", "role"))
        Article.objects.filter(seq=2).update(title="编辑改过的标题")
        out, _, error = run_import(path)
        self.assertIsNone(error)
        self.assertIn("1 unchanged", out)
        self.assertEqual(Article.objects.get(seq=2).title, "编辑改过的标题")
        out, _, error = run_import(path, "--force")
        self.assertIsNone(error)
        self.assertIn("1 updated", out)
        self.assertEqual(dict(Article.objects.values_list("seq", "pk")), ids)
        self.assertEqual(Article.objects.get(seq=2).title, "城南老街改造完工")
        self.assertEqual(sorted(Byline.objects.values_list("article__seq", "person__name", "role")), credits)

    def test_force_applies_a_changed_parser(self):
        path = self.write("2022-05-21.txt")
        run_import(path)
        ids = dict(Article.objects.values_list("seq", "pk"))
        real = importer.parse_file

        def improved(*args, **kwargs):
            parsed = real(*args, **kwargs)
            parsed.articles[0].title = "改进后的标题"
            return parsed

        with mock.patch.object(importer, "parse_file", side_effect=improved) as parser:
            run_import(path)
            parser.assert_not_called()  # unchanged: skipped without parsing
            out, _, error = run_import(path, "--force")
        self.assertIsNone(error)
        self.assertIn("1 updated", out)
        self.assertEqual(dict(Article.objects.values_list("seq", "pk")), ids)
        self.assertEqual(Article.objects.get(seq=1).title, "改进后的标题")

    def test_modified_file_updates_in_place(self):
        path = self.write("2022-05-21.txt")
        run_import(path)
        ids = dict(Article.objects.values_list("seq", "pk"))
        path.write_text(ISSUE.replace("九点", "十点") + EXTRA, encoding="utf-8")
        out, _, error = run_import(path)
        self.assertIsNone(error)
        self.assertIn("1 updated", out)
        self.assertEqual(Issue.objects.count(), 1)
        after = dict(Article.objects.values_list("seq", "pk"))
        self.assertEqual({seq: after[seq] for seq in ids}, ids)
        self.assertEqual(len(after), len(ids) + 1)
        self.assertIn("十点", Article.objects.get(title="县图书馆延长开放时间").body)

    def test_shorter_file_deletes_surplus_articles(self):
        path = self.write("2022-05-21.txt", ISSUE + EXTRA)
        run_import(path)
        ids = dict(Article.objects.values_list("seq", "pk"))
        path.write_text(ISSUE, encoding="utf-8")
        run_import(path)
        after = dict(Article.objects.values_list("seq", "pk"))
        self.assertEqual(after, {seq: pk for seq, pk in ids.items() if seq in after})
        self.assertEqual(len(after), len(ids) - 1)

    def test_dry_run_writes_nothing(self):
        out, _, error = run_import(self.write("2022-05-21.txt"), "--dry-run")
        self.assertIsNone(error)
        self.assertIn("1 dry-run", out)
        self.assertEqual(snapshot(), {name: [] for name in snapshot()})

    def test_dry_run_json_prints_one_object_per_issue(self):
        self.write("2022-05-21.txt")
        self.write("2022-05-22.txt", ISSUE + EXTRA)
        out, _, error = run_import(self.dir, "--dry-run", "--json")
        self.assertIsNone(error)
        lines = out.splitlines()
        self.assertEqual(len(lines), 2)
        issues = [json.loads(line) for line in lines]
        self.assertEqual([i["date"] for i in issues], ["2022-05-21", "2022-05-22"])
        for issue in issues:
            self.assertEqual(set(issue), {"paper", "date", "articles"})
            self.assertEqual(issue["paper"], PAPER)
        first = issues[0]["articles"][0]
        for key in ("seq", "page", "kind", "title", "bylines", "captions", "paragraphs"):
            self.assertIn(key, first)
        self.assertIn("清河县", lines[0])  # ensure_ascii=False: readable Chinese
        self.assertEqual(Article.objects.count(), 0)

    def test_json_without_dry_run_is_refused(self):
        _, _, error = run_import(self.write("2022-05-21.txt"), "--json")
        self.assertIsNotNone(error)
        self.assertEqual(Issue.objects.count(), 0)

    def test_directory_is_read_recursively_for_txt_only(self):
        self.write("2022-05-21.txt")
        self.write("may/week4/2022-05-28.txt")
        self.write("2022-05-29.truth.jsonl", "{}")
        self.write("notes.md", "# 笔记")
        out, _, error = run_import(self.dir)
        self.assertIsNone(error)
        self.assertIn("2 created", out)
        dates = [d.isoformat() for d in Issue.objects.values_list("date", flat=True)]
        self.assertEqual(dates, ["2022-05-21", "2022-05-28"])

    def test_date_option_names_the_issue(self):
        _, _, error = run_import(self.write("frontpage.txt"), "--date", "2022-06-01")
        self.assertIsNone(error)
        self.assertEqual(Issue.objects.get().date.isoformat(), "2022-06-01")

    def test_bad_date_option_is_a_clear_error(self):
        _, _, error = run_import(self.write("2022-05-21.txt"), "--date", "2022-13-01")
        self.assertIn("YYYY-MM-DD", str(error))
        self.assertEqual(Issue.objects.count(), 0)

    def test_one_bad_file_does_not_stop_the_others(self):
        self.write("2022-05-21.txt")
        self.write("2022-05-22.txt", b"")
        self.write("2022-05-23.txt")
        out, _, error = run_import(self.dir)
        self.assertIsNotNone(error)
        self.assertIn("2 created", out)
        self.assertIn("2022-05-22.txt", out)
        dates = [d.isoformat() for d in Issue.objects.values_list("date", flat=True)]
        self.assertEqual(dates, ["2022-05-21", "2022-05-23"])

    def test_parser_bug_in_one_file_does_not_stop_the_others(self):
        self.write("2022-05-21.txt")
        bad = self.write("2022-05-22.txt")
        self.write("2022-05-23.txt")
        real = importer.parse_file

        def buggy(path, *args, **kwargs):
            if path == bad:
                raise RuntimeError("boom")
            return real(path, *args, **kwargs)

        with mock.patch.object(importer, "parse_file", side_effect=buggy):
            out, err, error = run_import(self.dir, "--traceback")
        self.assertIsNotNone(error)
        self.assertIn("1 of 3 files failed", str(error))
        self.assertIn("2 created", out)
        self.assertIn(f"{bad}: internal error while parsing: RuntimeError: boom", out.splitlines())
        self.assertIn("Traceback", err)  # --traceback shows where the bug is
        dates = [d.isoformat() for d in Issue.objects.values_list("date", flat=True)]
        self.assertEqual(dates, ["2022-05-21", "2022-05-23"])

    def test_parser_key_error_is_a_bug_not_a_decoding_error(self):
        path = self.write("2022-05-21.txt")
        with mock.patch.object(importer, "parse_file", side_effect=KeyError("seq")):
            with self.assertRaises(importer.InternalError) as caught:
                importer.parse(path, None)
        self.assertEqual(str(caught.exception), f"{path}: internal error while parsing: KeyError: 'seq'")

    def test_failure_while_saving_rolls_back_that_file_only(self):
        self.write("2022-05-21.txt")
        bad = self.write("2022-05-22.txt")
        run_import(self.dir)
        before = {
            "issue": Issue.objects.filter(date="2022-05-22").values_list("checksum", "imported_at").get(),
            "articles": sorted(Article.objects.filter(issue__date="2022-05-22").values_list("pk", "seq", "body")),
            "bylines": Byline.objects.filter(article__issue__date="2022-05-22").count(),
        }
        bad.write_text(ISSUE.replace("九点", "十点") + EXTRA, encoding="utf-8")
        self.write("2022-05-23.txt")
        real = importer.save_credits

        def failing(articles, *args):
            if next(iter(articles.values())).issue.date == datetime.date(2022, 5, 22):
                raise RuntimeError("disk full")  # after the articles were written
            return real(articles, *args)

        with mock.patch.object(importer, "save_credits", side_effect=failing):
            out, _, error = run_import(self.dir)
        self.assertIsNotNone(error)
        self.assertIn(f"{bad}: internal error while importing: RuntimeError: disk full", out.splitlines())
        self.assertIn("1 created", out)
        self.assertIn("1 unchanged", out)
        after = {
            "issue": Issue.objects.filter(date="2022-05-22").values_list("checksum", "imported_at").get(),
            "articles": sorted(Article.objects.filter(issue__date="2022-05-22").values_list("pk", "seq", "body")),
            "bylines": Byline.objects.filter(article__issue__date="2022-05-22").count(),
        }
        self.assertEqual(after, before)
        self.assertTrue(Issue.objects.filter(date="2022-05-23").exists())

    def test_two_files_of_one_date_are_refused(self):
        self.write("2022-05-21.txt")
        self.write("清河日报-2022-05-21.txt", ISSUE + EXTRA)
        out, _, error = run_import(self.dir)
        self.assertIsNotNone(error)
        self.assertIn("清河日报-2022-05-21.txt", out)
        self.assertEqual(Issue.objects.get().source_name, "2022-05-21.txt")

    def test_paper_slug_defaults_to_pinyin(self):
        run_import(self.write("2022-05-21.txt"), slug=None)
        self.assertEqual(Newspaper.objects.get().slug, "qing-he-ri-bao")


def parsed_issue(*credits):
    """A ParsedIssue built by hand, so credit handling is tested apart from the parser."""
    articles = [
        ParsedArticle(seq=i, line=i, title=f"标题{i}", paragraphs=["正文。"], bylines=bylines, captions=captions)
        for i, (bylines, captions) in enumerate(credits, 1)
    ]
    return ParsedIssue(articles=articles)


class ImporterCreditTests(TempDirMixin, TestCase):
    def import_parsed(self, parsed, name="2022-05-21.txt", **kwargs):
        path = self.write(name, f"{name}\n")  # content only feeds the checksum
        with mock.patch.object(importer, "parse_file", return_value=parsed):
            return importer.import_file(path, PAPER, paper_slug=SLUG, **kwargs)

    def test_bylines_people_and_photographer(self):
        result = self.import_parsed(parsed_issue(
            ([ParsedByline("王小明", "记者"), ParsedByline("陈光", "摄影")],
             [ParsedCaption("老街新貌。", "本报记者 陈光摄"), ParsedCaption("梧桐树。", "资料图片")]),
            ([ParsedByline("王小明", "记者")], []),
        ))
        self.assertEqual((result.status, result.articles, result.bylines), ("created", 2, 3))
        self.assertEqual(Person.objects.count(), 2)
        wang = Person.objects.get(name="王小明")
        self.assertEqual(Article.objects.by_person(wang).count(), 2)
        captions = Caption.objects.order_by("order")
        self.assertEqual([c.photographer and c.photographer.name for c in captions], ["陈光", None])

    def test_reimport_replaces_credits_and_reuses_people(self):
        people = {}
        self.import_parsed(parsed_issue(([ParsedByline("王小明", "记者")], [])), people=people)
        self.assertIn("王小明", people)
        self.import_parsed(parsed_issue(([ParsedByline("王小明", "记者")], [])), "2022-05-22.txt", people=people)
        self.assertEqual(Person.objects.count(), 1)
        path = self.dir / "2022-05-21.txt"
        path.write_text("changed\n", encoding="utf-8")
        changed = parsed_issue(([ParsedByline("李红", "通讯员")], []))
        with mock.patch.object(importer, "parse_file", return_value=changed):
            importer.import_file(path, PAPER, people=people)
        article = Article.objects.get(issue__date="2022-05-21", seq=1)
        self.assertEqual([(b.person.name, b.role) for b in article.bylines.all()], [("李红", "通讯员")])

    def test_failed_file_leaves_no_people_in_the_cache(self):
        people = {}
        # Fails after the people were created, inside the same transaction.
        with mock.patch.object(Caption.objects, "bulk_create", side_effect=RuntimeError("boom")):
            with self.assertRaises(RuntimeError):
                self.import_parsed(parsed_issue(([ParsedByline("王小明", "记者")], [])), people=people)
        self.assertEqual(people, {})
        self.assertEqual(snapshot(), {name: [] for name in snapshot()})

    def test_page_markers_become_pages(self):
        parsed = parsed_issue(([], []), ([], []))
        parsed.articles[0].page, parsed.articles[0].page_name = 1, "要闻"
        parsed.articles[1].page = 3
        self.import_parsed(parsed)
        self.assertEqual(list(Page.objects.values_list("number", "name")), [(1, "要闻"), (3, "")])
        self.assertEqual(Article.objects.get(seq=1).page.name, "要闻")
