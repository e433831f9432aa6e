"""Reading one row's cells: its date, page string, paragraphs and bylines."""
from __future__ import annotations

import datetime
import html
import re

from archive.ingest import Byline
from archive.ingest.lines import classify
from archive.ingest.fields import parse_bylines, signature_bylines

DATE = re.compile(r"^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[\sT].*)?$"
                  r"|^\s*(\d{4})(\d{2})(\d{2})(?:[\sT].*)?$")
# 第2/3版:上海新闻, 第A2版：要闻, 03, A2, 【第3版】, 第3版 / 要闻 ...
PAGE = re.compile(r"^[【\[〖]?\s*(?:第\s*)?[A-Za-z]?\s*(?P<num>\d{1,3})(?:\s*/\s*\d{1,3})?\s*(?:版(?:次)?)?"
                  r"\s*[】\]〗]?\s*[：:·\-—/|]?\s*(?P<name>.*?)\s*$")
HTML_BREAK = re.compile(r"<\s*(?:br|/?p)\b[^>]*>", re.I)
HTML_TAG = re.compile(r"<[^>]{1,200}>")
# A crawl runs paragraphs together with their indent: two or more (full-width) spaces.
PARAGRAPH_BREAK = re.compile(r"\n|[ \u3000\u00a0\t]{2,}")
AUTHOR_SEPARATORS = re.compile(r"[;；\n]+")
NO_AUTHOR = {"", "na", "n/a", "none", "null", "无", "佚名", "-"}


def parse_date(text: str) -> datetime.date | None:
    match = DATE.match(text or "")
    if not match:
        return None
    year, month, day = (int(g) for g in match.groups() if g is not None)
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


def parse_page(texts: list[str]) -> tuple[int | None, str]:
    """(number, name) from one or more page cells: `第2/3版:上海新闻` -> (2, "上海新闻"),
    `第A2版：要闻` -> (2, "要闻"), `3` -> (3, ""), `要闻` -> (None, "要闻")."""
    number, name = None, ""
    for text in texts:
        text = (text or "").strip()
        match = PAGE.match(text)
        found_number, found_name = (int(match["num"]), match["name"]) if match else (None, text)
        number = number if number is not None else found_number
        name = name or found_name.strip("【】[]〖〗 ")
    return number, name


def paragraphs(text: str) -> list[str]:
    """A body's paragraphs, where a crawl ran them together: runs of spaces, <p>, <br>, newlines."""
    text = html.unescape(HTML_TAG.sub("", HTML_BREAK.sub("\n", text or "")))
    return [p.strip() for p in PARAGRAPH_BREAK.split(text) if p.strip()]


def author_bylines(text: str) -> list[Byline]:
    """An author cell: `张三;李四;`, `NA;` (nobody), `本报记者 张三；通讯员 李四`."""
    bylines = []
    for part in AUTHOR_SEPARATORS.split(text or ""):
        part = part.strip()
        if part.lower() in NO_AUTHOR:
            continue
        found = parse_bylines(part, default_role="作者")
        if not found and len(part) <= 20 and " " not in part:  # a name the Han-name reader does not know
            found = [Byline(part, "作者")]
        bylines += found
    return bylines


def body_bylines(lines: list[str]) -> list[Byline]:
    """Without an author column: the first or last line of the body, when the text parser would
    read it as a byline line (本报记者 张三, 某地 张三), read by its byline reader."""
    for line in (lines[:1] + lines[-1:]) if lines else []:
        if classify(line) == "byline":
            return signature_bylines(line) or parse_bylines(line)
    return []
