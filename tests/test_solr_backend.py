"""The Solr engine's own behaviour (make test-solr): what the embedded engine does through
its files (the analyzer's signature, the writer) it does through the collection, and a
Solr that does not answer is a clear error that leaves the archive unchanged.

Only collected when SOLR_URL is set (tests/conftest.py)."""
import io
import json
import os

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import TestCase, override_settings
from haystack import connections

from archive.models import Article, Issue
from search import indexing, recovery
from search.checks import check_analyzer
from search.searching import search
from solr.backend import SIGNATURE_ID
from tests.archive_helpers import EXTRA, TempDirMixin, run_import
from tests.test_repeats import FRONT, OTHER

SOLR_URL = os.environ.get("SOLR_URL", "").rstrip("/")
if not SOLR_URL:
    pytest.fail("SOLR_URL is not set: run `make test-solr`", pytrace=False)
COLLECTION = os.environ.get("SOLR_COLLECTION", "archive")
ENGINE = "solr.backend.ArchiveSolrEngine"
# Nothing listens on port 9 (discard) of loopback here: a Solr that does not answer.
UNREACHABLE = "http://127.0.0.1:9/solr/archive"


def use(url: str):
    config = {"default": {"ENGINE": ENGINE, "URL": url, "TIMEOUT": 5}}
    override = override_settings(HAYSTACK_CONNECTIONS=config)
    override.enable()
    connections.connections_info = config
    connections.reload("default")

    def restore():
        from django.conf import settings

        override.disable()
        connections.connections_info = settings.HAYSTACK_CONNECTIONS
        connections.reload("default")
    return restore


class SolrTestCase(TempDirMixin, TestCase):
    def setUp(self):
        super().setUp()
        self.addCleanup(use(f"{SOLR_URL}/{COLLECTION}"))
        indexing.backend().clear()

    def titles(self, q, **options) -> set[str]:
        return {hit.title for hit in search(q, **options).hits}

    def indexed_ids(self) -> set[int]:
        return {int(pk) for pk in indexing.backend().doc_ids()}

    def check(self, *args):
        out = io.StringIO()
        call_command("check_index", *args, stdout=out)
        return out.getvalue()


class SolrIndexTests(SolrTestCase):
    def setUp(self):
        super().setUp()
        run_import(str(self.write("2024-03-05.txt", FRONT)))

    def test_an_import_indexes_its_articles_and_folds_the_repeat(self):
        self.assertEqual(self.indexed_ids(), set(Article.objects.values_list("pk", flat=True)))
        self.assertEqual(len(search("口袋公园", collapse=False).hits), 2)
        folded = search("口袋公园")
        self.assertEqual((folded.total, folded.folded), (1, 1))

    def test_a_reprint_that_leaves_its_story_is_moved_not_copied(self):
        copy = Article.objects.get(title="口袋公园全部开放")
        before = copy.printing.story
        with self.captureOnCommitCallbacks(execute=True):
            copy.body = OTHER.replace("图书馆", "博物馆")  # now a near copy of another story
            copy.save()
        copy.refresh_from_db()
        self.assertNotEqual(copy.printing.story, before)
        found = indexing.backend().select({"q": f'django_id:"{copy.pk}"', "fl": "id"})["response"]
        self.assertEqual([doc["id"] for doc in found["docs"]], [f"{copy.printing.story}!archive.article.{copy.pk}"])
        self.assertEqual((search("口袋公园").total, search("口袋公园").folded), (2, 0))

    def test_check_index_repairs_what_the_collection_lacks(self):
        gone = Article.objects.get(title="县图书馆延长开放时间")
        indexing.backend().remove(gone)
        with self.assertRaisesMessage(CommandError, "check_index --repair"):
            self.check()
        self.assertIn("repaired: 1 indexed", self.check("--repair"))
        self.assertEqual(self.titles("图书馆"), {"县图书馆延长开放时间"})

    def test_an_analyzer_change_is_reported_until_rebuilt(self):
        stale = {"id": SIGNATURE_ID, "django_ct": "search.signature", "signature": "analyzer 0; dictionary none"}
        indexing.backend().post(json.dumps({"add": {"doc": stale}}), commit="true")
        with self.assertRaisesMessage(CommandError, "rebuild_index"):
            self.check()
        self.assertEqual([w.id for w in check_analyzer()], ["search.W001"])
        call_command("rebuild_index", interactive=False, verbosity=0)
        self.assertIn("the index matches the database", self.check())
        self.assertEqual(self.titles("图书馆"), {"县图书馆延长开放时间"})

    def test_the_version_changes_with_every_write(self):
        backend = indexing.backend()
        before = backend.version()
        self.assertEqual(backend.version(), before)
        backend.remove(Article.objects.first())
        self.assertNotEqual(backend.version(), before)

    def test_related_articles_share_words_and_leave_out_the_article(self):
        article = Article.objects.get(title="清河县口袋公园全部开放")
        related = list(connections["default"].get_backend().more_like_this(article)["results"])
        self.assertIn("口袋公园全部开放", {hit.title for hit in related})
        self.assertNotIn(str(article.pk), {hit.pk for hit in related})


class UnreachableSolrTests(SolrTestCase):
    def test_an_import_fails_clearly_and_writes_nothing(self):
        self.addCleanup(use(UNREACHABLE))
        _, _, error = run_import(str(self.write("2024-03-05.txt", FRONT)))
        self.assertIsInstance(error, CommandError)
        self.assertIn(f"the Solr collection {UNREACHABLE} does not answer", str(error))
        self.assertFalse(Issue.objects.exists())

    def test_an_edit_is_kept_for_the_next_write(self):
        run_import(str(self.write("2024-03-05.txt", FRONT + EXTRA)))
        article = Article.objects.get(title="县图书馆延长开放时间")
        restore = use(UNREACHABLE)
        with self.assertLogs("search.indexing", "WARNING") as logs, self.captureOnCommitCallbacks(execute=True):
            article.title = "县图书馆夜间开放"
            article.save()
        restore()
        self.assertIn("does not answer", logs.output[0])
        self.assertEqual(len(recovery.waiting()), 1)
        self.assertIn("edits waiting for the index: 1", self.check("--repair"))
        self.assertEqual(self.titles("标题:夜间开放"), {"县图书馆夜间开放"})
        self.assertEqual(recovery.waiting(), [])
