"""Whoosh segment writing without Whoosh's posting pool.

Whoosh's SegmentWriter sends every posting through a PostingPool that pickles
runs of postings to temporary files, merges the runs with a heap, and hands
the sorted stream to the codec one posting at a time, re-reading the document's
field length for each (docs/performance.md, "Loading and index size": at 100k
articles the runs reached 26 GB and their merge took 28 of 62 minutes).

Here postings are gathered in memory (pool.py), and each field's postings are
handed to the codec whole, as arrays (codec.FieldWriter.add_terms). The files written
are the ones Whoosh's own writer writes through the same codec, byte for byte
(tests/test_bulkwriting.py compares them). A segment being gathered is held in
memory, which is why big writes commit every SEARCH_SEGMENT_DOCS articles
(search/backend.py).
"""
import os

import numpy as np
from whoosh.multiproc import MpWriter, SubWriterTask
from whoosh.writing import IndexingError, SegmentWriter

from .. import analysis
from . import batch, merging
from .arrays import each_posting, segment_codec
from .codec import TermsReader, postings_from_values, written_format
from .pool import MemoryPostings, pool_postings
from .records import TermPostings

BATCH_DOCS = 500  # documents analysed together: arrays of ~4,000 occurrences a document


def document_postings(field, value):
    """(term bytes, frequency, weight, positions or None) of a field's value."""
    if hasattr(field, "index_positions"):
        return field.index_positions(value)
    if not field.format.supports("positions"):
        return ((tbytes, freq, weight, None) for tbytes, freq, weight, _ in field.index(value))
    decode = field.format.decode_positions
    return ((tbytes, freq, weight, decode(vbytes)) for tbytes, freq, weight, vbytes in field.index(value))


def segment_terms(reader):
    """(fieldname, term bytes, postings) of every term of a segment, in order, deleted
    documents included: arrays from our codec, a posting at a time from another."""
    terms = getattr(reader, "_terms", None)
    if isinstance(terms, TermsReader):
        yield from terms.each_term()
        return
    codec = segment_codec(reader)
    for fieldname, tbytes in reader.all_terms():
        if fieldname in reader.schema:
            fieldobj = reader.schema[fieldname]
            ids, weights, values = each_posting(reader.postings(fieldname, tbytes))
            yield fieldname, tbytes, postings_from_values(fieldobj, tbytes, ids, weights, values,
                                                          written_format(fieldobj, codec))


def new_numbers(startdoc: int, docmap, size: int) -> np.ndarray:
    """Each old document's number in the merged segment, -1 for a deleted one
    (docmap holds live documents only; None: none deleted)."""
    if docmap is None:
        return np.arange(startdoc, startdoc + size, dtype=np.int64)
    newnums = np.full(size, -1, dtype=np.int64)
    if docmap:
        newnums[np.fromiter(docmap.keys(), dtype=np.int64)] = np.fromiter(docmap.values(), dtype=np.int64)
    return newnums


def renumbered(postings: TermPostings, newnums: np.ndarray) -> TermPostings:
    mapped = newnums[postings.ids]
    if (mapped >= 0).all():
        return TermPostings(mapped, postings.freqs, postings.weights, postings.positions)
    rows = np.flatnonzero(mapped >= 0)
    live = postings.take(rows)
    return TermPostings(mapped[rows], live.freqs, live.weights, live.positions)


def write_postings(fieldwriter, schema, pool, merged=()):
    """Every field's postings: the pool's, and those of the segments of our codec being
    merged (merging.SegmentSource), which are merged as arrays a range of terms at a time."""
    names = set(pool.fieldnames()) | {name for source in merged for name in source.terms.fields}
    for fieldname in sorted(name for name in names if name in schema):
        fieldobj = schema[fieldname]
        new = pool_postings(fieldname, fieldobj, pool) if fieldname in pool.fieldnames() else None
        if not merged:
            fieldwriter.start_field(fieldname, fieldobj)
            fieldwriter.add_terms(*new)
            fieldwriter.finish_field()
            continue
        sources = ([merging.ArraySource(*new)] if new is not None else []) + list(merged)
        merging.merge_field(fieldwriter, fieldname, fieldobj, sources)


def batch_fields(schema) -> dict[str, str]:
    """The fields batch.analyse_batch analyses as the schema's own analyzer does."""
    found = {}
    for name, kind in batch.FIELDS.items():
        field = schema[name] if name in schema else None
        stream = getattr(getattr(field, "analyzer", None), "stream", None)
        expected = analysis.GramAnalyzer() if kind == "grams" else analysis.WordAnalyzer()
        if field is not None and field.indexed and hasattr(field, "index_positions") and stream is expected.stream:
            found[name] = kind
    return found


class BulkSegmentWriter(SegmentWriter):
    def __init__(self, ix, **kwargs):
        super().__init__(ix, **kwargs)
        if any(field.separate_spelling() or field.vector for _, field in self.schema.items()):
            raise ValueError("BulkSegmentWriter writes neither spelling words nor term vectors")
        self.pool = MemoryPostings()
        self.batch_fields = batch_fields(self.schema)
        self.waiting = []  # (docnum, fields) of documents not yet analysed
        self.merged = []  # merging.SegmentSource of each segment of our codec merged in
        self.added_docs = 0  # how big a merge its commit may make (merging.merge_tiers)

    def add_document(self, **fields):
        """SegmentWriter.add_document, less spelling and vectors: the article's text
        fields wait to be analysed with a batch; any other document is written now,
        each field's postings added in one call instead of a tuple and a call per posting."""
        self._check_state()
        self.added_docs += 1
        names = sorted(name for name in fields if not name.startswith("_"))
        self._check_fields(self.schema, names)
        if self._batchable(fields):
            self.waiting.append((self.docnum, fields))
            if len(self.waiting) >= BATCH_DOCS:
                self.write_waiting()
        else:
            self.write_waiting()
            self._write_document(self.docnum, fields, names, {})
        self._added = True
        self.docnum += 1

    def _batchable(self, fields) -> bool:
        # Boosts per document are applied a posting at a time (_write_document).
        return bool(self.batch_fields) and not any(name.startswith("_") and name.endswith("_boost")
                                                   for name in fields) and all(
            isinstance(fields.get(name), (str, type(None))) for name in self.batch_fields)

    def write_waiting(self):
        """The waiting documents analysed as one batch, their stored fields written."""
        if not self.waiting:
            return
        waiting, self.waiting = self.waiting, []
        texts = [{name: fields.get(name) for name in self.batch_fields} for _, fields in waiting]
        found = batch.analyse_batch(texts, {name: batch.FIELDS[name] for name in self.batch_fields})
        firstdoc = waiting[0][0]
        for name, postings in found.items():
            self.pool.add_batch(name, postings, firstdoc)
        for i, (docnum, fields) in enumerate(waiting):
            lengths = {name: int(postings.lengths[i]) for name, postings in found.items()}
            self._write_document(docnum, fields, sorted(n for n in fields if not n.startswith("_")), lengths)

    def _write_document(self, docnum, fields, names, lengths):
        """A document's stored fields, columns and field lengths; postings of the fields
        not in `lengths` (those already analysed with a batch)."""
        perdoc, schema = self.perdocwriter, self.schema
        docboost = self._doc_boost(fields)
        perdoc.start_doc(docnum)
        for name in names:
            value = fields[name]
            if value is None:
                continue
            field = schema[name]
            length = lengths.get(name, 0)
            if field.indexed and name not in lengths:
                boost = self._field_boost(fields, name, docboost)
                length = self.pool.add_field(name, docnum, document_postings(field, value), boost)
            if not field.scorable:
                length = 0
            stored = fields.get("_stored_%s" % name, value)
            perdoc.add_field(name, field, stored if field.stored else None, length)
            if field.column_type and stored is not None:
                perdoc.add_column_value(name, field.column_type, field.to_column_value(stored))
        perdoc.finish_doc()

    def _merge_segments(self, mergetype, optimize, merge):
        """Whoosh's choice of merges, but tiers (merging.merge_tiers) where it would merge small segments."""
        optimize = self.optimize if optimize is None else optimize
        merge = self.merge if merge is None else merge
        if mergetype is None and self.mergetype is None and not optimize and merge:
            mergetype = merging.merge_tiers
        return SegmentWriter._merge_segments(self, mergetype, optimize, merge)  # BulkMpWriter's too

    def add_reader(self, reader):
        self.write_waiting()  # a merged segment's documents come after the waiting ones
        # Named, not super(): BulkMpWriter borrows this method and is no BulkSegmentWriter
        # (a 1M-article load died on it when its commit's tiers called for a merge).
        SegmentWriter.add_reader(self, reader)

    def add_postings_to_pool(self, reader, startdoc, docmap):
        """Merging segments: a segment of our codec is read again when the segment is
        written, and merged as arrays (merging.py); another's terms are gathered now,
        each term's postings renumbered as arrays."""
        newnums = new_numbers(startdoc, docmap, reader.doc_count_all())
        if isinstance(getattr(reader, "_terms", None), TermsReader):  # the caller closes this reader
            self.merged.append(merging.SegmentSource(
                reader.codec().terms_reader(reader.storage(), reader.segment()), newnums))
            return
        for fieldname, tbytes, postings in segment_terms(reader):
            if fieldname in self.schema:
                self.pool.add_block(fieldname, tbytes, renumbered(postings, newnums))

    def _flush_segment(self):
        self.write_waiting()
        self.perdocwriter.close()
        try:
            write_postings(self.fieldwriter, self.schema, self.pool, self.merged)
        finally:
            self.fieldwriter.close()
            for source in self.merged:
                source.terms.close()
        self.pool.cleanup()
        self.merged = []


class BulkSubWriterTask(SubWriterTask):
    """SubWriterTask.run with a BulkSegmentWriter, each process writing its own
    segment (MpWriter's multisegment mode, the only one used here)."""

    def __init__(self, *args):
        super().__init__(*args)
        self.parent = os.getpid()

    def run(self):
        # Forked, this process holds what its parent has open: the index's writer lock and
        # the import's run marker (search/recovery.py). Orphaned by a killed import it would
        # wait on its queue for ever with both locked: the next import would find no dead
        # run to repair and wait for the writer. It ends with its parent instead.
        from archive.ahead import die_with_parent

        if not die_with_parent(self.parent):
            return
        ix = self.storage.open_index(self.indexname)
        writer = self.writer = BulkSegmentWriter(ix, _lk=False, **self.kwargs)
        while self.running:
            job = self.jobqueue.get()
            if job is None:
                break
            self._process_file(*job)
        if not self.running:
            writer.cancel()
            return
        writer.write_waiting()
        fieldnames = writer.pool.fieldnames()  # before the segment's flush empties the pool
        self.resultqueue.put((None, fieldnames, writer._finalize_segment()), timeout=5)


class BulkMpWriter(MpWriter):
    def __init__(self, ix, **kwargs):
        super().__init__(ix, multisegment=True, **kwargs)
        self.pool = MemoryPostings()
        self.waiting = []
        self.merged = []
        self.added_docs = 0

    def add_document(self, **fields):
        self.added_docs += 1
        super().add_document(**fields)

    write_waiting = BulkSegmentWriter.write_waiting
    add_reader = BulkSegmentWriter.add_reader
    _merge_segments = BulkSegmentWriter._merge_segments
    add_postings_to_pool = BulkSegmentWriter.add_postings_to_pool

    def _new_task(self):
        task = BulkSubWriterTask(self.storage, self.indexname, self.jobqueue, self.resultqueue,
                                 self.subargs, self.multisegment)
        self.tasks.append(task)
        task.start()
        return task

    _flush_segment = BulkSegmentWriter._flush_segment

    def _commit_toc(self, segments):
        # MpWriter commits whatever segments came back: a process that died (out of
        # memory, killed) would leave its documents out of the index without a word.
        failed = [task.exitcode for task in self.tasks if task.exitcode]
        if failed:
            raise IndexingError(f"index writer process failed (exit code {failed[0]}); nothing was committed")
        super()._commit_toc(segments)
