"""Topic similarity between stretches of an issue, for the segmenter.

A sub-heading continues its article's topic; a new article changes it. Raw
character-pair overlap also counts pairs that every article uses (发展, 中国),
so pairs are weighted by how rare they are in the issue (tf-idf) and compared
by cosine.
"""
from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

TOPIC_CHARS = 3000  # characters of an article that stand for its topic
PUNCT = set("，。、；：？！“”‘’（）《》—…·「」『』 ,.;:?!()\"'0123456789")


@lru_cache(maxsize=65536)  # each line (and window piece) is compared again for every nearby heading run
def pair_counts(text: str) -> Counter:
    return Counter(text[k:k + 2] for k in range(len(text) - 1)
                   if not (text[k] in PUNCT or text[k + 1] in PUNCT))


class Topics:
    """Pair weights of one issue: log((1 + lines) / (1 + lines holding the pair)), 0 for a pair in every line.

    One per parse: it also keeps running summaries of the articles being
    gathered (the pairs each has used, the pairs of its opening), extended as an
    article grows, so that the cues that read them need not change the articles."""

    def __init__(self, texts: list[str]):
        document_frequency = Counter()
        for text in texts:
            document_frequency.update(pair_counts(text).keys())
        total = max(len(texts), 1)
        self.idf = {pair: math.log((1 + total) / (1 + n)) for pair, n in document_frequency.items()}
        self._used: dict = {}  # block -> Used
        self._openings: dict = {}  # block -> Opening

    def used_bigrams(self, block) -> set[str]:
        """Character pairs of the article's lines so far."""
        used = self._used.setdefault(block, Used())
        for line in block.lines[used.upto:]:
            used.bigrams |= bigrams(line.text)
        used.upto = len(block.lines)
        return used.bigrams

    def opening_vector(self, block) -> dict[str, float]:
        """The weighted pairs of the article's opening, extended only while it grows."""
        opening = self._openings.setdefault(block, Opening())
        grew = False
        while opening.upto < len(block.lines) and opening.chars < TOPIC_CHARS:
            text = block.lines[opening.upto].text[:TOPIC_CHARS - opening.chars]
            opening.counts.update(pair_counts(text))
            opening.chars += len(text)
            opening.upto += 1
            grew = True
        if grew or opening.vector is None:
            opening.vector = self.vector(opening.counts)
        return opening.vector

    def vector(self, counts: Counter) -> dict[str, float]:
        idf = self.idf
        return {pair: n * idf.get(pair, 0.0) for pair, n in counts.items()}

    def similarity(self, a: Counter, b: Counter) -> float:
        return cosine(self.vector(a), self.vector(b))


def window(texts: list[str], limit: int, from_end: bool = False) -> Counter:
    """Pair counts of the first (or last) `limit` characters of `texts`, built
    from the counts of whole lines, which are cached."""
    total: Counter = Counter()
    for text in reversed(texts) if from_end else texts:
        piece = text[-limit:] if from_end else text[:limit]
        total.update(pair_counts(piece))
        limit -= len(piece)
        if limit <= 0:
            break
    return total


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    if not a or not b:
        return 0.0
    if len(b) < len(a):
        a, b = b, a
    dot = sum(weight * b.get(pair, 0.0) for pair, weight in a.items())
    norm = math.sqrt(sum(w * w for w in a.values()) * sum(w * w for w in b.values()))
    return dot / norm if norm else 0.0


def local_overlap(lines, i: int, end: int) -> float:
    """Overlap of the text right after the run with the text right before it."""
    ahead = bigrams("".join(line.text[:150] for line in lines[end:end + 2]))
    behind = frozenset().union(*(bigrams(line.text) for line in lines[max(0, i - 3):i]))
    return len(ahead & behind) / len(ahead) if ahead else 0.0


@lru_cache(maxsize=16384)  # each line is compared again for every nearby heading run
def bigrams(text: str) -> frozenset[str]:
    return frozenset(pair_counts(text))


def topic_overlap(run, after, current, topics: Topics) -> float:
    """Share of the new text's character pairs already used by the current
    article: a sub-heading continues its article's topic, a new article does not."""
    fresh = bigrams("".join(line.text for line in run) + (after.text[:200] if after else ""))
    if not fresh:
        return 0.0
    return len(fresh & topics.used_bigrams(current)) / len(fresh)


@dataclass
class Used:
    """The pairs an article has used, over its first `upto` lines."""
    bigrams: set = field(default_factory=set)
    upto: int = 0


@dataclass
class Opening:
    """The pairs of an article's opening: its first `upto` lines, `chars` characters."""
    counts: Counter = field(default_factory=Counter)
    chars: int = 0
    upto: int = 0
    vector: dict | None = None
