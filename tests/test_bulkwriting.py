"""search/engine/bulkwriting.py writes the very files Whoosh's own writer writes: the
same documents through both give byte-identical segments, for new documents
and for segments merged with deletions; the two-process writer finds them all.
(Whoosh's bytes match while its pool stays in memory: once it spills postings
to run files, a value shared by two postings is pickled twice, not once.)"""
import datetime
import hashlib
import os
import tempfile
from unittest import mock
from pathlib import Path

from django.test import TestCase, override_settings
from whoosh import index as whoosh_index
from whoosh.writing import IndexingError, SegmentWriter

from archive.models import Article
from search import backend as search_backend
from search.backend import ArchiveWhooshBackend
from search.engine.bulkwriting import BulkMpWriter, BulkSegmentWriter, BulkSubWriterTask
from search.indexing import article_index
from tests import fiction
from tests.archive_helpers import TempDirMixin, run_import
from tests.search_helpers import TempIndexMixin

OPTIONS = {"codec": search_backend.CODEC, "compound": False}


def segment_files(path) -> dict[str, list[str]]:
    """Digests of each kind of segment file (names are random, contents are not)."""
    kinds = {}
    for file in sorted(Path(path).iterdir()):
        if file.name.startswith("MAIN_") and file.name != "MAIN_WRITELOCK":
            kind = file.name.split(".", 1)[1]
            kinds.setdefault(kind, []).append(hashlib.sha256(file.read_bytes()).hexdigest())
    return {kind: sorted(digests) for kind, digests in kinds.items()}


class BulkDocsCase(TempIndexMixin, TempDirMixin, TestCase):
    """Three imported issues' documents, and indexes built from them by a writer class."""

    def setUp(self):
        super().setUp()
        for n in range(3):
            day = datetime.date(2024, 3, 1) + datetime.timedelta(days=n)
            _, _, error = run_import(str(self.write(f"{day}.txt", fiction.fictional_issue(f"b{n}", 12))))
            self.assertIsNone(error)
        backend, index = self.backend(), article_index()
        self.schema = backend.schema
        self.docs = []
        for article in index.index_queryset():
            doc = index.full_prepare(article)
            doc.pop("boost", None)
            self.docs.append({k: backend._from_python(v) for k, v in doc.items() if v not in ("", None, [])})
        self.assertGreater(len(self.docs), 30)

    def new_index(self):
        tmp = tempfile.TemporaryDirectory()
        self.addCleanup(tmp.cleanup)
        return tmp.name, whoosh_index.create_in(tmp.name, self.schema)

    def build(self, writer_class, batches, deletions=(), **options):
        """Commit each batch unmerged, delete `deletions` (ids), then optimize: the
        last step merges the segments with their deletions through `writer_class`."""
        path, ix = self.new_index()
        for batch in batches:
            writer = writer_class(ix, **OPTIONS, **options)
            for doc in batch:
                writer.add_document(**doc)
            writer.commit(merge=False)
        if deletions:
            writer = SegmentWriter(ix, **OPTIONS)
            for doc_id in deletions:
                writer.delete_by_term("id", doc_id)
            writer.commit(merge=False)
            writer_class(ix, **OPTIONS).commit(optimize=True)
        return path, ix


class BulkWritingTests(BulkDocsCase):
    def test_new_documents_are_written_byte_for_byte_as_whoosh_writes_them(self):
        whoosh_path, _ = self.build(SegmentWriter, [self.docs])
        bulk_path, _ = self.build(BulkSegmentWriter, [self.docs])
        self.maxDiff = None
        self.assertEqual(segment_files(whoosh_path), segment_files(bulk_path))
        self.assertIn("apst", segment_files(bulk_path))

    def test_merged_segments_with_deletions_are_written_as_whoosh_writes_them(self):
        thirds = [self.docs[n::3] for n in range(3)]
        gone = [doc["id"] for doc in self.docs[::5]]
        whoosh_path, whoosh_ix = self.build(SegmentWriter, thirds, gone)
        bulk_path, bulk_ix = self.build(BulkSegmentWriter, thirds, gone)
        self.maxDiff = None
        self.assertEqual(segment_files(whoosh_path), segment_files(bulk_path))
        with bulk_ix.searcher() as searcher:
            self.assertEqual(searcher.doc_count(), len(self.docs) - len(gone))
            self.assertEqual(len(searcher.reader().leaf_readers()), 1)

    def test_two_processes_write_two_segments_that_find_every_document(self):
        path, ix = self.new_index()
        writer = BulkMpWriter(ix, procs=2, batchsize=10, **OPTIONS)
        for doc in self.docs:
            writer.add_document(**doc)
        writer.commit(merge=False)
        with ix.searcher() as searcher:
            self.assertEqual(len(searcher.reader().leaf_readers()), 2)
            self.assertEqual({f["id"] for f in searcher.all_stored_fields()}, {d["id"] for d in self.docs})
            for doc in self.docs[:10]:
                pk = int(doc["django_id"])
                title = Article.objects.get(pk=pk).title
                hits = {h["id"] for h in searcher.search(search_backend.whoosh_query(f'"{title}"'), limit=None)}
                self.assertIn(doc["id"], hits)


    def test_a_writer_process_that_dies_commits_nothing(self):
        path, ix = self.new_index()
        writer = BulkMpWriter(ix, procs=2, batchsize=5, **OPTIONS)

        def die(task, filename, doc_count):
            os._exit(3)

        with mock.patch.object(BulkSubWriterTask, "_process_file", die):
            for doc in self.docs:
                writer.add_document(**doc)
            with self.assertRaisesRegex(IndexingError, "exit code 3"):
                search_backend._commit(writer, merge=False)
        self.assertEqual(whoosh_index.open_dir(path).doc_count(), 0)
        lock = whoosh_index.open_dir(path).lock("WRITELOCK")
        self.assertTrue(lock.acquire(False))  # the lock was let go
        lock.release()

class SegmentCommitTests(TempIndexMixin, TempDirMixin, TestCase):
    def test_a_big_write_commits_a_segment_every_SEARCH_SEGMENT_DOCS_and_indexes_everything(self):
        unoptimized = mock.patch.object(ArchiveWhooshBackend, "optimize", lambda backend: None)
        with override_settings(SEARCH_SEGMENT_DOCS=10), unoptimized:
            _, _, error = run_import(str(self.write("2024-03-09.txt", fiction.fictional_issue("s", 25))))
        self.assertIsNone(error)
        reader = self.backend().searcher().reader()
        self.assertGreaterEqual(len(reader.leaf_readers()), 3)
        self.assertEqual(self.indexed_ids(), set(Article.objects.values_list("pk", flat=True)))

