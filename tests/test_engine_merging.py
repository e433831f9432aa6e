"""Which segments the bulk writer merges (search/engine/merging.py's tiers), and that a
merge it makes keeps every document."""
import tempfile
from unittest import mock

from django.test import SimpleTestCase, TestCase, override_settings
from whoosh import index as whoosh_index

from archive.models import Article
from search.backend import ArchiveWhooshBackend

from search.engine import merging
from search.engine.bulkwriting import BulkSegmentWriter
from search.engine.codec import ArchiveCodec
from tests import fiction
from tests.archive_helpers import TempDirMixin, run_import
from tests.search_helpers import TempIndexMixin
from tests.test_engine_codec import schema


class TiersTests(SimpleTestCase):
    def test_fewer_than_ten_of_a_tier_are_left_alone(self):
        self.assertEqual(merging.to_merge([500] * 9), [])
        self.assertEqual(merging.to_merge([5000] * 9 + [500] * 9), [])

    def test_ten_of_the_lowest_tier_are_merged_smallest_first(self):
        sizes = [5000] * 9 + [400] * 5 + [20] * 5 + [499]
        self.assertEqual(sorted(merging.to_merge(sizes)), list(range(9, 20)))

    def test_tiers_are_not_mixed(self):
        self.assertEqual(merging.to_merge([5000] * 8 + [100, 200]), [])
        self.assertEqual(sorted(merging.to_merge([100, 200] + [5000] * 10)), list(range(2, 12)))

    def test_a_merge_makes_at_most_what_it_is_allowed(self):
        self.assertEqual(len(merging.to_merge([10_000] * 12)), 10)
        self.assertEqual(merging.to_merge([60_000] * 10), [])  # over half of MERGED_DOCS: full
        self.assertEqual(merging.to_merge([4000] * 10, most=merging.SMALL_MERGE), [])  # a small commit's
        self.assertEqual(len(merging.to_merge([500] * 10, most=merging.SMALL_MERGE)), 10)

    def test_commits_of_the_bulk_writer_merge_by_tiers(self):
        tmp = tempfile.TemporaryDirectory()
        self.addCleanup(tmp.cleanup)
        ix = whoosh_index.create_in(tmp.name, schema())
        for n in range(merging.MERGE_FACTOR + 1):
            writer = BulkSegmentWriter(ix, codec=ArchiveCodec(compression=1), compound=False)
            writer.add_document(id=str(n), grams=f"清河县第{n}号图书馆", text="社区食堂开业", tags="a")
            writer.commit()
            self.assertEqual(len(ix.reader().leaf_readers()) if n else 1, n + 1 if n < merging.MERGE_FACTOR else 1)
        with ix.searcher() as searcher:
            self.assertEqual(sorted(int(f["id"]) for f in searcher.all_stored_fields()),
                             list(range(merging.MERGE_FACTOR + 1)))
            self.assertEqual(searcher.doc_frequency("text", "社区"), merging.MERGE_FACTOR + 1)


class BulkWriteMergeTests(TempIndexMixin, TempDirMixin, TestCase):
    """A bulk write commits a segment every SEARCH_SEGMENT_DOCS without merging, and its last
    one after its last commit's merge policy ran: the tier it fills is merged after it."""

    def load(self, articles: int):
        unoptimized = mock.patch.object(ArchiveWhooshBackend, "optimize", lambda backend: None)
        with override_settings(SEARCH_SEGMENT_DOCS=2), unoptimized:
            _, _, error = run_import(str(self.write("2024-03-09.txt", fiction.fictional_issue("m", articles))))
        self.assertIsNone(error)
        return len(self.backend().searcher().reader().leaf_readers())

    def test_the_segments_a_bulk_write_leaves_are_merged_by_tiers(self):
        # 19 articles: nine commits of two, then the last article's, the tenth segment.
        self.assertEqual(self.load(19), 1)
        self.assertEqual(self.indexed_ids(), set(Article.objects.values_list("pk", flat=True)))

    def test_fewer_than_a_tier_are_left_alone(self):
        self.assertEqual(self.load(17), 9)
        self.assertEqual(self.indexed_ids(), set(Article.objects.values_list("pk", flat=True)))
