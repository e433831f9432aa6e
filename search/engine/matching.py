"""A Whoosh query matched, scored, counted and ordered over whole arrays of
hits (see search/engine/arrays.py for what is kept per segment).

Scores are Whoosh's BM25F per term, summed over the terms a document matches,
as Whoosh's own matchers sum them. A phrase scores as the sum of its words.
A union member that is a phrase is only checked, position by position, for
documents no other member of the union matched: the others are hits anyway,
and their phrase score is confirmed only if they come near the top of the
ranking (`VERIFY_DEPTH`), so totals and facets are exact and the top is ranked
as if every phrase had been checked.
"""
from dataclasses import dataclass

import numpy as np
from whoosh import query as wq

from .. import weighting
from .arrays import VERIFY_DEPTH, Found, Matches, _labels, positions_at, postings, segments_of


@dataclass
class Pending:
    """Documents given a phrase's score before its positions were checked."""
    docs: np.ndarray
    scores: np.ndarray
    check: object  # local docs -> bool mask: does the phrase really occur?

    def within(self, docs: np.ndarray, scale: float = 1.0) -> "Pending":
        keep = np.isin(self.docs, docs, assume_unique=True)
        return Pending(self.docs[keep], self.scores[keep] * scale, self.check)


@dataclass
class Levelled:
    """Documents whose score for one query node (`node`) is to become that node's best
    score over the whole index (weighting.ByName), once every segment is matched."""
    node: int
    docs: np.ndarray
    scores: np.ndarray  # the node's own score of each, before any boost above it
    scale: float = 1.0

    def within(self, docs: np.ndarray, scale: float = 1.0) -> "Levelled":
        keep = np.isin(self.docs, docs, assume_unique=True)
        return Levelled(self.node, self.docs[keep], self.scores[keep], self.scale * scale)


class SegmentMatcher:
    def __init__(self, searcher, reader, segment):
        self.searcher, self.reader, self.segment = searcher, reader, segment
        self.live = segment.live(reader)
        self.pending: list[Pending] = []
        self.levelled: list[Levelled] = []
        self.best: dict[int, float] = {}  # each ByName node's best score in this segment
        w = searcher.weighting
        self.k1, self.b, self.field_b = getattr(w, "K1", 1.2), getattr(w, "B", 0.75), getattr(w, "_field_B", {})

    # -- leaves ----------------------------------------------------------------

    def postings(self, fieldname, text):
        ids, weights = postings(self.reader, fieldname, text)
        if self.live is not None and len(ids):
            keep = self.live[ids]
            ids, weights = ids[keep], weights[keep]
        return ids, weights

    def bm25(self, fieldname, text, ids, weights, boost=1.0) -> np.ndarray:
        if not len(ids) or not self.searcher.schema[fieldname].scorable:
            return np.zeros(len(ids), dtype=np.float32)
        idf = self.searcher.idf(fieldname, text)
        avgfl = self.searcher.avg_field_length(fieldname) or 1
        b = self.field_b.get(fieldname, self.b)
        lengths = self.segment.lengths(self.reader, fieldname)[ids]
        norm = self.k1 * ((1 - b) + b * lengths / avgfl)
        return (boost * idf * (weights * (self.k1 + 1)) / (weights + norm)).astype(np.float32)

    def term(self, q: wq.Term) -> Matches:
        ids, weights = self.postings(q.fieldname, q.text)
        return Matches(ids, self.bm25(q.fieldname, q.text, ids, weights, q.boost))

    def word(self, q: weighting.Word) -> Matches:
        """BM25F: the word's length-normalised weights summed over its fields, saturated once."""
        parts = []
        for fieldname in q.fieldnames:
            if fieldname not in self.searcher.schema:  # an index built before the field existed
                continue
            ids, weights = self.postings(fieldname, q.text)
            if len(ids):
                b = weighting.FIELD_B.get(fieldname, self.field_b.get(fieldname, self.b))
                avgfl = self.searcher.avg_field_length(fieldname) or 1
                lengths = self.segment.lengths(self.reader, fieldname)[ids]
                parts.append(Matches(ids, (weights / ((1 - b) + b * lengths / avgfl)).astype(np.float32)))
        found = _union(parts)
        if not len(found):
            return found
        idf = weighting.word_idf(self.searcher, q.text)
        return Matches(found.docs, weighting.saturate(found.scores, idf, weighting.WORD_K1, q.boost).astype(np.float32))

    def multi_term(self, q: wq.MultiTerm) -> Matches:
        """A prefix or wildcard: its terms' scores summed, times the query's boost.
        (Whoosh's own score for these depends on segment size and clause count.)"""
        terms = [wq.Term(q.field(), word) for word in q._btexts(self.reader) if word]
        found = _union([self.term(t) for t in terms])
        return Matches(found.docs, found.scores * q.boost)

    def every(self) -> Matches:
        docs = np.arange(self.segment.size, dtype=np.int32)
        if self.live is not None:
            docs = docs[self.live]
        return Matches(docs, np.zeros(len(docs), dtype=np.float32))

    def phrase(self, q: wq.Phrase, matched_anyway: np.ndarray | None = None) -> Matches:
        if len(q.words) == 1:
            return self.term(wq.Term(q.fieldname, q.words[0], boost=q.boost))
        words = [self.postings(q.fieldname, word) for word in q.words]
        docs = words[0][0]
        for ids, _ in words[1:]:
            docs = np.intersect1d(docs, ids, assume_unique=True)
        if not len(docs):
            return Matches()
        scores = np.zeros(len(docs), dtype=np.float32)
        for word, (ids, weights) in zip(q.words, words):
            at = np.searchsorted(ids, docs)
            scores += self.bm25(q.fieldname, word, ids[at], weights[at], q.boost)
        check = _phrase_check(self.reader, q.fieldname, q.words)
        if matched_anyway is None or not len(matched_anyway):
            keep = check(docs)
            return Matches(docs[keep], scores[keep])
        assumed = np.isin(docs, matched_anyway, assume_unique=True)
        keep = assumed.copy()
        keep[~assumed] = check(docs[~assumed])
        self.pending.append(Pending(docs[assumed], scores[assumed], check))
        return Matches(docs[keep], scores[keep])

    def fallback(self, q, leaf_searcher) -> Matches:
        """Whoosh's own matcher, for a kind of query not handled here."""
        matcher = q.matcher(leaf_searcher)
        ids, scores = [], []
        while matcher.is_active():
            ids.append(matcher.id())
            scores.append(matcher.score())
            matcher.next()
        ids = np.asarray(ids, dtype=np.int32)
        order = np.argsort(ids, kind="stable")
        return Matches(ids[order], np.asarray(scores, dtype=np.float32)[order])

    # -- the tree ----------------------------------------------------------------

    def run(self, q, leaf_searcher) -> Matches:
        if isinstance(q, wq.Term):
            return self.term(q)
        if isinstance(q, weighting.Word):
            return self.word(q)
        if isinstance(q, wq.Phrase) and q.slop == 1:
            return self.phrase(q)
        if isinstance(q, wq.Every):
            return self.every()
        mark, level_mark = len(self.pending), len(self.levelled)
        if isinstance(q, wq.And):
            return self._scaled(_intersect([self.run(sub, leaf_searcher) for sub in q.subqueries]), q, mark, level_mark)
        if isinstance(q, wq.Or) and not getattr(q, "minmatch", 0):
            return self._scaled(self._union(q.subqueries, leaf_searcher), q, mark, level_mark)
        if isinstance(q, wq.AndNot):
            found, unwanted = self.run(q.a, leaf_searcher), self.run(q.b, leaf_searcher)
            return _take(found, ~np.isin(found.docs, unwanted.docs, assume_unique=True))
        if isinstance(q, weighting.ByName):
            return self.by_name(q, leaf_searcher)
        if isinstance(q, wq.AndMaybe):
            return _add_where_present(self.run(q.a, leaf_searcher), self.run(q.b, leaf_searcher))
        if q is wq.NullQuery:
            return Matches()
        if isinstance(q, wq.MultiTerm) and not isinstance(q, wq.Every):
            return self.multi_term(q)
        if isinstance(q, wq.NumericRange):
            return self.run(q.simplify(self.reader), leaf_searcher)
        return self.fallback(q, leaf_searcher)

    def by_name(self, q, leaf_searcher) -> Matches:
        """The string's hits; those where it is a byline are levelled by find()."""
        found, named = self.run(q.a, leaf_searcher), self.run(q.b, leaf_searcher)
        at = np.isin(found.docs, named.docs, assume_unique=True)
        if at.any():
            self.best[id(q)] = max(self.best.get(id(q), -np.inf), float(found.scores[at].max()))
            self.levelled.append(Levelled(id(q), found.docs[at], found.scores[at]))
        return found

    def _union(self, subqueries, leaf_searcher) -> Matches:
        phrases = [sub for sub in subqueries if isinstance(sub, wq.Phrase) and len(sub.words) > 1 and sub.slop == 1]
        parts = [self.run(sub, leaf_searcher) for sub in subqueries if sub not in phrases]
        others = _union(parts).docs if phrases else None
        parts += [self.phrase(sub, others) for sub in phrases]
        return _union(parts)

    def _scaled(self, found: Matches, q, mark: int, level_mark: int) -> Matches:
        """Applies a compound query's boost, to the phrase scores still to check below it too."""
        boost = getattr(q, "boost", 1.0)
        if boost != 1.0:
            found = Matches(found.docs, found.scores * boost)
        self.pending[mark:] = [p.within(found.docs, boost) for p in self.pending[mark:]]
        self.levelled[level_mark:] = [v.within(found.docs, boost) for v in self.levelled[level_mark:]]
        return found


def _phrase_check(reader, fieldname, words):
    """A check that each of the given documents (sorted, all having every word)
    has the words at consecutive positions: the (document, position) keys of the
    first word, kept where the n-th word has the key at position + n."""

    def check(docs: np.ndarray) -> np.ndarray:
        if not len(docs):
            return np.zeros(0, dtype=bool)
        keys = positions_at(reader, fieldname, words[0], docs).keys()
        for n, word in enumerate(words[1:], 1):
            keys = keys[np.isin(keys, positions_at(reader, fieldname, word, docs).keys(shift=n))]
            if not len(keys):
                break
        return np.isin(docs, keys >> 32)
    return check


def _take(found: Matches, keep: np.ndarray) -> Matches:
    return Matches(found.docs[keep], found.scores[keep])


def _intersect(parts: list[Matches]) -> Matches:
    parts = sorted(parts, key=len)
    docs, scores = parts[0].docs, parts[0].scores
    for part in parts[1:]:
        docs, mine, theirs = np.intersect1d(docs, part.docs, assume_unique=True, return_indices=True)
        scores = scores[mine] + part.scores[theirs]
    return Matches(docs, scores)


def _union(parts: list[Matches]) -> Matches:
    parts = [p for p in parts if len(p)]
    if len(parts) <= 1:
        return parts[0] if parts else Matches()
    docs, inverse = np.unique(np.concatenate([p.docs for p in parts]), return_inverse=True)
    scores = np.bincount(inverse, weights=np.concatenate([p.scores for p in parts]), minlength=len(docs))
    return Matches(docs.astype(np.int32), scores.astype(np.float32))


def _add_where_present(found: Matches, extra: Matches) -> Matches:
    _, mine, theirs = np.intersect1d(found.docs, extra.docs, assume_unique=True, return_indices=True)
    scores = found.scores.copy()
    scores[mine] += extra.scores[theirs]
    return Matches(found.docs, scores)


# -- the whole index -------------------------------------------------------------

def find(searcher, query, *, limit: int, sortedby=(), facets=(), collapse: str = "") -> Found:
    """The first `limit` hits in order, the total, and the counts of each facet's values.
    `sortedby` is [(field, reverse)]; empty means by score. With `collapse` (a numeric field
    naming each document's story) only the best hit of each story is listed and counted in
    the total; `folded` says how many others there were. Facets count every hit."""
    parts, levelled, best = [], [], {}
    for leaf_searcher, reader, offset, segment in segments_of(searcher):
        if not segment.size:  # an empty index's reader has no term files at all
            continue
        matcher = SegmentMatcher(searcher, reader, segment)
        found = matcher.run(query, leaf_searcher)
        pending = [p.within(found.docs) for p in matcher.pending]
        parts.append((reader, offset, segment, found, [p for p in pending if len(p.docs)]))
        levelled.append([v.within(found.docs) for v in matcher.levelled])
        for node, score in matcher.best.items():
            best[node] = max(best.get(node, score), score)
    if not any(len(found) for *_, found, _ in parts):
        return Found(0, [], [], {name: [] for name in facets})
    docs = np.concatenate([f.docs.astype(np.int64) + offset for _, offset, _, f, _ in parts])
    scores = np.concatenate([f.scores for *_, f, _ in parts])
    _level(scores, parts, levelled, best)
    counts = {name: _facet_counts(name, parts) for name in facets}
    stories = _stories(collapse, parts) if collapse else None
    folded = len(docs) - len(np.unique(stories)) if collapse else 0
    if limit <= 0:  # a count alone
        order = np.zeros(0, dtype=np.int64)
    elif sortedby:
        order = _sorted(sortedby, parts)
        order = (order if stories is None else _first_of_each(order, stories))[:limit]
    elif stories is None:
        order = _ranked(docs, scores, limit, parts)
    else:
        order = _ranked_stories(docs, scores, limit, parts, stories)
    return Found(len(docs) - folded, docs[order].tolist(), scores[order].tolist(), counts, folded)


def _level(scores, parts, levelled, best) -> None:
    """Gives each levelled document its node's best score over every segment (in place)."""
    start = 0
    for (_, _, _, found, _), entries in zip(parts, levelled):
        for v in entries:
            at = start + np.searchsorted(found.docs, v.docs)
            scores[at] += ((best[v.node] - v.scores) * v.scale).astype(scores.dtype)
        start += len(found)


def _stories(fieldname, parts) -> np.ndarray:
    """Each hit's story; a document without one (indexed before stories were) stands alone."""
    stories = np.concatenate([segment.sort_key(reader, fieldname)[f.docs].astype(np.int64)
                              for reader, _, segment, f, _ in parts])
    alone = np.flatnonzero(stories <= 0)
    stories[alone] = -1 - alone
    return stories


def _first_of_each(order: np.ndarray, stories: np.ndarray) -> np.ndarray:
    """`order` keeping only the first hit of each story."""
    _, first = np.unique(stories[order], return_index=True)
    return order[np.sort(first)]


def _ranked_stories(docs, scores, limit, parts, stories) -> np.ndarray:
    """The best hit of each of the `limit` best stories: ranked deeper until enough stories are seen."""
    depth = limit
    while True:
        order = _first_of_each(_ranked(docs, scores, depth, parts), stories)
        if len(order) >= limit or depth >= len(docs):
            return order[:limit]
        depth = min(len(docs), depth * 4)


def _top(docs, scores, limit) -> np.ndarray:
    """Positions of the `limit` best scores; ties go to the lower document number, as in Whoosh."""
    if limit < len(docs):
        cut = np.argpartition(-scores, limit - 1)[:limit]
        worst = scores[cut].min()
        cut = np.flatnonzero(scores >= worst)  # every tie at the cut-off, then the lowest numbers among them
    else:
        cut = np.arange(len(docs))
    ordered = cut[np.lexsort((docs[cut], -scores[cut]))]
    return ordered[:limit]


def _ranked(docs, scores, limit, parts) -> np.ndarray:
    """The top hits, with the phrase scores given on trust checked for those near the top."""
    pending = [(offset, p) for _, offset, _, _, entries in parts for p in entries]
    if not pending:
        return _top(docs, scores, limit)
    scores = scores.copy()
    depth = min(len(docs), max(limit, VERIFY_DEPTH))
    while True:
        top = _top(docs, scores, depth)
        top_docs = docs[top]
        unchecked = []
        for n, (offset, p) in enumerate(pending):
            hit = np.isin(p.docs.astype(np.int64) + offset, top_docs)
            if hit.any():
                unchecked.append((n, hit))
        if not unchecked:
            return top[:limit]
        for n, hit in unchecked:
            offset, p = pending[n]
            failed = ~p.check(p.docs[hit])
            at = np.searchsorted(docs, p.docs[hit][failed].astype(np.int64) + offset)
            scores[at] -= p.scores[hit][failed]
            pending[n] = (offset, Pending(p.docs[~hit], p.scores[~hit], p.check))


def _sorted(sortedby, parts) -> np.ndarray:
    keys = []
    for name, reverse in reversed(sortedby):
        values = np.concatenate([segment.sort_key(reader, name)[f.docs] for reader, _, segment, f, _ in parts])
        rank = np.unique(values, return_inverse=True)[1].astype(np.int64)
        keys.append(-rank if reverse else rank)
    return np.lexsort([np.arange(len(keys[0]))] + keys) if keys and len(keys[0]) else np.zeros(0, dtype=np.int64)


def _facet_counts(name, parts) -> list[tuple[str, int]]:
    totals = np.zeros(0, dtype=np.int64)
    for reader, _, segment, found, _ in parts:
        if not len(found):
            continue
        docs, codes = segment.codes(reader, name, _labels)
        hit = np.zeros(segment.size, dtype=bool)
        hit[found.docs] = True
        counts = np.bincount(codes[hit[docs]])
        if len(counts) > len(totals):
            totals = np.concatenate([totals, np.zeros(len(counts) - len(totals), dtype=np.int64)])
        totals[:len(counts)] += counts
    values = _labels.texts(name)
    codes = np.flatnonzero(totals)
    counts = [(values[code], count) for code, count in zip(codes.tolist(), totals[codes].tolist()) if values[code]]
    return sorted(counts, key=lambda kv: (-kv[1], kv[0]))
