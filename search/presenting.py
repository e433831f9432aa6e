"""What the search page shows around the hits: facet links, active filters,
sort links, pagination and suggestions, all as plain data for the template."""
import datetime
from dataclasses import dataclass
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from archive import repeats
from archive.models import Newspaper

from .params import FILTER_PARAMS, SearchParams
from .query import And, Not, Or, Term, parse, unparse

FACET_TITLES = {"year": gettext_lazy("年份"), "month": gettext_lazy("月份"), "paper": gettext_lazy("报纸"),
                "print_page": gettext_lazy("版次"), "source": gettext_lazy("来源"),
                "byline": gettext_lazy("作者"), "column": gettext_lazy("栏目")}
SORT_TITLES = {"relevance": gettext_lazy("相关度"), "newest": gettext_lazy("最新"),
               "oldest": gettext_lazy("最早")}
FACET_SHOWN = 8
FACET_MORE = 40
DATE_FACETS = ("year", "month")


@dataclass(frozen=True)
class Link:
    label: str
    url: str
    count: int = 0
    current: bool = False
    value: str = ""


def url_for(params: SearchParams, **changes) -> str:
    return "?" + urlencode(params.to_query(**changes))


class Labels:
    """Readable labels for facet values (paper slugs become names)."""

    def __init__(self):
        self._papers = None

    def __call__(self, name: str, value: str) -> str:
        if name == "paper":
            if self._papers is None:
                self._papers = dict(Newspaper.objects.values_list("slug", "name"))
            return self._papers.get(value, value)
        if name == "print_page":
            return _("第%(n)s版") % {"n": value}
        if name == "year":
            return _("%(y)s年") % {"y": value}
        if name == "month":
            year, month = value.split("-")
            return _("%(y)s年%(m)s月") % {"y": year, "m": int(month)}
        return value


def facet_groups(params: SearchParams, counts: dict, label) -> list[dict]:
    groups = []
    for name, field in FILTER_PARAMS.items():
        values = [(value, n) for value, n in counts.get(field, []) if value]
        if name in DATE_FACETS:  # the most hits, read in time order as the trend chart is
            values = sorted(sorted(values, key=lambda item: -item[1])[:FACET_MORE])
        active = params.filters.get(name)
        if not values and not active:
            continue
        links = [Link(label(name, value), url_for(params, **{name: value}, page=None), n, value == active)
                 for value, n in values[:FACET_MORE]]
        groups.append({"name": name, "title": FACET_TITLES[name], "shown": links[:FACET_SHOWN],
                       "more": links[FACET_SHOWN:], "active": active})
    return groups


def active_filters(params: SearchParams, label) -> list[Link]:
    """Each filter in force, with the URL that removes it."""
    chips = [Link(f"{FACET_TITLES[name]}：{label(name, value)}", url_for(params, **{name: None}, page=None))
             for name, value in params.filters.items()]
    if params.start:
        chips.append(Link(_("起：%(d)s") % {"d": params.start}, url_for(params, start=None, page=None)))
    if params.end:
        chips.append(Link(_("止：%(d)s") % {"d": params.end}, url_for(params, end=None, page=None)))
    return chips


def sort_links(params: SearchParams) -> list[Link]:
    return [Link(title, url_for(params, sort=None if key == "relevance" else key, page=None),
                 current=params.sort == key, value=key) for key, title in SORT_TITLES.items()]


def page_links(params: SearchParams, pages: int, window: int = 2) -> list[Link]:
    """First, last, and a few around the current page; a gap is a Link without url."""
    shown = sorted({1, pages, *range(max(1, params.page - window), min(pages, params.page + window) + 1)})
    links, previous = [], 0
    for number in shown:
        if number - previous > 1:
            links.append(Link("…", ""))
        links.append(Link(str(number), url_for(params, page=None if number == 1 else number),
                          current=number == params.page))
        previous = number
    return links


def suggestions(params: SearchParams) -> list[Link]:
    """Ways to widen a search that found nothing."""
    found = []
    if params.filters or params.start or params.end:
        found.append(Link(_("去掉所有筛选条件"), "?" + urlencode({"q": params.q})))
    loosened = loosen(params.q)
    if loosened and loosened != params.q:
        found.append(Link(_("不限定词序和字段：%(q)s") % {"q": loosened}, url_for(params, q=loosened, page=None)))
    return found


def loosen(q: str) -> str:
    """The query with quotes and field prefixes dropped (title:"口袋 公园" -> 口袋 公园)."""
    try:
        tree = parse(q).tree
    except ValueError:
        return ""
    return unparse(_loosen(tree)) if tree is not None else ""


def _loosen(node):
    if isinstance(node, Term):
        return Term(node.text, "text", False) if node.field in ("text", "title") else node
    if isinstance(node, (And, Or)):
        return type(node)([_loosen(item) for item in node.items])
    if isinstance(node, Not):
        return Not(_loosen(node.item))
    return node


def hit_label(hit, highlight: bool = True) -> str:
    """The hit's title, marked if highlighted; an untitled item (a photo) is named by its kicker or text."""
    if hit.title:
        marked = (getattr(hit, "highlighted", None) or {}).get("title") if highlight else None
        return marked[0] if marked and marked[0] else hit.title
    return hit.label or f"#{hit.seq}"


def also_in(hit, twins: dict) -> list[Link]:
    """The other printings of a hit's story: 第4版 in the same issue, else the date (and paper)."""
    date = hit.date.date() if isinstance(hit.date, datetime.datetime) else hit.date
    return [Link(repeats.twin_label(twin, hit.paper, date), twin.get_absolute_url())
            for twin in twins.get(int(hit.pk), ())]


def hit_url(hit, q: str = "") -> str:
    """The article's permalink; with the query as `hl`, the article page marks its words."""
    date = hit.date.date() if isinstance(hit.date, datetime.datetime) else hit.date
    url = reverse("archive:article", args=[hit.paper, date.isoformat(), hit.seq])
    return f"{url}?{urlencode({'hl': q})}" if q.strip() else url

