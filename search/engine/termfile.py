"""The terms file (`.atrm`) of ArchiveCodec: each field's sorted term keys and
statistics in zlib'd blocks of BLOCK_TERMS terms, with a small block index.

A reader keeps only the block index (each block's first key, where it is, where
its first posted record is) and reads and decompresses a block when a term in it
is asked for; a few recent blocks are kept decoded. Format 1 read every field's
whole table into memory when a segment was opened: ~20 MB and ~250 ms a segment of
5,000 articles, again in every worker after each commit (docs/performance.md).
README.md has the layout byte by byte."""
import bisect
import json
import os
import struct
import zlib

import numpy as np

BLOCK_TERMS = 128
INLINE_DF = 2  # terms in at most this many documents keep their record in the terms file
KEPT_BLOCKS = 32  # decoded blocks kept per field of an open segment
HEADER = struct.Struct("<4sHI")  # magic, version, directory length
INDEX_ROW = np.dtype([("at", "<u8"), ("posts", "<u8")])  # per block, and one row for the end
ALIGN = 8


def read_at(dbfile, offset: int, length: int) -> bytes:
    """Bytes of an open segment file. A file on disk is read with pread, which moves no
    file position: a searcher is shared by threads, and Whoosh's get() seeks then reads."""
    try:
        data = os.pread(dbfile.fileno(), length, offset)
    except (AttributeError, OSError, ValueError):  # in memory (RamStorage, a compound file's part)
        return dbfile.get(offset, length)
    return data if len(data) == length else dbfile.get(offset, length)


def _padded(data: bytes) -> bytes:
    return data + bytes(-len(data) % ALIGN)


def write(termfile, magic: bytes, version: int, fields: list[tuple[str, dict, list, np.ndarray, np.ndarray, bytes]]):
    """Writes the terms file. `fields`: (name, entry, keys, df, reclen, inline records) each,
    keys sorted; `entry` holds what the directory says of the field besides its parts
    (name, scale, and `posts`, the offset in the postings file of its first record)."""
    directory, chunks, at = [], [], 0
    for name, entry, keys, df, reclen, inline in fields:
        entry = {**entry, "name": name, "terms": len(keys), "block_terms": BLOCK_TERMS}
        blocks, index, first_keys = _blocks(keys, df, reclen, inline, entry["posts"])
        chunks.extend(blocks)
        index["at"] += at  # the blocks' offsets were from the field's first block
        at = int(index["at"][-1])
        pad = bytes(-at % ALIGN)
        chunks.append(pad)
        at += len(pad)
        first_starts = np.zeros(len(first_keys) + 1, dtype="<u4")
        np.cumsum([len(k) for k in first_keys], out=first_starts[1:])
        for part, data in (("index", index.tobytes()), ("first_starts", first_starts.tobytes()),
                           ("first_keys", _padded(b"".join(first_keys)))):
            entry[part] = [at, len(data)]
            chunks.append(data)
            at += len(data)
        directory.append(entry)
    head = json.dumps({"fields": directory}).encode("utf-8")
    head += b" " * (-(HEADER.size + len(head)) % ALIGN)
    termfile.write(HEADER.pack(magic, version, len(head)) + head)
    for data in chunks:
        termfile.write(data)


def _blocks(keys, df, reclen, inline: bytes, posts: int):
    """The field's blocks (zlib'd bytes), its index rows and each block's first key."""
    count = len(keys)
    df, reclen = np.asarray(df, dtype="<u4"), np.asarray(reclen, dtype="<u4")
    key_lengths = np.fromiter(map(len, keys), dtype=np.int64, count=count)
    if count and key_lengths.max() > 0xFFFF:
        raise ValueError(f"a term is longer than {0xFFFF} bytes")
    inlined = df <= INLINE_DF
    lengths = reclen.astype(np.int64)
    inline_ends = np.cumsum(np.where(inlined, lengths, 0))
    posted_ends = np.cumsum(np.where(inlined, 0, lengths))
    starts = list(range(0, count, BLOCK_TERMS))
    index = np.zeros(len(starts) + 1, dtype=INDEX_ROW)
    blocks, first_keys, at = [], [], 0
    for n, lo in enumerate(starts):
        hi = min(count, lo + BLOCK_TERMS)
        before_inline = int(inline_ends[lo - 1]) if lo else 0
        index[n] = (at, posts + (int(posted_ends[lo - 1]) if lo else 0))
        raw = b"".join([df[lo:hi].tobytes(), reclen[lo:hi].tobytes(), key_lengths[lo:hi].astype("<u2").tobytes(),
                        *keys[lo:hi], inline[before_inline:int(inline_ends[hi - 1])]])
        block = zlib.compress(raw, 1)
        blocks.append(block)
        first_keys.append(keys[lo])
        at += len(block)
    index[len(starts)] = (at, posts + (int(posted_ends[-1]) if count else 0))
    return blocks, index, first_keys


class Block:
    """One block's terms decoded: keys, statistics, where each record is."""

    def __init__(self, raw: bytes, count: int, posts: int):
        self.df = np.frombuffer(raw, dtype="<u4", count=count)
        self.reclen = np.frombuffer(raw, dtype="<u4", count=count, offset=4 * count)
        key_lengths = np.frombuffer(raw, dtype="<u2", count=count, offset=8 * count).astype(np.int64)
        ends = (10 * count + np.cumsum(key_lengths)).tolist()
        self.keys = [raw[a:b] for a, b in zip([10 * count] + ends[:-1], ends)]
        self.inline_data = raw[ends[-1] if count else 0:]
        self.inlined = self.df <= INLINE_DF
        lengths = self.reclen.astype(np.int64)
        self.offsets = np.zeros(count, dtype=np.int64)
        for mask, base in ((self.inlined, 0), (~self.inlined, posts)):
            self.offsets[mask] = base + np.cumsum(lengths[mask]) - lengths[mask]

    def record(self, i: int, postfile) -> bytes:
        offset, length = int(self.offsets[i]), int(self.reclen[i])
        if self.inlined[i]:
            return self.inline_data[offset:offset + length]
        return read_at(postfile, offset, length)


class FieldTerms:
    """A field's part of an open terms file: its block index in memory, blocks read on demand."""

    def __init__(self, termfile, body: int, entry: dict):
        def part(name, dtype):
            start, length = entry[name]
            return np.frombuffer(read_at(termfile, body + start, length), dtype=dtype)
        self.termfile, self.body = termfile, body
        self.name, self.count, self.scale = entry["name"], entry["terms"], entry["scale"]
        self.per_block = entry["block_terms"]
        self.index = part("index", INDEX_ROW)
        starts = part("first_starts", "<u4").tolist()
        first = part("first_keys", "u1").tobytes()
        self.first_keys = [first[a:b] for a, b in zip(starts, starts[1:])]
        self._kept: dict[int, Block] = {}

    @property
    def blocks(self) -> int:
        return len(self.first_keys)

    def block(self, n: int, keep: bool = True) -> Block:
        found = self._kept.get(n)
        if found is None:
            at, end = int(self.index["at"][n]), int(self.index["at"][n + 1])
            raw = zlib.decompress(read_at(self.termfile, self.body + at, end - at))
            found = Block(raw, min(self.per_block, self.count - n * self.per_block), int(self.index["posts"][n]))
            if keep:
                if len(self._kept) >= KEPT_BLOCKS:
                    self._kept.pop(next(iter(self._kept), None), None)
                self._kept[n] = found
        return found

    def lower_bound(self, tbytes: bytes) -> int:
        """The number of the first term not below `tbytes` (count if none)."""
        n = bisect.bisect_right(self.first_keys, tbytes) - 1
        if n < 0:
            return 0
        return n * self.per_block + bisect.bisect_left(self.block(n).keys, tbytes)

    def find(self, tbytes: bytes) -> int:
        i = self.lower_bound(tbytes)
        return i if i < self.count and self.key(i) == tbytes else -1

    def at(self, i: int) -> tuple[Block, int]:
        return self.block(i // self.per_block), i % self.per_block

    def key(self, i: int) -> bytes:
        block, j = self.at(i)
        return block.keys[j]

    def df(self, i: int) -> int:
        block, j = self.at(i)
        return int(block.df[j])

    def each_block(self, start: int = 0):
        """(first term number, Block) of each block from the one holding term `start`,
        read in turn and not kept: for a pass over the whole field."""
        for n in range(start // self.per_block, self.blocks):
            yield n * self.per_block, self._kept.get(n) or self.block(n, keep=False)


def read_directory(termfile, magic: bytes, version: int, name: str) -> tuple[int, list[dict]]:
    """(where the body starts, the fields' entries), after checking the header."""
    head = read_at(termfile, 0, HEADER.size)
    found_magic, found_version, length = HEADER.unpack(head) if len(head) == HEADER.size else (b"", 0, 0)
    if found_magic != magic or found_version != version:
        raise ValueError(f"{name}: not an ArchiveCodec terms file version {version} (run manage.py rebuild_index)")
    directory = json.loads(read_at(termfile, HEADER.size, length).decode("utf-8"))
    return HEADER.size + length, directory["fields"]
