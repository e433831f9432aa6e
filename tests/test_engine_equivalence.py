"""Search through ArchiveCodec finds what a plain Whoosh index finds: the same
articles, imported from the sample papers and invented issues, written once by
the backend (our codec, bulk writer, array search) and once by Whoosh's own
writer with W3Codec and Whoosh's pickled Positions, searched by Whoosh's collector."""
import copy
import tempfile
from pathlib import Path

from django.test import TestCase
from whoosh import formats, index as whoosh_index
from whoosh.codec.whoosh3 import W3Codec
from whoosh.writing import SegmentWriter

from search.backend import whoosh_query
from search.engine import matching
from search.engine.formats import PackedPositions
from search.indexing import article_index
from tests import fiction
from tests.archive_helpers import TempDirMixin, run_import
from tests.search_helpers import TempIndexMixin
from tests.test_matching import query_strings

SAMPLES = Path(__file__).resolve().parent.parent / "samples"


def plain_schema(schema):
    """The schema with Whoosh's own Positions format where ours packs positions."""
    plain = copy.deepcopy(schema)
    for name in plain.names():
        field = plain[name]
        if isinstance(field.format, PackedPositions):
            field.format = formats.Positions(field_boost=field.format.field_boost)
    return plain


class EquivalenceTests(TempIndexMixin, TempDirMixin, TestCase):
    def setUp(self):
        super().setUp()
        issues = [min(paper.glob("*.txt")) for paper in sorted(SAMPLES.iterdir()) if any(paper.glob("*.txt"))]
        for n, issue in enumerate(issues):
            _, _, error = run_import(str(issue), slug=f"sample{n}", paper=issue.parent.name)
            self.assertIsNone(error, issue)
        _, _, error = run_import(str(self.write("2024-05-01.txt", fiction.fictional_issue("e", 15))))
        self.assertIsNone(error)
        backend, index = self.backend(), article_index()
        self.ours = backend.searcher()
        tmp = tempfile.TemporaryDirectory()
        self.addCleanup(tmp.cleanup)
        self.plain_path = tmp.name
        ix = whoosh_index.create_in(tmp.name, plain_schema(backend.schema))
        writer = SegmentWriter(ix, codec=W3Codec())
        for article in index.index_queryset():
            doc = index.full_prepare(article)
            doc.pop("boost", None)
            writer.add_document(**{k: backend._from_python(v) for k, v in doc.items() if v not in ("", None, [])})
        writer.commit()
        self.plain = ix.searcher()
        self.addCleanup(self.plain.close)
        self.assertGreater(self.plain.doc_count(), 35)
        self.assertEqual(self.plain.doc_count(), self.ours.doc_count())

    def ids(self, searcher, docnums) -> set[str]:
        return {searcher.stored_fields(n)["id"] for n in docnums}

    def test_the_same_articles_are_found(self):
        found_some = 0
        for q_string in query_strings(seed=5, count=80) + ['"本报记者"', "记者 -本报", '"的"']:
            q = whoosh_query(q_string)
            ours = matching.find(self.ours, q, limit=10_000)
            theirs = self.ids(self.plain, self.plain.docs_for_query(q))
            self.assertEqual(self.ids(self.ours, ours.docnums), theirs, q_string)
            self.assertEqual(ours.total, len(theirs), q_string)
            found_some += ours.total > 3
        self.assertGreater(found_some, 20)

    def test_the_index_is_smaller_than_the_plain_one(self):
        def size(folder):
            return sum(f.stat().st_size for f in Path(folder).iterdir() if f.is_file())
        self.assertLess(size(self.index_path), size(self.plain_path))
