"""Reading an article."""
import logging

from django.shortcuts import get_object_or_404, render
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from search.backend import highlight_terms
from search.highlight import mark_all
from search.presenting import hit_label, hit_url
from search.query import MAX_LENGTH
from search.searching import more_like

from ..citations import gbt7714
from ..models import Article
from .browse import PAGE_CACHE

RELATED = 5
log = logging.getLogger(__name__)


@require_safe
@cache_control(**PAGE_CACHE)
def article_detail(request, paper, date, seq):
    article = get_object_or_404(
        Article.objects.with_issue().with_bylines().prefetch_related("captions__photographer"),
        issue__paper__slug=paper, issue__date=date, seq=seq,
    )
    in_issue = Article.objects.filter(issue=article.issue).order_by("seq")
    context = {
        "article": article, "issue": article.issue, "paper": article.issue.paper,
        "previous": in_issue.filter(seq__lt=seq).only("seq", "title", "kicker").last(),
        "next": in_issue.filter(seq__gt=seq).only("seq", "title", "kicker").first(),
        "related": related(article),
        "citation": gbt7714(article),
        "paragraphs": marked(article.paragraphs, request.GET.get("hl", "")),
    }
    return render(request, "archive/article.html", context)


def marked(paragraphs, query: str) -> list:
    """Paragraphs with the words of the search that led here marked."""
    terms = highlight_terms(query[:MAX_LENGTH]) if query.strip() else []
    return [mark_all(p, terms) for p in paragraphs] if terms else paragraphs


def related(article) -> list:
    """(hit, url, label) of articles like this one; the page still renders without them."""
    try:
        hits = more_like(article, RELATED)
    except Exception:  # noqa: BLE001 - a missing or damaged index must not break reading
        log.exception("more like this failed for article %s", article.pk)
        return []
    return [(hit, hit_url(hit), hit_label(hit, highlight=False)) for hit in hits]
