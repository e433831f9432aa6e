"""本报 ("this paper") as a dateline source is the paper itself. The source facet counts
it under the paper's name, and filtering by a paper's name finds that paper's 本报
articles too: the page, the API and the exports all go through here."""
from haystack.query import SQ

from archive.models import Newspaper

OWN = "本报"


def paper_names() -> dict[str, str]:
    """{slug: name} of every paper."""
    return dict(Newspaper.objects.values_list("slug", "name"))


def source_filter(value: str) -> SQ:
    """The articles whose source is `value`, and the 本报 articles of a paper called `value`."""
    query = SQ(source=value)
    for slug, name in paper_names().items():
        if name == value:
            query |= SQ(source=OWN, paper=slug)
    return query


def merged(counts: list, own_by_paper: dict) -> list[tuple[str, int]]:
    """The source facet [(source, hits)] with 本报 counted under each paper's name;
    `own_by_paper` {paper slug: 本报 hits}. Most hits first."""
    names, total = paper_names(), {}
    for value, n in counts:
        if value != OWN:
            total[value] = total.get(value, 0) + n
    for slug, n in own_by_paper.items():
        name = names.get(slug, OWN)
        total[name] = total.get(name, 0) + n
    return sorted(total.items(), key=lambda item: (-item[1], item[0]))
