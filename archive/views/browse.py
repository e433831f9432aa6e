"""Browsing by date: the home page, a paper's years, a year, a month, an issue."""
import datetime
from itertools import groupby

from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import cache_control
from django.views.decorators.http import require_safe

from .. import repeats
from ..calendars import month_end, month_grid, year_grid, year_rows
from ..models import Article, Issue, Newspaper

FRONT_PAGE_HEADLINES = 8
ON_THIS_DAY = 10
# Issues change only when re-imported or edited; a short shared cache still spares the server.
PAGE_CACHE = {"public": True, "max_age": 300}


def paper_or_404(slug):
    return get_object_or_404(Newspaper, slug=slug)


@require_safe
def home(request):
    today = timezone.localdate()
    papers = list(Newspaper.objects.with_first_issue())
    since = min((paper.first_issue for paper in papers if paper.first_issue), default=None)
    history = list(Article.objects.with_bylines().on_this_day(today, ON_THIS_DAY, since)) if since else []
    papers = [front(paper, today) for paper in papers]
    return render(request, "archive/home.html", {"papers": papers, "today": today, "history": history})


def front(paper, today):
    """A paper's card on the home page: latest issue, its front-page headlines, a month calendar."""
    issues = Issue.objects.of_paper(paper)
    latest = issues.select_related("paper").order_by("-date").first()
    if latest is None:
        return {"paper": paper, "latest": None, "headlines": [], "month": None}
    headlines = (latest.contents().exclude(kind=Article.Kind.NOTICE)
                 .order_by("page__number", "seq")[:FRONT_PAGE_HEADLINES])
    # The current month, or the latest one with an issue when this one has none yet.
    month = month_view(paper, issues, today.year, today.month)
    if not month["grid"].count:
        month = month_view(paper, issues, latest.date.year, latest.date.month)
    return {"paper": paper, "latest": latest, "headlines": headlines, "month": month}


def month_view(paper, issues, year, month):
    first = datetime.date(year, month, 1)
    last = month_end(first)
    grid = month_grid(year, month, issues.date_urls(first, last))
    before, after = issues.before(first), issues.after(last)
    return {"grid": grid, "paper": paper,
            "previous": before and datetime.date(before.date.year, before.date.month, 1),
            "next": after and datetime.date(after.date.year, after.date.month, 1)}


@require_safe
def paper_detail(request, paper):
    """Every year as a row of month counts, the latest year's calendars and a search of
    this paper: four queries however many years (tests/test_query_counts.py)."""
    paper = paper_or_404(paper)
    issues = Issue.objects.of_paper(paper)
    first, last = issues.span()
    rows = year_rows(issues.month_counts(), lambda year: reverse("archive:year", args=[paper.slug, year]))
    context = {"paper": paper, "years": rows, "first": first, "last": last,
               "count": sum(row.count for row in rows), "calendars": None}
    if last:
        urls = issues.date_urls(datetime.date(last.year, 1, 1), datetime.date(last.year, 12, 31))
        context["calendars"] = {"year": last.year, "months": year_grid(last.year, urls)}
    return render(request, "archive/paper.html", context)


@require_safe
def year_detail(request, paper, year):
    paper = paper_or_404(paper)
    issues = Issue.objects.of_paper(paper)
    first, last = valid_date(year, 1, 1), valid_date(year, 12, 31)
    urls = issues.date_urls(first, last)
    before, after = issues.before(first), issues.after(last)
    context = {"paper": paper, "year": year, "months": year_grid(year, urls), "count": len(urls),
               "previous": before and before.date.year, "next": after and after.date.year}
    return render(request, "archive/year.html", context, status=200 if urls else 404)


@require_safe
def month_detail(request, paper, year, month):
    paper = paper_or_404(paper)
    valid_date(year, month, 1)
    context = month_view(paper, Issue.objects.of_paper(paper), year, month)
    return render(request, "archive/month.html", context, status=200 if context["grid"].count else 404)


def valid_date(year, month, day):
    # Calendars show whole weeks, which for December 9999 would run past datetime's last year.
    if not 1 <= year < datetime.MAXYEAR:
        raise Http404("no such year")
    try:
        return datetime.date(year, month, day)
    except ValueError:
        raise Http404("no such date") from None


@require_safe
@cache_control(**PAGE_CACHE)
def issue_detail(request, paper, date):
    paper = paper_or_404(paper)
    issues = Issue.objects.of_paper(paper)
    issue = issues.filter(date=date).first()
    if issue is None:
        context = {"paper": paper, "date": date, "before": issues.before(date), "after": issues.after(date)}
        return render(request, "archive/no_issue.html", context, status=404)
    articles = issue.contents().with_bylines()
    printed_twice = repeats.twins([a.pk for a in articles])
    for article in articles:  # other printings of the same text, marked and linked
        article.repeat_links = [(repeats.twin_label(t, paper.slug, issue.date), t.get_absolute_url())
                                for t in printed_twice.get(article.pk, ())]
    pages = [(page, list(items)) for page, items in groupby(articles, key=lambda a: a.page)]
    context = {"issue": issue, "paper": paper, "pages": pages, "count": len(articles),
               "previous": issues.before(date), "next": issues.after(date)}
    return render(request, "archive/issue.html", context)
