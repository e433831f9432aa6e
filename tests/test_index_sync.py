"""The index follows the database: imports, admin edits, deletes, repairs,
and writes made while another process holds the index."""
import datetime
import io
import subprocess
import sys
import textwrap
import time
from unittest import mock

from django.contrib.auth.models import User
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import TestCase, override_settings
from django.utils import timezone

from archive.models import Article, Byline, Issue, Person
from search import indexing
from search.search_indexes import ArticleIndex, import_stamp
from search.searching import search
from tests.archive_helpers import EXTRA, ISSUE, TempDirMixin, run_import
from tests.search_helpers import TempIndexMixin, dead_marker


class IndexSyncTests(TempIndexMixin, TempDirMixin, TestCase):
    def setUp(self):
        super().setUp()
        run_import(str(self.write("2024-03-05.txt")))

    def titles(self, q):
        return {hit.title for hit in search(q).hits}

    def test_import_indexes_every_article(self):
        self.assertEqual(self.indexed_ids(), set(Article.objects.values_list("pk", flat=True)))
        self.assertEqual(self.titles("梧桐"), {"城南老街改造完工"})

    def test_reimport_of_a_changed_file_updates_and_removes(self):
        run_import(str(self.write("2024-03-05.txt", ISSUE.replace("梧桐树", "银杏树") + EXTRA)))
        self.assertEqual(self.titles("梧桐"), set())
        self.assertEqual(self.titles("银杏"), {"城南老街改造完工"})
        run_import(str(self.write("2024-03-05.txt", EXTRA)))
        self.assertEqual(self.indexed_ids(), set(Article.objects.values_list("pk", flat=True)))
        self.assertEqual(self.titles("银杏"), set())

    def test_admin_edit_is_searchable_after_commit(self):
        admin = User.objects.create_superuser("editor", "e@example.com", "pw")
        self.client.force_login(admin)
        article = Article.objects.get(title="城南老街改造完工")
        with self.captureOnCommitCallbacks(execute=True):
            article.title = "城南老街改造工程完工"
            article.save()
        self.assertEqual(self.titles("标题:工程完工"), {"城南老街改造工程完工"})

    def test_byline_change_reindexes_its_article(self):
        article = Article.objects.get(title="城南老街改造完工")
        with self.captureOnCommitCallbacks(execute=True):
            Byline.objects.create(article=article, person=Person.objects.create(name="周新"), role="摄影")
        self.assertEqual(self.titles("作者:周新"), {"城南老街改造完工"})

    def test_delete_leaves_the_index(self):
        article = Article.objects.get(title="城南老街改造完工")
        with self.captureOnCommitCallbacks(execute=True):
            article.delete()
        self.assertNotIn(article.pk, self.indexed_ids())
        self.assertEqual(self.titles("梧桐"), set())

    def test_rolled_back_edit_never_reaches_the_index(self):
        article = Article.objects.get(title="城南老街改造完工")
        with self.captureOnCommitCallbacks(execute=False) as callbacks:
            article.title = "不该出现的标题"
            article.save()
        self.assertEqual(len(callbacks), 1)  # discarded, as a rollback would
        self.assertEqual(self.titles("不该出现"), set())

    def test_check_index_reports_and_repairs_differences(self):
        keep = Article.objects.get(title="城南老街改造完工")
        self.backend().remove(keep)
        Article.objects.filter(pk=Article.objects.exclude(pk=keep.pk).first().pk).delete()  # no on_commit here
        with self.assertRaisesMessage(CommandError, "check_index --repair"):
            call_command("check_index", stdout=self.null())
        call_command("check_index", repair=True, stdout=self.null())
        self.assertEqual(self.indexed_ids(), set(Article.objects.values_list("pk", flat=True)))
        call_command("check_index", stdout=self.null())

    def test_analyzer_change_is_reported(self):
        (indexing.backend().signature_path()).write_text("analyzer 0; dictionary none", encoding="utf-8")
        with self.assertRaisesMessage(CommandError, "rebuild_index"):
            call_command("check_index", stdout=self.null())
        from search.checks import check_analyzer
        self.assertEqual([w.id for w in check_analyzer()], ["search.W001"])
        call_command("rebuild_index", interactive=False, verbosity=0)
        call_command("check_index", stdout=self.null())
        self.assertEqual(self.titles("梧桐"), {"城南老街改造完工"})

    @staticmethod
    def null():
        import io
        return io.StringIO()


class StampTests(TempIndexMixin, TempDirMixin, TestCase):
    """After a dead import, repair indexes again only the articles whose document was
    indexed with another stamp than their issue's imported_at (search/recovery.py)."""

    def setUp(self):
        super().setUp()
        run_import(str(self.write("2024-03-05.txt")))
        run_import(str(self.write("2024-03-12.txt", EXTRA)))
        self.first = Issue.objects.get(date="2024-03-05")

    def repair(self) -> str:
        out = io.StringIO()
        call_command("check_index", repair=True, stdout=out)
        return out.getvalue()

    def stamps(self) -> dict[int, int | None]:
        return self.backend().stamps()

    def test_articles_rewritten_in_place_by_a_dead_run_are_indexed_again_and_only_they(self):
        dead_marker(self, timezone.now() - datetime.timedelta(minutes=1))
        article = Article.objects.get(title="城南老街改造完工")
        # The dead run's re-import: the issue's articles and its imported_at in one transaction, no index write.
        Article.objects.filter(pk=article.pk).update(title="城南老街改造工程完工")
        Issue.objects.filter(pk=self.first.pk).update(imported_at=timezone.now())
        rewritten = self.first.articles.count()
        self.assertIn(f"repaired: {rewritten} indexed, 0 removed; of the {Article.objects.count()} articles "
                      f"imported since the first dead run started, {rewritten} were stale", self.repair())
        self.assertEqual(self.titles("标题:工程完工"), {"城南老街改造工程完工"})
        self.assertEqual(self.titles("标题:老街改造完工"), set())
        stamps = {pk: import_stamp(at) for pk, at in Article.objects.values_list("pk", "issue__imported_at")}
        self.assertEqual(self.stamps(), stamps)

    def test_documents_of_an_index_from_before_stamps_count_as_stale_once(self):
        ids = set(Article.objects.values_list("pk", flat=True))
        with mock.patch.object(ArticleIndex, "prepare_stamp", return_value=None):
            indexing.reconcile(ids)  # written as before documents had a stamp
        self.assertEqual(self.stamps(), dict.fromkeys(ids))
        dead_marker(self, timezone.now() - datetime.timedelta(minutes=1))
        self.assertIn(f"repaired: {len(ids)} indexed, 0 removed; of the {len(ids)} articles imported since the "
                      f"first dead run started, {len(ids)} were stale", self.repair())
        self.assertNotIn(None, self.stamps().values())
        dead_marker(self, timezone.now() - datetime.timedelta(minutes=2))
        self.assertIn(f"repaired: 0 indexed, 0 removed; of the {len(ids)} articles imported since the "
                      f"first dead run started, 0 were stale", self.repair())

    def titles(self, q):
        return {hit.title for hit in search(q).hits}


HOLD_WRITER = textwrap.dedent("""
    import sys, time
    from whoosh.index import open_dir
    writer = open_dir(sys.argv[1]).writer()
    print("locked", flush=True)
    time.sleep(float(sys.argv[2]))
    writer.commit()
""")


class WriterLockTests(TempIndexMixin, TempDirMixin, TestCase):
    """Another process (an import) holds the Whoosh writer: our edits must wait
    for it, not be dropped as haystack's stock remove() does."""

    def setUp(self):
        super().setUp()
        run_import(str(self.write("2024-03-05.txt")))
        self.article = Article.objects.get(title="城南老街改造完工")

    def hold_lock(self, seconds):
        holder = subprocess.Popen([sys.executable, "-c", HOLD_WRITER, self.index_path, str(seconds)],
                                  stdout=subprocess.PIPE, text=True)
        self.addCleanup(holder.wait)
        self.assertEqual(holder.stdout.readline().strip(), "locked")
        return holder

    def test_delete_waits_for_the_other_writer(self):
        holder = self.hold_lock(1.5)
        started = time.monotonic()
        with self.captureOnCommitCallbacks(execute=True):
            self.article.delete()
        self.assertGreater(time.monotonic() - started, 1.0)
        self.assertEqual(holder.wait(), 0)
        self.assertNotIn(self.article.pk, self.indexed_ids())

    def test_edit_waits_for_the_other_writer(self):
        self.hold_lock(1.5)
        with self.captureOnCommitCallbacks(execute=True):
            self.article.title = "城南老街全面改造完工"
            self.article.save()
        self.assertEqual({h.title for h in search("标题:全面改造").hits}, {"城南老街全面改造完工"})

    @override_settings()
    def test_a_writer_that_never_finishes_is_an_error_not_a_silent_loss(self):
        from whoosh.index import LockError

        self.backend().write_timeout = 0.3
        self.addCleanup(setattr, self.backend(), "write_timeout", 600.0)
        self.hold_lock(3)
        with self.assertRaises(LockError):
            self.backend().remove(self.article)


class SegmentWithoutBylinesTests(TempIndexMixin, TempDirMixin, TestCase):
    """A segment of articles without bylines beside one with them (as an edit of
    such an article leaves until segments merge): faceted searches still work."""

    def test_faceted_search_over_a_segment_with_no_bylines(self):
        from unittest import mock

        from whoosh import writing

        run_import(self.write("2024-03-05.txt"))
        commit = writing.SegmentWriter.commit
        unmerged = lambda writer, **kwargs: commit(writer, mergetype=writing.NO_MERGE)  # noqa: E731
        with mock.patch.object(writing.SegmentWriter, "commit", unmerged):
            run_import(self.write("2024-03-06.txt", "县里举行运动会\n\n运动会今天开幕，全县两千人参加。\n"))
        self.assertGreater(len(self.backend().searcher().reader().leaf_readers()), 1)
        self.assertEqual({h.title for h in search("运动会").hits}, {"县里举行运动会"})
        self.assertEqual({h.title for h in search("梧桐").hits}, {"城南老街改造完工"})
