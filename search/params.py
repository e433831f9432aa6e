"""The parameters of a search, read from a query string. The search page, the
API, feeds and exports all read them here, so the same URL means the same
search everywhere."""
import datetime
import re
from dataclasses import dataclass, field, replace

from . import query
from .query import MAX_LENGTH, QueryError
from .searching import FACETS, MAX_PER_PAGE, SORTS

DEFAULT_PER_PAGE = 20
# URL names of the facet filters -> index fields. The printed page (版次) is
# `print_page`, since `page` is the page of results.
FILTER_PARAMS = {"year": "year", "month": "month", "paper": "paper", "print_page": "page",
                 "source": "source", "byline": "bylines", "column": "column"}
assert set(FILTER_PARAMS.values()) == set(FACETS)
_FILTER_FORMATS = {"year": re.compile(r"^\d{4}$"), "month": re.compile(r"^\d{4}-\d{2}$"),
                   "print_page": re.compile(r"^\d{1,4}$")}


class ParamError(ValueError):
    """A parameter we cannot use; `param` names it for the 400 answer."""

    def __init__(self, param: str, message: str):
        super().__init__(message)
        self.param = param
        self.message = message


@dataclass(frozen=True)
class SearchParams:
    q: str = ""
    filters: dict = field(default_factory=dict)  # URL name -> value
    start: datetime.date | None = None
    end: datetime.date | None = None
    sort: str = "relevance"
    page: int = 1
    per_page: int = DEFAULT_PER_PAGE
    collapse: bool = True  # one hit per story (collapse=0: every printing)

    @property
    def index_filters(self) -> dict:
        return {FILTER_PARAMS[name]: value for name, value in self.filters.items()}

    @property
    def is_empty(self) -> bool:
        return not (self.q.strip() or self.filters or self.start or self.end)

    def search_kwargs(self) -> dict:
        """Keyword arguments for `search.searching.search`."""
        return {"filters": self.index_filters, "start": self.start, "end": self.end,
                "sort": self.sort, "page": self.page, "per_page": self.per_page, "collapse": self.collapse}

    def to_query(self, **changes) -> dict:
        """The query-string items of these parameters with `changes` applied
        (a value of None drops the item); defaults are left out."""
        items = {"q": self.q, **self.filters,
                 "start": self.start.isoformat() if self.start else "",
                 "end": self.end.isoformat() if self.end else "",
                 "sort": "" if self.sort == "relevance" else self.sort,
                 "page": "" if self.page == 1 else str(self.page),
                 "per_page": "" if self.per_page == DEFAULT_PER_PAGE else str(self.per_page),
                 "collapse": "" if self.collapse else "0"}
        items.update({k: ("" if v is None else str(v)) for k, v in changes.items()})
        return {k: v for k, v in items.items() if v != ""}

    def with_changes(self, **changes) -> "SearchParams":
        return replace(self, **changes)


def parse_date(param: str, value: str, *, end: bool = False) -> datetime.date | None:
    """As the query language reads dates (2024, 2024-03, 2024-03-05; a partial end
    date is the end of that year or month), with the error naming the parameter."""
    if not value.strip():
        return None
    try:
        return query.parse_date(value, end)
    except QueryError:
        raise ParamError(param, f"{param}：日期“{value}”无效，请写成 2024-03-05、2024-03 或 2024") from None


def parse_int(param: str, value: str, default: int, low: int, high: int | None = None) -> int:
    value = (value or "").strip()
    if not value:
        return default
    # isdecimal, not isdigit: superscripts such as ¹ are digits that int() refuses (found by tests/test_fuzz.py).
    if not value.isdecimal() or len(value) > 9:
        raise ParamError(param, f"{param}：“{value[:20]}”不是正整数")
    number = int(value)
    if number < low or (high is not None and number > high):
        bound = f"{low} 到 {high}" if high is not None else f"不小于 {low}"
        raise ParamError(param, f"{param}：{number} 超出范围，应为{bound}")
    return number


def from_query(data) -> SearchParams:
    """SearchParams from a QueryDict or dict; raises ParamError naming the first bad parameter."""
    get = data.get
    q = get("q", "") or ""
    if len(q) > MAX_LENGTH:
        raise ParamError("q", f"q：检索式太长（{len(q)} 字），最多 {MAX_LENGTH} 字")
    filters = {}
    for name in FILTER_PARAMS:
        value = (get(name, "") or "").strip()
        if not value:
            continue
        pattern = _FILTER_FORMATS.get(name)
        if (pattern and not pattern.match(value)) or len(value) > 200:
            raise ParamError(name, f"{name}：“{value[:20]}”不是有效的筛选值")
        filters[name] = value
    start = parse_date("start", get("start", "") or "")
    end = parse_date("end", get("end", "") or "", end=True)
    if start and end and start > end:
        raise ParamError("end", "end：结束日期早于开始日期")
    sort = (get("sort", "") or "relevance").strip()
    if sort not in SORTS:
        raise ParamError("sort", f"sort：未知的排序“{sort[:20]}”，可用 {', '.join(SORTS)}")
    page = parse_int("page", get("page", ""), 1, 1)
    per_page = parse_int("per_page", get("per_page", ""), DEFAULT_PER_PAGE, 1, MAX_PER_PAGE)
    collapse = parse_int("collapse", get("collapse", ""), 1, 0, 1) == 1
    return SearchParams(q=q, filters=filters, start=start, end=end, sort=sort, page=page,
                        per_page=per_page, collapse=collapse)
