"""Split a dump into numbered, stripped lines and say what each one is."""
from __future__ import annotations

import re
from dataclasses import dataclass

from .fields import column_of, has_trailing_byline, is_author_line, is_role_and_deed, page_marker, split_credit
from .patterns import (
    AGENCY_PHOTO, CLOSERS, AUTHOR_LINE, BOX_HEADER, BRACKETED_LABEL, BYLINE_LINE, COLUMN_BY_ROLE, DATE_LINE, DISPATCH_NOTE, EDITORS_SIGN_OFF, END_NOTE,
    FIGURE, FURNITURE, MARKER, NAME, NUMBER_IN_BRACKETS, POINTER, POINTER_MARKS, SERVICE_BOX,
    SERVICE_BOX_MAX, TWO_HALF_CRY,
)

# Indents in dumps: ASCII and full-width spaces, no-break spaces, BOMs mid-file.
STRIP = " \t\u3000\u00a0\ufeff\u200b"
# Sentence-ending punctuation: a line ending with one is body text, not a heading.
TERMINAL = set("。！？；：…!?;:，,、")
MAX_HEADING = 60
# One sentence closed by a full stop, then a bracketed note closing the line (…的职务。
# （新华社北京2月24日电）, …同比增长一成。（见表2）, …。（记者 某某）): the end of a short
# paragraph, whose last character is no sentence mark only because of the note; a headline
# holds no full stop. (With two sentences or more the line is body too, but counting those
# here moved the refitted weights enough to cost one left-out month an article:
# docs/parsing.md.)
ENDED_BEFORE_NOTE = re.compile(r"^[^。]*。[”’」』]*[（(][^。（()）]*[）)]$")
# A full stop with more text after it than closing marks.
INNER_STOP = re.compile(r"。(?![”’」』）)]*$)")
BULLET = re.compile(r"^(?:[-–•●◆▪◇○◎□√]|\*)\s*")
DESIGN_ROLE = (r"(?:版式设计|版式|制图|图表|摄影|数据来源|资料来源|图片来源|美术编辑"
               r"|责任编辑|责编|编辑|统筹|策划|供图|采访整理|整理|设计|插图|绘图|漫画|作者)")
DESIGN_CREDIT = re.compile(
    rf"^(?:本版|本期|版面|资料|文字|图片|数据|视频|稿件|剧照|题图)?{DESIGN_ROLE}(?:[、/]{DESIGN_ROLE})*[：:]"
    r"|^[\u4e00-\u9fff]{2,16}供图$|^[·•]?广告[·•]?$|^版式设计\s+[\u4e00-\u9fff ]{2,12}$|^本版(?:照片|图片).{2,20}$"
    r"|^[\u3400-\u9fff ]{2,8}图(?:[（(][^（()）]{2,10}[）)])?\s+[\u3400-\u9fff ]{2,8}文$"
    r"|^(?:影像中国|人民视觉|视觉中国|新华社发|资料图片)$|^图片由.{2,40}提供$|^.{0,12}扫描二维码.{0,8}$"
    # A cartoon's artist with the agency that sent it: 某某作（新华社发）
    rf"|^{NAME}\s*作[（(][\u4e00-\u9fff]{{2,8}}发[）)]$"
    r"|^.{0,8}邮箱[：:]|^.{0,30}[\w.-]+@[\w-]+\.[\w.]+$")
# Summary points under a commentary title: ■ 积极探索…
SUMMARY = re.compile(r"^[■◆▲]\S.{14,}")
# The details of an event or a notice, set out as fields (时间：… / 主办单位：…), are body;
# so are the rows of a table of fields (书名：柳湾春秋        作者：周明).
FIELD_LINE = re.compile(r"^[\u4e00-\u9fff]{1,4}[：:]\S+\s{2,}[\u4e00-\u9fff]{1,4}[：:]\S|^(?:时间|日期|地点|地址|电话|网址|邮箱|联系人|(?:主办|承办|协办|指导|支持)(?:单位)?|准备材料|材料)[：:]\s*\S")
# A contact line: a label, then a telephone number (举报电话：010-12345678, 传真：（010）12345678,
# 报料热线：400-123-4567): details of a notice or a story, never a heading.
PHONE_LINE = re.compile(r"[：:]\s*(?:[（(]?0\d{2,3}[）)]?-?\d{7,8}|[48]00-?\d{3}-?\d{4})$")
# Phrases set apart by two full-width spaces are a banner or a table row laid out in
# columns (看人民映像　　品百味人生); headlines part their phrases with plain spaces.
LAID_OUT = re.compile(r"\S\u3000{2,}\S")
# An editor's sign-off, or a reader's web handle under a comment: ——编 者, ——@某某
SIGN_OFF = re.compile(rf"{EDITORS_SIGN_OFF.pattern}|^——\s*@\S{{1,20}}$")


@dataclass(frozen=True)
class Line:
    """One printed line. Frozen: a stage that reads a line otherwise makes a new
    one (dataclasses.replace), so no stage rewrites what another decided."""
    no: int  # 1-based line number in the source
    text: str
    gap: int  # blank lines before this one
    kind: str  # page, head, text, bullet, marker, credit, byline, endnote (furniture is dropped)
    indented: bool = False  # printed with leading spaces


def split_lines(text: str) -> list[Line]:
    """Numbered, classified lines; page furniture is dropped here (as a blank line)."""
    printed: list[tuple[int, str, int, str, bool]] = []
    gap = 0
    for no, raw in enumerate(text.splitlines(), 1):
        stripped = raw.strip(STRIP)
        kind = classify(stripped) if stripped else ""
        if kind == "page" and printed and _lists_contents(printed[-1]) and POINTER.search(stripped):
            kind = "text"  # a 导读 entry naming its page first (第3版  某某), not a new page
        if kind in ("", "furniture"):
            gap += 1
            continue
        if kind == "head" and printed and printed[-1][3] == "text" and holds_a_sentence(stripped):
            kind = "text"  # a paragraph the dump broke, or one printed short: not a heading under body text
        printed.append((no, stripped, gap, kind, raw[:1] in INDENTS))
        gap = 0
    return [Line(no, text, gap, _in_context(kind, text, printed[k + 1:k + 2]), indented)
            for k, (no, text, gap, kind, indented) in enumerate(printed)]


def _lists_contents(line: tuple) -> bool:
    """A 导读 box's header, or one of its entries that names its page first: what a
    contents entry follows. (A story's last line may point on, （下转第二版）: the page
    marker after it is a page.)"""
    text, kind = line[1], line[3]
    return bool(BOX_HEADER.match(text)) or (kind == "text" and text[:1] in PAGE_LETTERS
                                            and POINTER.search(text) is not None)


def _in_context(kind: str, text: str, following: list[tuple]) -> str:
    """What the next line says about this one: `导读` over lines that point to pages
    heads the front page's 导读 box (elsewhere it is a help desk's sub-head), and a
    marked tag over a headline line (● 聚焦两会) is its column, not a list item, while a
    bracketed one right over prose labels a box (a column's tag stands over a title)."""
    if kind == "marker" and BOX_HEADER.match(text) and following and POINTER.search(following[0][1]):
        return "head"
    if kind == "bullet" and column_of(text) and following and following[0][3] == "head":
        return "head"
    if kind == "head" and BRACKETED_LABEL.match(text) and following and following[0][3] == "text" \
            and re.search(rf"。[{CLOSERS}]*$", following[0][1]):
        return "marker"  # 【法官说法】, 【点评】 over prose (a question under 【民生热线】 is a title)
    return kind


INDENTS = set(" \t\u3000\u00a0")
BYLINE_MARKS = set("□■◎○●◆")  # marks some papers print before a byline
PAGE_LETTERS = set("ABCDEFGH第")  # a 导读 entry may name its page first (A3  某某)
MARKED_MIN_SHARE = 0.5  # of the lines indented, for indentation to mean "body"
MARKED_HEADING_SHARE = 0.8  # of the flush lines that must read as headings


def heading_over(lines: list[Line], pattern: re.Pattern, start: int = 0) -> bool:
    """A heading in lines[start:] stands over a text line that opens so (a letter's
    salutation, a chronicle entry's date): the shape of a feature made of headed parts."""
    return any(lines[k].kind == "head" and lines[k + 1].kind == "text" and pattern.match(lines[k + 1].text)
               for k in range(start, len(lines) - 1))


def indent_marks_body(lines: list[Line]) -> bool:
    """Does this dump indent every body paragraph and leave headlines flush?
    Many do (two full-width spaces, as printed); then the indent, not the
    wording, tells a headline from a paragraph or a sub-heading."""
    printed = [line for line in lines if line.kind != "page"]
    flush = [line for line in printed if not line.indented]
    if not flush or len(flush) > len(printed) * (1 - MARKED_MIN_SHARE):
        return False
    headlike = sum(1 for line in flush if len(line.text) <= 2 * MAX_HEADING)
    return headlike >= len(flush) * MARKED_HEADING_SHARE


def classify(text: str) -> str:
    if page_marker(text):
        return "page"
    if FURNITURE.match(text) or (len(text) <= SERVICE_BOX_MAX and SERVICE_BOX.match(text)):
        return "furniture"
    if MARKER.match(text):
        return "marker"
    if is_author_line(text):
        return "byline"
    if len(text) <= 40 and is_marked_byline(text):
        return "byline"  # reporters under a box mark (□ 本报记者 某某), not a list item
    if text[:1] in POINTER_MARKS and len(text) <= MAX_HEADING and POINTER.search(text):
        return "text"  # a 导读 entry (▶ 某某 A3, ●某某（A3）), not a list item
    if BULLET.match(text) and len(text) < 120 and not text.startswith("——"):
        return "bullet"
    if is_credit(text):
        return "credit"
    if len(text) <= 40 and (BYLINE_LINE.match(text) or AUTHOR_LINE.match(text)) and not is_role_and_deed(text):
        return "byline"
    if DATE_LINE.match(text) or NUMBER_IN_BRACKETS.match(text):
        return "head"
    if END_NOTE.match(text) or SIGN_OFF.match(text) or DISPATCH_NOTE.match(text):
        return "endnote"
    # A pointer (…详见第5版, …（详见A3）) or a reporter's name (…。  本报记者  某某) ends a paragraph, not a heading.
    points = ("版" in text or "见" in text or text[:1] in PAGE_LETTERS) and POINTER.search(text)
    if len(text) <= MAX_HEADING and (points or has_trailing_byline(text)):
        return "text"
    if (looks_like_heading(text) and not split_credit(text) and not SUMMARY.match(text)
            and not FIGURE.match(text) and not LAID_OUT.search(text) and not FIELD_LINE.match(text)
            and not PHONE_LINE.search(text)):
        return "head"
    return "text"


def is_marked_byline(text: str) -> bool:
    """□ 本报记者 某某, ■记者 某某 通讯员 某某 (but ■ 记者手记 labels a box, and ◆ 记者蹲点 names a
    column: a column's mark before a role glued to one two-character word)."""
    if text[:1] not in BYLINE_MARKS:
        return False
    rest = text[1:].lstrip(STRIP)
    return bool(BYLINE_LINE.match(rest)) and not MARKER.match(rest) and not COLUMN_BY_ROLE.match(text)


def is_credit(text: str) -> bool:
    if len(text) > 50:
        return False
    split = split_credit(text)
    return bool((split and not split[0]) or AGENCY_PHOTO.match(text)
                or DESIGN_CREDIT.match(text))


def holds_a_sentence(text: str) -> bool:
    """A full stop inside the line (…一天。对这条原则，…): a heading holds none. (Under a
    heading such a line is a commentary's lede, which headline.py reads as body.)"""
    return bool(INNER_STOP.search(text)) and not text.endswith("——")


def looks_like_heading(text: str) -> bool:
    if len(text) > MAX_HEADING:
        return False
    if ENDED_BEFORE_NOTE.search(text):
        return False
    core = text.rstrip(CLOSERS)
    return bool(core) and core[-1] not in TERMINAL or text.endswith("——") or bool(TWO_HALF_CRY.match(text))


def bullet_item(text: str) -> str:
    return BULLET.sub("", text, count=1)
