"""Model objects and search hits as the dicts of api/schemas.py, with absolute links."""
from urllib.parse import urlencode

from django.urls import reverse

from archive.citations import gbt7714

from .paging import Page


def absolute(request, name: str, *args, query: dict | None = None) -> str:
    url = request.build_absolute_uri(reverse(name, args=args))
    return f"{url}?{urlencode(query)}" if query else url


def paper_ref(request, paper) -> dict:
    return {"slug": paper.slug, "name": paper.name, "api_url": absolute(request, "api:paper", paper.slug)}


def paper_data(request, paper) -> dict:
    return {**paper_ref(request, paper), "issues": paper.issue_count, "first_issue": paper.first_issue,
            "last_issue": paper.last_issue, "issues_url": absolute(request, "api:issues", paper.slug)}


def issue_summary(request, issue) -> dict:
    args = (issue.paper.slug, issue.date.isoformat())
    return {"date": issue.date, "number": issue.number, "articles": issue.article_count,
            "url": request.build_absolute_uri(issue.get_absolute_url()),
            "api_url": absolute(request, "api:issue", *args)}


def issue_data(request, issue, articles) -> dict:
    return {"paper": paper_ref(request, issue.paper), "date": issue.date, "number": issue.number,
            "pages": [{"number": p.number, "name": p.name} for p in issue.pages.all()],
            "articles": [article_summary(request, a) for a in articles],
            "url": request.build_absolute_uri(issue.get_absolute_url()),
            "api_url": absolute(request, "api:issue", issue.paper.slug, issue.date.isoformat())}


def byline_data(request, byline) -> dict:
    slug = byline.person.slug
    return {"name": byline.person.name, "role": byline.role, "person": slug,
            "api_url": absolute(request, "api:person", slug), "feed_url": absolute(request, "tools:person-feed", slug)}


def article_summary(request, article) -> dict:
    issue = article.issue
    args = (issue.paper.slug, issue.date.isoformat(), article.seq)
    return {"paper": issue.paper.slug, "paper_name": issue.paper.name, "date": issue.date, "seq": article.seq,
            "page": article.page.number if article.page else None, "kind": article.kind,
            "column": article.column, "kicker": article.kicker, "title": article.title,
            "subtitle": article.subtitle, "bylines": [byline_data(request, b) for b in article.bylines.all()],
            "url": request.build_absolute_uri(article.get_absolute_url()),
            "api_url": absolute(request, "api:article", *args)}


def article_data(request, article) -> dict:
    issue = article.issue
    cite_args = (issue.paper.slug, issue.date.isoformat(), article.seq)
    return {
        **article_summary(request, article), "id": article.pk, "paper_ref": paper_ref(request, issue.paper),
        "page_name": article.page.name if article.page else "", "headline": article.headline,
        "dateline": {"source": article.dateline_source, "place": article.dateline_place,
                     "date": article.dateline_date},
        "editor_note": article.editor_note, "body": article.body, "paragraphs": article.paragraphs,
        "captions": [{"text": c.text, "credit": c.credit,
                      "photographer": c.photographer.slug if c.photographer else None}
                     for c in article.captions.all()],
        "sidebar": {"title": article.sidebar_title, "items": article.sidebar_items},
        "char_count": article.char_count,
        "citations": {"gbt7714": gbt7714(article),
                      **{f"{key}_url": absolute(request, "tools:citation", *cite_args, fmt)
                         for key, fmt in (("txt", "txt"), ("ris", "ris"), ("bibtex", "bib"))}},
    }


def person_summary(request, person) -> dict:
    return {"slug": person.slug, "name": person.name, "articles": person.article_count,
            "api_url": absolute(request, "api:person", person.slug),
            "feed_url": absolute(request, "tools:person-feed", person.slug)}


def hit_data(request, hit) -> dict:
    date = f"{hit.date:%Y-%m-%d}"
    highlighted = getattr(hit, "highlighted", None) or {}
    return {"paper": hit.paper, "paper_name": hit.paper_name, "date": hit.date.date(), "seq": hit.seq,
            "page": int(hit.page) if hit.page else None, "column": hit.column or "",
            "kicker": hit.kicker or "", "title": hit.title or "", "subtitle": hit.subtitle or "",
            "source": hit.source or "", "bylines": list(hit.bylines or ()),
            # Sorted by date, Whoosh puts the sort key where the score was.
            "score": hit.score if isinstance(hit.score, float) else None,
            "kicker_html": (highlighted.get("kicker") or [""])[0],
            "title_html": (highlighted.get("title") or [""])[0],
            "subtitle_html": (highlighted.get("subtitle") or [""])[0],
            "snippet_html": (highlighted.get("snippet") or [""])[0],
            "url": request.build_absolute_uri(reverse("archive:article", args=[hit.paper, date, hit.seq])),
            "api_url": absolute(request, "api:article", hit.paper, date, hit.seq)}


def paging_data(page: Page) -> dict:
    return {"total": page.total, "page": page.number, "per_page": page.per_page, "pages": page.pages,
            "next": page.next_url, "prev": page.prev_url}
