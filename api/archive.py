"""The archive through the API: papers, their issues with tables of contents,
articles with every field, and people with their bylined articles."""
import datetime

from django.db.models import Count, Max, Min
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema

from archive.models import Article, Issue, Newspaper, Person
from archive.views.reading import moved_or_404
from search.params import ParamError

from . import serialize
from .paging import page_of
from .schemas import ArticleOut, IssueList, IssueOut, PaperOut, PeopleList, PersonOut, answers

router = Router(tags=["archive"])


class Paged(Schema):
    page: str | None = Field(None, description="page of the list, from 1")
    per_page: str | None = Field(None, description="items a page, 1 to 100 (default 20)")


class IssueQuery(Paged):
    year: str | None = Field(None, description="only this year's issues (YYYY)")


def papers_with_counts():
    return Newspaper.objects.annotate(issue_count=Count("issues"), first_issue=Min("issues__date"),
                                      last_issue=Max("issues__date"))


def articles_with_bylines():
    return Article.objects.with_issue().with_bylines()


@router.get("/papers", response=answers(list[PaperOut]), url_name="papers", summary="All papers")
def papers(request):
    return [serialize.paper_data(request, paper) for paper in papers_with_counts()]


@router.get("/papers/{paper}", response=answers(PaperOut), url_name="paper", summary="One paper")
def paper(request, paper: str):
    return serialize.paper_data(request, get_object_or_404(papers_with_counts(), slug=paper))


@router.get("/papers/{paper}/issues", response=answers(IssueList), url_name="issues",
            summary="A paper's issues, oldest first")
def issues(request, paper: str, query: Query[IssueQuery]):
    newspaper = get_object_or_404(Newspaper, slug=paper)
    found = Issue.objects.filter(paper=newspaper).select_related("paper").order_by("date")
    if query.year:
        found = found.filter(date__year=_year(query.year))
    page = page_of(request, found.count())
    rows = found.annotate(article_count=Count("articles"))[page.offset:page.offset + page.per_page]
    return {**serialize.paging_data(page), "paper": serialize.paper_ref(request, newspaper),
            "issues": [serialize.issue_summary(request, issue) for issue in rows]}


@router.get("/papers/{paper}/issues/{date}", response=answers(IssueOut), url_name="issue",
            summary="An issue with its table of contents")
def issue(request, paper: str, date: datetime.date):
    found = get_object_or_404(Issue.objects.select_related("paper").prefetch_related("pages"),
                              paper__slug=paper, date=date)
    articles = articles_with_bylines().filter(issue=found).in_print_order()
    return serialize.issue_data(request, found, articles)


@router.get("/papers/{paper}/issues/{date}/articles/{seq}", response={**answers(ArticleOut), 301: None},
            url_name="article", summary="An article with every field",
            description="An article an editor merged into another answers 301 to the survivor's URL.")
def article(request, paper: str, date: datetime.date, seq: int):
    found = (articles_with_bylines().prefetch_related("captions__photographer")
             .filter(issue__paper__slug=paper, issue__date=date, seq=seq).first())
    if found is None:
        return moved_or_404(paper, date, seq, "api:article")
    return serialize.article_data(request, found)


@router.get("/people", response=answers(PeopleList), url_name="people", summary="People named in bylines")
def people(request, query: Query[Paged]):
    found = (Person.objects.annotate(article_count=Count("bylines__article", distinct=True))
             .filter(article_count__gt=0).order_by("name"))
    page = page_of(request, found.count())
    rows = found[page.offset:page.offset + page.per_page]
    return {**serialize.paging_data(page), "people": [serialize.person_summary(request, p) for p in rows]}


@router.get("/people/{slug}", response=answers(PersonOut), url_name="person",
            summary="A person and their bylined articles, newest first")
def person(request, slug: str, query: Query[Paged]):
    found = get_object_or_404(Person, slug=slug)
    articles = articles_with_bylines().by_person(found).newest_first()
    page = page_of(request, articles.count())
    rows = articles[page.offset:page.offset + page.per_page]
    return {**serialize.paging_data(page), "slug": found.slug, "name": found.name,
            "feed_url": serialize.absolute(request, "tools:person-feed", found.slug),
            "articles": [serialize.article_summary(request, a) for a in rows]}


def _year(value: str) -> int:
    if not (value.isdigit() and len(value) == 4):
        raise ParamError("year", f"year：“{value[:20]}”不是四位年份")
    return int(value)
