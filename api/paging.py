"""Pages of a list, read from `page` and `per_page` as the search reads them
(same defaults, same cap, same messages), with links to the pages beside."""
from dataclasses import dataclass

from search.params import DEFAULT_PER_PAGE, parse_int
from search.searching import MAX_PER_PAGE


@dataclass
class Page:
    total: int
    number: int
    per_page: int
    next_url: str | None = None
    prev_url: str | None = None

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))

    @property
    def offset(self) -> int:
        return (self.number - 1) * self.per_page


def page_of(request, total: int) -> Page:
    number = parse_int("page", request.GET.get("page", ""), 1, 1)
    per_page = parse_int("per_page", request.GET.get("per_page", ""), DEFAULT_PER_PAGE, 1, MAX_PER_PAGE)
    page = Page(total, number, per_page)
    if number < page.pages:
        page.next_url = link(request, number + 1)
    if number > 1:
        page.prev_url = link(request, min(number - 1, page.pages))
    return page


def link(request, number: int) -> str:
    query = request.GET.copy()
    query["page"] = str(number)
    return request.build_absolute_uri(f"{request.path}?{query.urlencode()}")
