"""Lines too long to look like headings that their place shows to be one: a
news subtitle over a dateline, a long news headline between a finished
paragraph and a dateline. And short lines that look like headings but are a
poem's verse."""
from __future__ import annotations

import re
from dataclasses import replace

from .fields import is_author_line, is_bare_author, parse_dateline
from .lines import Line
from .patterns import CAPTION_START, CLOSERS, FIGURE, FOLLOW_ON

SUBTITLE_MAX = 300
LONG_HEADLINE = 100  # a headline can run this long (and a page-opening line be its top)
TITLE_MAX = 40  # an exclaimed title is short
PHOTO_TITLE_MAX = 16  # …and a news photo's even shorter
PHOTO_CAPTION_LINES = 3  # caption paragraphs between a news photo's title and its credit
VERSE_MAX = 20  # a line of verse is short
VERSE_MIN = 3  # lines under a poem's author before they read as verse, not a headline
SENTENCE_MARK = re.compile(r"[，。！？；,!?;]")
BROKEN_TITLE_MAX = 16  # the first line of a title set over two lines
FINISHED = ("。", "！", "？", "”", "）", ")")  # a paragraph that ends so is over
# A news subtitle sums up what was decided or said; a lede paragraph opens with a time,
# a quotation or a bullet, and ends its sentence.
LEDE_START = re.compile(r"^(?:[■●◆“\"]|截至|\d{4}年|\d{1,2}月\d{1,2}日|[春秋]节期间|今年|去年|近年来|日前|近日)")


def promote_headings(lines: list[Line]) -> list[Line]:
    """The lines, those read as heading lines made so (new Line records; the
    input is left as it is). A long line between a heading and a dateline
    paragraph is a subtitle: the dateline always opens the body. Each decision
    sees the ones made above it."""
    lines = list(lines)
    for i in range(2, len(lines)):
        if (lines[i].kind == "text" and lines[i - 1].kind == "text" and lines[i - 2].kind == "head"
                and len(lines[i - 1].text) <= SUBTITLE_MAX and not _reads_as_lede(lines[i - 1].text)
                and parse_dateline(lines[i].text)
                and not parse_dateline(lines[i - 1].text)):
            lines[i - 1] = replace(lines[i - 1], kind="head")
        elif (_long_headline(lines, i - 1) or _exclaimed_title(lines, i - 1) or _photo_title(lines, i - 1)
              or _broken_title(lines, i - 1)):
            lines[i - 1] = replace(lines[i - 1], kind="head")
    return _verse_as_text(lines)


def _verse_as_text(lines: list[Line]) -> list[Line]:
    """A one-line title, its author line under it (春雨 / 某某, ◇ 某 某, 文/某某), then short
    heading-like lines: a poem, its verse the body. A headline never runs on under its
    writer's name. The verse ends where a line stands over the next piece's author line."""
    for i in range(1, len(lines) - 1):
        signed = (lines[i].kind == "head" and is_bare_author(lines[i].text)
                  or lines[i].kind == "byline" and is_author_line(lines[i].text))
        if not (signed and lines[i - 1].kind == "head" and (i < 2 or lines[i - 2].kind != "head")):
            continue
        end = i + 1
        while (end < len(lines) and lines[end].kind == "head" and len(lines[end].text) <= VERSE_MAX
               and not _over_author_line(lines, end)):
            end += 1
        if end - i - 1 >= VERSE_MIN:
            lines[i + 1:end] = [replace(line, kind="text") for line in lines[i + 1:end]]
    return lines


def _over_author_line(lines: list[Line], i: int) -> bool:
    under = lines[i + 1] if i + 1 < len(lines) else None
    return under is not None and (under.kind == "byline" or (under.kind == "head" and is_bare_author(under.text)))


def _long_headline(lines: list[Line], i: int) -> bool:
    """A line too long to look like a headline, with no sentence in it, between a
    finished paragraph and a dateline: a long news headline (李克强将出席…并对…进行正式访问)."""
    line, before = lines[i], lines[i - 1]
    return (line.kind == "text" and len(line.text) <= LONG_HEADLINE and not SENTENCE_MARK.search(line.text)
            and not CAPTION_START.match(line.text) and not LEDE_START.match(line.text)
            and before.kind == "text" and before.text.endswith(("。", "。”"))
            and bool(parse_dateline(lines[i + 1].text)))


def _exclaimed_title(lines: list[Line], i: int) -> bool:
    """A short exclamation or question right over a `——` subtitle is its title
    (“我们是一支不可战胜的力量！” / ——国庆70周年阅兵纪实)."""
    line, under = lines[i], lines[i + 1]
    return (line.kind == "text" and len(line.text) <= TITLE_MAX and not FOLLOW_ON.match(line.text)
            and line.text.rstrip(CLOSERS)[-1:] in "！？!?"
            and under.kind == "head" and bool(FOLLOW_ON.match(under.text)))


def _photo_title(lines: list[Line], i: int) -> bool:
    """A short exclamation over a caption or two and their credit titles a news
    photo (赶庙会喽！ / 近日，…… / 某某摄): a caption never ends on one."""
    line = lines[i]
    return (line.kind == "text" and len(line.text) <= PHOTO_TITLE_MAX and "。" not in line.text
            and line.text.rstrip(CLOSERS)[-1:] in "！？!?"
            and any(under.kind == "credit" for under in lines[i + 1:i + 1 + PHOTO_CAPTION_LINES]))


def _broken_title(lines: list[Line], i: int) -> bool:
    """A short clause ending on a comma after a finished paragraph, over a heading line that a
    byline line, a `——` subtitle or a dateline follows (菜市场变亮堂了， / 买菜的人更多了 /
    本报记者 某某): the top of a title set over two lines (headline.py joins them). Verse
    runs on in sentences (停车随时离场， / 缴费不必匆忙。)."""
    line, before, under = lines[i], lines[i - 1], lines[i + 1]
    if not (line.kind == "text" and len(line.text) <= BROKEN_TITLE_MAX and line.text.endswith(("，", ","))
            and not SENTENCE_MARK.search(line.text[:-1]) and before.text.endswith(FINISHED)):
        return False
    after = lines[i + 2] if i + 2 < len(lines) else None
    return (under.kind == "head" and not FOLLOW_ON.match(under.text) and after is not None
            and (after.kind == "byline" or bool(FOLLOW_ON.match(after.text)) or bool(parse_dateline(after.text))))


def _reads_as_lede(text: str) -> bool:
    return bool(LEDE_START.match(text) or FIGURE.match(text)) or text.endswith(("。", "。”"))
