"""The bulk writer's batch path (search/engine/bulkwriting.py: documents analysed
together by batch.analyse_batch, each field handed to the codec as arrays) writes
the same segments as the per-document path and as Whoosh's own writer: in several
batches, beside a merged segment, and with a document that cannot wait for a batch."""
from unittest import mock

from django.test import SimpleTestCase
from hypothesis import given, settings, strategies as st
from whoosh.writing import SegmentWriter

from search import backend as search_backend
from search.engine import bulkwriting, pool
from search.engine.bulkwriting import BulkSegmentWriter
from tests.test_bulkwriting import OPTIONS, BulkDocsCase, segment_files


def per_document(writer, fields):
    return False  # every document analysed alone: the path before batches


class BatchPathTests(BulkDocsCase):
    def queries(self) -> list[str]:
        """A character, a pair, a phrase and two words taken from some documents' text."""
        found = []
        for doc in self.docs[::9]:
            text = "".join(doc["text"].split())
            found += [text[3], text[5:7], f'"{text[10:15]}"', f"{text[20:22]} {text[40:43]}"]
        return found

    def hits(self, ix) -> dict[str, set]:
        with ix.searcher() as searcher:
            return {q: {h["id"] for h in searcher.search(search_backend.whoosh_query(q), limit=None)}
                    for q in self.queries()}

    def test_batches_write_the_postings_and_hits_of_the_per_document_path(self):
        analyse = mock.Mock(wraps=bulkwriting.batch.analyse_batch)
        with mock.patch.object(bulkwriting, "BATCH_DOCS", 7), \
                mock.patch.object(bulkwriting.batch, "analyse_batch", analyse):
            batch_path, batch_ix = self.build(BulkSegmentWriter, [self.docs])  # several batches and a remainder
        self.assertEqual(analyse.call_count, -(-len(self.docs) // 7))
        with mock.patch.object(BulkSegmentWriter, "_batchable", per_document):
            old_path, old_ix = self.build(BulkSegmentWriter, [self.docs])
        whoosh_path, _ = self.build(SegmentWriter, [self.docs])
        self.maxDiff = None
        self.assertEqual(segment_files(batch_path), segment_files(old_path))
        self.assertEqual(segment_files(batch_path), segment_files(whoosh_path))
        hits = self.hits(batch_ix)
        self.assertEqual(hits, self.hits(old_ix))
        self.assertGreater(sum(1 for found in hits.values() if found), len(hits) * 3 // 4)  # not all empty

    def build_merged(self, writer_class):
        """A committed third, then the rest added by writer_class with the third merged in."""
        third = len(self.docs) // 3
        path, ix = self.build(SegmentWriter, [self.docs[:third]])
        writer = writer_class(ix, **OPTIONS)
        for doc in self.docs[third:]:
            writer.add_document(**doc)
        writer.commit(optimize=True)
        return path, ix

    def test_new_batches_beside_a_merged_segment_are_written_as_whoosh_writes_them(self):
        with mock.patch.object(bulkwriting, "BATCH_DOCS", 5):
            batch_path, batch_ix = self.build_merged(BulkSegmentWriter)
        whoosh_path, whoosh_ix = self.build_merged(SegmentWriter)
        self.maxDiff = None
        self.assertEqual(segment_files(batch_path), segment_files(whoosh_path))
        self.assertEqual(self.hits(batch_ix), self.hits(whoosh_ix))
        with batch_ix.searcher() as searcher:
            self.assertEqual(searcher.doc_count(), len(self.docs))

    def test_a_boosted_document_is_written_alone_between_batches(self):
        docs = [dict(doc) for doc in self.docs]
        docs[len(docs) // 2]["_text_boost"] = 3.0  # a boost applies a posting at a time
        with mock.patch.object(bulkwriting, "BATCH_DOCS", 4):
            batch_path, _ = self.build(BulkSegmentWriter, [docs])
        whoosh_path, _ = self.build(SegmentWriter, [docs])
        self.assertEqual(segment_files(batch_path), segment_files(whoosh_path))


class NumberedTermsTests(SimpleTestCase):
    """pool.numbered_terms: the union of batches' sorted terms, numbered, as Python sorts bytes."""

    @settings(max_examples=200, deadline=None)
    @given(st.lists(st.lists(st.binary(max_size=4), unique=True, max_size=12).map(sorted), min_size=1, max_size=4))
    def test_the_union_is_sorted_and_numbered_as_by_python(self, lists):
        keys, numbers = pool.numbered_terms(lists)
        self.assertEqual(keys, sorted(set().union(*lists)))  # NUL bytes anywhere in a term
        self.assertEqual([n.tolist() for n in numbers], [[keys.index(t) for t in terms] for terms in lists])
