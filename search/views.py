"""The search page."""
from urllib.parse import urlencode

from django.shortcuts import render
from django.views.decorators.http import require_safe

from . import presenting, printed, trend
from .params import ParamError, SearchParams, from_query
from .searching import Results, search


@require_safe
def search_page(request):
    try:
        params = from_query(request.GET)
    except ParamError as exc:
        params = SearchParams(q=request.GET.get("q", "")[:200])
        return render_page(request, params, Results(params.q, error=exc.message), status=400)
    if params.is_empty:
        return render_page(request, params, None)
    results = search(params.q, **params.search_kwargs())
    return render_page(request, params, results, status=400 if results.error else 200)


def render_page(request, params: SearchParams, results: Results | None, status=200):
    label = presenting.Labels()
    context = {"params": params, "results": results, "sorts": presenting.sort_links(params),
               "filters": presenting.active_filters(params, label)}
    if results and not results.error:
        for hit in results.hits:
            hit.also_in = presenting.also_in(hit, results.twins)
        context.update({
            "hits": [(hit, presenting.hit_url(hit, params.q), presenting.hit_label(hit)) for hit in results.hits],
            "first_number": (params.page - 1) * params.per_page + 1,
            "query_string": urlencode(params.to_query(page=None, per_page=None)),
            "facets": presenting.facet_groups(params, results.facets, label),
            "trend": chart(params, results),
            "pages": presenting.page_links(params, results.pages) if results.pages > 1 else [],
            "previous_url": presenting.url_for(params, page=params.page - 1) if params.page > 1 else "",
            "next_url": presenting.url_for(params, page=params.page + 1) if params.page < results.pages else "",
            "suggestions": [] if results.total else presenting.suggestions(params),
            "all_printings_url": presenting.url_for(params, collapse=0, page=None) if results.folded else "",
        })
    return render(request, "search/search.html", context, status=status)


def chart(params, results):
    """The trend of the hits, as shares of what was printed; each bar linked to the
    search narrowed to its month, year or day. None without a query: every share would be 1."""
    if not params.q.strip() or not results.total:
        return None
    days = printed.one_month(params)
    if days:
        shape = trend.by_day(*days, printed.hits_by_day(params, results.total),
                             printed.printed_by_day(params, *days))
    else:
        shape = trend.by_month(dict(results.months), printed.printed_by_month(params))
    if shape is None:
        return None
    if shape.unit == "day":
        links = [presenting.url_for(params, start=bar.key, end=bar.key, page=None) for bar in shape.bars]
    else:
        links = [presenting.url_for(params, **{shape.unit: bar.key}, page=None) for bar in shape.bars]
    return {"shape": shape, "bars": list(zip(shape.bars, links))}
