"""An index written before ArchiveCodec (W3Codec segments, Whoosh's pickled
Positions) is still searched, is reported by check_index, and `rebuild_index`
converts it: afterwards every segment is ours and the hits are the same."""
import io
from pathlib import Path

from django.core.management import call_command
from django.test import TestCase
from whoosh import index as whoosh_index
from whoosh.codec.whoosh3 import W3Codec
from whoosh.writing import SegmentWriter

from search import checks
from search.backend import whoosh_query
from search.engine import matching
from search.indexing import article_index
from tests import fiction
from tests.archive_helpers import TempDirMixin, run_import
from tests.search_helpers import TempIndexMixin
from tests.test_engine_equivalence import plain_schema

QUERIES = ["清河县", '"顺利完工"', "记者", "社区 食堂", '"本"', "完工 OR 开放", "title:完工"]


class RebuildTests(TempIndexMixin, TempDirMixin, TestCase):
    def setUp(self):
        super().setUp()
        _, _, error = run_import(str(self.write("2024-05-01.txt", fiction.fictional_issue("r", 15))))
        self.assertIsNone(error)
        backend, index = self.backend(), article_index()
        docs = []
        for article in index.index_queryset():
            doc = index.full_prepare(article)
            doc.pop("boost", None)
            docs.append({k: backend._from_python(v) for k, v in doc.items() if v not in ("", None, [])})
        # The index as the code before ArchiveCodec wrote it, with the signature it wrote.
        ix = whoosh_index.create_in(self.index_path, plain_schema(backend.schema))
        writer = SegmentWriter(ix, codec=W3Codec(compression=0), compound=False)
        for doc in docs:
            writer.add_document(**doc)
        writer.commit()
        backend.signature_path().write_text(backend.stored_signature().split("; format")[0], encoding="utf-8")
        backend.setup()

    def hits(self) -> dict[str, set[str]]:
        searcher = self.backend().own_searcher()
        try:
            return {q: {searcher.stored_fields(n)["id"] for n in matching.find(searcher, whoosh_query(q),
                                                                                 limit=10_000).docnums}
                    for q in QUERIES}
        finally:
            searcher.close()

    def suffixes(self) -> set[str]:
        return {f.suffix for f in Path(self.index_path).iterdir()}

    def test_an_old_index_is_searched_reported_and_converted_by_rebuild_index(self):
        self.assertIn(".pst", self.suffixes())
        before = self.hits()
        self.assertTrue(all(before.values()), before)
        self.assertIn("rebuild_index", checks.analyzer_mismatch())
        call_command("rebuild_index", interactive=False, verbosity=0, stdout=io.StringIO())
        self.assertIn(".apst", self.suffixes())
        self.assertNotIn(".pst", self.suffixes())
        self.assertEqual(checks.analyzer_mismatch(), "")
        self.assertEqual(self.hits(), before)
