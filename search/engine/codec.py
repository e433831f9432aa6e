"""ArchiveCodec: Whoosh's W3 codec with our own terms and postings files
(README.md has the layout byte by byte).

Per document storage (stored fields, field lengths, columns) stays Whoosh's W3.
Each segment's inverted index is two files: `.atrm`, the sorted term keys of
each field with their statistics as arrays, postings of terms in one or two
documents inlined; `.apst`, every other term's record (records.py). Whoosh,
haystack and our searcher open it through the Codec interface as any other."""
import struct

import numpy as np
from whoosh import formats
from whoosh.codec import base
from whoosh.codec.whoosh3 import W3Codec
from whoosh.matching import ListMatcher
from whoosh.reading import TermInfo, TermNotFound
from whoosh.system import emptybytes, pack_uint

from . import records, termfile as termfile_format
from .formats import PackedPositions
from .records import TermPostings, encode_terms as records_of
from .termfile import INLINE_DF, Block, FieldTerms

VERSION = 2  # 2: the terms file in blocks read on demand (termfile.py); 1 read it whole
FORMAT_NAME = f"archive {VERSION}"  # in the index's signature (analysis.signature)
POSTS_MAGIC, TERMS_MAGIC = b"APST", b"ATRM"
HEADER = struct.Struct("<4sH")  # the postings file's: magic, version
# Per term: what Whoosh asks of every term without reading its postings. The rest of
# its statistics (total and largest weight, first and last document) come from its record.
COLUMNS = (("df", "<u4"), ("reclen", "<u4"))


class ArchiveCodec(W3Codec):
    POSTS_EXT, TERMS_EXT = ".apst", ".atrm"

    def __init__(self, compression: int = 0):
        super().__init__(compression=0)
        self.level = compression  # zlib level of posting records; 0: none

    def field_writer(self, storage, segment):
        return FieldWriter(self, storage, segment)

    def terms_reader(self, storage, segment):
        return TermsReader(self, storage, segment)

    def postings_writer(self, dbfile, byteids=False):
        raise NotImplementedError("ArchiveCodec writes a term's postings whole (FieldWriter.add_term)")

    def postings_reader(self, dbfile, terminfo, format_, term=None, scorer=None):
        raise NotImplementedError("ArchiveCodec postings are read through its TermsReader")

    def automata(self, storage=None, segment=None):
        return base.Automata()


def _scale(fieldobj) -> float:
    return float(getattr(fieldobj.format, "field_boost", 1.0))


def _keeps_positions(fieldobj, tbytes) -> bool:
    fmt = fieldobj.format
    return fmt.supports("positions") and getattr(fmt, "keeps_positions", lambda t: True)(tbytes)


def _keeping_positions(fieldobj, keys: list[bytes]) -> np.ndarray:
    """`_keeps_positions` of each key, at once where the format can say it so."""
    fmt = fieldobj.format
    if not fmt.supports("positions"):
        return np.zeros(len(keys), dtype=bool)
    if hasattr(fmt, "keeps_positions_of"):
        return fmt.keeps_positions_of(keys)
    return np.fromiter((_keeps_positions(fieldobj, k) for k in keys), dtype=bool, count=len(keys))


class _FieldTable:
    """A field's terms as they are written: keys, statistics, inline records."""

    def __init__(self, fieldobj, posts_base: int):
        self.fieldobj, self.scale, self.posts_base = fieldobj, _scale(fieldobj), posts_base
        self.keys, self.rows, self.inline = [], [], bytearray()


class FieldWriter(base.FieldWriter):
    def __init__(self, codec, storage, segment):
        self.codec, self.storage, self.segment = codec, storage, segment
        self.postfile = segment.create_file(storage, codec.POSTS_EXT)
        self.postfile.write(HEADER.pack(POSTS_MAGIC, VERSION))
        self.offset = HEADER.size
        self.fields: dict[str, _FieldTable] = {}
        self.table, self.term, self.pending = None, None, None
        self.is_closed = False

    # -- Whoosh's posting-at-a-time interface ---------------------------------------

    def start_field(self, fieldname, fieldobj):
        if fieldname not in self.fields:
            self.fields[fieldname] = _FieldTable(fieldobj, self.offset)
        self.table = self.fields[fieldname]

    def start_term(self, text):
        self.term, self.pending = text, ([], [], [], [])

    def add(self, docnum, weight, vbytes, length):
        for column, value in zip(self.pending, (docnum, weight, vbytes, length)):
            column.append(value)

    def finish_term(self):
        ids, weights, values, _ = self.pending  # field lengths are W3's per-document storage
        self.add_term(self.term, postings_from_values(self.table.fieldobj, self.term, ids, weights, values))

    def finish_field(self):
        self.table = None

    # -- a term's postings at once ------------------------------------------------

    def add_term(self, tbytes: bytes, postings: TermPostings):
        """Writes one term of the current field."""
        self.add_terms([tbytes], np.array([0, len(postings)]), postings)

    def add_terms(self, keys: list[bytes], term_starts: np.ndarray, postings: TermPostings,
                  with_positions: np.ndarray | None = None):
        """Writes many terms of the current field at once, in sorted order: the i-th
        term's postings are rows term_starts[i]:term_starts[i+1] of `postings`;
        `with_positions` (if given) is False for a term whose positions are placeholders."""
        table = self.table
        if not keys:
            return
        term_starts = np.asarray(term_starts, dtype=np.int64)
        keep = _keeping_positions(table.fieldobj, keys)
        if with_positions is not None:
            keep &= with_positions
        records, reclens = records_of(postings, term_starts, keep, table.scale, self.codec.level)
        rows = np.zeros(len(keys), dtype=list(COLUMNS))
        rows["df"], rows["reclen"] = np.diff(term_starts), reclens
        table.keys.extend(keys)
        table.rows.append(rows)
        inline = np.repeat(rows["df"] <= INLINE_DF, reclens)
        table.inline += records[inline].tobytes()
        posted = records[~inline].tobytes()
        self.postfile.write(posted)
        self.offset += len(posted)

    def add_field_arrays(self, fieldname, fieldobj, terms, term_starts, docs, pos_starts, positions):
        """A whole field of a batch at once (search/engine/batch.py's arrays): `terms`
        sorted, the i-th term's postings are rows term_starts[i]:term_starts[i+1] of
        `docs`, row r's positions are positions[pos_starts[r]:pos_starts[r+1]]. (The
        field lengths go to the per-document writer, as W3 keeps them.)"""
        self.start_field(fieldname, fieldobj)
        docs = np.asarray(docs, dtype=np.int64)
        freqs = np.diff(np.asarray(pos_starts, dtype=np.int64))
        postings = TermPostings(docs, freqs, (freqs * _scale(fieldobj)).astype(np.float32),
                                np.asarray(positions, dtype=np.int64))
        self.add_terms(list(terms), term_starts, postings)
        self.finish_field()

    def close(self):
        fields = []
        for name, table in self.fields.items():
            rows = np.concatenate(table.rows) if table.rows else np.zeros(0, dtype=list(COLUMNS))
            fields.append((name, {"scale": table.scale, "posts": table.posts_base}, table.keys,
                           rows["df"], rows["reclen"], bytes(table.inline)))
        termfile = self.segment.create_file(self.storage, self.codec.TERMS_EXT)
        termfile_format.write(termfile, TERMS_MAGIC, VERSION, fields)
        termfile.close()
        self.postfile.close()
        self.is_closed = True


def written_format(fieldobj, segment_codec):
    """The format a segment's posting values were written in. Before ArchiveCodec
    every analysed field used Whoosh's pickled Positions: a segment of another codec
    (an index not yet rebuilt) is read with it."""
    fmt = fieldobj.format
    if isinstance(fmt, PackedPositions) and not isinstance(segment_codec, ArchiveCodec):
        return formats.Positions(field_boost=fmt.field_boost)
    return fmt


def postings_from_values(fieldobj, tbytes, ids, weights, values, fmt=None) -> TermPostings:
    """A term's postings from Whoosh's (id, weight, encoded value) form, values in
    `fmt` (by default the field's format)."""
    fmt = fmt or fieldobj.format
    ids = np.asarray(ids, dtype=np.int64)
    weights = np.asarray(weights, dtype=np.float32)
    if fmt.supports("positions") and _keeps_positions(fieldobj, tbytes) and all(values):
        lists = [fmt.decode_positions(v) for v in values]
        freqs = np.array([len(p) for p in lists], dtype=np.int64)
        flat = np.fromiter((p for ps in lists for p in ps), dtype=np.int64, count=int(freqs.sum()))
        return TermPostings(ids, freqs, weights, flat)
    freqs = np.array([fmt.decode_frequency(v) if v else 1 for v in values] or [], dtype=np.int64)
    return TermPostings(ids, freqs if len(freqs) == len(ids) else np.ones(len(ids), np.int64), weights)


class TermsReader(base.TermsReader):
    def __init__(self, codec, storage, segment):
        self.codec = codec
        self.termfile = segment.open_file(storage, codec.TERMS_EXT)
        try:
            body, entries = termfile_format.read_directory(self.termfile, TERMS_MAGIC, VERSION,
                                                           segment.make_filename(codec.TERMS_EXT))
            self.fields = {entry["name"]: FieldTerms(self.termfile, body, entry) for entry in entries}
        except BaseException:
            self.termfile.close()
            raise
        self.postfile = segment.open_file(storage, codec.POSTS_EXT)

    def _find(self, fieldname, tbytes):
        table = self.fields.get(fieldname)
        i = table.find(tbytes) if table is not None else -1
        if i < 0:
            raise TermNotFound(f"No term {fieldname}:{tbytes!r}")
        return table, i

    def __contains__(self, term):
        table = self.fields.get(term[0])
        return table is not None and table.find(term[1]) >= 0

    def indexed_field_names(self):
        return self.fields.keys()

    def cursor(self, fieldname, fieldobj):
        return FieldCursor(self, self.fields.get(fieldname), fieldobj)

    def _from(self, fieldname, prefix):
        """(table, block, j, key) from the given key on, then the fields after it, in file order."""
        names = list(self.fields)
        if fieldname not in self.fields:
            return
        for n in range(names.index(fieldname), len(names)):
            table = self.fields[names[n]]
            yield from self._each(table, table.lower_bound(prefix) if n == names.index(fieldname) else 0)

    @staticmethod
    def _each(table: FieldTerms, start: int = 0):
        for first, block in table.each_block(start):
            for j in range(max(0, start - first), len(block.keys)):
                yield table, block, j, block.keys[j]

    def _all(self):
        for table in self.fields.values():
            yield from self._each(table)

    def terms(self):
        return ((table.name, key) for table, _, _, key in self._all())

    def terms_from(self, fieldname, prefix):
        return ((table.name, key) for table, _, _, key in self._from(fieldname, prefix))

    def items(self):
        return (((table.name, key), self.term_info_in(table, block, j)) for table, block, j, key in self._all())

    def items_from(self, fieldname, prefix):
        return (((table.name, key), self.term_info_in(table, block, j))
                for table, block, j, key in self._from(fieldname, prefix))

    def term_info(self, fieldname, tbytes):
        table, i = self._find(fieldname, tbytes)
        return self.term_info_at(table, i)

    def term_info_at(self, table, i: int) -> TermInfo:
        return self.term_info_in(table, *table.at(i))

    def term_info_in(self, table, block: Block, j: int) -> TermInfo:
        """Whoosh's statistics of a term. Field lengths are not kept per term: the
        shortest is given as 1, which keeps Whoosh's score bounds (BM25 max_quality) safe."""
        postings = self.postings_in(table, block, j, positions=False)
        weights = postings.weights
        return TermInfo(weight=float(weights.sum()), df=len(postings), minlength=1, maxlength=0,
                        maxweight=float(weights.max()), minid=int(postings.ids[0]), maxid=int(postings.ids[-1]))

    def _find_or_none(self, fieldname, tbytes):
        table = self.fields.get(fieldname)
        i = table.find(tbytes) if table is not None else -1
        return (table, i) if i >= 0 else (None, -1)

    def frequency(self, fieldname, tbytes):
        """As W3's terms reader: 0 for a term the segment does not have."""
        table, i = self._find_or_none(fieldname, tbytes)
        return float(self.postings_at(table, i, positions=False).weights.sum()) if table is not None else 0.0

    def doc_frequency(self, fieldname, tbytes):
        table, i = self._find_or_none(fieldname, tbytes)
        return table.df(i) if table is not None else 0

    def postings(self, fieldname, tbytes, positions: bool = True) -> TermPostings:
        """A term's postings as arrays, deleted documents included (positions too if asked and kept)."""
        table, i = self._find(fieldname, tbytes)
        return self.postings_at(table, i, positions)

    def postings_at(self, table: FieldTerms, i: int, positions: bool = True) -> TermPostings:
        return self.postings_in(table, *table.at(i), positions=positions)

    def postings_in(self, table: FieldTerms, block: Block, j: int, positions: bool = True) -> TermPostings:
        return records.decode(block.record(j, self.postfile), int(block.df[j]), table.scale, positions)

    def each_term(self):
        """(fieldname, term bytes, postings) of every term, in order: for merging."""
        for table, block, j, key in self._all():
            yield table.name, key, self.postings_in(table, block, j)

    def matcher(self, fieldname, tbytes, format_, scorer=None):
        table, i = self._find(fieldname, tbytes)
        postings = self.postings_at(table, i)
        return ListMatcher(postings.ids.tolist(), postings.weights.tolist(), _Values(postings, format_),
                           format_, scorer=scorer, term=(fieldname, tbytes), terminfo=self.term_info_at(table, i))

    def close(self):
        self.postfile.close()
        self.termfile.close()


class _Values:
    """Whoosh's encoded posting values, made when a matcher asks for one."""

    def __init__(self, postings: TermPostings, format_):
        self.postings, self.format = postings, format_
        self.starts = postings.position_starts() if postings.positions is not None else None

    def __len__(self):
        return len(self.postings)

    def __getitem__(self, n):
        p, fmt = self.postings, self.format
        if self.starts is not None:
            return fmt.encode(p.positions[self.starts[n]:self.starts[n + 1]].tolist())
        if fmt.posting_size == 0:  # Existence: no value
            return emptybytes
        freq = int(p.freqs[n])
        return fmt.encode_frequency(freq) if hasattr(fmt, "encode_frequency") else pack_uint(freq)


class FieldCursor(base.FieldCursor):
    def __init__(self, reader, table, fieldobj):
        self.reader, self.table, self.fieldobj, self.i = reader, table, fieldobj, 0

    def is_valid(self):
        return self.table is not None and self.i < self.table.count

    def first(self):
        self.i = 0
        return self.text()

    def find(self, term):
        if not isinstance(term, bytes):
            term = self.fieldobj.to_bytes(term)
        self.i = self.table.lower_bound(term) if self.table is not None else 0
        return self.text()

    def next(self):
        self.i += 1
        return self.text()

    def term(self):
        return self.table.key(self.i) if self.is_valid() else None

    def text(self):
        return self.fieldobj.from_bytes(self.term()) if self.is_valid() else None

    def term_info(self):
        return self.reader.term_info_at(self.table, self.i) if self.is_valid() else None
