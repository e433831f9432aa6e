"""The trend of a query's hits, laid out for an inline SVG bar chart.

A bar is the share of the articles printed in its month (or year, or day) that the
query found, so that a bigger archive or a thicker paper does not read as more
coverage; a period in which nothing was printed is a gap, not a zero. The counts
come from search/printed.py; this module only lays them out."""
import datetime
from dataclasses import dataclass

from archive.calendars import month_span

WIDTH = 640
PLOT_HEIGHT = 120
TOP, LEFT, BOTTOM = 22, 52, 50  # room for the peak's label, the y labels and two rows of x labels
MAX_STEP = 64  # a few months still look like bars, not a wall
MAX_BARS = 120  # beyond ten years of months, bars are years
MAX_LABELS = 12  # x labels that fit across the chart
YEAR_LABEL = 56  # the width of "2024年"


@dataclass(frozen=True)
class Bar:
    key: str  # 2024-03, 2024 or 2024-03-05: the value of the filter that narrows to it
    label: str  # 2024年3月
    hits: int
    printed: int  # articles printed in the period under the search's filters; 0: a gap
    x: float
    y: float
    width: float
    height: float

    @property
    def share(self) -> float | None:
        return self.hits / self.printed if self.printed else None

    @property
    def percent(self) -> str:
        return percent(self.share) if self.printed else ""


@dataclass(frozen=True)
class Tick:
    x: float
    label: str
    row: int  # 0: months or days, 1: years (or the month of the days)
    anchor: str = "middle"  # "start" or "end" near the chart's edges, so the label is not cut


@dataclass(frozen=True)
class Trend:
    bars: list
    unit: str  # "month", "year" or "day"
    peak: float  # the highest share
    ticks: list
    width: int = WIDTH  # always: the labels' size on a phone (site.css) assumes it
    height: int = TOP + PLOT_HEIGHT + BOTTOM
    top: int = TOP
    left: int = LEFT
    baseline: int = TOP + PLOT_HEIGHT
    rows: tuple = (TOP + PLOT_HEIGHT + 20, TOP + PLOT_HEIGHT + 44)  # y of the two rows of x labels

    @property
    def plot_height(self) -> int:
        return PLOT_HEIGHT

    @property
    def first(self):
        return self.bars[0].label

    @property
    def last(self):
        return self.bars[-1].label

    @property
    def peak_label(self) -> str:
        return percent(self.peak)

    @property
    def gaps(self) -> bool:
        return any(not bar.printed for bar in self.bars)


def percent(share: float) -> str:
    value = share * 100
    if value >= 10:
        return f"{value:.0f}%"
    return f"{value:.1f}%" if value >= 0.1 or value == 0 else f"{value:.2f}%"


def by_month(hits: dict, printed: dict) -> Trend | None:
    """{YYYY-MM: hits}, {YYYY-MM: articles printed}: a bar a month from the first month
    printed to the last, or a bar a year when that is more than MAX_BARS months."""
    keys = [key for key, n in {**printed, **hits}.items() if key and n]
    if not any(hits.values()):
        return None
    keys = month_span(min(keys), max(keys))
    if len(keys) <= MAX_BARS:
        series = [(key, hits.get(key, 0), printed.get(key, 0)) for key in keys]
        return layout(series, "month", month_ticks(keys))
    years = sorted({key[:4] for key in keys})
    series = [(year, sum(n for k, n in hits.items() if k.startswith(year)),
               sum(n for k, n in printed.items() if k.startswith(year))) for year in years]
    return layout(series, "year", year_ticks(years))


def by_day(first: datetime.date, last: datetime.date, hits: dict, printed: dict) -> Trend | None:
    """{date: hits}, {date: articles printed}: a bar a day from `first` to `last`."""
    if not any(hits.values()):
        return None
    days = [first + datetime.timedelta(days=n) for n in range((last - first).days + 1)]
    series = [(day.isoformat(), hits.get(day, 0), printed.get(day, 0)) for day in days]
    return layout(series, "day", day_ticks(days))


def layout(series: list[tuple[str, int, int]], unit: str, ticks: list[tuple[int, str, int]]) -> Trend:
    """Bars scaled to the highest share; ticks given as (bar index, label, row)."""
    shares = [hits / printed for _, hits, printed in series if printed]
    peak = max(shares, default=0) or 1
    step = min((WIDTH - LEFT) / len(series), MAX_STEP)
    gap = step * 0.15 if step > 4 else 0
    bars = []
    for i, (key, hits, printed) in enumerate(series):
        height = round(PLOT_HEIGHT * hits / printed / peak, 1) if printed else 0
        if printed and hits and height < 1:
            height = 1.0  # a hit always shows
        bars.append(Bar(key, label(key), hits, printed, round(LEFT + i * step + gap / 2, 2),
                        round(TOP + PLOT_HEIGHT - height, 1), round(step - gap, 2), height))
    marks = [tick(LEFT + (i + 0.5) * step, text, row) for i, text, row in ticks]
    return Trend(bars, unit, peak if shares else 0, marks)


def tick(x: float, text: str, row: int) -> Tick:
    half = 9 * len(text.encode("gbk", "replace")) / 2  # about 9 units a half-width character on a phone
    anchor = "end" if x + half > WIDTH else "start" if x - half < 0 else "middle"
    return Tick(round(x, 1), text, row, anchor)


def label(key: str) -> str:
    parts = key.split("-")
    if len(parts) == 1:
        return f"{key}年"
    if len(parts) == 2:
        return f"{parts[0]}年{int(parts[1])}月"
    return f"{parts[0]}年{int(parts[1])}月{int(parts[2])}日"


def every(count: int) -> int:
    """Label every n-th of `count` items so that at most MAX_LABELS fit: 1, 2, 5, 10, 20, 50…"""
    for n in (1, 2, 5, 10, 20, 50, 100):
        if count / n <= MAX_LABELS:
            return n
    return 100


def month_ticks(keys: list[str]) -> list[tuple[int, str, int]]:
    """Months numbered when they fit; each year named under its January, and under the
    first month when that is not a January too close to the next one."""
    ticks = [(i, str(int(key[5:])), 0) for i, key in enumerate(keys)] if len(keys) <= 2 * MAX_LABELS else []
    januaries = [i for i, key in enumerate(keys) if key.endswith("-01")]
    step = min((WIDTH - LEFT) / len(keys), MAX_STEP)
    if not januaries or (januaries[0] > 0 and januaries[0] * step >= YEAR_LABEL):
        januaries.insert(0, 0)
    return ticks + [(i, f"{keys[i][:4]}年", 1) for i in januaries]


def year_ticks(years: list[str]) -> list[tuple[int, str, int]]:
    n = every(len(years))
    return [(i, year, 1) for i, year in enumerate(years) if int(year) % n == 0]


def day_ticks(days: list[datetime.date]) -> list[tuple[int, str, int]]:
    ticks = [(i, str(day.day), 0) for i, day in enumerate(days)
             if day.day == 1 or (day.day % 5 == 0 and day.day < 30)]
    ticks.append((0, f"{days[0].year}年{days[0].month}月", 1))
    return ticks
