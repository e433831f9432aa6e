"""Reading an article, and the articles related to it."""
import logging

from django.core.cache import cache
from django.db.models import Prefetch
from django.http import Http404, HttpResponsePermanentRedirect
from django.urls import reverse
from django.shortcuts import render
from django.utils.cache import add_never_cache_headers, patch_cache_control
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from search.backend import highlight_terms
from search.highlight import mark_all
from search.presenting import hit_label, hit_url
from search.query import MAX_LENGTH
from search.searching import index_version, more_like

from ..citations import gbt7714
from ..models import Article, ArticleAlias, Caption
from ..splitting import neighbour
from .browse import PAGE_CACHE

RELATED = 5
# The server's copy is keyed by the index version, so a re-index replaces it at once; the day
# only lets entries of old versions go. Browsers and proxies cannot see the version: the hour
# bounds how long they show a list that may name an article since deleted.
RELATED_CACHE_SECONDS = 24 * 3600
RELATED_MAX_AGE = 3600
log = logging.getLogger(__name__)


@require_safe
@cache_control(**PAGE_CACHE)
def article_detail(request, paper, date, seq):
    article = (Article.objects.with_issue().with_bylines().prefetch_related(
        Prefetch("captions", Caption.objects.select_related("photographer").order_by("order")))
        .filter(issue__paper__slug=paper, issue__date=date, seq=seq).first())
    if article is None:
        return moved_or_404(paper, date, seq, "archive:article")
    context = {
        "article": article, "issue": article.issue, "paper": article.issue.paper,
        "previous": neighbour(article, after=False), "next": neighbour(article),
        "citation": gbt7714(article),
        "paragraphs": marked(article.paragraphs, request.GET.get("hl", "")),
    }
    return render(request, "archive/article.html", context)


def moved_or_404(paper, date, seq, view: str, *args):
    """A URL of an article merged into another by an editor answers 301 to the same view of
    the survivor (permalinks never break); any other missing article is a 404."""
    survivor = ArticleAlias.objects.survivor(paper, date, seq)
    if survivor is None:
        raise Http404("no such article")
    issue = survivor.issue
    return HttpResponsePermanentRedirect(reverse(view, args=[issue.paper.slug, issue.date, survivor.seq, *args]))


def marked(paragraphs, query: str) -> list:
    """Paragraphs with the words of the search that led here marked."""
    terms = highlight_terms(query[:MAX_LENGTH]) if query.strip() else []
    return [mark_all(p, terms) for p in paragraphs] if terms else paragraphs


@require_safe
def related_articles(request, paper, date, seq):
    """Articles like this one, on a small page of their own. "More like this" is a search over
    the whole index (150 ms and more at 100,000 articles), so the article page only links
    here and site.js fetches this page's list after the article is shown."""
    article = (Article.objects.select_related("issue__paper")
               .filter(issue__paper__slug=paper, issue__date=date, seq=seq).first())
    if article is None:
        return moved_or_404(paper, date, seq, "archive:related")
    found = related(article)
    context = {"article": article, "issue": article.issue, "paper": article.issue.paper,
               "related": found or [], "failed": found is None}
    response = render(request, "archive/related.html", context, status=503 if found is None else 200)
    if found is None:
        add_never_cache_headers(response)  # a mended index answers the next request
    else:
        patch_cache_control(response, public=True, max_age=RELATED_MAX_AGE)
    return response


def related(article) -> list[dict] | None:
    """[{url, label, paper_name, date}] of articles like this one, cached until the index
    changes; None when the search failed (a missing or damaged index), which is not cached."""
    try:
        key = f"related:{index_version()}:{article.pk}"
        found = cache.get(key)
        if found is None:
            found = [{"url": hit_url(hit), "label": hit_label(hit, highlight=False),
                      "paper_name": hit.paper_name, "date": hit.date} for hit in more_like(article, RELATED)]
            cache.set(key, found, RELATED_CACHE_SECONDS)
        return found
    except Exception:  # noqa: BLE001 - a missing or damaged index must not break reading
        log.exception("more like this failed for article %s", article.pk)
        return None
