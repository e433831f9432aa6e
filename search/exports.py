"""Every hit of a search as CSV or JSON Lines, streamed.

Hits come from the search backend a batch at a time, each batch a fresh slice
of the search (so that haystack's result cache never holds more than one), and
the full text, when asked for, from the database a batch at a time: memory
stays flat however many rows go out. Rows stop at settings.EXPORT_MAX_ROWS.
Highlighting and facets are left off: an export needs neither."""
import csv
import json
from collections.abc import Iterable, Iterator

from django.conf import settings
from django.http import StreamingHttpResponse
from django.urls import reverse

from archive.models import Article

from .params import SearchParams
from .searching import build

COLUMNS = ("paper", "date", "page", "seq", "kicker", "title", "subtitle", "bylines", "source", "permalink")
TEXT_COLUMN = "text"
# Each batch re-runs the search up to its end, so the time of an export grows with
# hits x batches: 50,000 rows took 42 s in batches of 1,000, 12 s in batches of 5,000,
# which held 60 MB more (docs/performance.md). 2,000 hits with their stored text are ~25 MB.
BATCH = 2000
FORMATS = {"csv": "text/csv; charset=utf-8", "jsonl": "application/x-ndjson; charset=utf-8"}
BYLINE_SEPARATOR = "、"


def batches(params: SearchParams, limit: int, size: int = BATCH) -> Iterator[list]:
    """The search's hits in its sort order, `limit` at most, `size` at a time."""
    for offset in range(0, limit, size):
        sqs = build(params.q, params.index_filters, params.start, params.end, params.sort)
        batch = list(sqs[offset:min(offset + size, limit)])
        if batch:
            yield batch
        if len(batch) < size:
            return


def records(params: SearchParams, base_url: str, *, full_text: bool = False,
            limit: int | None = None) -> Iterator[dict]:
    """One dict per hit with the export COLUMNS (and `text`); `base_url` makes permalinks absolute."""
    limit = settings.EXPORT_MAX_ROWS if limit is None else limit
    for batch in batches(params, limit):
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


def export_response(params: SearchParams, fmt: str, base_url: str, *, full_text: bool = False,
                    total: int | None = None) -> StreamingHttpResponse:
    rows = records(params, base_url, full_text=full_text)
    chunks = csv_chunks(rows, full_text) if fmt == "csv" else jsonl_chunks(rows)
    response = StreamingHttpResponse(chunks, content_type=FORMATS[fmt])
    response["Content-Disposition"] = f'attachment; filename="archive-search.{fmt}"'
    response["X-Export-Limit"] = str(settings.EXPORT_MAX_ROWS)
    if total is not None:
        response["X-Total-Count"] = str(total)
    return response
