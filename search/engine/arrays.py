"""Whoosh queries answered with arrays: every hit matched, scored, counted and
sorted a posting block at a time with numpy, instead of one Python call per
posting and per hit.

Whoosh's own collector spends ~19 µs a hit in Python (matching, BM25, seven
facets), so a common word at 100k articles took most of a second
(docs/performance.md). Here a term's postings are read as arrays from our
codec's record (codec.py, records.py) and matched with a few array operations; facets are `bincount`s over per-segment code arrays built once from
the facet fields' own postings; sorting is a `lexsort` over the sort columns.
Segments never change once written, so what is built for one is kept until the
segment is merged away; only its deletions are read again when they change.

Term, And, Or, AndNot, AndMaybe, Phrase, Every and the multi-term queries
(prefix, wildcard, ranges: expanded to their terms) are evaluated here; any
other query falls back to Whoosh's matcher for that part only.
"""
import hashlib
import os
import shutil
import tempfile
import time
import threading
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from django.conf import settings
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, _lenfield
from whoosh.reading import TermNotFound
from whoosh.util.numeric import byte_to_length

from .codec import TermsReader, postings_from_values, written_format
from .records import TermPostings

EMPTY_IDS = np.zeros(0, dtype=np.int32)
EMPTY_SCORES = np.zeros(0, dtype=np.float32)
BYTE_LENGTHS = np.array([byte_to_length(b) for b in range(256)], dtype=np.float32)
CACHE_DIR = "postings"  # beside the segment files, in the index folder
CACHE_MIN = 512  # postings; a shorter list decodes in well under a millisecond
# Long lists also kept decoded in memory, the most recently used first: opening a kept
# .npy file costs 0.2-0.6 ms, about what decoding the record does, ~15 times a search.
MEMORY_KEPT_BYTES = 8 * 2**20
# Phrase hits already matched by another branch of a union are checked only if
# they reach this deep into the ranking, where their phrase score matters.
VERIFY_DEPTH = 200


@dataclass
class Matches:
    """Segment-local document numbers (sorted, unique) and their scores."""
    docs: np.ndarray = field(default_factory=lambda: EMPTY_IDS)
    scores: np.ndarray = field(default_factory=lambda: EMPTY_SCORES)
    unverified: np.ndarray = field(default_factory=lambda: EMPTY_IDS)  # docs scored for a phrase not checked

    def __len__(self):
        return len(self.docs)


@dataclass
class Found:
    total: int
    docnums: list  # the requested top hits, global document numbers, in order
    scores: list
    facets: dict  # name -> [(value, count)], most frequent first
    folded: int = 0  # hits left out as repeats of a listed story


class Segment:
    """What is kept per segment: field lengths, facet codes and sort columns."""

    def __init__(self, reader):
        self.size = reader.doc_count_all()
        self._lengths, self._codes, self._sort = {}, {}, {}
        self._live_count, self._live = None, None

    def live(self, reader) -> np.ndarray | None:
        """A mask of the documents not deleted, or None when none is."""
        if not reader.has_deletions():
            return None
        live_count = reader.doc_count()  # a segment's deletions only ever grow: the count names them
        if live_count != self._live_count:
            mask = np.ones(self.size, dtype=bool)
            mask[np.fromiter(reader._perdoc.deleted_docs(), dtype=np.int64)] = False
            self._live_count, self._live = live_count, mask
        return self._live

    def lengths(self, reader, fieldname) -> np.ndarray:
        if fieldname not in self._lengths:
            perdoc, name = reader._perdoc, _lenfield(fieldname)
            column = perdoc._cached_reader(name, LENGTHS_COLUMN) if perdoc.has_column(name) else None
            codes = _numeric_column(column, self.size, "B") if column is not None else np.zeros(self.size, np.uint8)
            self._lengths[fieldname] = BYTE_LENGTHS[codes]
        return self._lengths[fieldname]

    def sort_key(self, reader, fieldname) -> np.ndarray:
        if fieldname not in self._sort:
            perdoc, coltype = reader._perdoc, reader.schema[fieldname].column_type
            if perdoc.has_column(fieldname):
                column = perdoc.column_reader(fieldname, coltype)
                self._sort[fieldname] = _numeric_column(column, self.size, column._typecode)
            else:
                self._sort[fieldname] = np.zeros(self.size, dtype=np.int64)
        return self._sort[fieldname]

    def codes(self, reader, fieldname, labels: "Labels"):
        """(docs, codes): one pair per value a document has in the field."""
        if fieldname not in self._codes:
            docs, codes = [], []
            for text in reader.lexicon(fieldname):
                ids = postings(reader, fieldname, text)[0]
                docs.append(ids)
                codes.append(np.full(len(ids), labels.code(fieldname, text), dtype=np.int32))
            self._codes[fieldname] = (np.concatenate(docs) if docs else EMPTY_IDS,
                                      np.concatenate(codes) if codes else EMPTY_IDS)
        return self._codes[fieldname]


class Labels:
    """Facet values and their codes, shared by every segment."""

    def __init__(self):
        self.values: dict[str, list[bytes]] = {}
        self._codes: dict[str, dict[bytes, int]] = {}

        self._texts: dict[str, list[str]] = {}

    def code(self, fieldname, text: bytes) -> int:
        codes = self._codes.setdefault(fieldname, {})
        if text not in codes:
            codes[text] = len(codes)
            self.values.setdefault(fieldname, []).append(text)
        return codes[text]

    def texts(self, fieldname) -> list[str]:
        """The values as text, by code."""
        values, texts = self.values.get(fieldname, []), self._texts.setdefault(fieldname, [])
        texts.extend(v.decode("utf-8") for v in values[len(texts):])
        return texts


_segments: dict[str, Segment] = {}
_in_memory: OrderedDict = OrderedDict()  # (segment, field, term) -> (ids, weights)
_in_memory_bytes = 0
_kept_bytes: dict[Path, int | None] = {}
_labels = Labels()
_lock = threading.Lock()


def segments_of(searcher) -> list[tuple[object, object, int, Segment]]:
    """(leaf searcher, leaf reader, offset, kept arrays) for each segment."""
    out = []
    with _lock:
        current = set()
        for (leaf_searcher, offset) in searcher.leaf_searchers():
            reader = leaf_searcher.reader()
            key = reader.segment().segment_id() if hasattr(reader, "segment") and reader.segment() else id(reader)
            current.add(key)
            if key not in _segments:
                _segments[key] = Segment(reader)
            out.append((leaf_searcher, reader, offset, _segments[key]))
        if len(_segments) > 2 * len(current) + 8:  # merged-away segments
            for key in set(_segments) - current:
                del _segments[key]
            if out and index_folder(out[0][1]):
                forget_segments(index_folder(out[0][1]), current)
    return out


def _numeric_column(column, size: int, typecode: str) -> np.ndarray:
    # A numeric column is big-endian values back to back, the tail (defaults) left unwritten.
    itemsize = np.dtype(typecode).itemsize
    count = min(column._count, size)
    raw = column._dbfile.get(column._basepos, count * itemsize) if count else b""
    values = np.frombuffer(raw, dtype=np.dtype(typecode).newbyteorder(">")).astype(np.dtype(typecode))
    if count < size:
        values = np.concatenate([values, np.full(size - count, column._default, dtype=values.dtype)])
    return values


def term_postings(reader, fieldname, text, positions: bool = True) -> TermPostings | None:
    """A term's postings in one segment as arrays, deleted documents included; None
    when the segment does not have it. A segment of our codec hands over its arrays;
    one written by another codec (an index not yet rebuilt) is read a posting at a time."""
    if fieldname not in reader.schema:
        return None
    fieldobj = reader.schema[fieldname]
    btext = fieldobj.to_bytes(text) if not isinstance(text, bytes) else text
    terms = getattr(reader, "_terms", None)
    try:
        if isinstance(terms, TermsReader):
            return terms.postings(fieldname, btext, positions)
        ids, weights, values = each_posting(reader.postings(fieldname, btext))
    except (TermNotFound, KeyError):
        return None
    return postings_from_values(fieldobj, btext, ids, weights, values, written_format(fieldobj, segment_codec(reader)))


def segment_codec(reader):
    segment = reader.segment() if hasattr(reader, "segment") else None
    return segment.codec() if segment is not None else None


def postings(reader, fieldname, text) -> tuple[np.ndarray, np.ndarray]:
    """A term's documents and weights in one segment, deleted documents included.
    Long lists are decoded once and kept as .npy files beside the segment
    (a segment never changes once written)."""
    segment = reader.segment() if hasattr(reader, "segment") else None
    key = (segment.segment_id(), fieldname, text) if segment is not None else None
    if key in _in_memory:
        with _lock:
            found = _in_memory.get(key)
            if found is not None:
                _in_memory.move_to_end(key)
                return found
    path = _cache_path(reader, fieldname, text)
    if path is not None and path.exists():
        try:
            kept = np.load(path)
            return _remember(key, kept["id"], kept["w"])
        except (OSError, ValueError):
            pass  # half-written by a killed process: decode again
    found = term_postings(reader, fieldname, text, positions=False)
    if found is None or not len(found):
        return EMPTY_IDS, EMPTY_SCORES
    ids, weights = found.ids.astype(np.int32), found.weights.astype(np.float32)
    if len(ids) >= CACHE_MIN:
        if path is not None:
            _keep(path, ids, weights)
        return _remember(key, ids, weights)
    return ids, weights


def _remember(key, ids: np.ndarray, weights: np.ndarray):
    """Keeps a long list decoded in memory, forgetting the least recently used beyond MEMORY_KEPT_BYTES."""
    global _in_memory_bytes
    ids, weights = np.array(ids), np.array(weights)
    ids.flags.writeable = weights.flags.writeable = False  # shared by later searches
    if key is None:
        return ids, weights
    with _lock:
        if key not in _in_memory:
            _in_memory[key] = (ids, weights)
            _in_memory_bytes += ids.nbytes + weights.nbytes
        _in_memory.move_to_end(key)
        while _in_memory_bytes > MEMORY_KEPT_BYTES and len(_in_memory) > 1:
            _, (old_ids, old_weights) = _in_memory.popitem(last=False)
            _in_memory_bytes -= old_ids.nbytes + old_weights.nbytes
    return ids, weights


def positions_at(reader, fieldname, text, docs: np.ndarray) -> TermPostings:
    """A term's postings, positions included, in the given sorted documents, each of which has the term."""
    found = term_postings(reader, fieldname, text)
    if found is None or found.positions is None:
        raise ValueError(f"{fieldname}:{text!r} keeps no positions: it cannot be part of a phrase")
    return found.take(np.searchsorted(found.ids, docs))


def index_folder(reader) -> str | None:
    storage = getattr(reader, "_storage", None)
    # A compound segment reads through an overlay of its own files on the folder's storage.
    return getattr(storage, "folder", None) or getattr(getattr(storage, "b", None), "folder", None)


def _cache_path(reader, fieldname, text) -> Path | None:
    folder = index_folder(reader)
    segment = reader.segment() if hasattr(reader, "segment") else None
    if not folder or segment is None:
        return None
    btext = text if isinstance(text, bytes) else reader.schema[fieldname].to_bytes(text)
    name = f"{fieldname}-{hashlib.blake2b(btext, digest_size=12).hexdigest()}.npy"
    return Path(folder) / CACHE_DIR / segment.segment_id() / name


def _keep(path: Path, ids, weights):
    root = path.parent.parent
    if _kept_bytes.get(root) is None:  # once per process: what earlier processes kept
        _kept_bytes[root] = sum(f.stat().st_size for f in root.rglob("*.npy")) if root.is_dir() else 0
    if _kept_bytes[root] + 8 * len(ids) > settings.SEARCH_KEPT_POSTINGS_MB * 2**20:
        return
    rows = np.empty(len(ids), dtype=[("id", "<i4"), ("w", "<f4")])
    rows["id"], rows["w"] = ids, weights
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile(dir=path.parent, suffix=".tmp", delete=False) as out:
            np.save(out, rows)
        os.replace(out.name, path)
        _kept_bytes[root] += rows.nbytes
    except OSError:
        pass  # a read-only index is searched without the cache


def forget_segments(folder, current: set[str]):
    """Drops the kept postings of segments merged away, once no reader is likely to want them."""
    root = Path(folder) / CACHE_DIR
    if not root.is_dir():
        return
    for entry in root.iterdir():
        if entry.name not in current and time.time() - entry.stat().st_mtime > 60:
            shutil.rmtree(entry, ignore_errors=True)
            _kept_bytes[root] = None


def each_posting(matcher) -> tuple[list, list, list]:
    """(ids, weights, values) read one posting at a time through Whoosh's Matcher interface:
    for segments written by another codec."""
    ids, weights, values = [], [], []
    while matcher.is_active():
        ids.append(matcher.id())
        weights.append(matcher.weight())
        values.append(matcher.value())
        matcher.next()
    return ids, weights, values
