"""Month grids for the date pages: every day is shown, only days with an issue are linked."""
import calendar
import datetime
from dataclasses import dataclass

WEEKDAYS = ("一", "二", "三", "四", "五", "六", "日")  # calendar.Calendar() starts on Monday


@dataclass(frozen=True)
class Day:
    date: datetime.date
    url: str = ""  # empty: no issue that day


@dataclass(frozen=True)
class Month:
    first: datetime.date
    weeks: list  # of 7-item lists, Day or None for padding
    count: int  # days with an issue

    @property
    def key(self) -> str:
        return f"{self.first:%Y-%m}"


def month_grid(year: int, month: int, urls: dict) -> Month:
    """`urls` maps the month's dates with an issue to the issue's URL."""
    weeks = [[Day(d, urls.get(d, "")) if d.month == month else None for d in week]
             for week in calendar.Calendar().monthdatescalendar(year, month)]
    count = sum(1 for d in urls if d.year == year and d.month == month)
    return Month(datetime.date(year, month, 1), weeks, count)


def year_grid(year: int, urls: dict) -> list[Month]:
    return [month_grid(year, month, urls) for month in range(1, 13)]


@dataclass(frozen=True)
class YearRow:
    year: int
    count: int  # issues in the year
    url: str  # the year's page; empty without issues
    months: list  # twelve (first day of the month, issues that month, the month's page or "")


def year_rows(counts: dict, year_url) -> list[YearRow]:
    """One row a year, oldest first, from `counts` {(year, month): issues}; the years
    between without issues are rows too, so that a gap in the archive shows. A month's
    page is its year's page + MM/ (archive/urls.py): one reverse() a year, not a month."""
    if not counts:
        return []
    years = [year for year, _ in counts]
    rows = []
    for year in range(min(years), max(years) + 1):
        found = [counts.get((year, month), 0) for month in range(1, 13)]
        url = year_url(year) if any(found) else ""
        months = [(datetime.date(year, month, 1), n, f"{url}{month:02d}/" if n else "")
                  for month, n in enumerate(found, start=1)]
        rows.append(YearRow(year, sum(found), url, months))
    return rows


def month_end(first: datetime.date) -> datetime.date:
    return datetime.date(first.year, first.month, calendar.monthrange(first.year, first.month)[1])


def add_months(first: datetime.date, months: int) -> datetime.date:
    index = first.year * 12 + first.month - 1 + months
    return datetime.date(index // 12, index % 12 + 1, 1)


def month_span(first_key: str, last_key: str) -> list[str]:
    """Every YYYY-MM from one to the other, inclusive, so a trend has no holes."""
    start = datetime.date.fromisoformat(f"{first_key}-01")
    end = datetime.date.fromisoformat(f"{last_key}-01")
    months = []
    while start <= end:
        months.append(f"{start:%Y-%m}")
        start = add_months(start, 1)
    return months
