"""What counts as a column (栏目): a section label. The parser also puts a stray first
heading line into `column` (a photo credit, a person's title, a headline: see
archive/ingest/article.py, "leftovers"), so lists of columns keep only a label that
* has its stem printed in at least two issues (a series' numbered parts, 新论·某某①,
  走近名家(26), 某某（上）, share the stem of the series), or
* is printed as a title's tag, 某某某（清河随笔）, the way papers mark a column, unless it
  reads as a dateline (新华社某地3月5日电) or a person's post (某某协会名誉主席)."""
import re

from django.core.cache import cache
from django.db.models import Count, Max

from .models import Article, Issue

MIN_ISSUES = 2
CACHE_SECONDS = 3600
# A series number at the end: ①…⑳, (26), （上）, 之三.
SERIES_NUMBER = re.compile(r"(?:[①-⑳]|[（(][0-9一二三四五六七八九十上中下]+[）)]|之[一二三四五六七八九十]+)+$")
NOT_A_TAG = re.compile(r"\d+月\d+日|电$|(?:主席|书记|主任|部长|委员|院士|教授|会长|理事长|局长|市长|县长|校长|主编)$")


def stems(column: str) -> set[str]:
    """The column without its series number, and the name of the series (before the first ·)."""
    plain = SERIES_NUMBER.sub("", column).strip()
    found = {plain} if plain else set()
    if "·" in plain:
        found.add(plain.split("·")[0].strip())
    return found - {""}


def is_tag(column: str, title: str) -> bool:
    """The column closes the title in brackets, and is not a dateline or a post."""
    return title.endswith((f"（{column}）", f"({column})")) and not NOT_A_TAG.search(column)


def recurring() -> set[str]:
    """The stems of real columns (see above); cached until the issues change."""
    latest = Issue.objects.aggregate(n=Count("id"), at=Max("imported_at"))
    key = f"columns-{latest['n']}-{latest['at'].timestamp() if latest['at'] else 0}"
    found = cache.get(key)
    if found is None:
        issues, found = {}, set()
        rows = Article.objects.exclude(column="").order_by().values_list("column", "issue_id", "title")
        for column, issue, title in rows:
            for stem in stems(column):
                issues.setdefault(stem, set()).add(issue)
            if is_tag(column, title):
                found |= stems(column)
        found |= {stem for stem, seen in issues.items() if len(seen) >= MIN_ISSUES}
        cache.set(key, found, CACHE_SECONDS)
    return found


def is_column(value: str, known: set[str]) -> bool:
    return bool(stems(value) & known)
