"""What counts as a column (栏目): a section label that recurs. The parser also puts a
stray first heading line into `column` (a photo credit, a person's title, a headline: see
archive/ingest/article.py, "leftovers"), so lists of columns keep only labels whose stem
is printed in at least two issues. A series' numbered parts (新论·某某①, 走近名家(26),
某某（上）) share the stem of the series."""
import re

from django.core.cache import cache
from django.db.models import Count, Max

from .models import Article, Issue

MIN_ISSUES = 2
CACHE_SECONDS = 3600
# A series number at the end: ①…⑳, (26), （上）, 之三.
SERIES_NUMBER = re.compile(r"(?:[①-⑳]|[（(][0-9一二三四五六七八九十上中下]+[）)]|之[一二三四五六七八九十]+)+$")


def stems(column: str) -> set[str]:
    """The column without its series number, and the name of the series (before the first ·)."""
    plain = SERIES_NUMBER.sub("", column).strip()
    found = {plain} if plain else set()
    if "·" in plain:
        found.add(plain.split("·")[0].strip())
    return found - {""}


def recurring() -> set[str]:
    """Stems printed in at least MIN_ISSUES issues; cached until the issues change."""
    latest = Issue.objects.aggregate(n=Count("id"), at=Max("imported_at"))
    key = f"columns-{latest['n']}-{latest['at'].timestamp() if latest['at'] else 0}"
    found = cache.get(key)
    if found is None:
        issues = {}
        pairs = Article.objects.exclude(column="").order_by().values_list("column", "issue_id").distinct()
        for column, issue in pairs:
            for stem in stems(column):
                issues.setdefault(stem, set()).add(issue)
        found = {stem for stem, seen in issues.items() if len(seen) >= MIN_ISSUES}
        cache.set(key, found, CACHE_SECONDS)
    return found


def is_column(value: str, known: set[str]) -> bool:
    return bool(stems(value) & known)
