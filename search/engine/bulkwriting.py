"""Whoosh segment writing without Whoosh's posting pool.

Whoosh's SegmentWriter sends every posting through a PostingPool that pickles
runs of postings to temporary files, merges the runs with a heap, and hands
the sorted stream to the codec one posting at a time, re-reading the document's
field length for each (docs/performance.md, "Loading and index size": at 100k
articles the runs reached 26 GB and their merge took 28 of 62 minutes).

Here postings are gathered in memory, per field and term, in compact arrays,
and each term's posting list is handed to the codec a block at a time. The
files written are the ones Whoosh's own writer writes, byte for byte
(tests/test_bulkwriting.py compares them), so readers, merges and the array
search (search/engine/matching.py) need nothing new. A segment being gathered holds
~230 KB an article (mostly per-term objects: character pairs make many terms),
which is why big writes commit every SEARCH_SEGMENT_DOCS articles (search/backend.py).
"""
from array import array

from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.multiproc import MpWriter, SubWriterTask
from whoosh.writing import IndexingError, SegmentWriter


def new_postings() -> list:
    """A term's document numbers, weights and values."""
    return [array("I"), array("f"), []]


class MemoryPostings:
    """Stands in for whoosh's PostingPool: ids, weights and values per term. Values
    stay the objects the field gave (pickle writes a repeated object once a block,
    and single positions are shared: search/schema.py)."""

    def __init__(self):
        self.terms = {}  # fieldname -> {term bytes: [ids, weights, values]}

    def add_field(self, fieldname, docnum, items, boost=1.0) -> int:
        """A document's postings in one field; returns their total frequency."""
        terms = self.terms.setdefault(fieldname, {})
        length = 0
        for tbytes, freq, weight, vbytes in items:
            postings = terms.get(tbytes)  # not setdefault: that would build three containers a posting
            if postings is None:
                postings = terms[tbytes] = new_postings()
            ids, weights, values = postings
            ids.append(docnum)
            weights.append(weight * boost)
            if vbytes:
                values.append(vbytes)
            length += freq
        return length

    def add_block(self, fieldname, tbytes, ids, weights, values):
        """Postings of one term from a segment being merged, already renumbered."""
        if not ids:
            return  # every document deleted: like whoosh, no term
        postings = self.terms.setdefault(fieldname, {}).get(tbytes)
        if postings is None:
            postings = self.terms[fieldname][tbytes] = new_postings()
        postings[0].extend(ids)
        postings[1].extend(weights)
        postings[2].extend(v for v in values if v)

    def cleanup(self):
        self.terms = {}


def term_postings(reader):
    """(fieldname, term bytes, matcher) of every term of a segment, in order, each
    matcher made from the term's info as the terms file is read, not looked up again."""
    terms, schema = reader._terms, reader.schema
    for (fieldname, tbytes), terminfo in terms.items():
        if fieldname in schema:
            yield fieldname, tbytes, terms._codec.postings_reader(terms._postfile, terminfo, schema[fieldname].format)


def each_posting(matcher) -> tuple[list, list, list]:
    """(ids, weights, values) read one posting at a time: for matchers that are
    not plain posting blocks (search/engine/arrays.py reads such terms this way too)."""
    ids, weights, values = [], [], []
    while matcher.is_active():
        ids.append(matcher.id())
        weights.append(matcher.weight())
        values.append(matcher.value())
        matcher.next()
    return ids, weights, values


def blocks(matcher):
    """(ids, weights, values) of each posting block, deleted documents included."""
    if not isinstance(matcher, W3LeafMatcher):
        yield each_posting(matcher)
        return
    while matcher.is_active():
        matcher._read_ids()
        matcher._read_weights()
        matcher._read_values()
        yield matcher._ids, matcher._weights, matcher._values
        matcher._next_block()


def field_lengths(perdoc, fieldname, fieldobj, doccount):
    """Every document's length of the field, as the codec's block statistics want it."""
    if perdoc is None or not fieldobj.scorable:
        return None
    return [perdoc.doc_field_length(docnum, fieldname) for docnum in range(doccount)]


def write_term(postwriter, postings, lengths):
    """What PostingsWriter.add_posting does per posting, done per block: full blocks
    are written here, the last one by finish_postings (which may inline it)."""
    ids, weights, values = postings
    # A format has values for every posting or for none.
    assert not values or len(values) == len(ids)
    limit, count, start = postwriter._blocklimit, len(ids), 0
    while start < count:
        stop = min(start + limit, count)
        block_ids = ids[start:stop]
        postwriter._ids = block_ids
        postwriter._weights = weights[start:stop]
        postwriter._maxweight = max(0, max(postwriter._weights))
        postwriter._values = values[start:stop]
        known = [n for n in (lengths[d] for d in block_ids) if n] if lengths is not None else []
        postwriter._minlength = min(known) if known else None
        postwriter._maxlength = max(known) if known else 0
        if stop < count:
            postwriter._write_block()
        start = stop


def write_postings(fieldwriter, schema, pool, perdoc, doccount):
    for fieldname in sorted(pool.terms):
        fieldobj = schema[fieldname]
        lengths = field_lengths(perdoc, fieldname, fieldobj, doccount)
        terms = pool.terms[fieldname]
        fieldwriter.start_field(fieldname, fieldobj)
        for tbytes in sorted(terms):
            fieldwriter.start_term(tbytes)
            write_term(fieldwriter._postwriter, terms[tbytes], lengths)
            fieldwriter.finish_term()
        fieldwriter.finish_field()


class BulkSegmentWriter(SegmentWriter):
    def __init__(self, ix, **kwargs):
        super().__init__(ix, **kwargs)
        if any(field.separate_spelling() or field.vector for _, field in self.schema.items()):
            raise ValueError("BulkSegmentWriter writes neither spelling words nor term vectors")
        self.pool = MemoryPostings()

    def add_document(self, **fields):
        """SegmentWriter.add_document, less spelling and vectors, with each field's
        postings added in one call instead of a tuple and a call per posting."""
        self._check_state()
        perdoc, schema, docnum = self.perdocwriter, self.schema, self.docnum
        docboost = self._doc_boost(fields)
        names = sorted(name for name in fields if not name.startswith("_"))
        self._check_fields(schema, names)
        perdoc.start_doc(docnum)
        for name in names:
            value = fields[name]
            if value is None:
                continue
            field = schema[name]
            length = 0
            if field.indexed:
                boost = self._field_boost(fields, name, docboost)
                length = self.pool.add_field(name, docnum, field.index(value), boost)
                if not field.scorable:
                    length = 0
            stored = fields.get("_stored_%s" % name, value)
            perdoc.add_field(name, field, stored if field.stored else None, length)
            if field.column_type and stored is not None:
                perdoc.add_column_value(name, field.column_type, field.to_column_value(stored))
        perdoc.finish_doc()
        self._added = True
        self.docnum += 1

    def add_postings_to_pool(self, reader, startdoc, docmap):
        """Merging segments: postings read and renumbered a block at a time
        (whoosh goes through a matcher, a tuple and a pool call per posting)."""
        add_block = self.pool.add_block
        for fieldname, tbytes, matcher in term_postings(reader):
            if fieldname not in self.schema:
                continue
            for ids, weights, values in blocks(matcher):
                if docmap is None:
                    add_block(fieldname, tbytes, [startdoc + docnum for docnum in ids], weights, values)
                    continue
                live = [i for i, docnum in enumerate(ids) if docnum in docmap]  # docmap holds live documents only
                add_block(fieldname, tbytes, [docmap[ids[i]] for i in live], [weights[i] for i in live],
                          [values[i] for i in live] if values else ())

    def _flush_segment(self):
        self.perdocwriter.close()
        perdoc = self.per_document_reader() if self.codec.length_stats else None
        try:
            write_postings(self.fieldwriter, self.schema, self.pool, perdoc, self.docnum)
        finally:
            self.fieldwriter.close()
            if perdoc is not None:
                perdoc.close()
        self.pool.cleanup()


class BulkSubWriterTask(SubWriterTask):
    """SubWriterTask.run with a BulkSegmentWriter, each process writing its own
    segment (MpWriter's multisegment mode, the only one used here)."""

    def run(self):
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
        fieldnames = set(writer.pool.terms)  # before the segment's flush empties the pool
        self.resultqueue.put((None, fieldnames, writer._finalize_segment()), timeout=5)


class BulkMpWriter(MpWriter):
    def __init__(self, ix, **kwargs):
        super().__init__(ix, multisegment=True, **kwargs)
        self.pool = MemoryPostings()

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
