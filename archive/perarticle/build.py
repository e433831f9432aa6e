"""Rows -> parsed issues: one ParsedIssue per date, articles in file order."""
from __future__ import annotations

import datetime
import json
from dataclasses import dataclass, field

from archive.ingest import ParsedArticle, ParsedIssue
from archive.ingest.fields import parse_dateline, unique_bylines

from . import fields
from .reading import Row


@dataclass
class SourcedArticle(ParsedArticle):
    """An article given whole by its source, with the link it was found at."""
    url: str = ""

    def as_json(self) -> dict:
        return {**super().as_json(), "url": self.url}


@dataclass
class RowIssue:
    """One date's rows and what they parse into; `data` is the issue's source as kept
    (DATA_DIR/sources): its rows' fields as JSON lines, so its SHA-256 tells a changed issue."""
    date: datetime.date
    path: str  # the file of its first row, for messages
    parsed: ParsedIssue = field(default_factory=lambda: ParsedIssue(articles=[]))
    lines: list[str] = field(default_factory=list)

    @property
    def data(self) -> bytes:
        return "".join(line + "\n" for line in self.lines).encode("utf-8")


def cells(row: Row, columns: dict[str, list[str]]) -> dict[str, str]:
    """{field: text}; a field given by several columns takes the first non-empty one, except
    the page, whose number and name may stand in two columns (kept apart by a newline)."""
    out = {}
    for name, cols in columns.items():
        values = [row.values.get(c, "").strip() for c in cols]
        out[name] = "\n".join(values) if name == "page" else next((v for v in values if v), "")
    return out


def article(seq: int, row: Row, values: dict[str, str], has_author: bool) -> SourcedArticle:
    page, page_name = fields.parse_page(values["page"].split("\n"))
    paragraphs = fields.paragraphs(values["body"])
    found = parse_dateline(paragraphs[0]) if paragraphs else None
    dateline, dateline_bylines = found or (None, [])
    if has_author:
        bylines = fields.author_bylines(values["author"])
    else:
        bylines = dateline_bylines + fields.body_bylines(paragraphs)
    return SourcedArticle(
        seq=seq, line=row.line or row.record, page=page, page_name=page_name,
        column=values["column"], kicker=values["kicker"],
        title=values["title"], subtitle=values["subtitle"], dateline=dateline,
        bylines=unique_bylines(bylines), paragraphs=paragraphs, url=values["url"],
    )


def group_by_date(rows: list[tuple[Row, dict[str, list[str]]]]) -> list[RowIssue]:
    """Issues in order of their first row; raises the row's IngestError on a bad or missing date."""
    issues: dict[datetime.date, RowIssue] = {}
    for row, columns in rows:
        values = cells(row, columns)
        date = fields.parse_date(values["date"])
        if date is None:
            raise row.error(f"bad date {values['date']!r}: expected e.g. 2024-03-05, 2024/3/5, "
                            "20240305 or 2024年3月5日")
        if not (values["title"] or values["body"]):
            raise row.error("neither title nor body")
        issue = issues.setdefault(date, RowIssue(date, row.path))
        seq = len(issue.parsed.articles) + 1
        issue.parsed.articles.append(article(seq, row, values, bool(columns["author"])))
        issue.lines.append(json.dumps(values, ensure_ascii=False, sort_keys=True))
    return list(issues.values())
