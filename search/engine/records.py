"""One term's postings as arrays, and as the bytes of its record (README.md, "Posting record")."""
import zlib
from dataclasses import dataclass

import numpy as np

from . import varint

POSITIONS, WEIGHTS, ZLIB = 1, 2, 4  # record flag bits
COMPRESS_MIN = 64  # bytes of varints below which zlib is not tried


@dataclass
class TermPostings:
    """Documents (sorted), frequencies, weights and, when kept, every position:
    `positions` holds each document's positions in turn, `freqs[i]` of them for the i-th."""
    ids: np.ndarray
    freqs: np.ndarray
    weights: np.ndarray
    positions: np.ndarray | None = None

    def __len__(self):
        return len(self.ids)

    def position_starts(self) -> np.ndarray:
        """Where each document's positions begin in `positions` (one more entry: the end)."""
        starts = np.zeros(len(self.freqs) + 1, dtype=np.int64)
        np.cumsum(self.freqs, out=starts[1:])
        return starts

    def take(self, rows: np.ndarray) -> "TermPostings":
        """The postings at the given rows (sorted), positions included."""
        if self.positions is None:
            return TermPostings(self.ids[rows], self.freqs[rows], self.weights[rows])
        starts = self.position_starts()
        counts = self.freqs[rows]
        owner_start = np.repeat(starts[rows] - (np.cumsum(counts) - counts), counts)
        picked = self.positions[owner_start + np.arange(int(counts.sum()))]
        return TermPostings(self.ids[rows], counts, self.weights[rows], picked)

    def keys(self, shift: int = 0) -> np.ndarray:
        """(doc << 32) + position - shift for every position: what a phrase check intersects.
        Positions are below 2**31, so equal keys are the same document and position."""
        docs = np.repeat(self.ids.astype(np.int64), self.freqs)
        return (docs << 32) + (self.positions.astype(np.int64) - shift)


def _position_deltas(postings: TermPostings) -> np.ndarray:
    positions = postings.positions.astype(np.int64)
    nonempty = postings.position_starts()[:-1][postings.freqs > 0]

    def deltas_of(positions):
        deltas = np.diff(positions, prepend=0)
        deltas[nonempty] = positions[nonempty]  # each document's first position absolute
        return deltas
    deltas = deltas_of(positions)
    if (deltas < 0).any():  # only within a document: sort only then (a sort is most of the cost)
        owner = np.repeat(np.arange(len(postings.ids)), postings.freqs)
        deltas = deltas_of(positions[np.lexsort((positions, owner))])  # positions are a set: kept in order
    return deltas


def encode(postings: TermPostings, scale: float, level: int = 0) -> bytes:
    """The record: a flags byte, float32 weights if they are not frequency × `scale`,
    then varints: document deltas, frequencies, position deltas (zlib'd if `level`)."""
    flags, head = 0, b""
    weights = np.asarray(postings.weights, dtype=np.float32)
    if not np.array_equal(weights, (postings.freqs * scale).astype(np.float32)):
        flags |= WEIGHTS
        head = weights.astype("<f4").tobytes()
    parts = [np.diff(postings.ids.astype(np.int64), prepend=0), postings.freqs]
    if postings.positions is not None:
        flags |= POSITIONS
        parts.append(_position_deltas(postings))
    body = varint.encode(np.concatenate(parts))
    if level and len(body) >= COMPRESS_MIN:
        packed = zlib.compress(body, level)
        if len(packed) < len(body):
            flags, body = flags | ZLIB, packed
    return bytes([flags]) + head + body


def decode(record: bytes, df: int, scale: float, positions: bool = True) -> TermPostings:
    """The postings of a record; without `positions`, only the varints before them are decoded."""
    flags, at = record[0], 1
    weights = None
    if flags & WEIGHTS:
        weights = np.frombuffer(record, dtype="<f4", count=df, offset=1).astype(np.float32)
        at += 4 * df
    body = record[at:]
    if flags & ZLIB:
        body = zlib.decompress(body)
    if flags & POSITIONS and not positions:
        raw = np.frombuffer(body, dtype=np.uint8)
        ends = np.flatnonzero(raw < 0x80)
        body, flags = raw[:ends[2 * df - 1] + 1], flags & ~POSITIONS
    values = varint.decode(body).astype(np.int64)
    ids = np.cumsum(values[:df])
    freqs = values[df:2 * df]
    kept = None
    if flags & POSITIONS:
        deltas = values[2 * df:]
        if len(deltas) != freqs.sum():
            raise ValueError("posting record: positions do not add up to the frequencies")
        kept = _undelta(deltas, freqs)
    elif len(values) != 2 * df:
        raise ValueError("posting record: wrong number of values")
    if weights is None:
        weights = (freqs * scale).astype(np.float32)
    return TermPostings(ids, freqs, weights, kept)


def _undelta(deltas: np.ndarray, freqs: np.ndarray) -> np.ndarray:
    """Positions from deltas that restart at each document's first position."""
    total = np.cumsum(deltas)
    starts = (np.cumsum(freqs) - freqs)[freqs > 0]
    base = np.zeros(len(deltas), dtype=np.int64)
    # each document's running total, less what came before its first position
    base[starts] = total[starts] - deltas[starts]
    return total - np.maximum.accumulate(base) if len(deltas) else total


def encode_terms(terms: TermPostings, term_starts: np.ndarray, keep_positions: np.ndarray, scale: float,
                 level: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """The records of many terms at once, back to back, and each one's length: the same
    bytes as `encode` term by term, built with a few array operations for the whole lot.
    `terms` holds every term's postings in turn, the i-th term's at rows
    term_starts[i]:term_starts[i+1]; `keep_positions[i]` says if its positions are written."""
    count = len(term_starts) - 1
    if count < 1:
        return np.zeros(0, dtype=np.uint8), np.zeros(0, dtype=np.int64)
    df = np.diff(term_starts)
    expected = (terms.freqs * scale).astype(np.float32)
    if not np.array_equal(np.asarray(terms.weights, dtype=np.float32), expected) or (df <= 0).any():
        return _encode_each(terms, term_starts, keep_positions, scale, level)
    term_of = np.repeat(np.arange(count), df)
    firsts = term_starts[:-1]
    ids = terms.ids.astype(np.int64)
    doc_deltas = np.diff(ids, prepend=0)
    doc_deltas[firsts] = ids[firsts]
    flags = np.zeros(count, dtype=np.uint8)
    written = np.zeros(count, dtype=np.int64)  # positions written a term
    if terms.positions is not None:
        flags[keep_positions] = POSITIONS
        kept = keep_positions[term_of]
        position_deltas = _position_deltas(terms)[np.repeat(kept, terms.freqs)]
        written = np.bincount(term_of[kept], weights=terms.freqs[kept], minlength=count).astype(np.int64)
    # Each record's values are its document deltas, frequencies, then positions: each put
    # in its place at once (rows come ordered by term, then document).
    lengths = 2 * df + written
    value_starts = np.cumsum(lengths) - lengths
    values = np.empty(int(lengths.sum()), dtype=np.uint64)
    at = value_starts[term_of] + (np.arange(len(ids)) - firsts[term_of])
    values[at] = doc_deltas
    values[at + df[term_of]] = terms.freqs
    if written.any():
        owner = np.repeat(term_of[kept], terms.freqs[kept])
        in_term = np.arange(len(owner)) - (np.cumsum(written) - written)[owner]
        values[value_starts[owner] + 2 * df[owner] + in_term] = position_deltas
    counts = varint.sizes(values)
    body_lengths = np.add.reduceat(counts.astype(np.int64), value_starts)  # no term is empty
    body = np.frombuffer(varint.encode(values, counts), dtype=np.uint8)
    records = np.insert(body, np.cumsum(body_lengths) - body_lengths, flags)
    lengths = body_lengths + 1
    if level:
        return _compressed(records, lengths, level)
    return records, lengths


def _encode_each(terms, term_starts, keep_positions, scale, level):
    out = []
    for i in range(len(term_starts) - 1):
        lo, hi = int(term_starts[i]), int(term_starts[i + 1])
        rows = np.arange(lo, hi)
        one = terms.take(rows) if terms.positions is not None else TermPostings(
            terms.ids[lo:hi], terms.freqs[lo:hi], terms.weights[lo:hi])
        if terms.positions is not None and not keep_positions[i]:
            one = TermPostings(one.ids, one.freqs, one.weights)
        out.append(encode(one, scale, level))
    return (np.frombuffer(b"".join(out), dtype=np.uint8),
            np.array([len(r) for r in out], dtype=np.int64))


def _compressed(records: np.ndarray, lengths: np.ndarray, level: int):
    """zlib on each record's varints where that makes it shorter (only records long enough
    to try are visited; the others are copied as they are)."""
    ends = np.cumsum(lengths)
    starts = ends - lengths
    data = records.tobytes()
    pieces, lengths, copied = [], lengths.copy(), 0
    for i in np.flatnonzero(lengths > COMPRESS_MIN).tolist():  # the flags byte and COMPRESS_MIN or more
        start, end = int(starts[i]), int(ends[i])
        packed = zlib.compress(data[start + 1:end], level)
        if len(packed) < end - start - 1:
            pieces += [data[copied:start], bytes([data[start] | ZLIB]), packed]
            lengths[i], copied = len(packed) + 1, end
    pieces.append(data[copied:])
    return np.frombuffer(b"".join(pieces), dtype=np.uint8), lengths
