"""Repeats' fingerprints: the shingles hashed as arrays give datasketch's MinHash of them, near
copies meet and other texts stay apart, and fingerprints of an older scheme are made again
(idempotently) and never compared with new ones. Invented text only."""
import importlib
import io

import numpy as np
from django.apps import apps
from django.core.management import call_command
from django.test import SimpleTestCase, TestCase
from hypothesis import given, settings
from hypothesis import strategies as st

from archive import repeats
from archive.models import Article, Printing, PrintingBand
from tests.archive_helpers import TempDirMixin, run_import
from tests.search_helpers import TempIndexMixin
from tests.test_repeats import FRONT, NEXT_DAY, OTHER, STORY

OLD = "sha1/affine32"  # the scheme before archive/repeats.SCHEME


def shingles(text):
    return [text[i:i + repeats.SHINGLE] for i in range(max(1, len(text) - repeats.SHINGLE + 1))]


class FingerprintTests(SimpleTestCase):
    @settings(max_examples=40, deadline=None)
    @given(st.text(alphabet=st.sampled_from("清河县公园开放日前近本报讯，。ab1"), max_size=60))
    def test_the_minhash_is_datasketchs_with_the_array_hash(self, text):
        from datasketch import MinHash

        def one(shingle):  # the same hash, one shingle at a time
            return int(repeats.shingle_hashes(shingle)[0])

        reference = MinHash(num_perm=repeats.NUM_PERM, scheme=repeats.PERMUTATIONS, hashfunc=one)
        reference.update_batch(shingles(text))
        self.assertEqual(repeats.minhash(text).hashvalues.tolist(), reference.hashvalues.tolist())

    def test_equal_shingles_hash_equal_and_different_ones_apart(self):
        text = STORY + OTHER + STORY
        hashes = repeats.shingle_hashes(text)
        self.assertEqual(len(hashes), len(text) - repeats.SHINGLE + 1)
        by_shingle = dict(zip(shingles(text), hashes.tolist()))
        self.assertEqual(len(set(by_shingle.values())), len(by_shingle))
        self.assertTrue(all(by_shingle[s] == h for s, h in zip(shingles(text), hashes.tolist())))

    def test_a_near_copy_is_near_and_another_text_is_not(self):
        story = repeats.minhash(STORY)
        self.assertGreaterEqual(story.jaccard(repeats.minhash(STORY.replace("日前", "近日"))), repeats.NEAR)
        self.assertLess(story.jaccard(repeats.minhash(OTHER)), 0.3)

    def test_a_long_text_is_permuted_in_parts_to_the_same_minimum(self):
        text = (STORY + OTHER) * 40  # more shingles than one array holds
        whole = np.full(repeats.NUM_PERM, np.iinfo(np.uint32).max, dtype=np.uint32)
        a, b = repeats.permutations()
        for value in repeats.fmix32(repeats.shingle_hashes(text)):
            np.minimum(whole, value * a + b, out=whole)
        self.assertEqual(repeats.minhash(text).hashvalues.tolist(), whole.tolist())


class SchemeTests(TempIndexMixin, TempDirMixin, TestCase):
    def setUp(self):
        super().setUp()
        for name, text in (("2024-03-05.txt", FRONT), ("2024-03-06.txt", NEXT_DAY)):
            _, _, error = run_import(str(self.write(name, text)))
            self.assertIsNone(error)
        self.fresh = self.fingerprints()

    def fingerprints(self):
        return {p.pk: (p.story, bytes(p.minhash), p.scheme, sorted(p.bands.values_list("key", flat=True)))
                for p in Printing.objects.all()}

    def make_old(self):
        """Every fingerprint as the older scheme left it: other values, other bands."""
        for printing in Printing.objects.all():
            printing.minhash, printing.scheme = bytes(4 * repeats.NUM_PERM), OLD
            printing.save()
            printing.bands.all().delete()
            PrintingBand.objects.create(printing=printing, key=printing.pk)

    def test_new_fingerprints_name_the_scheme_and_hold_the_text_minhash(self):
        for pk, (_, values, scheme, keys) in self.fresh.items():
            hashes = repeats.minhash(repeats.compact_body(Article.objects.get(pk=pk)))
            self.assertEqual(scheme, repeats.SCHEME)
            self.assertEqual(values, repeats.stored(hashes))
            self.assertEqual(keys, sorted(repeats.band_keys(hashes)))

    def test_find_repeats_makes_old_fingerprints_again_once(self):
        self.make_old()
        out = io.StringIO()
        call_command("find_repeats", "--dry-run", stdout=out)
        self.assertIn(f"{len(self.fresh)} fingerprints of an older scheme", out.getvalue())
        call_command("find_repeats", stdout=out)
        self.assertIn(f"{len(self.fresh)} fingerprints of an older scheme made again", out.getvalue())
        self.assertEqual(self.fingerprints(), self.fresh)  # stories kept, values and bands as new
        out = io.StringIO()
        call_command("find_repeats", stdout=out)
        self.assertIn("0 repeat an earlier one, 0 fingerprints of an older scheme made again", out.getvalue())
        self.assertEqual(self.fingerprints(), self.fresh)

    def test_the_migration_makes_old_fingerprints_again(self):
        self.make_old()
        migration = importlib.import_module("archive.migrations.0005_printing_scheme")
        migration.refingerprint(apps, None)
        self.assertEqual(self.fingerprints(), self.fresh)

    def test_an_old_fingerprint_is_never_compared_with_a_new_one(self):
        first = Article.objects.get(title="清河县口袋公园全部开放")
        near = Article.objects.get(title="清河口袋公园迎来首批游客")
        near.body = near.body.replace("近日", "最近")  # still near the first, equal to none
        Printing.objects.exclude(pk=near.pk).update(scheme=OLD)  # their values would match
        near.save()
        self.assertEqual(Printing.objects.get(pk=near.pk).story, near.pk)
        Printing.objects.update(scheme=repeats.SCHEME)  # the same values, named as new
        near.save()
        self.assertEqual(Printing.objects.get(pk=near.pk).story, first.pk)


class BatchTests(TempIndexMixin, TempDirMixin, TestCase):
    """`record` compares a batch with two look-ups, and finds what one article at a time finds."""

    def setUp(self):
        super().setUp()
        for name, text in (("2024-03-05.txt", FRONT), ("2024-03-06.txt", NEXT_DAY)):
            _, _, error = run_import(str(self.write(name, text)))  # one batch an issue
            self.assertIsNone(error)

    def stories(self):
        return dict(Printing.objects.values_list("article_id", "story"))

    def test_a_batch_finds_the_stories_of_one_article_at_a_time(self):
        batched = self.stories()
        Printing.objects.all().delete()
        for article in Article.objects.order_by("pk"):
            repeats.record([article])
        self.assertEqual(self.stories(), batched)
        self.assertEqual(len(set(batched.values())), 2)  # the park story (three printings), the library

    def test_the_look_ups_do_not_grow_with_the_batch(self):
        articles = list(Article.objects.order_by("pk"))
        with self.assertNumQueries(9) as one:  # savepoints (2), delete (3), digests, bands, inserts (2)
            repeats.record(articles[:1])
        with self.assertNumQueries(len(one.captured_queries)):
            repeats.record(articles)
