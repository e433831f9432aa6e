"""The array search (search/engine/matching.py) against Whoosh's own collector on the
same index: the same hits, totals, facet counts, date order and word scores,
over several segments with deleted documents, with and without the postings
kept beside the index."""
import datetime
import random
from unittest import mock

from django.test import TestCase, override_settings
from whoosh import query as wq
from whoosh import sorting

from archive.models import Article
from search.engine import arrays, matching
from search.backend import whoosh_query
from search.weighting import Word
from search.schema import FacetList
from search.searching import FACETS
from tests import fiction
from tests.archive_helpers import TempDirMixin, run_import
from tests.search_helpers import TempIndexMixin, separate_segments

DAYS = [datetime.date(2024, 5, 1) + datetime.timedelta(days=n * 40) for n in range(6)]


def query_strings(seed=3, count=90) -> list[str]:
    """Words, names, substrings across word boundaries, phrases, and the operators and fields."""
    rng = random.Random(seed)
    words = fiction.PLACES + fiction.THINGS + fiction.VERBS
    names = [s + g for s in fiction.SURNAMES[:4] for g in fiction.GIVEN[:4]]
    text = "".join(fiction.SENTENCES)

    def piece(size):
        start = rng.randrange(len(text) - size)
        return text[start:start + size]

    out = ["本报讯", "记者", "的", "完工", "社区 食堂", "清河县 OR 南山乡", "改造 -老街", "作者:王小明",
           "byline:李", "版:1", "date:2024-06", "date:2024-05..2024-09 工程", "title:完工", "notaword",
           '"顺利完工"', '"完工顺利"', "(图书馆 OR 公园) 开放"]
    while len(out) < count:
        kind = rng.randrange(6)
        if kind == 0:
            out.append(rng.choice(words))
        elif kind == 1:
            out.append(rng.choice(names))
        elif kind == 2:
            out.append(piece(rng.randint(2, 5)))
        elif kind == 3:
            out.append(f'"{piece(rng.randint(3, 7))}"')
        elif kind == 4:
            out.append(f"{rng.choice(words)} {rng.choice(words)}")
        else:
            out.append(f"{rng.choice(words)} OR {piece(3)}")
    return out


def scored_alike(q) -> bool:
    """Whoosh scores a phrase its own way, and a prefix or wildcard by accident of
    segment size and clause count (a union of 3+ terms in a segment of ≤ 5,000
    documents counts 1 a term, otherwise BM25): words and fields score alike. A query
    word is BM25F over several fields (search/weighting.py), which Whoosh has no query for."""
    if isinstance(q, Word):
        return False
    if isinstance(q, (wq.Phrase, wq.MultiTerm)) and not isinstance(q, wq.Every):
        return isinstance(q, wq.Phrase) and len(q.words) == 1
    return all(scored_alike(child) for child in q.children())


class MatchingTests(TempIndexMixin, TempDirMixin, TestCase):
    def setUp(self):
        super().setUp()
        with separate_segments():  # one segment per issue
            for n, day in enumerate(DAYS):
                _, _, error = run_import(str(self.write(f"{day}.txt", fiction.fictional_issue(f"m{n}", 15))))
                self.assertIsNone(error)
            with self.captureOnCommitCallbacks(execute=True):
                for article in Article.objects.order_by("pk")[3::7]:
                    article.delete()  # deleted documents left in their segments
        self.searcher = self.backend().searcher()
        self.assertGreater(len(self.searcher.reader().leaf_readers()), 1)
        self.assertTrue(any(r.has_deletions() for r, _ in self.searcher.reader().leaf_readers()))

    def whoosh_groups(self, q):
        facets = [sorting.FieldFacet(name, allow_overlap=isinstance(self.searcher.schema[name], FacetList),
                                     maptype=sorting.Count) for name in FACETS]
        results = self.searcher.search(q, limit=None, groupedby=facets, optimize=False)
        out = {}
        for name in FACETS:
            counts = {}
            for key, count in results.groups(name).items():
                key = key.decode() if isinstance(key, bytes) else key
                if key not in (None, ""):
                    counts[str(key)] = counts.get(str(key), 0) + count
            out[name] = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
        return out

    def compare(self, q_string):
        q = whoosh_query(q_string)
        expected = set(self.searcher.docs_for_query(q))
        found = matching.find(self.searcher, q, limit=10_000, facets=FACETS)
        self.assertEqual(found.total, len(expected), q_string)
        self.assertEqual(set(found.docnums), expected, q_string)
        self.assertEqual(found.facets, self.whoosh_groups(q), q_string)
        by_date = matching.find(self.searcher, q, limit=10_000, sortedby=[("date", True), ("seq", False)])
        order = sorting.MultiFacet([sorting.FieldFacet("date", reverse=True), sorting.FieldFacet("seq")])
        self.assertEqual(by_date.docnums, [h.docnum for h in self.searcher.search(q, limit=None, sortedby=order)],
                         q_string)
        if scored_alike(q):
            hits = self.searcher.search(q, limit=None, optimize=False)
            theirs = {h.docnum: h.score for h in hits}
            for docnum, score in zip(found.docnums, found.scores):
                self.assertAlmostEqual(score, theirs[docnum], places=3, msg=q_string)
        return found

    def test_same_hits_counts_order_and_scores_as_whoosh(self):
        totals = [self.compare(q).total for q in query_strings()]
        self.assertGreater(sum(1 for t in totals if t > 5), 30)  # the queries do find things

    def test_same_with_postings_kept_beside_the_index(self):
        with mock.patch.object(arrays, "CACHE_MIN", 1):
            first = [self.compare(q) for q in query_strings(seed=4, count=30)]
            self.assertTrue(any((arrays.Path(self.index_path) / arrays.CACHE_DIR).rglob("*.npy")))
            again = [self.compare(q) for q in query_strings(seed=4, count=30)]
        self.assertEqual([f.docnums for f in first], [f.docnums for f in again])

    def test_nothing_is_kept_beyond_the_disk_allowance(self):
        with mock.patch.object(arrays, "CACHE_MIN", 1), override_settings(SEARCH_KEPT_POSTINGS_MB=0):
            arrays._kept_bytes.clear()
            self.compare("社区 食堂")
        self.assertFalse(any((arrays.Path(self.index_path) / arrays.CACHE_DIR).rglob("*.npy")))

    def test_top_hits_are_the_best_scored_with_ties_by_document_number(self):
        q = whoosh_query("记者")
        everything = matching.find(self.searcher, q, limit=10_000)
        top = matching.find(self.searcher, q, limit=7)
        self.assertEqual(top.docnums, everything.docnums[:7])
        counted = matching.find(self.searcher, q, limit=0, facets=("year",))  # a count alone
        self.assertEqual((counted.total, counted.docnums), (everything.total, []))
        self.assertEqual(counted.facets["year"], self.whoosh_groups(q)["year"])
        pairs = list(zip(everything.scores, everything.docnums))
        self.assertEqual(pairs, sorted(pairs, key=lambda p: (-p[0], p[1])))

    def test_phrase_scores_given_on_trust_are_checked_near_the_top(self):
        # Unquoted, a string is its exact characters OR all its words: documents with the
        # words get the phrase's score on trust; near the top it must be as if checked.
        checked_everywhere = matching.SegmentMatcher.phrase
        for q_string in ("工程完工", "社区食堂开业", "居民表示", "清河县图书馆"):
            q = whoosh_query(q_string)
            found = matching.find(self.searcher, q, limit=20)
            with mock.patch.object(matching.SegmentMatcher, "phrase",
                                   lambda self, q, matched_anyway=None: checked_everywhere(self, q)):
                exact = matching.find(self.searcher, q, limit=20)
            self.assertEqual(found.total, exact.total, q_string)
            self.assertEqual(found.docnums, exact.docnums, q_string)
            for ours, theirs in zip(found.scores, exact.scores):
                self.assertAlmostEqual(ours, theirs, places=4)

