"""Which segments the bulk writer merges (search/engine/merging.py's tiers), and that a
merge it makes keeps every document."""
import tempfile
from unittest import mock

from django.test import SimpleTestCase, TestCase, override_settings
from whoosh import index as whoosh_index

from archive.models import Article
from search.backend import ArchiveWhooshBackend

from search.engine import merging
from search.engine.bulkwriting import BulkMpWriter, BulkSegmentWriter
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


    def test_a_commit_of_the_process_writer_merges_by_tiers_too(self):
        # Ten segments of the lowest tier (left unmerged), then a commit of the multi-process
        # bulk writer (a load's): the tiers it runs merge them.
        tmp = tempfile.TemporaryDirectory()
        self.addCleanup(tmp.cleanup)
        ix = whoosh_index.create_in(tmp.name, schema())
        options = {"codec": ArchiveCodec(compression=1), "compound": False}
        for n in range(merging.MERGE_FACTOR):
            writer = BulkSegmentWriter(ix, **options)
            writer.add_document(id=str(n), grams=f"清河县第{n}号图书馆", text="社区食堂开业", tags="a")
            writer.commit(merge=False)
        writer = BulkMpWriter(ix, procs=1, batchsize=10, **options)
        writer.add_document(id="last", grams="松溪镇图书馆", text="社区食堂开业", tags="a")
        writer.commit()
        with ix.searcher() as searcher:
            self.assertEqual(len(searcher.reader().leaf_readers()), 2)  # the ten merged, and its own
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


class CombinedTests(SimpleTestCase):
    """merging.combined: several sources' postings of a range of terms as one, rows by term then
    document, whichever order the sources come in."""

    def sources(self, seed: int):
        import numpy as np

        from search.engine.records import TermPostings

        rng, found, rows = np.random.default_rng(seed), [], []
        for source in range(3):
            keys = sorted({bytes([97 + int(k)]) * int(rng.integers(1, 3)) for k in rng.integers(0, 20, 12)})
            ids, freqs, starts = [], [], [0]
            for key in keys:
                docs = sorted({int(d) for d in rng.integers(source * 100, source * 100 + 50, 4)})
                ids += docs
                freqs += [int(f) for f in rng.integers(1, 4, len(docs))]
                starts.append(len(ids))
            positions = np.concatenate([np.sort(rng.choice(30, f, replace=False)) for f in freqs])
            postings = TermPostings(np.array(ids), np.array(freqs), np.array(freqs, dtype=np.float32), positions)
            found.append((keys, np.array(starts), postings, np.ones(len(keys), dtype=bool)))
            at = 0
            for i, key in enumerate(keys):
                for j in range(starts[i], starts[i + 1]):
                    rows.append((key, ids[j], freqs[j], positions[at:at + freqs[j]].tolist()))
                    at += freqs[j]
        return found, sorted(rows)

    def rows_of(self, keys, starts, postings):
        out, at = [], 0
        for i, key in enumerate(keys):
            for j in range(starts[i], starts[i + 1]):
                freq = int(postings.freqs[j])
                out.append((key, int(postings.ids[j]), freq, postings.positions[at:at + freq].tolist()))
                at += freq
        return out

    def test_rows_come_by_term_then_document(self):
        for seed in range(5):
            parts, expected = self.sources(seed)
            for order in (parts, parts[::-1]):  # sources in document order, and not
                keys, starts, postings, kept = merging.combined(order)
                self.assertEqual(keys, sorted({k for part in parts for k in part[0]}))
                self.assertEqual(self.rows_of(keys, starts, postings), expected)
                self.assertTrue(kept.all())
