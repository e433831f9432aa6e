"""Search through the API: the search page's parameters, read by the same
`search.params.from_query`, run by the same `search.searching.search`; and
exports of every hit."""
from typing import Literal
from urllib.parse import urlencode

from django.urls import reverse
from ninja import Field, Query, Router, Schema

from search.exports import FORMATS
from search.params import FILTER_PARAMS, ParamError
from search.presenting import also_in
from search.searching import SORTS
from search.searching import search as run_search
from search.validate import searchable

from . import serialize
from .downloads import stream_export
from .paging import Page
from .schemas import SearchOut, answers

router = Router(tags=["search"])
# The index calls the byline filter `bylines`; clients see the parameter's name.
FACET_PARAMS = {field: param for param, field in FILTER_PARAMS.items()}


class SearchQuery(Schema):
    """Documentation only: the values are read from the query string by
    search.params.from_query, exactly as the search page reads them."""

    q: str | None = Field(None, description="the query, in the search page's query language (≤ 2,000 characters)")
    year: str | None = Field(None, description="filter: YYYY")
    month: str | None = Field(None, description="filter: YYYY-MM")
    paper: str | None = Field(None, description="filter: a paper's slug")
    print_page: str | None = Field(None, description="filter: the printed page (版次), a number")
    source: str | None = Field(None, description="filter: dateline source, e.g. 本报")
    byline: str | None = Field(None, description="filter: a name in the byline")
    column: str | None = Field(None, description="filter: a column")
    start: str | None = Field(None, description="from this date: YYYY, YYYY-MM or YYYY-MM-DD")
    end: str | None = Field(None, description="to this date, inclusive: YYYY, YYYY-MM or YYYY-MM-DD")
    sort: str | None = Field(None, description="default relevance", json_schema_extra={"enum": list(SORTS)})
    page: str | None = Field(None, description="page of hits, from 1")
    per_page: str | None = Field(None, description="hits a page, 1 to 100 (default 20)")


class PageQuery(SearchQuery):
    collapse: str | None = Field(None, description="0 to list every printing of a story printed more than once "
                                                   "(default 1: one hit a story, the others in its `also_in`)")


class ExportQuery(SearchQuery):
    full_text: str | None = Field(None, description="1 to add the article text as a last column")


@router.get("/search", response=answers(SearchOut), url_name="search", summary="Search articles")
def search(request, query: Query[PageQuery]):
    params = searchable(request.GET)
    results = run_search(params.q, **params.search_kwargs())
    if results.error:
        raise ParamError("q", f"q：{results.error}")
    page = Page(results.total, results.page, results.per_page)
    if results.page < results.pages:
        page.next_url = _search_link(request, params.to_query(page=results.page + 1))
    if results.page > 1:
        page.prev_url = _search_link(request, params.to_query(page=min(results.page - 1, results.pages)))
    plain = params.to_query(page=None, per_page=None)
    return {
        **serialize.paging_data(page), "query": params.to_query(), "notices": results.notices,
        "facets": {FACET_PARAMS[name]: [{"value": v, "count": n} for v, n in counts]
                   for name, counts in results.facets.items()},
        "months": [{"month": month, "count": n} for month, n in results.months],
        "folded": results.folded,
        "hits": [{**serialize.hit_data(request, hit), "also_in": [
            {"label": link.label, "url": request.build_absolute_uri(link.url)}
            for link in also_in(hit, results.twins)]} for hit in results.hits],
        "feed_url": serialize.absolute(request, "tools:search-feed", query=params.to_query(
            sort=None, page=None, per_page=None)),
        "csv_url": serialize.absolute(request, "api:search-export", "csv", query=plain),
        "jsonl_url": serialize.absolute(request, "api:search-export", "jsonl", query=plain),
    }


@router.get("/search/export.{fmt}", url_name="search-export", summary="Export every hit (CSV or JSON Lines)",
            description="CSV is UTF-8 with a byte-order mark (Excel reads Chinese), one row a hit: paper, date, "
                        "page, seq, kicker, title, subtitle, bylines (joined by 、), source, permalink, and text "
                        "with full_text=1. JSON Lines has the same keys, bylines as a list. Streamed, in the "
                        "order of `sort`, up to EXPORT_MAX_ROWS rows (X-Export-Limit); X-Total-Count is the "
                        "number of hits. `page` and `per_page` do not apply.",
            response=answers(None), openapi_extra={"responses": {200: {
                "description": "the rows, streamed",
                "content": {media.split(";")[0]: {"schema": {"type": "string"}} for media in FORMATS.values()}}}})
def search_export(request, fmt: Literal["csv", "jsonl"], query: Query[ExportQuery]):
    return stream_export(request, fmt)


def _search_link(request, query: dict) -> str:
    return request.build_absolute_uri(f"{reverse('api:search')}?{urlencode(query)}")
