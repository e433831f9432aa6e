"""Searching articles: one entry point shared by the search page, the API,
feeds, exports and the command line, so that they all agree."""
import datetime
from dataclasses import dataclass, field

from haystack.inputs import BaseInput
from haystack.query import SearchQuerySet

from archive import columns, repeats
from archive.models import Article

from . import indexing, sources
from .backend import highlight_terms
from .highlight import mark_headings
from .query import QueryError, parse, unparse

SORTS = {"relevance": None, "newest": ("-date", "seq"), "oldest": ("date", "seq")}
# Index field names that can filter and be counted, in the order a page shows them.
FACETS = ("year", "month", "paper", "page", "source", "bylines", "column")
MAX_PER_PAGE = 100


class ArchiveQuery(BaseInput):
    """Passes our query language through haystack untouched (AutoQuery would
    split it on spaces and lowercase OR); the backend parses it."""

    input_type_name = "archive_query"
    post_process = False

    def prepare(self, query_obj):
        # Re-written from the parse tree, so that what haystack wraps it in
        # cannot be swallowed by an unclosed quote or bracket.
        return unparse(parse(self.query_string).tree)


@dataclass
class Results:
    query: str
    total: int = 0
    hits: list = field(default_factory=list)
    facets: dict = field(default_factory=dict)
    months: list = field(default_factory=list)  # [("2022-05", count)], in date order
    notices: list = field(default_factory=list)
    folded: int = 0  # repeats left out: printings of a story already listed (archive/repeats.py)
    twins: dict = field(default_factory=dict)  # hit id -> the other printings of its story
    error: str = ""
    page: int = 1
    per_page: int = 20

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page)) if self.per_page else 1


def article_results() -> SearchQuerySet:
    return SearchQuerySet().models(Article)


def build(q: str, filters: dict | None = None, start: datetime.date | None = None,
          end: datetime.date | None = None, sort: str = "relevance", collapse: bool = False) -> SearchQuerySet:
    """`collapse`: one hit per story, its other printings left out (and counted, `get_folded()`)."""
    sqs = article_results()
    if collapse:
        sqs = sqs._clone()  # a fresh query object, changed before anything runs
        sqs.query.collapse = True
    if q.strip():
        sqs = sqs.filter(content=ArchiveQuery(q))
    for name, value in (filters or {}).items():
        if name not in FACETS:
            raise QueryError(f"不能按“{name}”筛选")
        if name == "source" and value:
            sqs = sqs.filter(sources.source_filter(value))
        elif value not in (None, ""):
            sqs = sqs.filter(**{name: value})
    if start:
        sqs = sqs.filter(date__gte=start)
    if end:
        sqs = sqs.filter(date__lte=end)
    if SORTS.get(sort):
        sqs = sqs.order_by(*SORTS[sort])
    elif sort not in SORTS:
        raise QueryError(f"未知的排序方式“{sort}”：可用 {', '.join(SORTS)}")
    return sqs


def search(q: str, *, filters=None, start=None, end=None, sort="relevance", page=1, per_page=20,
           facets=True, highlight=True, collapse=True) -> Results:
    """A page of hits with counts; a query we cannot run comes back as `error`, not an exception.
    A story printed more than once is one hit unless `collapse` is off."""
    per_page = max(1, min(int(per_page), MAX_PER_PAGE))
    results = Results(q, page=max(1, int(page)), per_page=per_page)
    try:
        if q.strip():
            results.notices = parse(q).notices
        sqs = build(q, filters, start, end, sort, collapse)
    except QueryError as exc:
        results.error = str(exc)
        return results
    if not q.strip() and not filters and not (start or end):
        results.error = "请输入检索词"
        return results
    if highlight:
        sqs = sqs.highlight()
    if facets:
        for name in FACETS:
            sqs = sqs.facet(name)
    offset = (results.page - 1) * per_page
    results.hits = list(sqs[offset:offset + per_page])
    if highlight and q.strip():
        terms = highlight_terms(q)
        for hit in results.hits:
            mark_headings(hit, terms)
    results.total = sqs.count()
    results.folded = sqs.query.get_folded()
    if collapse and results.hits:
        results.twins = repeats.twins([int(hit.pk) for hit in results.hits])
    if facets:
        counts = sqs.facet_counts().get("fields", {})
        results.facets = {name: counts.get(name, []) for name in FACETS}
        results.facets["source"] = own_source_merged(q, filters, start, end, results.facets)
        results.facets["column"] = real_columns(results.facets["column"])
        results.months = sorted(results.facets["month"])
    return results


def facet_counts(sqs) -> dict:
    """{facet: [(value, count)]} of a query that is run only for its counts. Unsliced,
    haystack asks the engine for every hit and builds a result for each (at 100,000
    articles the trend's printed-per-month query made 100,000 results, ~300 MB, in each
    worker); a page of one hit carries the same counts."""
    sqs[:1]
    return sqs.facet_counts().get("fields", {})


def real_columns(counts: list) -> list:
    """The column facet without what the parser filed as a column but is none (archive/columns.py)."""
    known = columns.recurring() if counts else set()
    return [(value, n) for value, n in counts if columns.is_column(value, known)]


def own_source_merged(q, filters, start, end, facets) -> list:
    """The source facet with 本报 counted as each paper (search/sources.py); when the hits
    are from several papers, one more search counts their 本报 hits by paper."""
    own = dict(facets["source"]).get(sources.OWN)
    if not own:
        return facets["source"]
    papers = [slug for slug, n in facets["paper"] if n]
    if len(papers) == 1:
        by_paper = {papers[0]: own}
    else:
        sqs = build(q, {**(filters or {}), "source": sources.OWN}, start, end).facet("paper")
        by_paper = dict(facet_counts(sqs).get("paper", []))
    return sources.merged(facets["source"], by_paper)


def more_like(article, limit: int) -> list:
    return list(article_results().more_like_this(article)[:limit])


def index_version() -> str:
    """Changes whenever the index does: part of the key of anything cached from a search."""
    return indexing.backend().version()
