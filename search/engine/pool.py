"""The postings a segment writer gathers before it writes them, per field and term, in
memory: batches of articles analysed by batch.py (kept as they come), and documents or
terms of merged segments added a posting or a term at a time (flat arrays per term).
`pool_postings` hands each field to the codec as one set of arrays, rows ordered by term,
then document (codec.FieldWriter.add_terms)."""
from array import array

import numpy as np

from . import batch
from .codec import _scale
from .records import TermPostings


def new_postings(positional: bool) -> list:
    """A term's document numbers, weights, frequencies and (if kept) positions."""
    return [array("I"), array("f"), array("I"), array("I") if positional else None]


class MemoryPostings:
    """Stands in for whoosh's PostingPool: a term's postings as flat arrays."""

    def __init__(self):
        self.terms = {}  # fieldname -> {term bytes: [ids, weights, freqs, positions]}
        self.batches = {}  # fieldname -> [(batch.FieldPostings, number of its first document)]

    def add_batch(self, fieldname, postings: "batch.FieldPostings", firstdoc: int):
        """A batch's postings of a field, its documents numbered from firstdoc."""
        if postings.terms:
            self.batches.setdefault(fieldname, []).append((postings, firstdoc))

    def fieldnames(self) -> set:
        return set(self.terms) | set(self.batches)

    def add_field(self, fieldname, docnum, items, boost=1.0) -> int:
        """A document's postings in one field, as (term bytes, frequency, weight,
        positions or None); returns their total frequency."""
        terms = self.terms.setdefault(fieldname, {})
        length = 0
        for tbytes, freq, weight, positions in items:
            postings = terms.get(tbytes)  # not setdefault: that would build containers a posting
            if postings is None:
                postings = terms[tbytes] = new_postings(positions is not None)
            ids, weights, freqs, kept = postings
            ids.append(docnum)
            weights.append(weight * boost)
            freqs.append(freq)
            if kept is not None:
                kept.extend(positions)
            length += freq
        return length

    def add_block(self, fieldname, tbytes, postings: TermPostings):
        """Postings of one term from a segment being merged, already renumbered."""
        if not len(postings):
            return  # every document deleted: like whoosh, no term
        terms = self.terms.setdefault(fieldname, {})
        kept = terms.get(tbytes)
        if kept is None:
            kept = terms[tbytes] = new_postings(postings.positions is not None)
        for column, values in zip(kept, (postings.ids, postings.weights, postings.freqs, postings.positions)):
            if column is not None:
                column.frombytes(np.asarray(values, dtype=column.typecode).tobytes())

    def cleanup(self):
        self.terms, self.batches = {}, {}


def field_postings(terms: dict) -> tuple[list[bytes], np.ndarray, TermPostings, np.ndarray]:
    """A field's gathered terms, sorted, as one set of arrays with each term's start, and
    which terms came with positions (a merged segment keeps none for some: formats.py)."""
    keys = sorted(terms)
    columns = [terms[k] for k in keys]
    with_positions = np.array([c[3] is not None for c in columns], dtype=bool)

    def joined(n, dtype):
        return np.frombuffer(b"".join(c[n].tobytes() for c in columns), dtype=dtype)
    starts = np.zeros(len(keys) + 1, dtype=np.int64)
    np.cumsum([len(c[0]) for c in columns], out=starts[1:])
    freqs = joined(2, np.uint32).astype(np.int64)
    positions = None
    if with_positions.any():  # placeholders where a term has none: it is written without
        positions = np.frombuffer(b"".join(c[3].tobytes() if c[3] is not None else bytes(4 * sum(c[2]))
                                           for c in columns), dtype=np.uint32).astype(np.int64)
    postings = TermPostings(joined(0, np.uint32).astype(np.int64), freqs, joined(1, np.float32), positions)
    return keys, starts, postings, with_positions


def joined_batches(parts, scale: float):
    """Several batches of one field (batch.FieldPostings, first document) as one
    (sorted keys, term starts, TermPostings): rows ordered by term, then document."""
    parts = sorted(parts, key=lambda part: part[1])  # batches hold consecutive documents
    keys, numbers = numbered_terms([p.terms for p, _ in parts])
    starts, order = interleaved(len(keys), numbers, [p.term_starts for p, _ in parts])
    docs = np.concatenate([p.docs.astype(np.int64) + first for p, first in parts])
    freqs = np.concatenate([np.diff(p.pos_starts) for p, _ in parts])
    positions = np.concatenate([p.positions for p, _ in parts])  # int32: the largest array
    postings = TermPostings(docs, freqs, (freqs * scale).astype(np.float32), positions).take(order)
    return keys, starts, postings


def interleaved(count: int, numbers: list[np.ndarray], term_starts: list[np.ndarray]):
    """Several parts' rows, each part's ordered by term then document and every part's
    documents after the part's before, as one: (term starts among `count` terms, the order
    that takes the parts' rows, concatenated, into term then document order). `numbers`
    gives each part's terms' numbers (numbered_terms). No sort: each row's place is its
    term's start, the rows of that term in the parts before, and its rank in its own part."""
    counts = [np.diff(starts) for starts in term_starts]
    starts = np.zeros(count + 1, dtype=np.int64)
    for ids, n in zip(numbers, counts):
        starts[1:][ids] += n
    np.cumsum(starts, out=starts)
    filled, places = starts[:-1].copy(), []
    for part_starts, ids, n in zip(term_starts, numbers, counts):
        places.append(np.repeat(filled[ids] - part_starts[:-1], n) + np.arange(part_starts[-1]))
        filled[ids] += n
    order = np.empty(int(starts[-1]), dtype=np.int64)
    order[np.concatenate(places)] = np.arange(len(order))
    return starts, order


def numbered_terms(lists: list[list[bytes]]) -> tuple[list[bytes], list[np.ndarray]]:
    """The sorted union of several lists of terms, and each list's terms numbered in it:
    sorted as fixed-width byte strings by numpy, unless a term ends in a NUL byte (numpy's
    byte strings drop those), then by Python."""
    lengths = np.concatenate([np.fromiter(map(len, terms), np.int64, len(terms)) for terms in lists])
    joined = np.array([t for terms in lists for t in terms], dtype=bytes)
    if len(joined) and (np.char.str_len(joined) != lengths).any():
        keys = sorted(set().union(*lists))
        number = {k: i for i, k in enumerate(keys)}
        return keys, [np.fromiter(map(number.__getitem__, terms), np.int64, len(terms)) for terms in lists]
    keys, inverse = np.unique(joined, return_inverse=True)
    bounds = np.cumsum([0] + [len(terms) for terms in lists])
    return keys.tolist(), [inverse[a:b].astype(np.int64) for a, b in zip(bounds, bounds[1:])]


def merged_with(gathered, joined):
    """One field's batch postings (joined_batches) and the postings gathered a posting or
    a segment at a time (field_postings), as one set: rows by term, then document."""
    (keys_a, starts_a, post_a), (keys_b, starts_b, post_b, with_b) = joined, gathered
    keys = sorted(set(keys_a) | set(keys_b))
    number = {k: i for i, k in enumerate(keys)}
    term_a = np.repeat(np.fromiter(map(number.__getitem__, keys_a), np.int64, len(keys_a)), np.diff(starts_a))
    ids_b = np.fromiter(map(number.__getitem__, keys_b), np.int64, len(keys_b))
    term_b = np.repeat(ids_b, np.diff(starts_b))
    with_positions = np.ones(len(keys), dtype=bool)
    with_positions[ids_b] = with_b
    positions_b = post_b.positions if post_b.positions is not None else np.zeros(int(post_b.freqs.sum()), np.int64)
    both = TermPostings(np.concatenate([post_a.ids, post_b.ids]), np.concatenate([post_a.freqs, post_b.freqs]),
                        np.concatenate([post_a.weights, post_b.weights]),
                        np.concatenate([post_a.positions, positions_b]))
    terms = np.concatenate([term_a, term_b])
    starts = np.zeros(len(keys) + 1, dtype=np.int64)
    np.cumsum(np.bincount(terms, minlength=len(keys)), out=starts[1:])
    return keys, starts, both.take(np.lexsort((both.ids, terms))), with_positions


def pool_postings(fieldname, fieldobj, pool):
    """The field's postings gathered in the pool (batches, documents, segments of another
    codec) as (sorted keys, term starts, TermPostings, with positions)."""
    parts = pool.batches.get(fieldname)
    if parts and fieldname not in pool.terms:
        if len(parts) == 1:
            (found, first), = parts
            return (list(found.terms), np.asarray(found.term_starts, dtype=np.int64),
                    TermPostings(found.docs.astype(np.int64) + first, *_freqs_weights(found.pos_starts, fieldobj),
                                 np.asarray(found.positions, dtype=np.int64)), np.ones(len(found.terms), dtype=bool))
        keys, starts, postings = joined_batches(parts, _scale(fieldobj))
        return keys, starts, postings, np.ones(len(keys), dtype=bool)
    gathered = field_postings(pool.terms[fieldname])
    if parts:  # a segment merged into this one beside new documents
        return merged_with(gathered, joined_batches(parts, _scale(fieldobj)))
    return gathered


def _freqs_weights(pos_starts, fieldobj):
    freqs = np.diff(np.asarray(pos_starts, dtype=np.int64))
    return freqs, (freqs * _scale(fieldobj)).astype(np.float32)
