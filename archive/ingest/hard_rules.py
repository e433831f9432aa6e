"""Runs of heading lines whose fate the evidence need not weigh: what can
never open an article, and what always does."""
from __future__ import annotations

import re

from . import cues
from .blocks import Block, body_chars, opens_with_dateline
from .items import credited_photo_report, editors_intro, is_editors_box
from .lines import Line
from .patterns import COLUMN_TAG, DISPATCH_NOTE, FIGURE, FOLLOW_ON, SIGN_OFF_DATE, SPEECH_TITLE, VOICE_WITH_ROLE
from .roundups import roundup_brief

DISPATCH_END = re.compile(r"电[）)]$")
# Where a piece came from or who wrote it up: （摘自…致辞）, （执笔：某某）, （综合某某、某某报道）.
ATTRIBUTION = re.compile(r"^[（(](?:摘自|摘编自|执笔[：:]|综合)")
# A table's or a chart's own caption: 表1  中国中小城市的构成.
TABLE_CAPTION = re.compile(r"^附?[表图]\s*\d{1,2}(?:\s|$)")
# A paragraph whose last sentence asks (…如何？), or asks and says who went to find
# out (…有哪些变化？记者进行了采访。).
ASKS = re.compile(r"[？?][”」]?[^？?。！!]{0,40}。?$")
LEDE_CHARS = 600  # an article asks what it will answer within its first paragraphs


def never_starts(lines: list[Line], i: int, end: int, current: Block) -> bool:
    run = lines[i:end]
    return bool(SIGN_OFF_DATE.match(run[-1].text) or TABLE_CAPTION.match(run[0].text)
                or roundup_brief(lines, end, current.heads) or _ends_article(lines, end)
                or _quote_furniture(run) or _under_box_label(lines, i) or _refers_back(run, current)
                or _answers_lede(lines, i, end, current) or _a_voice(run) or _explains_figure(lines, i))


def always_starts(lines: list[Line], i: int, end: int, current: Block) -> bool:
    # An editors' box has no sub-headings: the first heading after its text is the next article's.
    # A speech printed in full is a piece of its own, whatever the report before it said.
    return ((is_editors_box(current) and body_chars(current) > 0) or editors_intro(lines, end)
            or _after_sign_off(lines, i) or credited_photo_report(lines, i, current)
            or _next_dated_report(lines, end, current)
            or any(SPEECH_TITLE.match(line.text) for line in lines[i:end]))


def _ends_article(lines: list[Line], end: int) -> bool:
    """An end note right under the run ((作者为…), （新华社…电）) closes the current
    article: the run is its last lines (an author's name, a list), not a headline."""
    return end < len(lines) and lines[end].kind == "endnote"


def _quote_furniture(run: list[Line]) -> bool:
    """`——某某（身份）` alone under a quote or a speech (no article opens on a dash),
    or a lead-in alone into a quote (某某在信中写道——: a kicker has its title under it)."""
    text = run[0].text
    return len(run) == 1 and (bool(FOLLOW_ON.match(text)) or text.endswith("——"))


def _under_box_label(lines: list[Line], i: int) -> bool:
    """A box label (记者手记, 延伸阅读, 核心阅读, 编者按) heads what follows it inside the
    article; only 短评 may head a commentary of its own."""
    return i > 0 and lines[i - 1].kind == "marker" and lines[i - 1].text.rstrip("：:") != "短评"


def _refers_back(run: list[Line], current: Block) -> bool:
    """A line that repeats the start of the current headline (a list's title under
    `2018年某某年度人物发布活动`, a shortened running head) refers back to it."""
    text = run[0].text
    return len(run) == 1 and len(text) >= 4 and any(
        head.text.startswith(text) and len(head.text) > len(text) for head in current.heads)


def _a_voice(run: list[Line]) -> bool:
    return len(run) == 1 and bool(VOICE_WITH_ROLE.match(run[0].text))


def _explains_figure(lines: list[Line], i: int) -> bool:
    """A line right under a big printed figure (17万人次 / 春节期间全市日均出动警力17万人次)
    says what the figure counts: a panel of the article's figures, not a headline."""
    return i > 0 and lines[i - 1].kind == "text" and bool(FIGURE.match(lines[i - 1].text))


def _answers_lede(lines: list[Line], i: int, end: int, current: Block) -> bool:
    """A lede that ends on the questions the article sets out to answer leads into
    its first sub-heading, unless the run carries an article's own marks (a
    column tag, a `——` subtitle, a dateline under it)."""
    before, run = lines[i - 1] if i else None, lines[i:end]
    if before is None or before.kind != "text" or not ASKS.search(before.text):
        return False
    if body_chars(current) >= LEDE_CHARS or any(COLUMN_TAG.search(line.text) for line in run):
        return False
    dash_subtitle = len(run) >= 2 and bool(FOLLOW_ON.match(run[-1].text))
    return not dash_subtitle and not cues.dateline_follows(lines, end)


def _next_dated_report(lines: list[Line], end: int, current: Block) -> bool:
    """A report carries one dateline: a heading over another one, inside an article
    that opened with its own, heads the next report (a column of dated briefs)."""
    return cues.dateline_follows(lines, end) and opens_with_dateline(current.lines[len(current.heads):])


def _after_sign_off(lines: list[Line], i: int) -> bool:
    """A dispatch's sign-off, its reporters before or after the place and date
    (（记者某某 布鲁塞尔10月24日电）, （本报某地5月3日电  记者某某）), or a note of where
    the piece came from (（摘自…）, （执笔：…）) ends its article."""
    if i == 0 or lines[i - 1].kind != "endnote":
        return False
    note = lines[i - 1].text
    return bool(DISPATCH_END.search(note) or DISPATCH_NOTE.match(note) or ATTRIBUTION.match(note))
