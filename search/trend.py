"""The per-month trend of a query's hits, laid out for an inline SVG bar chart."""
from dataclasses import dataclass

from archive.calendars import month_span

WIDTH, HEIGHT = 640, 120
MAX_STEP = 40  # a few months still look like bars, not a wall
MAX_BARS = 120  # beyond ten years of months, bars are years


@dataclass(frozen=True)
class Bar:
    key: str  # 2024-03, or 2024 when grouped by year
    count: int
    x: float
    y: float
    width: float
    height: float


@dataclass(frozen=True)
class Trend:
    bars: list
    by_year: bool
    peak: int
    width: int = WIDTH
    height: int = HEIGHT

    @property
    def first(self):
        return self.bars[0].key

    @property
    def last(self):
        return self.bars[-1].key


def trend(months: list[tuple[str, int]]) -> Trend | None:
    """Bars for [(YYYY-MM, hits)], with empty months between filled in so gaps show."""
    counts = {key: n for key, n in months if key}
    if not counts:
        return None
    keys = month_span(min(counts), max(counts))
    by_year = len(keys) > MAX_BARS
    if by_year:
        years = {}
        for key in keys:
            years[key[:4]] = years.get(key[:4], 0) + counts.get(key, 0)
        series = sorted(years.items())
    else:
        series = [(key, counts.get(key, 0)) for key in keys]
    peak = max(n for _, n in series)
    step = min(WIDTH / len(series), MAX_STEP)
    gap = step * 0.15 if step > 4 else 0
    bars = []
    for i, (key, n) in enumerate(series):
        height = round(HEIGHT * n / peak, 1) if n else 0
        bars.append(Bar(key, n, round(i * step + gap / 2, 2), round(HEIGHT - height, 1),
                        round(step - gap, 2), height))
    return Trend(bars, by_year, peak)
