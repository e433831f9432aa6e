"""Repeats: the same text printed more than once is one story.

A front-page story and its inside-page copy, an article continued on another page, a wire
story in several papers: each printing is an Article; each gets a `Printing` that names its
story (the id of the story's first article). Found when an article is written:

* exactly, by a digest of the body with spaces dropped and characters folded;
* nearly (a word changed, a paragraph cut), by MinHash over character shingles
  (datasketch), with LSH bands stored beside it: a new article is compared only with the
  printings that share a band with it, one indexed lookup, never with the whole archive.

Bodies shorter than MIN_CHARS (notices, one-line photo credits) are not compared: short
texts coincide without being one story.

The shingles are hashed as arrays (codepoints, no Python per shingle): datasketch's own
hashing calls SHA-1 once a shingle, half an import's CPU. Each `Printing` names the SCHEME
that made its fingerprint; fingerprints of two schemes are never compared, and `refingerprint`
(migration 0005, `manage.py find_repeats`) makes those of an older one again.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np
from django.db import transaction
from django.db.models import F

from .models import Article, Printing, PrintingBand

if TYPE_CHECKING:
    from datasketch import MinHash

MIN_CHARS = 80
SHINGLE = 5  # characters
NUM_PERM = 64
PERMUTATIONS = "affine32"  # datasketch's permutation scheme (its seed 1)
# Stored in Printing.scheme: the shingle hash and the permutations. The one before was
# "sha1/affine32" (datasketch's sha1_hash32 of each shingle's UTF-8).
SCHEME = "cp-mulshift/affine32"
# 16 bands of 4 rows: texts sharing 70% of their shingles meet in a band 99% of the time,
# those sharing 30%, 12% of the time (then compared in full and left apart).
BANDS, ROWS = 16, 4
NEAR = 0.7  # estimated Jaccard similarity of shingles from which two texts are one story
# A shingle's hash: sum of codepoint x weight, plus the last weight, modulo 2**64, top 32 bits
# (multiply-shift hashing of a vector). Random odd constants, fixed: they are part of SCHEME.
_WEIGHTS = np.array([0x188BE0E08F58D475, 0x786FF5294BA33C61, 0x0BDFD3EDA0B01435,
                     0x9CC016BFBAEB65D5, 0x8F5066AB812EFE69, 0x76313766F125B575], dtype=np.uint64)
_ROWS_AT_ONCE = 4096  # shingles permuted in one array (4096 x NUM_PERM uint32: 1 MB)


def compact_body(article) -> str:
    return compact_text(article.body)


def compact_text(body: str) -> str:
    from search.analysis import fold  # the archive's one folding (繁→简, full-width, case)

    return "".join(fold(body).split())


def shingle_hashes(text: str) -> np.ndarray:
    """uint32 hashes of the text's SHINGLE-character shingles, in order (a text shorter than
    SHINGLE is one shingle)."""
    codes = np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype=np.uint32).astype(np.uint64)
    count = max(1, len(codes) - SHINGLE + 1)
    if len(codes) < SHINGLE:
        codes = np.pad(codes, (0, SHINGLE - len(codes)))
    mixed = np.full(count, _WEIGHTS[SHINGLE], dtype=np.uint64)
    for offset in range(SHINGLE):
        mixed += codes[offset:offset + count] * _WEIGHTS[offset]
    return (mixed >> np.uint64(32)).astype(np.uint32)


def fmix32(values: np.ndarray) -> np.ndarray:
    """MurmurHash3's finalizer, which datasketch's affine32 scheme applies to each input hash
    before permuting (datasketch keeps its own copy private)."""
    values = values ^ (values >> np.uint32(16))
    values = values * np.uint32(0x85EBCA6B)
    values = values ^ (values >> np.uint32(13))
    values = values * np.uint32(0xC2B2AE35)
    return values ^ (values >> np.uint32(16))


_PERMUTATIONS = []  # permutations(), once made or given


def permutations() -> np.ndarray:
    """datasketch's NUM_PERM affine permutations (a, b) for PERMUTATIONS, seed 1."""
    if not _PERMUTATIONS:
        # Imported here: datasketch brings scipy (~0.6 s of CPU and tens of MB), which only a
        # process that writes articles needs, not every web worker or management command.
        from datasketch import MinHash

        given_permutations(MinHash(num_perm=NUM_PERM, scheme=PERMUTATIONS).permutations)
    return _PERMUTATIONS[0]


def given_permutations(values: np.ndarray):
    """permutations() as another process made them: a parse-ahead worker fingerprints
    bodies (minhash_values) without importing datasketch."""
    _PERMUTATIONS[:] = [values]


def minhash(text: str) -> MinHash:
    """The MinHash of the text's shingles: what datasketch's update_batch gives with
    `shingle_hashes` as its hash function, each permutation's minimum taken with numpy."""
    return from_values(minhash_values(text))


def minhash_values(text: str) -> np.ndarray:
    """minhash(text)'s hash values (uint32), without making a datasketch MinHash."""
    a, b = permutations()
    mixed = fmix32(shingle_hashes(text))
    lowest = np.full(NUM_PERM, np.iinfo(np.uint32).max, dtype=np.uint32)
    for start in range(0, len(mixed), _ROWS_AT_ONCE):
        part = mixed[start:start + _ROWS_AT_ONCE, None]
        np.minimum(lowest, (part * a + b).min(axis=0), out=lowest)  # uint32: wraps modulo 2**32
    return lowest


def from_values(values: np.ndarray) -> MinHash:
    from datasketch import MinHash

    return MinHash(scheme=PERMUTATIONS, hashvalues=values, permutations=permutations())


def band_keys(hashes: MinHash | np.ndarray) -> list[int]:
    """The LSH band keys of a MinHash (or of its hash values)."""
    values = np.asarray(getattr(hashes, "hashvalues", hashes), dtype=np.uint32)
    return [int.from_bytes(hashlib.blake2b(values[i * ROWS:(i + 1) * ROWS].tobytes() + bytes([i]),
                                           digest_size=8).digest(), "big", signed=True)
            for i in range(BANDS)]


def stored(hashes: MinHash) -> bytes:
    return np.asarray(hashes.hashvalues, dtype=np.uint32).tobytes()


@dataclass
class Fingerprint:
    digest: str  # of the exact text
    hashes: MinHash
    keys: list[int]  # its bands


def fingerprint(article) -> Fingerprint | None:
    """None for a body too short to compare."""
    if article.body in _made_ahead:
        return _made_ahead[article.body]
    return fingerprint_body(article.body)


def fingerprint_body(body: str) -> Fingerprint | None:
    return _fingerprint(fingerprint_values(body))


def fingerprint_values(body: str) -> tuple[str, np.ndarray, list[int]] | None:
    """(digest, MinHash values, band keys) of a body; None for one too short to compare."""
    text = compact_text(body)
    if len(text) < MIN_CHARS:
        return None
    values = minhash_values(text)
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest(), values, band_keys(values)


def _fingerprint(values: tuple | None) -> Fingerprint | None:
    return values and Fingerprint(values[0], from_values(values[1]), values[2])


# The fingerprints of the issue being written, made in a parse-ahead worker (archive/ahead.py)
# from its parsed bodies: body -> Fingerprint. A fingerprint is a function of the body alone,
# so one is taken only for the very same text (an editor's correction kept is not).
_made_ahead: dict[str, Fingerprint | None] = {}


def fingerprints_ahead(bodies) -> dict[str, tuple | None]:
    """Each body's fingerprint_values(), to send to the importer's process."""
    return {body: fingerprint_values(body) for body in bodies}


def made_ahead(found: dict[str, tuple | None]):
    """The next issue's fingerprints_ahead(), in place of the last one's."""
    _made_ahead.clear()
    _made_ahead.update((body, _fingerprint(values)) for body, values in found.items())


_IN_AT_ONCE = 500  # values of one IN (...) list


class Earlier:
    """The printings that a batch of fingerprints is compared with: those in the archive
    with one of their digests or bands (two look-ups for the batch, whatever its size),
    then each of the batch's own as it is found."""

    def __init__(self, found: list[Fingerprint]):
        self.stories = {}  # digest -> the lowest story printed with it
        self.near = {}  # band key -> {printing id: (story, MinHash values)}
        digests = sorted({f.digest for f in found})
        keys = sorted({k for f in found for k in f.keys})
        for part in _parts(digests):
            for digest, story in Printing.objects.filter(digest__in=part).values_list("digest", "story"):
                self.stories[digest] = min(story, self.stories.get(digest, story))
        for part in _parts(keys):
            bands = PrintingBand.objects.filter(key__in=part, printing__scheme=SCHEME)
            for key, pk, story, values in bands.values_list("key", "printing_id", "printing__story",
                                                             "printing__minhash"):
                self.near.setdefault(key, {})[pk] = (story, bytes(values))

    def story_of(self, article_id: int, found: Fingerprint) -> int:
        """The story of an earlier printing of the same text, else the lowest story of a
        near one (a shared band, then the estimated similarity), else the article's own id."""
        if found.digest in self.stories:
            return self.stories[found.digest]
        candidates = {}
        for key in found.keys:
            candidates.update(self.near.get(key, {}))
        for story, values in sorted(candidates.values()):
            if found.hashes.jaccard(from_values(np.frombuffer(values, dtype=np.uint32))) >= NEAR:
                return story
        return article_id

    def add(self, article_id: int, story: int, found: Fingerprint):
        self.stories[found.digest] = min(story, self.stories.get(found.digest, story))
        for key in found.keys:
            self.near.setdefault(key, {})[article_id] = (story, stored(found.hashes))


def _parts(values: list) -> list[list]:
    return [values[i:i + _IN_AT_ONCE] for i in range(0, len(values), _IN_AT_ONCE)]


@dataclass
class Recorded:
    articles: int = 0
    repeat_ids: list = field(default_factory=list)  # articles found to repeat an earlier one


def record(articles) -> Recorded:
    """Fingerprint `articles` and find their stories: each is compared with the archive's
    other printings and with those of `articles` before it (in their order)."""
    articles = list(articles)
    done = Recorded(articles=len(articles))
    prints = [fingerprint(article) for article in articles]
    with transaction.atomic():
        Printing.objects.filter(article_id__in=[a.pk for a in articles]).delete()
        earlier = Earlier([f for f in prints if f is not None])
        printings, bands = [], []
        for article, found in zip(articles, prints):
            if found is None:
                continue
            story = earlier.story_of(article.pk, found)
            earlier.add(article.pk, story, found)
            printings.append(Printing(article_id=article.pk, digest=found.digest, story=story,
                                      minhash=stored(found.hashes), scheme=SCHEME))
            bands += [PrintingBand(printing_id=article.pk, key=key) for key in found.keys]
            if story != article.pk:
                done.repeat_ids.append(article.pk)
        Printing.objects.bulk_create(printings)
        PrintingBand.objects.bulk_create(bands)
    return done


def record_all(articles, chunk: int = 500) -> Recorded:
    """`record` over a large queryset, committing a chunk at a time."""
    done = Recorded()
    ids = list(articles.values_list("pk", flat=True))
    for start in range(0, len(ids), chunk):
        part = record(articles.filter(pk__in=ids[start:start + chunk]))
        done.articles += part.articles
        done.repeat_ids += part.repeat_ids
    return done


def refingerprint(printing_model=Printing, band_model=PrintingBand, chunk: int = 500) -> int:
    """Make again the fingerprints (MinHash and bands) that another scheme made, a chunk at a
    time; how many. Their stories stand: each was decided when its printing was written and
    the index names it, and the exact digest does not change. A second call finds none.
    Takes the models so that a migration can pass its historical ones."""
    stale = printing_model.objects.exclude(scheme=SCHEME).order_by("pk")
    done = 0
    while batch := list(stale.values_list("article_id", "digest", "story", "article__body")[:chunk]):
        ids = [row[0] for row in batch]
        printings, bands = [], []
        for article_id, digest, story, body in batch:
            hashes = minhash(compact_text(body))
            printings.append(printing_model(article_id=article_id, digest=digest, story=story,
                                            minhash=stored(hashes), scheme=SCHEME))
            bands += [band_model(printing_id=article_id, key=key) for key in band_keys(hashes)]
        with transaction.atomic():  # rows written again whole: cheaper than updating them
            band_model.objects.filter(printing_id__in=ids).delete()
            printing_model.objects.filter(article_id__in=ids).delete()
            printing_model.objects.bulk_create(printings)
            band_model.objects.bulk_create(bands)
        done += len(batch)
    return done


def on_written(sender, ids, **kwargs):
    """An import wrote these articles (archive.signals.articles_written)."""
    record(Article.objects.filter(pk__in=ids).order_by("pk").only("pk", "body"))


def on_saved(sender, instance, raw=False, **kwargs):
    """An edit may change the text, so the article's story is found again."""
    if not raw:
        record([instance])


def twin_label(twin: Article, paper_slug: str, date) -> str:
    """Where the other printing is, seen from an article of `paper_slug` on `date`:
    第4版 in the same issue, else with the date, and the paper's name if another paper's."""
    page = f"第{twin.page.number}版" if twin.page else f"#{twin.seq}"
    if twin.issue.paper.slug != paper_slug:
        return f"{twin.issue.paper.name} {twin.issue.date:%Y-%m-%d} {page}"
    if twin.issue.date != date:
        return f"{twin.issue.date:%Y-%m-%d} {page}"
    return page


def twins(article_ids) -> dict[int, list[Article]]:
    """For each article, the other printings of its story, oldest issue first (one query)."""
    stories = Printing.objects.filter(article_id__in=list(article_ids)).values("story")
    members = (Article.objects.filter(printing__story__in=stories).with_issue()
               .order_by("issue__date", "issue__paper__slug", "seq").annotate(story=F("printing__story")))
    by_story, story_of_article = {}, {}
    for member in members:
        by_story.setdefault(member.story, []).append(member)
        story_of_article[member.pk] = member.story
    wanted = set(article_ids)
    return {pk: [m for m in by_story[story] if m.pk != pk]
            for pk, story in story_of_article.items() if pk in wanted and len(by_story[story]) > 1}
