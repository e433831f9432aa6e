"""Downloads for the site's pages: search exports (CSV, JSON Lines) and an
article's citation (GB/T 7714 text, RIS, BibTeX). The API's export operation
shares `stream_export`."""
import math

from django.http import Http404, HttpResponse
from django.views.decorators.http import require_safe

from archive.citations import bibtex, gbt7714, ris
from archive.models import Article
from archive.views.reading import moved_or_404
from search.exports import FORMATS, export_response
from search.params import ParamError
from search.validate import flag, searchable

from .errors import json_error, param_error
from .throttle import AnonymousLimit

CITATIONS = {
    "txt": (lambda article, url: gbt7714(article) + "\n", "text/plain; charset=utf-8"),
    "ris": (ris, "application/x-research-info-systems; charset=utf-8"),
    "bib": (bibtex, "application/x-bibtex; charset=utf-8"),
}


def stream_export(request, fmt: str):
    """The export of the search in request.GET; raises ParamError before streaming."""
    params = searchable(request.GET)
    full_text = flag(request.GET, "full_text")
    return export_response(params, fmt, request.build_absolute_uri("/"), full_text=full_text)


@require_safe
def search_export(request, fmt):
    limit = AnonymousLimit()
    if not limit.allow_request(request):
        response = json_error(429, "请求过于频繁，请稍后再试")
        wait = limit.wait()
        if wait is not None:
            response["Retry-After"] = str(math.ceil(wait))
        return response
    if fmt not in FORMATS:
        raise Http404(fmt)
    try:
        return stream_export(request, fmt)
    except ParamError as exc:
        return param_error(exc)


@require_safe
def citation(request, paper, date, seq, fmt):
    if fmt not in CITATIONS:
        raise Http404(fmt)
    article = (Article.objects.with_issue().select_related("page").prefetch_related("bylines__person")
               .filter(issue__paper__slug=paper, issue__date=date, seq=seq).first())
    if article is None:
        return moved_or_404(paper, date, seq, "tools:citation", fmt)
    render, content_type = CITATIONS[fmt]
    text = render(article, request.build_absolute_uri(article.get_absolute_url()))
    response = HttpResponse(text, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{paper}-{date:%Y%m%d}-{seq}.{fmt}"'
    return response
