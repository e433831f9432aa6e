"""Runs of heading lines whose fate the evidence need not weigh: what can
never open an article, and what always does. Each rule looks at one `Candidate`;
starts.py registers them by name, never-rules first."""
from __future__ import annotations

import re

from . import cues
from .blocks import body_chars, opens_with_dateline
from .cues import Candidate
from .items import credited_photo_report, editors_intro, is_editors_box
from .patterns import (
    ANNOUNCES_TEXT, COLUMN_TAG, DATE_LINE, DISPATCH_NOTE, FIGURE, FOLLOW_ON,
    FURTHER_READING, SIGN_OFF_DATE, SPEECH_TITLE, VOICE_WITH_ROLE, YEAR_DATE_LEDE,
)
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


# --- never: the run is part of the current article -------------------------------

def sign_off_date(c: Candidate) -> bool:
    """The run ends on a bare date (2019年10月25日于北京): a letter's sign-off."""
    return bool(SIGN_OFF_DATE.match(c.run[-1].text))


def table_caption(c: Candidate) -> bool:
    """表1  某某: a table's or a chart's own caption."""
    return bool(TABLE_CAPTION.match(c.run[0].text))


def roundup_brief_item(c: Candidate) -> bool:
    return roundup_brief(c.lines, c.end, c.current.heads)


def ends_article(c: Candidate) -> bool:
    """An end note right under the run ((作者为…), （新华社…电）) closes the current
    article: the run is its last lines (an author's name, a list), not a headline."""
    return c.end < len(c.lines) and c.lines[c.end].kind == "endnote"


def quote_furniture(c: Candidate) -> bool:
    """`——某某（身份）` alone under a quote or a speech (no article opens on a dash),
    or a lead-in alone into a quote (某某在信中写道——: a kicker has its title under it)."""
    text = c.run[0].text
    return len(c.run) == 1 and (bool(FOLLOW_ON.match(text)) or text.endswith("——"))


def under_box_label(c: Candidate) -> bool:
    """A box label (记者手记, 延伸阅读, 核心阅读, 编者按) heads what follows it inside the
    article; only 短评 may head a commentary of its own."""
    above = c.lines[c.i - 1] if c.i > 0 else None
    return above is not None and above.kind == "marker" and above.text.rstrip("：:") != "短评"


def refers_back(c: Candidate) -> bool:
    """A line that repeats the start of the current headline (a list's title under
    `2018年某某年度人物发布活动`, a shortened running head) refers back to it."""
    text = c.run[0].text
    return len(c.run) == 1 and len(text) >= 4 and any(
        head.text.startswith(text) and len(head.text) > len(text) for head in c.current.heads)


def answers_lede(c: Candidate) -> bool:
    """A lede that ends on the questions the article sets out to answer leads into
    its first sub-heading, unless the run carries an article's own marks (a
    column tag, a `——` subtitle, a dateline under it)."""
    before = c.lines[c.i - 1] if c.i else None
    if before is None or before.kind != "text" or not ASKS.search(before.text):
        return False
    if body_chars(c.current) >= LEDE_CHARS or any(COLUMN_TAG.search(line.text) for line in c.run):
        return False
    return not cues.dash_subtitled(c.run) and not cues.dateline_follows(c.lines, c.end)


def a_voice(c: Candidate) -> bool:
    """A name and what the speaker does, alone (某某（乐队指挥）): one voice of a forum."""
    return len(c.run) == 1 and bool(VOICE_WITH_ROLE.match(c.run[0].text))


def explains_figure(c: Candidate) -> bool:
    """A line right under a big printed figure (17万人次 / 春节期间全市日均出动警力17万人次)
    says what the figure counts: a panel of the article's figures, not a headline."""
    above = c.lines[c.i - 1] if c.i > 0 else None
    return above is not None and above.kind == "text" and bool(FIGURE.match(above.text))


def announced_text(c: Candidate) -> bool:
    """A paragraph that announces the text under it (…全文如下。, 现将有关事项公告如下：)
    is followed by that text: its title and sections belong to the article."""
    return c.before is not None and c.before.kind == "text" and bool(ANNOUNCES_TEXT.search(c.before.text))


def further_reading(c: Candidate) -> bool:
    """A heading tagged （延伸阅读） adds to the story above it, even after its sign-off."""
    return any(FURTHER_READING.search(line.text) for line in c.run)


def chronicle_entry(c: Candidate) -> bool:
    """A chronicle (大事记, a history of milestones) heads each entry and opens it on
    its date, year first (2016年5月17日，…): an entry whose text opens so, under one
    that did too, goes on with it, unless it carries a tag or a subtitle of its own."""
    if not (c.after and YEAR_DATE_LEDE.match(c.after.text)):
        return False
    if any(COLUMN_TAG.search(line.text) for line in c.run) or cues.dash_subtitled(c.run):
        return False
    lines = c.current.lines
    last_head = max((j for j, line in enumerate(lines) if line.kind == "head"), default=None)
    return (last_head is not None and last_head + 1 < len(lines)
            and bool(YEAR_DATE_LEDE.match(lines[last_head + 1].text)))


# --- always: the run starts an article --------------------------------------------

def after_editors_box(c: Candidate) -> bool:
    """An editors' box has no sub-headings: the first heading after its text is the next article's."""
    return is_editors_box(c.current) and body_chars(c.current) > 0


def heads_editors_intro(c: Candidate) -> bool:
    return editors_intro(c.lines, c.end)


def after_sign_off(c: Candidate) -> bool:
    """A dispatch's sign-off, its reporters before or after the place and date
    (（记者某某 布鲁塞尔10月24日电）, （本报某地5月3日电  记者某某）), or a note of where
    the piece came from (（摘自…）, （执笔：…）) ends its article."""
    if c.i == 0 or c.lines[c.i - 1].kind != "endnote":
        return False
    note = c.lines[c.i - 1].text
    return bool(DISPATCH_END.search(note) or DISPATCH_NOTE.match(note) or ATTRIBUTION.match(note))


def after_photo_report(c: Candidate) -> bool:
    return credited_photo_report(c.lines, c.i, c.current)


def next_dated_report(c: Candidate) -> bool:
    """A report carries one dateline: a heading over another one, inside an article
    that opened with its own, heads the next report (a column of dated briefs)."""
    return (cues.dateline_follows(c.lines, c.end)
            and opens_with_dateline(c.current.lines[len(c.current.heads):]))


def speech_title(c: Candidate) -> bool:
    """A speech printed in full is a piece of its own, whatever the report before it said."""
    return any(SPEECH_TITLE.match(line.text) for line in c.run)


def dated_document(c: Candidate) -> bool:
    """A title over its date note (某某决定 / （2019年1月3日）, 某某名单 / （…会议通过）)
    heads a document printed in full: a piece of its own."""
    return any(DATE_LINE.match(line.text) for line in c.run[1:])
