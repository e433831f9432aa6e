"""Turn one segmented block into a ParsedArticle. The headline and its roles are
read by headline.py; this module reads what is under it: editor's note,
sidebar, dateline and bylines, captions, paragraphs, duplicates."""
from __future__ import annotations

import re

from .blocks import Block
from .fields import (
    PHOTOGRAPHER, closing_bylines, credit_bylines, ends_on_credit, is_bare_author, parse_bylines, parse_dateline,
    signature_bylines, split_credit, unique_bylines,
)
from .headline import COLUMN, KICKER, SUBTITLE, TITLE, Headline, read_headline
from .items import PICTURE_GAP
from .lines import Line, bullet_item
from .patterns import BYLINE_LINE, CAPTION_START, EDITOR_NOTE, NOTICE_TITLE
from .records import Byline, Caption, ParsedArticle, Sidebar


def build_article(block: Block, seq: int, headline: Headline | None = None) -> ParsedArticle:
    """`headline`: the block's read_headline(), when the caller has it already."""
    headline = headline or read_headline(block)
    article = ParsedArticle(
        seq=seq, line=block.lines[0].no, page=block.page, page_name=block.page_name,
        column=headline.text(COLUMN), kicker=headline.text(KICKER), title=headline.text(TITLE),
        subtitle=headline.text(SUBTITLE), dropped_duplicates=list(headline.dropped),
    )
    _read_body(article, headline.body, headline.sidebar_title)
    article.kind = _kind(article)
    return article


def _read_body(article: ParsedArticle, body: list[Line], sidebar_title: str) -> None:
    items: list[str] = []
    note_open = False
    taken = -1  # a line already read as the caption of the credit above it
    for index, line in enumerate(body):
        if index == taken:
            continue
        text = line.text
        following = body[index + 1] if index + 1 < len(body) else None
        if line.kind == "marker" and EDITOR_NOTE.match(text):
            note_open = True
            continue
        if EDITOR_NOTE.match(text) and len(text) > 6:
            article.editor_note.append(EDITOR_NOTE.sub("", text, count=1).strip())
            continue
        if note_open and not parse_dateline(text) and line.kind == "text":
            article.editor_note.append(text)
            continue
        note_open = False
        if not items and not sidebar_title and _titles_closing_box(body, index):
            sidebar_title = text
            continue
        if line.kind == "bullet" and (items or sidebar_title or _next_is_bullet(body, index)):
            items.append(bullet_item(text))
            continue
        if line.kind == "credit" and article.captions and not article.captions[-1].credit:
            article.captions[-1].credit = text
            article.bylines += credit_bylines(text)
            continue
        if _credits_caption_below(article, line, following):
            article.captions.append(Caption(following.text, text))
            article.bylines += credit_bylines(text)
            taken = index + 1
            continue
        if _is_caption(line, following) or _credited_above(body, index):
            _add_caption(article, text)
            continue
        _add_paragraph(article, line)
    if items:
        article.sidebar = Sidebar(sidebar_title, items)
    elif sidebar_title:
        article.paragraphs.insert(0, sidebar_title)
    article.bylines = unique_bylines(article.bylines)


def _titles_closing_box(body: list[Line], index: int) -> bool:
    """A heading line after the story's prose over bullets that run to its end (护眼小贴士 /
    ● … / ● …): the title of the box that closes the story, not a paragraph."""
    rest = body[index + 1:]
    return (body[index].kind == "head" and index > 0 and len(rest) >= 2
            and all(line.kind == "bullet" for line in rest))


def _next_is_bullet(body: list[Line], index: int) -> bool:
    return index + 1 < len(body) and body[index + 1].kind == "bullet"


def _credits_caption_below(article: ParsedArticle, line: Line, following: Line | None) -> bool:
    """A photographer's credit opening the body (本报记者 某某 摄, under the picture) over a
    plain line: that line is the picture's caption, credited so."""
    if line.kind != "credit" or article.paragraphs or article.captions or following is None:
        return False
    split = split_credit(line.text)
    return (bool(split) and not split[0] and bool(credit_bylines(split[1])) and following.kind == "text"
            and not split_credit(following.text))


def _is_caption(line: Line, following: Line | None) -> bool:
    if line.kind != "text":
        return False
    if CAPTION_START.match(line.text):
        return True
    if following is not None and following.kind == "credit" and split_credit(following.text):
        return True
    return ends_on_credit(line.text)


CAPTION_MAX = 40  # a caption the byline line credits is one short sentence


def _credited_above(body: list[Line], index: int) -> bool:
    """One short sentence right under a picture slot, in a story whose byline line names
    who took its pictures (文/某某  图/某某, 文图/某某): that picture's caption, credited
    there, not a paragraph."""
    line = body[index]
    if line.kind != "text" or line.gap < PICTURE_GAP or len(line.text) > CAPTION_MAX:
        return False
    if not line.text.endswith("。") or "。" in line.text[:-1]:
        return False
    return any(b.role == PHOTOGRAPHER for earlier in body[:index] if earlier.kind == "byline"
               for b in signature_bylines(earlier.text) or parse_bylines(earlier.text))


def _add_caption(article: ParsedArticle, text: str) -> None:
    split = split_credit(text)
    if split and split[0]:
        article.captions.append(Caption(split[0], split[1]))
        article.bylines += credit_bylines(split[1])
    else:
        article.captions.append(Caption(text, ""))


def _add_paragraph(article: ParsedArticle, line: Line) -> None:
    text = line.text
    if article.paragraphs and article.paragraphs[-1] == text:
        article.dropped_duplicates.append(text)
        return
    if not article.paragraphs and article.dateline is None:
        found = parse_dateline(text)
        if found:
            article.dateline, bylines = found
            article.bylines = bylines + article.bylines
    if line.kind in ("text", "endnote"):
        article.bylines += closing_bylines(text)
    byline_text = text if line.kind == "byline" else ""
    author = WRITER_IS.sub("", text)  # 某某（作家）: the name and what the writer is
    if not article.paragraphs and line.kind == "head" and is_bare_author(author):
        article.bylines.append(Byline(re.sub(r"\s+", "", author), "作者"))  # an essay's bare author line
    # A help desk's label (记者调查) may open the body: a label, never a reporter's name.
    if not byline_text and line.kind == "text" and len(article.paragraphs) < 2 and not article.bylines:
        byline_text = _leading_byline(text)
    if byline_text:
        known = {b.name for b in article.bylines}
        found = signature_bylines(byline_text) or parse_bylines(byline_text)
        article.bylines += [b for b in found if b.name not in known]
    article.paragraphs.append(text)


WRITER_IS = re.compile(r"\s*[（(][^（()）]{1,20}[）)]$")
LEADING_BYLINE = re.compile(
    r"^[（(][^（()）]{2,40}[）)]|^(?:本报)?(?:见习|实习|特约)?记者[^\s，。：]{2,4}(?:、[^\s，。：]{2,4})*(?=\s|$|：|:)")


def _leading_byline(text: str) -> str:
    """`（记者 张三 李四）` or `记者张三、李四` opening a paragraph."""
    head = LEADING_BYLINE.match(text)
    return head.group() if head and BYLINE_LINE.match(head.group()) else ""


def _kind(article: ParsedArticle) -> str:
    if article.captions and not article.paragraphs:
        return "photo"
    if NOTICE_TITLE.search(article.title):
        return "notice"
    return "article"
