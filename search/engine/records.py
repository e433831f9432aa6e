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
    starts = postings.position_starts()[:-1]
    owner = np.repeat(np.arange(len(postings.ids)), postings.freqs)
    deltas = np.diff(positions, prepend=0)
    if len(positions) and (deltas[1:] < 0).any():
        order = np.lexsort((positions, owner))  # positions are a set: kept in order
        positions = positions[order]
        deltas = np.diff(positions, prepend=0)
    nonempty = starts[postings.freqs > 0]
    deltas[nonempty] = positions[nonempty]
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


def decode(record: bytes, df: int, scale: float) -> TermPostings:
    flags, at = record[0], 1
    weights = None
    if flags & WEIGHTS:
        weights = np.frombuffer(record, dtype="<f4", count=df, offset=1).astype(np.float32)
        at += 4 * df
    body = record[at:]
    if flags & ZLIB:
        body = zlib.decompress(body)
    values = varint.decode(body).astype(np.int64)
    ids = np.cumsum(values[:df])
    freqs = values[df:2 * df]
    positions = None
    if flags & POSITIONS:
        deltas = values[2 * df:]
        if len(deltas) != freqs.sum():
            raise ValueError("posting record: positions do not add up to the frequencies")
        positions = _undelta(deltas, freqs)
    elif len(values) != 2 * df:
        raise ValueError("posting record: wrong number of values")
    if weights is None:
        weights = (freqs * scale).astype(np.float32)
    return TermPostings(ids, freqs, weights, positions)


def _undelta(deltas: np.ndarray, freqs: np.ndarray) -> np.ndarray:
    """Positions from deltas that restart at each document's first position."""
    total = np.cumsum(deltas)
    starts = (np.cumsum(freqs) - freqs)[freqs > 0]
    base = np.zeros(len(deltas), dtype=np.int64)
    # each document's running total, less what came before its first position
    base[starts] = total[starts] - deltas[starts]
    return total - np.maximum.accumulate(base) if len(deltas) else total
