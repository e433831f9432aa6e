"""haystack's Whoosh backend, with what it hard-codes replaced.

* the schema uses each field's `analyzer=` (the stock one forces an English
  StemmingAnalyzer) and gives facet and sort fields columns;
* one searcher is kept and refreshed only when the index changed, instead of
  a new reader (and an mmap copy) per query;
* updates and deletes wait for the writer lock instead of being dropped;
* queries are our query language (search/query.py), compiled straight to
  Whoosh queries and answered with arrays (search/engine/matching.py): every hit
  counted, facets and sorting included; highlights come from search/highlight.py.
"""
import hashlib
import os
import threading
from pathlib import Path

from django.conf import settings
from haystack.backends import BaseEngine
from haystack.backends.whoosh_backend import WhooshSearchBackend, WhooshSearchQuery
from haystack.constants import DJANGO_CT, DJANGO_ID, ID
from haystack.utils import get_identifier
from whoosh import fields
from whoosh import query as wq

from . import analysis
from .engine import matching, merging
from .engine.codec import ArchiveCodec
from .engine.bulkwriting import BulkMpWriter, BulkSegmentWriter
from .compile import ranked
from .highlight import highlight_page, terms_for
# Indexes written before search/schema.py existed name these classes here in their pickled schema.
from .search_indexes import prepared, stamps_by_id
from .schema import AnalyzedText, FacetList, ListColumn, schema_field  # noqa: F401
from .query import parse, positive_terms, quote

SIGNATURE_FILE = "archive-analyzer.txt"
STORY_FIELD = "story"  # ArticleIndex.story: the hits a collapsed search lists one of
STAMP_FIELD = "stamp"  # ArticleIndex.stamp: the import of its issue an article's text came from
BULK_SIZE = 2000
OPTIMIZE_LIMIT = 20000
WRITER_PROCESSES = min(os.cpu_count() or 1, 4)
# Our own terms and postings files (search/engine/README.md). zlib level 1 on posting
# records of 64 bytes or more: 12% smaller at no measurable write cost (docs/performance.md).
CODEC = ArchiveCodec(compression=1)


def replace(writer, committed, doc: dict):
    """Add `doc` in place of the committed document with its id. Whoosh's update_document
    opens a reader of every segment for each document (at 100,000 articles a load spent
    most of its time there); `committed` is one searcher of the segments this writer
    started from, opened once for all its documents."""
    writer.delete_by_term(ID, doc[ID], searcher=committed)
    writer.add_document(**doc)


def _commit(writer, **options):
    """Commit, or let the lock go: a failed commit (a writer process that died)
    must not leave the index locked for the life of this process."""
    try:
        writer.commit(**options)
    except BaseException:
        if not writer.is_closed:
            writer.cancel()
        raise


class ArchiveWhooshBackend(WhooshSearchBackend):
    write_timeout = 600.0  # seconds to wait for another process's writer

    def __init__(self, connection_alias, **options):
        super().__init__(connection_alias, **options)
        self.write_timeout = options.get("WRITE_TIMEOUT", self.write_timeout)
        self._searcher = None
        self._searcher_lock = threading.Lock()

    def build_schema(self, search_fields):
        schema = {ID: fields.ID(stored=True, unique=True), DJANGO_CT: fields.ID(stored=True),
                  DJANGO_ID: fields.ID(stored=True)}
        content = ""
        for field_class in search_fields.values():
            schema[field_class.index_fieldname] = schema_field(field_class)
            if field_class.document:
                content = field_class.index_fieldname
        return content, fields.Schema(**schema)

    def setup(self):
        super().setup()
        self._searcher = None
        if self.index.doc_count_all() == 0:
            self.write_signature()

    # -- the analyzer that built the index ---------------------------------

    def signature_path(self) -> Path:
        return Path(self.path) / SIGNATURE_FILE

    def write_signature(self):
        if self.use_file_storage:
            self.signature_path().write_text(analysis.signature(), encoding="utf-8")

    def stored_signature(self) -> str | None:
        if not self.setup_complete:
            self.setup()
        if not self.use_file_storage:
            return analysis.signature()
        path = self.signature_path()
        return path.read_text(encoding="utf-8") if path.exists() else None

    # -- reading ---------------------------------------------------------------

    def searcher(self):
        """The shared searcher, reopened only when a writer has committed since."""
        if not self.setup_complete:
            self.setup()
        with self._searcher_lock:
            if self._searcher is None:
                self._searcher = self.index.searcher()
            elif not self._searcher.up_to_date():
                self._searcher = self._searcher.refresh()
            return self._searcher

    def own_searcher(self):
        """A searcher for the caller alone, to close when done: the shared one's
        refresh closes the readers under anyone still paging through it."""
        if not self.setup_complete:
            self.setup()
        return self.index.searcher()

    def reset_searcher(self):
        """Forget the searcher without closing it: after a fork its files are the parent's too."""
        with self._searcher_lock:
            self._searcher = None

    def doc_ids(self) -> set[str]:
        """Every indexed object's django_id, for comparing with the database."""
        reader = self.searcher().reader()
        return {reader.stored_fields(n)[DJANGO_ID] for n in reader.all_doc_ids()}

    def stamps(self) -> dict[int, int | None]:
        """{article id: the stamp its document was indexed with} for every indexed article,
        None where a document has none (indexed before stamps): one pass over the stored
        fields, about 16 µs an article."""
        reader = self.searcher().reader()
        return stamps_by_id((doc[DJANGO_ID], doc.get(STAMP_FIELD)) for doc in reader.all_stored_fields())

    # -- writing ---------------------------------------------------------------

    def writer(self, size: int = 0, timeout: float | None = None):
        """A writer, once the lock is free. Postings are gathered in memory
        (search/engine/bulkwriting.py); big batches are analysed in one process per
        core, each writing its own segment: analysis is Python per token."""
        if not self.setup_complete:
            self.setup()
        # compound=False: one file per part of a segment. A compound segment is read
        # through a memory copy of the whole file (whoosh's BufferFile over the mmap),
        # and whoosh's refresh() reopens every segment (its reuse never matches), so
        # after each commit every worker's next search copied the index again: 230 ms
        # at 2,800 articles (make bench-load). Separate files open in about 1 ms.
        options = {"timeout": self.write_timeout if timeout is None else timeout, "delay": 0.05, "codec": CODEC,
                   "compound": False}
        if size >= BULK_SIZE and WRITER_PROCESSES > 1:
            return BulkMpWriter(self.index, procs=WRITER_PROCESSES, batchsize=200, **options)
        return BulkSegmentWriter(self.index, **options)

    def update(self, index, iterable, commit=True):
        self.write(index, iterable, ())

    def remove(self, obj_or_string, commit=True):
        self.write(None, (), [get_identifier(obj_or_string)])

    def write(self, index, objects, remove_identifiers=(), size: int = 0, timeout: float | None = None):
        """Index `objects` (about `size` of them) and delete `remove_identifiers`
        in one commit, waiting for any other writer (an import, another worker)
        to finish first. A write of more than SEARCH_SEGMENT_DOCS objects commits
        after each SEARCH_SEGMENT_DOCS: a segment's postings are held in memory."""
        segment_docs = max(1, settings.SEARCH_SEGMENT_DOCS)
        writer, committed = self.writer(size, timeout), None
        try:
            committed = writer.searcher()
            for identifier in remove_identifiers:
                writer.delete_by_term(ID, identifier, searcher=committed)
            written = 0
            for written, doc in enumerate(self._documents(index, objects), 1):
                replace(writer, committed, doc)
                if written % segment_docs == 0:
                    committed, used = None, committed
                    used.close()
                    writer, full = None, writer
                    _commit(full, merge=False)
                    writer = self.writer(size - written, timeout)
                    committed = writer.searcher()
        except BaseException:
            if writer is not None:  # None: a commit or the next writer failed
                writer.cancel()
            raise
        finally:
            if committed is not None:
                committed.close()
        _commit(writer)
        if written >= segment_docs:
            self.merge_written(written)

    def merge_written(self, written: int) -> int:
        """The merges the tiers call for after a write of `written` documents (how many).
        A bulk write commits its segments without merging, and its last ones arrive after
        the merge policy of its last commit has run: a 100,000-article load left ten
        segments of 10,000. A merge is a commit of its own, one tier group at a time."""
        if not self.setup_complete:
            self.setup()
        merges, before = 0, None
        while True:
            with self.index.reader() as reader:
                sizes = [leaf.doc_count() for leaf, _ in reader.leaf_readers()]
            if len(sizes) == before or not merging.to_merge(sizes, merging.allowed(written)):
                return merges
            writer = self.writer()
            writer.added_docs = written
            _commit(writer)
            merges, before = merges + 1, len(sizes)

    def _documents(self, index, objects):
        for doc in prepared(index, objects):
            yield {k: self._from_python(v) for k, v in doc.items() if v not in ("", None, [])}

    def optimize(self):
        """Merge into one segment when there are more segments than one bulk write
        makes (one a process). Merging re-writes every posting: for a fresh load
        it cost as much as the indexing (4,000 articles: 44 s after 38 s), to
        spare the search one segment's term look-ups. Skipped for big indexes."""
        reader = self.searcher().reader()
        segments = len(reader.leaf_readers())
        if segments > max(2, WRITER_PROCESSES) and reader.doc_count() <= OPTIMIZE_LIMIT:
            self.writer().commit(optimize=True)

    def delete_index(self):
        super().delete_index()
        self.write_signature()

    # -- searching -------------------------------------------------------------

    def search(self, query_string, sort_by=None, start_offset=0, end_offset=None, highlight=False,
               facets=None, result_class=None, collapse=False, **kwargs):
        """`collapse`: one hit per story (archive/repeats.py); "folded" counts the others."""
        query = whoosh_query(query_string)
        searcher = self.searcher()
        if searcher.doc_count() == 0:
            return {"results": [], "hits": 0, "folded": 0, "facets": {}, "spelling_suggestion": None}
        page_num, page_length = self.calculate_page(start_offset, end_offset)
        page_length = max(page_length, 0)
        found = matching.find(searcher, query, limit=page_num * page_length, sortedby=sort_keys(sort_by),
                              facets=facets or (), collapse=STORY_FIELD if collapse else "")
        start = (page_num - 1) * page_length
        page = FoundPage(searcher, found.total, found.docnums[start:], found.scores[start:])
        results = self._process_results(page, highlight=highlight, query_string=query_string,
                                        result_class=result_class)
        if facets:
            results["facets"] = {"fields": found.facets, "dates": {}, "queries": {}}
        results["folded"] = found.folded
        return results

    def _process_results(self, raw_page, highlight=False, query_string="", result_class=None, **kwargs):
        results = super()._process_results(raw_page, result_class=result_class)
        if highlight:
            highlight_page(results["results"], highlight_terms(query_string))
        return results

    def more_like_this(self, model_instance, additional_query_string=None, start_offset=0, end_offset=None,
                       result_class=None, **kwargs):
        searcher = self.searcher()
        docnum = searcher.document_number(**{ID: get_identifier(model_instance)})
        if docnum is None:
            return {"results": [], "hits": 0}
        body = type(model_instance).objects.filter(pk=model_instance.pk).bodies_and_captions()
        text = "\n".join((searcher.stored_fields(docnum).get("title") or "", body.get(model_instance.pk, "")))
        field = self.content_field_name
        terms = searcher.key_terms_from_text(field, text, numterms=12, normalize=True)
        # Whoosh's own more_like searches with block-quality skipping, which can loop forever on
        # a union (whoosh issues #446/#461). Fewer terms were faster but lost hits on small archives.
        query = wq.Or([wq.Term(field, word, boost=weight) for word, weight in terms])
        limit = end_offset or 10
        found = matching.find(searcher, query, limit=limit + 1)
        keep = [i for i, n in enumerate(found.docnums) if n != docnum][:limit]
        page = FoundPage(searcher, len(keep), [found.docnums[i] for i in keep], [found.scores[i] for i in keep])
        return self._process_results(page, result_class=result_class)

    def version(self) -> str:
        """Names what the index holds now: every commit changes it, and so does a rebuild, whose
        segments get new random ids where the generation number may come round again."""
        reader = self.searcher().reader()
        segments = sorted(leaf.segment().segment_id() for leaf, _ in reader.leaf_readers() if leaf.segment())
        return f"{reader.generation()}-" + hashlib.blake2b(",".join(segments).encode(), digest_size=8).hexdigest()


def whoosh_query(query_string: str):
    # haystack's query string is the user's query (held to the limits by ArchiveQuery) with
    # the filters ANDed to it, so only the composed whole goes unlimited here.
    return ranked(parse(query_string, limited=False).tree) if query_string.strip() else wq.Every()


def highlight_terms(query_string) -> list[str]:
    try:
        tree = parse(str(query_string), limited=False).tree
    except ValueError:
        return []
    return terms_for(positive_terms(tree))


def sort_keys(sort_by) -> list[tuple[str, bool]]:
    """haystack order_by (e.g. ["-date", "seq"]) as [(field, reverse)]."""
    return [(key.lstrip("-"), key.startswith("-")) for key in sort_by or ()]


class FoundPage:
    """A page of hits as haystack's result processing reads Whoosh's ResultsPage:
    its length is the total, iterating gives the stored fields of the page's hits."""

    def __init__(self, searcher, total, docnums, scores):
        self.searcher, self.total, self.docnums, self.scores = searcher, total, docnums, scores

    def __len__(self):
        return self.total

    def __iter__(self):
        return (self.searcher.stored_fields(n) for n in self.docnums)

    def score(self, n):
        return self.scores[n]


class ArchiveSearchQuery(WhooshSearchQuery):
    """Builds our query language from haystack's filters; the backend parses it.
    `collapse` asks for one hit per story; `folded` is then how many were left out."""

    def __init__(self, using="default"):
        super().__init__(using=using)
        self.collapse, self._folded = False, None

    def build_params(self, spelling_query=None):
        return {**super().build_params(spelling_query), "collapse": self.collapse}

    def _clone(self, klass=None, using=None):
        clone = super()._clone(klass, using)
        clone.collapse = self.collapse
        return clone

    def run(self, spelling_query=None, **kwargs):
        final_query = self.build_query()
        results = self.backend.search(final_query, **{**self.build_params(spelling_query=spelling_query), **kwargs})
        self._results = results.get("results", [])
        self._hit_count = results.get("hits", 0)
        self._folded = results.get("folded", 0)
        self._facet_counts = self.post_process_facets(results)
        self._spelling_suggestion = results.get("spelling_suggestion", None)

    def get_folded(self) -> int:
        self.get_count()
        return self._folded or 0

    def build_query_fragment(self, field, filter_type, value):
        if hasattr(value, "input_type_name") and value.input_type_name == "archive_query":
            return f"({value.prepare(self)})"
        name = FILTER_NAMES.get(field, field)
        if name == "date" and filter_type == "exact":
            return f"date:{value}"
        if filter_type in ("gte", "gt"):
            return f"date:{value:%Y-%m-%d}.."
        if filter_type in ("lte", "lt"):
            return f"date:..{value:%Y-%m-%d}"
        if filter_type == "in":
            return "(" + " OR ".join(f"{name}:{quote(str(v))}" for v in value) + ")"
        return f"{name}:{quote(str(value))}"

    def build_query(self):
        query = super().build_query()
        return "" if query == "*:*" else query


# Index field names as the query language calls them.
FILTER_NAMES = {"bylines": "byline", "headline": "title", "year": "date", "month": "date"}


class ArchiveWhooshEngine(BaseEngine):
    backend = ArchiveWhooshBackend
    query = ArchiveSearchQuery
