"""Unsigned LEB128 varints, encoded and decoded a whole array at a time with numpy.

Seven bits a byte, low bits first, the high bit set on every byte but a value's
last: 0-127 take one byte, up to 16,383 two. Posting deltas are mostly small, so
this is the format's one integer encoding (README.md, "Integers")."""
import numpy as np

_LIMITS = [1 << (7 * k) for k in range(1, 10)]


def sizes(values) -> np.ndarray:
    """How many bytes each value takes (uint8)."""
    values = np.asarray(values, dtype=np.uint64)
    counts = np.ones(len(values), dtype=np.uint8)
    top = int(values.max()) if len(values) else 0
    for limit in _LIMITS:  # one comparison a byte the largest value needs, not a search a value
        if limit > top:
            break
        counts += values >= np.uint64(limit)
    return counts


def encode(values, counts: np.ndarray | None = None) -> bytes:
    """A lane of bytes for each 7 bits the largest value needs, the bytes a value does not
    need dropped at the end (the lanes' row-major order is the stream's). `counts`: the
    values' `sizes`, where the caller has them already."""
    values = np.asarray(values, dtype=np.uint64)
    if not len(values):
        return b""
    counts = sizes(values) if counts is None else counts
    width = int(counts.max())
    lanes = np.empty((len(values), width), dtype=np.uint8)
    for k in range(width):
        lanes[:, k] = ((values >> np.uint64(7 * k)).astype(np.uint8) & np.uint8(0x7F)) | (
            (counts > k + 1).view(np.uint8) << np.uint8(7))
    if width == 1:
        return lanes.tobytes()
    return lanes[np.arange(width, dtype=np.uint8) < counts[:, None]].tobytes()


def decode(data, count: int | None = None) -> np.ndarray:
    """The values of `data` (bytes or a uint8 array) as uint64; `count` checks how many."""
    raw = np.frombuffer(data, dtype=np.uint8) if not isinstance(data, np.ndarray) else data
    if not len(raw):
        values = np.zeros(0, dtype=np.uint64)
    else:
        ends = np.flatnonzero(raw < 0x80)
        if not len(ends) or ends[-1] != len(raw) - 1:
            raise ValueError("truncated varint stream")
        starts = np.empty(len(ends), dtype=np.int64)
        starts[0], starts[1:] = 0, ends[:-1] + 1
        if (ends - starts).max() > 9:
            raise ValueError("varint longer than 64 bits")
        owner = np.repeat(np.arange(len(ends)), ends - starts + 1)
        shift = (np.arange(len(raw)) - starts[owner]).astype(np.uint64) * np.uint64(7)
        parts = (raw & 0x7F).astype(np.uint64) << shift
        values = np.bitwise_or.reduceat(parts, starts)
    if count is not None and len(values) != count:
        raise ValueError(f"expected {count} varints, found {len(values)}")
    return values
