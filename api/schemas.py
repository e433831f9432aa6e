"""The shapes of the API's answers, as the OpenAPI schema documents them.
Every `url` is an absolute link to the HTML page, every `api_url` to the API."""
import datetime

from ninja import Field, Schema


class ErrorOut(Schema):
    status: int
    error: str = Field(description="what is wrong, for people")
    param: str | None = Field(None, description="the query parameter at fault, if one is")


def answers(schema) -> dict:
    """An operation's documented answers: `schema`, or an error."""
    return {200: schema, 400: ErrorOut, 404: ErrorOut, 429: ErrorOut}


class Paging(Schema):
    total: int
    page: int
    per_page: int
    pages: int
    next: str | None = None
    prev: str | None = None


class PaperRef(Schema):
    slug: str
    name: str
    api_url: str


class PaperOut(PaperRef):
    issues: int
    first_issue: datetime.date | None
    last_issue: datetime.date | None
    issues_url: str


class IssueSummary(Schema):
    date: datetime.date
    number: str
    articles: int
    url: str
    api_url: str


class IssueList(Paging):
    paper: PaperRef
    issues: list[IssueSummary]


class PageOut(Schema):
    number: int
    name: str


class BylineOut(Schema):
    name: str
    role: str
    person: str = Field(description="the person's slug")
    api_url: str
    feed_url: str


class ArticleSummary(Schema):
    paper: str
    paper_name: str
    date: datetime.date
    seq: int
    page: int | None
    kind: str
    column: str
    kicker: str
    title: str
    subtitle: str
    bylines: list[BylineOut]
    url: str
    api_url: str


class IssueOut(Schema):
    paper: PaperRef
    date: datetime.date
    number: str
    pages: list[PageOut]
    articles: list[ArticleSummary] = Field(description="the table of contents, in printed order")
    url: str
    api_url: str


class Dateline(Schema):
    source: str
    place: str
    date: str


class CaptionOut(Schema):
    text: str
    credit: str
    photographer: str | None = Field(None, description="the photographer's slug")


class Sidebar(Schema):
    title: str
    items: list[str]


class Citations(Schema):
    gbt7714: str = Field(description="GB/T 7714-2015, newspaper form")
    txt_url: str
    ris_url: str
    bibtex_url: str


class ArticleOut(ArticleSummary):
    id: int
    paper_ref: PaperRef
    page_name: str
    headline: str
    dateline: Dateline
    editor_note: list[str]
    body: str = Field(description="paragraphs joined by newlines")
    paragraphs: list[str]
    captions: list[CaptionOut]
    sidebar: Sidebar
    char_count: int
    citations: Citations


class PersonSummary(Schema):
    slug: str
    name: str
    articles: int
    api_url: str
    feed_url: str


class PeopleList(Paging):
    people: list[PersonSummary]


class PersonOut(Paging):
    slug: str
    name: str
    feed_url: str
    articles: list[ArticleSummary] = Field(description="bylined articles, newest first")


class FacetValue(Schema):
    value: str = Field(description="pass it back as the filter parameter of the same name")
    count: int


class MonthCount(Schema):
    month: str = Field(description="YYYY-MM")
    count: int


class AlsoIn(Schema):
    label: str = Field(description="第4版 in the same issue, else the date (and the paper)")
    url: str


class SearchHit(Schema):
    paper: str
    paper_name: str
    date: datetime.date
    seq: int
    page: int | None
    column: str
    kicker: str
    title: str
    subtitle: str
    source: str
    bylines: list[str]
    score: float | None
    kicker_html: str = Field(description="the 引题, HTML-escaped, matches in <mark>")
    title_html: str = Field(description="the title, HTML-escaped, matches in <mark>")
    subtitle_html: str = Field(description="the 副题, HTML-escaped, matches in <mark>")
    snippet_html: str = Field(description="a passage of the text, HTML-escaped, matches in <mark>")
    url: str
    api_url: str
    also_in: list[AlsoIn] = Field([], description="the other printings of this story (search with collapse=1)")


class SearchOut(Paging):
    query: dict[str, str] = Field(description="the parameters as understood, defaults left out")
    notices: list[str] = Field(description="how a mistyped query was read")
    facets: dict[str, list[FacetValue]] = Field(
        description="counts per filter parameter, largest first; `source` counts a paper's 本报 articles under "
                    "the paper's name, `column` lists only real columns (docs/search.md)")
    months: list[MonthCount] = Field(description="hits per month, in date order")
    folded: int = Field(description="hits left out as repeats of a listed story (0 with collapse=0)")
    hits: list[SearchHit]
    feed_url: str
    csv_url: str
    jsonl_url: str
