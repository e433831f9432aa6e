"""Every hit of a search as CSV or JSON Lines, streamed.

One search orders every hit (up to settings.EXPORT_MAX_ROWS) on a searcher of
the export's own; the stored fields are then read from it, and the full text,
when asked for, from the database, a batch at a time: memory stays flat however
many rows go out. Highlighting and facets are left off: an export needs neither."""
import csv
import json
from collections.abc import Iterable, Iterator

from django.conf import settings
from django.http import StreamingHttpResponse
from django.urls import reverse

from archive.models import Article

from .engine import matching
from .backend import FoundPage, sort_keys, whoosh_query
from .params import SearchParams
from .searching import build

COLUMNS = ("paper", "date", "page", "seq", "kicker", "title", "subtitle", "bylines", "source", "permalink")
TEXT_COLUMN = "text"
# Hits whose stored fields (and text) are in memory at once. Batches no longer re-run
# the search, so their size costs hardly any time; 50,000 rows with their text peaked
# 22 MB higher in batches of 2,000 than of 500 (docs/performance.md).
BATCH = 500
FORMATS = {"csv": "text/csv; charset=utf-8", "jsonl": "application/x-ndjson; charset=utf-8"}
BYLINE_SEPARATOR = "、"


class Hits:
    """The hits of one search, `limit` at most, in its order.

    The order is found once, for all of them (a document number and score a hit). Searching again per batch cost hits x batches (50,000 rows
    took 42 s in batches of 1,000), and an index commit between two batches (an
    edit, an import) moved hits across the batch boundary, repeating or dropping
    rows. The searcher is the export's own, so the shared one's refresh cannot
    close it mid-export; close() releases it."""

    def __init__(self, params: SearchParams, limit: int):
        sqs = build(params.q, params.index_filters, params.start, params.end, params.sort)
        self.backend = sqs.query.backend
        self.searcher = self.backend.own_searcher()
        try:
            self.found = matching.find(self.searcher, whoosh_query(sqs.query.build_query()), limit=max(limit, 0),
                                       sortedby=sort_keys(sqs.query.order_by))
        except BaseException:
            self.searcher.close()
            raise
        self.total = self.found.total
        self.rows = len(self.found.docnums)

    def batches(self, size: int = BATCH) -> Iterator[list]:
        """haystack SearchResults, `size` at a time, as a search page would make them."""
        for start in range(0, self.rows, size):
            page = FoundPage(self.searcher, self.total, self.found.docnums[start:start + size],
                             self.found.scores[start:start + size])
            yield self.backend._process_results(page)["results"]

    def close(self):
        self.searcher.close()


def open_hits(params: SearchParams, limit: int):
    """Hits, or the engine's own kind of it (solr/exports.py) when the backend has one."""
    sqs = build(params.q, params.index_filters, params.start, params.end, params.sort)
    export_hits = getattr(sqs.query.backend, "export_hits", None)
    if export_hits:
        return export_hits(sqs.query.build_query(), sqs.query.order_by, max(limit, 0))
    return Hits(params, limit)


def batches(params: SearchParams, limit: int, size: int = BATCH) -> Iterator[list]:
    """The search's hits in its sort order, `limit` at most, `size` at a time."""
    hits = open_hits(params, limit)
    try:
        yield from hits.batches(size)
    finally:
        hits.close()


def records(hit_batches: Iterable[list], base_url: str, *, full_text: bool = False) -> Iterator[dict]:
    """One dict per hit with the export COLUMNS (and `text`); `base_url` makes permalinks absolute."""
    for batch in hit_batches:
        texts = bodies([int(hit.pk) for hit in batch]) if full_text else {}
        for hit in batch:
            record = hit_record(hit, base_url)
            if full_text:
                record[TEXT_COLUMN] = texts.get(int(hit.pk), "")
            yield record


def bodies(ids: list[int]) -> dict[int, str]:
    # in_bulk splits the ids to fit the database's limit on query parameters.
    return {pk: article.body for pk, article in Article.objects.only("body").in_bulk(ids).items()}


def hit_record(hit, base_url: str) -> dict:
    date = f"{hit.date:%Y-%m-%d}"
    path = reverse("archive:article", args=[hit.paper, date, hit.seq])
    return {"paper": hit.paper_name, "date": date, "page": int(hit.page) if hit.page else None,
            "seq": hit.seq, "kicker": hit.kicker or "", "title": hit.title or "",
            "subtitle": hit.subtitle or "", "bylines": list(hit.bylines or ()),
            "source": hit.source or "", "permalink": base_url.rstrip("/") + path}


class _Echo:
    """csv.writer's file that hands each row back instead of keeping it."""

    def write(self, value):
        return value


def csv_chunks(rows: Iterable[dict], full_text: bool = False) -> Iterator[str]:
    """A byte-order mark (Excel then reads UTF-8, not the ANSI code page), the
    header, then the rows, a batch of rows a chunk."""
    columns = COLUMNS + ((TEXT_COLUMN,) if full_text else ())
    writer = csv.writer(_Echo())
    yield "\ufeff" + writer.writerow(columns)
    for chunk in _grouped(rows):
        yield "".join(writer.writerow([_cell(row.get(name)) for name in columns]) for row in chunk)


def jsonl_chunks(rows: Iterable[dict]) -> Iterator[str]:
    for chunk in _grouped(rows):
        yield "".join(json.dumps(row, ensure_ascii=False) + "\n" for row in chunk)


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return BYLINE_SEPARATOR.join(value)
    return str(value)


def _grouped(rows: Iterable[dict], size: int = 200) -> Iterator[list]:
    # Fewer, bigger writes to the socket than one per row.
    chunk = []
    for row in rows:
        chunk.append(row)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def export_response(params: SearchParams, fmt: str, base_url: str, *,
                    full_text: bool = False) -> StreamingHttpResponse:
    """The search runs here, before streaming, so that its total goes in a header."""
    hits = open_hits(params, settings.EXPORT_MAX_ROWS)
    rows = records(hits.batches(), base_url, full_text=full_text)
    chunks = csv_chunks(rows, full_text) if fmt == "csv" else jsonl_chunks(rows)
    response = StreamingHttpResponse(_closing(chunks, hits), content_type=FORMATS[fmt])
    response["Content-Disposition"] = f'attachment; filename="archive-search.{fmt}"'
    response["X-Export-Limit"] = str(settings.EXPORT_MAX_ROWS)
    response["X-Total-Count"] = str(hits.total)
    return response


def _closing(chunks: Iterator[str], hits: Hits) -> Iterator[str]:
    # Django closes a streaming response's iterator when the response ends, also
    # when the client went away mid-export: the searcher's files close with it.
    try:
        yield from chunks
    finally:
        hits.close()
