"""Segments merged as arrays, a range of terms at a time.

Whoosh merges a posting at a time; the bulk writer before this gathered each
term's postings from every merged segment into Python arrays, term by term, and
held the whole merged segment in memory (17 segments of 500 articles: 6 GB and
minutes, docs/performance.md). Here each field is merged in ranges of term keys:
the records of every source segment in the range are read (the posted ones as one
span of the postings file) and decoded together with a few array operations,
documents renumbered, deleted ones dropped, and the terms written in order
through `FieldWriter.add_terms`. Memory holds one range at a time.
"""
import bisect
import zlib

import numpy as np

from . import records, varint
from .pool import interleaved, numbered_terms
from .records import POSITIONS, WEIGHTS, ZLIB, TermPostings
from .termfile import BLOCK_TERMS, read_at

RANGE_BLOCKS = 256  # terms blocks of every source in a range of keys merged at once


class ArraySource:
    """Postings already as arrays (the writer's new documents): one field's sorted keys,
    term starts, postings (positions with placeholders) and which terms keep positions."""

    def __init__(self, keys, term_starts, postings, with_positions):
        self.keys, self.term_starts = keys, term_starts
        self.found, self.with_positions = postings, with_positions

    def first_keys(self, fieldname) -> list[bytes]:
        return self.keys[::BLOCK_TERMS]

    def postings(self, fieldname, lo: bytes | None, hi: bytes | None):
        a = bisect.bisect_left(self.keys, lo) if lo is not None else 0
        b = bisect.bisect_left(self.keys, hi) if hi is not None else len(self.keys)
        if a >= b:
            return None
        rows = np.arange(self.term_starts[a], self.term_starts[b])
        return (self.keys[a:b], self.term_starts[a:b + 1] - self.term_starts[a], self.found.take(rows),
                self.with_positions[a:b])


class SegmentSource:
    """A segment being merged: its terms reader and each old document's new number (-1: deleted)."""

    def __init__(self, terms, newnums: np.ndarray):
        self.terms, self.newnums = terms, newnums

    def first_keys(self, fieldname) -> list[bytes]:
        table = self.terms.fields.get(fieldname)
        return table.first_keys if table is not None else []

    def postings(self, fieldname, lo: bytes | None, hi: bytes | None):
        """(keys, term starts, postings, with positions) of the field's terms in [lo, hi), renumbered."""
        table = self.terms.fields.get(fieldname)
        if table is None:
            return None
        first = table.lower_bound(lo) if lo is not None else 0
        end = table.lower_bound(hi) if hi is not None else table.count
        if first >= end:
            return None
        keys, dfs, flags, chunks = [], [], [], []
        for start, block in table.each_block(first):
            if start >= end:
                break
            a, b = max(first - start, 0), min(end - start, len(block.keys))
            keys.extend(block.keys[a:b])
            dfs.append(block.df[a:b])
            chunks.append((block, a, b))
        data, starts, lengths = self._records(chunks)
        flags = data[starts]
        found = decode_records(data, starts, lengths, np.concatenate(dfs).astype(np.int64), flags, table.scale)
        return renumber(keys, *found, self.newnums)

    def _records(self, chunks):
        """Every record in the range, back to back in term order, with where each starts and
        its length; a zlib'd record's varints decompressed (and its flag said so), so that
        decode_records reads them in its one pass."""
        parts, lengths = [], []
        posted = [(block, j) for block, a, b in chunks for j in range(a, b) if not block.inlined[j]]
        span, span_at = b"", 0
        if posted:
            (first_block, j0), (last_block, j1) = posted[0], posted[-1]
            span_at = int(first_block.offsets[j0])
            span = read_at(self.terms.postfile, span_at,
                           int(last_block.offsets[j1]) + int(last_block.reclen[j1]) - span_at)
        for block, a, b in chunks:
            for j in range(a, b):
                offset, length = int(block.offsets[j]), int(block.reclen[j])
                if block.inlined[j]:
                    record = block.inline_data[offset:offset + length]
                else:
                    record = span[offset - span_at:offset - span_at + length]
                if record[0] & ZLIB and not record[0] & WEIGHTS:
                    record = bytes([record[0] & ~ZLIB]) + zlib.decompress(record[1:])
                parts.append(record)
                lengths.append(len(record))
        lengths = np.array(lengths, dtype=np.int64)
        starts = np.cumsum(lengths) - lengths
        return np.frombuffer(b"".join(parts), dtype=np.uint8), starts, lengths


def decode_records(data: np.ndarray, starts, lengths, dfs, flags, scale: float):
    """Many records decoded at once: (term starts, postings, with positions). Plain
    records (no stored weights: nearly all, zlib'd ones decompressed by the caller) are
    one varint stream; the others are decoded one by one (records.decode). Rows of a term that keeps no
    positions get zeros in `positions` (as FieldWriter.add_terms takes them)."""
    count = len(starts)
    kept = (flags & POSITIONS) > 0
    plain = (flags & ~np.uint8(POSITIONS)) == 0
    # the plain records: their flag bytes dropped, every varint decoded, each value's term found
    in_plain = np.repeat(plain, lengths)
    in_plain[starts] = False
    body = data[in_plain]
    owner = np.repeat(np.arange(count), lengths)[in_plain][body < 0x80]
    values = varint.decode(body.tobytes()).astype(np.int64)
    rank = np.arange(len(values)) - np.searchsorted(owner, np.arange(count))[owner]
    df_of = dfs[owner]
    is_doc, is_freq = rank < df_of, (rank >= df_of) & (rank < 2 * df_of)
    doc_deltas, term_of = values[is_doc], owner[is_doc]
    running = np.cumsum(doc_deltas)
    first = np.searchsorted(term_of, term_of)
    ids = running - (running[first] - doc_deltas[first])
    freqs = values[is_freq]
    positions = None
    if kept.any():
        owned = np.where(kept[term_of], freqs, 0)
        positions = _placeholders(records._undelta(values[~is_doc & ~is_freq], owned), owned, freqs)
    found = TermPostings(ids, freqs, (freqs * scale).astype(np.float32), positions)
    others = np.flatnonzero(~plain)
    if len(others):
        rows = [found]
        for t in others.tolist():
            one = records.decode(data[starts[t]:starts[t] + lengths[t]].tobytes(), int(dfs[t]), scale)
            if kept.any() and one.positions is None:
                one.positions = np.zeros(int(one.freqs.sum()), dtype=np.int64)
            rows.append(one)
        term_of = np.concatenate([term_of, np.repeat(others, dfs[others])])
        found = TermPostings(*(np.concatenate([getattr(r, n) for r in rows]) for n in ("ids", "freqs", "weights")),
                             np.concatenate([r.positions for r in rows]) if kept.any() else None)
        found = found.take(np.argsort(term_of, kind="stable"))
    term_starts = np.zeros(count + 1, dtype=np.int64)
    np.cumsum(dfs, out=term_starts[1:])
    return term_starts, found, kept


def renumber(keys, term_starts, postings: TermPostings, kept, newnums):
    """The postings with their documents' new numbers, deleted documents (and terms left with none) dropped."""
    term_of = np.repeat(np.arange(len(keys)), np.diff(term_starts))
    mapped = newnums[postings.ids]
    live = mapped >= 0
    if not live.all():
        rows = np.flatnonzero(live)
        postings, term_of, mapped = postings.take(rows), term_of[rows], mapped[rows]
    counts = np.bincount(term_of, minlength=len(keys))
    present = counts > 0
    keys = [k for k, p in zip(keys, present.tolist()) if p]
    term_starts = np.zeros(len(keys) + 1, dtype=np.int64)
    np.cumsum(counts[present], out=term_starts[1:])
    return keys, term_starts, TermPostings(mapped, postings.freqs, postings.weights, postings.positions), kept[present]


def ranges(sources, fieldname):
    """Key bounds (lo, hi) cutting the field into ranges of about RANGE_BLOCKS blocks of each source."""
    firsts = sorted({k for s in sources for k in s.first_keys(fieldname)})
    cuts = firsts[RANGE_BLOCKS::RANGE_BLOCKS]
    bounds = [None, *cuts, None]
    return list(zip(bounds, bounds[1:]))


def merge_field(fieldwriter, fieldname, fieldobj, sources):
    """Writes one field of the merged segment: every source's terms, range by range.
    Sources are in document order (each one's new numbers above the one before)."""
    fieldwriter.start_field(fieldname, fieldobj)
    for lo, hi in ranges(sources, fieldname):
        found = [f for f in (s.postings(fieldname, lo, hi) for s in sources) if f is not None and f[0]]
        if found:
            fieldwriter.add_terms(*combined(found))
    fieldwriter.finish_field()


def combined(parts):
    """Several sources' (keys, term starts, postings, with positions) as one, rows by
    term then source. A term keeps positions only if it does in every source."""
    if len(parts) == 1:
        return parts[0]
    keys, numbers = numbered_terms([k for k, _, _, _ in parts])
    starts, order = interleaved(len(keys), numbers, [s for _, s, _, _ in parts])
    if not _in_document_order([p.ids for _, _, p, _ in parts]):  # a writer that added documents after a merge
        term_of = np.concatenate([np.repeat(n, np.diff(s)) for n, (_, s, _, _) in zip(numbers, parts)])
        order = np.lexsort((np.concatenate([p.ids for _, _, p, _ in parts]), term_of))
    with_positions = np.ones(len(keys), dtype=bool)
    for n, (_, _, _, kept) in zip(numbers, parts):
        with_positions[n] &= kept
    columns = [np.concatenate([getattr(p, name) for _, _, p, _ in parts]) for name in ("ids", "freqs", "weights")]
    positions = None
    if any(p.positions is not None for _, _, p, _ in parts):
        positions = np.concatenate([p.positions if p.positions is not None else np.zeros(int(p.freqs.sum()), np.int64)
                                    for _, _, p, _ in parts])
    return keys, starts, TermPostings(*columns, positions).take(order), with_positions


def _in_document_order(ids: list[np.ndarray]) -> bool:
    """Each part's documents all come after those of the parts before it."""
    bounds = [(int(part.min()), int(part.max())) for part in ids if len(part)]
    return all(last < first for (_, last), (first, _) in zip(bounds, bounds[1:]))


def _placeholders(positions, owned, freqs):
    """Positions with zeros for the rows that store none (their term is written without)."""
    if np.array_equal(owned, freqs):
        return positions
    out = np.zeros(int(freqs.sum()), dtype=np.int64)
    has = owned > 0
    into = np.repeat((np.cumsum(freqs) - freqs)[has], owned[has])
    out[into + np.arange(len(into)) - np.repeat(np.cumsum(owned[has]) - owned[has], owned[has])] = positions
    return out


# -- which segments to merge ----------------------------------------------------

MERGE_FACTOR = 10  # segments of a tier merged together, into one of the next tier
TIER_FLOOR = 500  # live documents: tiers are under 500, under 5,000, under 50,000, and more
MERGED_DOCS = 100_000  # live documents a merge makes at most; a segment over half of it is left alone
SMALL_MERGE = TIER_FLOOR * MERGE_FACTOR  # what any commit may merge; a bigger write, ten times its size


def tier(size: int) -> int:
    level = 0
    while size >= TIER_FLOOR * MERGE_FACTOR ** level:
        level += 1
    return level


def to_merge(sizes: list[int], most: int = MERGED_DOCS) -> list[int]:
    """Which segments (indexes into `sizes`, their live documents) to merge now: those of
    the lowest tier that has MERGE_FACTOR segments or more, smallest first, as many as
    fit in `most` documents (at least two). Each document is rewritten about once a tier,
    instead of Whoosh's MERGE_SMALL, which let
    segments of 500 pile up to 17 and then merged them all in one commit."""
    open_ = sorted((i for i, n in enumerate(sizes) if n <= MERGED_DOCS // 2), key=lambda i: sizes[i])
    for level in sorted({tier(sizes[i]) for i in open_}):
        group = [i for i in open_ if tier(sizes[i]) == level]
        if len(group) < MERGE_FACTOR:
            continue
        chosen, total = [], 0
        for i in group:
            if total + sizes[i] > most:
                break
            chosen.append(i)
            total += sizes[i]
        if len(chosen) >= 2:
            return chosen
    return []


def allowed(added_docs: int) -> int:
    """How many documents a commit that wrote `added_docs` may merge."""
    return min(MERGED_DOCS, max(SMALL_MERGE, MERGE_FACTOR * added_docs))


def merge_tiers(writer, segments):
    """A Whoosh merge policy (`commit(mergetype=...)`): the segments `to_merge` chooses
    are merged into the writer's new segment; the others are kept as they are. A commit
    of a few documents (an edit, one issue) merges at most SMALL_MERGE of them, so that
    it stays short; bigger merges wait for a bulk write, which may merge ten times its size."""
    from whoosh.reading import SegmentReader

    chosen = set(to_merge([segment.doc_count() for segment in segments], allowed(getattr(writer, "added_docs", 0))))
    for i in sorted(chosen):
        reader = SegmentReader(writer.storage, writer.schema, segments[i])
        writer.add_reader(reader)
        reader.close()
    return [segment for i, segment in enumerate(segments) if i not in chosen]
