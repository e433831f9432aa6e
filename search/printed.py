"""The counts behind the trend chart: a query's hits and, as the denominator, the
articles printed under the same filters without the query, per month (from the
index's month facet) or, when the search is narrowed to one month, per day."""
import calendar
import datetime
import hashlib

from django.core.cache import cache
from django.db.models import Count

from archive.models import Article

from .params import SearchParams
from .searching import build, facet_counts, index_version

# URL filter -> Article lookup, for counting a month's articles by day in the database.
ARTICLE_LOOKUPS = {"year": "issue__date__year", "month": None, "paper": "issue__paper__slug",
                   "print_page": "page__number", "source": "dateline_source",
                   "byline": "bylines__person__name", "column": "column"}
DAY_HITS_LIMIT = 20_000  # hits read one by one for their dates; more in one month is not charted by day


def one_month(params: SearchParams) -> tuple[datetime.date, datetime.date] | None:
    """(first, last) day of the month the search is narrowed to, by the month filter
    or by start and end in one month; None otherwise."""
    if "month" in params.filters:
        year, month = map(int, params.filters["month"].split("-"))
        first = datetime.date(year, month, 1)
        last = first.replace(day=calendar.monthrange(year, month)[1])
        first, last = max(first, params.start or first), min(last, params.end or last)
        return (first, last) if first <= last else None
    start, end = params.start, params.end
    if start and end and (start.year, start.month) == (end.year, end.month):
        return start, end
    return None


def printed_by_month(params: SearchParams) -> dict[str, int]:
    """{YYYY-MM: articles} under the search's filters and dates, its query left out.
    The same for every query with these filters: cached until the index changes."""
    key = "printed:" + hashlib.blake2b(repr((index_version(), sorted(params.filters.items()), params.start,
                                             params.end)).encode(), digest_size=12).hexdigest()
    counts = cache.get(key)
    if counts is None:
        # Every article is after the year 1000: without filters the query must still say something.
        sqs = build("", params.index_filters, params.start or datetime.date(1000, 1, 1), params.end).facet("month")
        counts = dict(facet_counts(sqs).get("month", []))
        cache.set(key, counts, 24 * 3600)
    return counts


def hits_by_day(params: SearchParams, total: int) -> dict[datetime.date, int]:
    """{date: hits} of a search narrowed to one month, read from the hits' stored dates."""
    if total > DAY_HITS_LIMIT:
        return {}
    sqs = build(params.q, params.index_filters, params.start, params.end, "oldest")
    counts = {}
    for value in sqs.values_list("date", flat=True)[:total]:
        day = value.date() if isinstance(value, datetime.datetime) else value
        counts[day] = counts.get(day, 0) + 1
    return counts


def printed_by_day(params: SearchParams, first: datetime.date, last: datetime.date) -> dict[datetime.date, int]:
    """{date: articles} from the database, under the search's filters, its query left out."""
    lookups = {ARTICLE_LOOKUPS[name]: value for name, value in params.filters.items() if ARTICLE_LOOKUPS[name]}
    rows = (Article.objects.filter(issue__date__range=(first, last), **lookups).order_by()
            .values("issue__date").annotate(n=Count("id", distinct=True)).values_list("issue__date", "n"))
    return dict(rows)
