"""Runs of heading lines whose fate the evidence need not weigh: what can
never open an article, and what always does. Each rule looks at one `Candidate`;
starts.py registers them by name, never-rules first."""
from __future__ import annotations

import re

from . import cues
from .blocks import body_chars, opens_with_dateline
from .cues import Candidate
from .lines import heading_over
from .items import INTRO_MAX, credited_photo_report, editors_intro, is_editors_box, is_notice_heading
from .fields import closing_bylines, column_of, has_trailing_byline, is_author_line, is_bare_author, parse_dateline, signature_bylines
from .patterns import (
    ANNOUNCES_TEXT, BARE_COLUMN, BOX_HEADER, COLUMN_TAG, DATE_LINE, DISPATCH_NOTE, EDITORS_SIGN_OFF, FIGURE, FOLLOW_ON, FURTHER_READING,
    INSTALMENT_LEAD_IN, KEY_POINTS, MEDIA, NOTICE_TITLE, POINTER,
    PHOTO_HEADINGS, POINTER_MAX, PRESIDED_LINE, SALUTATION, SERVICE_COLUMN, SIGN_OFF_DATE, SPEECH_TITLE, VOICE_WITH_ROLE, WRITER_CREDIT, YEAR_DATE_LEDE,
)
from .roundups import roundup_brief

DISPATCH_END = re.compile(r"电[）)]$")
# Where a piece came from or who wrote it up: （摘自…致辞）, （执笔：某某）, （综合某某、某某报道）,
# （来源：某某局）.
ATTRIBUTION = re.compile(r"^[（(](?:摘自|摘编自|执笔[：:]|综合|来源[：:])")
# Local papers close a story on its reporter or its source: （记者 某某）, （据新华社）,
# （本报综合）. (People's Daily signs the items of a roundup （本报记者某某）, （据新华社电）
# or （某某整理）: those do not end the article.)
_LOCAL_SOURCE = r"本报综合|据[^（()）电]{2,8}"
LOCAL_SIGN_OFF = re.compile(rf"^[（(](?:记者\s*[^（()）]{{2,12}}|{_LOCAL_SOURCE})[）)]$")
# …or the same source closing the last sentence: …票价十二元。（据新华社）
SOURCE_CLOSING = re.compile(rf"[。！？”…][（(](?:{_LOCAL_SOURCE})[）)]$")
# Bylines People's Daily never prints under the sub-heads of one feature (it signs
# those 本报记者 某某): a chief, trainee or stringer, or a bare 记者 opening the line.
# A reporter of a paper named in full (晚报记者, 某某日报首席记者) is a local paper's too.
LOCAL_BYLINE = re.compile(rf"^[（(]?记者|(?:首席|见习|实习|特约|{'|'.join(MEDIA)})记者|通讯员|实习生"
                          r"|(?:晚报|晨报|都市报|商报|(?<!人民)日报)\S{0,3}记者")
# A table's or a chart's own caption: 表1  中国中小城市的构成.
TABLE_CAPTION = re.compile(r"^附?[表图]\s*\d{1,2}(?:\s|$)")
# A paragraph whose last sentence asks (…如何？), or asks and says who went to find
# out (…有哪些变化？记者进行了采访。).
ASKS = re.compile(r"[？?][”」]?[^？?。！!]{0,40}。?$")
# A page named for literature (第B3版：副刊, 文艺副刊, 夜读): its pieces are essays, each signed.
LITERARY_PAGE = re.compile(r"副刊|文艺|文苑|文学|散文|随笔|夜读|诗歌")
LEDE_CHARS = 600  # an article asks what it will answer within its first paragraphs
BRIEF_CHARS = 300  # a local brief is a paragraph or three
BRIEF_TITLE_MIN, BRIEF_TITLE_MAX = 5, 20
BRIEF_ENDS = ("。", "！", "？", "。”", "！”", "？”", "。」")  # each paragraph a finished sentence
# Two briefs' titles share no wording; a sub-heading is a phrase of its article's theme.
BRIEF_TITLE_MARKS = re.compile(r"[，,、：:；;“”\"（）()《》【】！!？?—·…]")
# How the brief above began: on a page of briefs, or as a local story signed under its headline.
BRIEF_OPENERS = ("page_top", "under_column_tag", "unsigned_brief", "signed_below")


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
    article: the run is its last lines (an author's name, a list), not a headline;
    unless the run opens on a notice's title (停水公告, 关于…的通知) over its one line of
    text, closed by its source (（来源：…）)."""
    return (c.end < len(c.lines) and c.lines[c.end].kind == "endnote"
            and not NOTICE_TITLE.search(c.run[0].text))


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


def next_letter(c: Candidate) -> bool:
    """A feature of letters heads each one and opens it on its salutation (亲爱的妈妈：):
    a heading over a salutation, after a heading in the article that was over one too,
    is the next letter of the same feature."""
    if c.after is None or not SALUTATION.match(c.after.text):
        return False
    return heading_over(c.current.lines, SALUTATION)


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


def under_editors_intro(c: Candidate) -> bool:
    """An article whose headline the editors open with a few lines they sign (——编 者)
    introduces the parts printed under it (a series' stories, a forum's voices): the
    run right under the sign-off is the first part's heading, unless a column's tag
    or a dateline under it makes it an article of its own."""
    body = c.current.lines[len(c.current.heads):]
    return (bool(c.current.heads) and bool(body) and EDITORS_SIGN_OFF.match(body[-1].text) is not None
            and all(line.kind == "text" for line in body[:-1]) and c.body <= INTRO_MAX
            and not is_editors_box(c.current)
            and not any(COLUMN_TAG.search(line.text) for line in c.run)
            and not cues.dateline_follows(c.lines, c.end))


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
    if c.i == 0:
        return False
    note = c.lines[c.i - 1].text
    if LOCAL_SIGN_OFF.match(note) or _closing_local_byline(c) or _signed_last_paragraph(c):
        return True
    if c.lines[c.i - 1].kind == "text" and SOURCE_CLOSING.search(note):
        return True
    if c.lines[c.i - 1].kind != "endnote":
        return False
    return bool(DISPATCH_END.search(note) or DISPATCH_NOTE.match(note) or ATTRIBUTION.match(note))


# People's Daily closes the items of a roundup so: （本报记者 某某  本报通讯员 某某）.
PAPERS_SIGN_OFF = ("（", "(", "本报")


def _signed_last_paragraph(c: Candidate) -> bool:
    """A paragraph that ends on a local reporter (…。（晚报记者 某某）, …。  实习生 某某  记者 某某)
    closes its story. (People's Daily signs a roundup's items so, 本报记者 某某: not this.)"""
    above = c.lines[c.i - 1]
    return above.kind == "text" and _ends_on_local_reporter(above.text)


def _ends_on_local_reporter(text: str) -> bool:
    trailing = has_trailing_byline(text)
    by = trailing and (trailing["by"] or trailing["bracketed"])
    return bool(by) and bool(LOCAL_BYLINE.search(by)) and not by.startswith("本报")


def self_signed_brief(c: Candidate) -> bool:
    """A one-line title over a paragraph or three that close on the brief's own local
    sign-off (…。（记者 某某）, …。（据新华社）, …。（本报综合）) and then another heading:
    a brief complete in itself, even under a story too short for the score to cut it."""
    if len(c.run) != 1 or c.body == 0 or not _plain_title(c.run[0].text):
        return False
    end = c.end
    while end < len(c.lines) and end - c.end < 3 and c.lines[end].kind == "text":
        end += 1
    if end == c.end or (end < len(c.lines) and c.lines[end].kind not in ("head", "page")):
        return False
    last = c.lines[end - 1].text
    return sum(len(line.text) for line in c.lines[c.end:end]) <= BRIEF_CHARS and (
        _ends_on_local_reporter(last) or bool(SOURCE_CLOSING.search(last)))


def _closing_local_byline(c: Candidate) -> bool:
    """A local byline line under the last paragraph (…。 / 记者 某某  通讯员 某某) closes
    its story. (People's Daily signs a sub-story above its text, 本报记者 某某, and an item
    of a roundup below it in brackets: neither ends the article.)"""
    above = c.lines[c.i - 1]
    return (c.i >= 2 and above.kind == "byline" and c.lines[c.i - 2].kind == "text"
            and bool(LOCAL_BYLINE.search(above.text)) and not is_author_line(above.text)
            and not above.text.startswith(PAPERS_SIGN_OFF))


def after_photo_report(c: Candidate) -> bool:
    return credited_photo_report(c.lines, c.i, c.current)


def next_dated_report(c: Candidate) -> bool:
    """A report carries one dateline: a heading over another one, inside an article
    that opened with its own, heads the next report (a column of dated briefs)."""
    return (cues.dateline_follows(c.lines, c.end)
            and opens_with_dateline(c.current.lines[len(c.current.heads):]))


def over_key_points(c: Candidate) -> bool:
    """A 核心阅读 box, the article's summary, is printed right under its headline,
    never under a sub-heading."""
    return c.end < len(c.lines) and bool(KEY_POINTS.match(c.lines[c.end].text))


def notice_heading(c: Candidate) -> bool:
    """A notice's heading alone over its text, under another item (更正 under a Q&A, 讣告
    under the correction's signer): the next notice, never a sub-head. (rmrb-dev's one such
    line, 三部门公告, is a report's kicker over its title.)"""
    return len(c.run) == 1 and c.before is not None and is_notice_heading(c.lines, c.i)


def photo_heading(c: Candidate) -> bool:
    """图片报道, 图片新闻 …: the label of a photo story, which is an item of its own
    (all 100 such runs on rmrb-dev start one)."""
    return c.run[0].text in PHOTO_HEADINGS


def speech_title(c: Candidate) -> bool:
    """A speech printed in full is a piece of its own, whatever the report before it said."""
    return any(SPEECH_TITLE.match(line.text) for line in c.run)


def presided_meeting(c: Candidate) -> bool:
    """A headline of two or three lines closed by who presided or attended (某某召开会议 /
    研究… / 某某主持会议) reports a meeting: no article prints its sub-heading so."""
    return 2 <= len(c.run) <= 3 and bool(PRESIDED_LINE.search(c.run[-1].text))


def subtitled_feature(c: Candidate) -> bool:
    """A title over its `——` subtitle with more heading lines under them (a lead-in, a
    lede, 内容提要) opens a feature or a commentary: sub-headings come one or two lines."""
    return (len(c.run) >= 3 and not FOLLOW_ON.match(c.run[0].text)
            and bool(FOLLOW_ON.match(c.run[1].text)))


def lead_in_after_report(c: Candidate) -> bool:
    """A lead-in ending on `——` over one title line (某某医院护士某某—— / 把好这道关), with
    no byline under it, after a dated report that has shown no sub-heading: a feature's
    headline. (A series signs its items, or heads the first under its own headline.)"""
    return (len(c.run) == 2 and c.run[0].text.endswith("——") and not c.run[1].text.endswith("——")
            and not c.current.subhead_shapes and not (c.after is not None and c.after.kind == "byline")
            and opens_with_dateline(c.current.lines[len(c.current.heads):]))


def over_lead_in(c: Candidate) -> bool:
    """A line over a `某某——` lead-in and the title under it (社区防控，我们在行动 /
    某地某单位—— / 服务保障跟得上) names a feature or a roundup over its first item:
    sub-headings never stack so."""
    return (len(c.run) >= 3 and c.run[1].text.endswith("——") and not c.run[0].text.endswith("——")
            and not FOLLOW_ON.match(c.run[1].text))


def series_instalment(c: Candidate) -> bool:
    """A lead-in naming one instalment of a series (解读某某精神之三——, 系列报道之一——)
    over its title opens that instalment: a sub-heading never counts itself so."""
    return len(c.run) >= 2 and bool(INSTALMENT_LEAD_IN.search(c.run[0].text))


def dated_document(c: Candidate) -> bool:
    """A title over its date note (某某决定 / （2019年1月3日）, 某某名单 / （…会议通过）)
    heads a document printed in full: a piece of its own."""
    return any(DATE_LINE.match(line.text) for line in c.run[1:])


# --- always, local papers: what city dailies and evening papers print ----------------

def signed_below(c: Candidate) -> bool:
    """Local papers sign each story on its own line right under the headline
    (首席记者 某某, 记者 某某  通讯员 某某, □ 某某, 文/某某): such a line under a run,
    after a story with a body, says the run heads the next story."""
    if c.end >= len(c.lines) or c.lines[c.end].kind != "byline" or c.body == 0:
        return False
    text = c.lines[c.end].text
    return is_author_line(text) or bool(LOCAL_BYLINE.search(text)) or _after_signed_story(c)


def _after_signed_story(c: Candidate) -> bool:
    """The current story has a one-line headline and its own byline under it, and the
    run has one too: the next story. (People's Daily signs the items of a series the
    same way, but prints the series' headline over the first item's heading: there
    the current headline has two lines or more.)"""
    body = c.current.lines[len(c.current.heads):]
    # 本报记者 某某整理 signs an account told to the reporter: the items of a series.
    as_told = any(line.text.endswith("整理") for line in (body[:1] + c.lines[c.end:c.end + 1]))
    return len(c.current.heads) == 1 and bool(body) and body[0].kind == "byline" and not as_told


def after_writer_credit(c: Candidate) -> bool:
    """A story that closes on its writers' credit (文/某某, 文/某某 图/某某) is over."""
    above = c.lines[c.i - 1] if c.i > 0 else None
    return (above is not None and above.kind == "byline" and bool(WRITER_CREDIT.match(above.text))
            and len(c.current.lines) - len(c.current.heads) > 1)


def after_pointer_box(c: Candidate) -> bool:
    """A 导读 box holds only lines that point to pages; it has no sub-heads."""
    body = c.current.lines[len(c.current.heads):]
    return bool(body) and all(line.kind == "text" and _points_to_page(line) for line in body)


def heads_pointer_box(c: Candidate) -> bool:
    """`导读` (今日看点 …) alone over lines that point to pages heads a 导读 box, wherever
    it stands on the page: after a story too. (Over prose it is a help desk's sub-head.)"""
    after = c.lines[c.end] if c.end < len(c.lines) else None
    return (len(c.run) == 1 and bool(BOX_HEADER.match(c.run[0].text)) and after is not None
            and after.kind == "text" and _points_to_page(after))


def _points_to_page(line) -> bool:
    return len(line.text) <= POINTER_MAX and bool(POINTER.search(line.text))


def unsigned_brief(c: Candidate) -> bool:
    """A page of short local briefs (under a column's tag or not): each a one-line title over a paragraph or three of
    plain prose, no dateline, no byline. A one-line title under such a brief, opening
    its page, or under a short story signed on the line under its headline, and over
    prose again, is the next brief. (An article's sub-heading comes after a headline of
    more lines, a dateline, a closing byline or a longer opening section.)"""
    current = c.current
    heads = current.heads[1:] if len(current.heads) == 2 and column_of(current.heads[0].text) else current.heads
    if (len(c.run) != 1 or len(heads) != 1 or current.subhead_shapes or c.body == 0
            or c.body > BRIEF_CHARS or not (_plain_title(c.run[0].text) and _plain_title(heads[0].text))
            or _pairs(c.run[0].text) & _pairs(heads[0].text)
            or getattr(current.started_by, "rule", None) not in BRIEF_OPENERS):
        return False
    # The story above may be signed on a line under its headline (本报记者 某某), as local
    # papers sign: the brief under the run is not. (A dated story, 本报讯（记者 某某）, keeps a
    # sub-heading under a short opening, and so does a part closed by the paper's reporters.)
    body = current.lines[len(current.heads):]
    prose = body[1:] if body and body[0].kind == "byline" else body
    after = c.lines[c.end] if c.end < len(c.lines) else None
    return (after is not None and after.kind == "text" and not parse_dateline(after.text)
            and bool(prose) and not parse_dateline(prose[0].text)
            and all(line.kind == "text" and line.text.endswith(BRIEF_ENDS) for line in prose)
            and not any(closing_bylines(line.text) for line in prose))


def _plain_title(text: str) -> bool:
    """A brief's title: a short plain phrase, no column in brackets, no clause marks."""
    return BRIEF_TITLE_MIN <= len(text) <= BRIEF_TITLE_MAX and not BRIEF_TITLE_MARKS.search(text)


def _pairs(text: str) -> set[str]:
    return {text[k:k + 2] for k in range(len(text) - 1)}


def under_column_tag(c: Candidate) -> bool:
    """A run that opens on a column's tag (【民生热线】, ● 聚焦两会), or on a service page's
    column named bare (读者来信, 民生热线), over a headline."""
    return len(c.run) >= 2 and bool(column_of(c.run[0].text) or SERVICE_COLUMN.match(c.run[0].text))


def bare_column_box(c: Candidate) -> bool:
    """A column named bare on a line of its own straight over its items' text, after
    another piece (热线速递 / 【来电】… / 【回复】…): a box of its own, titled by the name
    (on rmrb-dev every 新闻速递 / 资讯速递 line titles an article: the rule changes no figure)."""
    return (len(c.run) == 1 and bool(BARE_COLUMN.match(c.run[0].text)) and c.before is not None
            and c.after is not None and c.after.kind == "text" and c.lines[c.end] is c.after)


def next_signed_piece(c: Candidate) -> bool:
    """On a page of signed pieces (an essay opened by its author line, □ 某某), a title
    over a bare name (戴小禾) and prose is the next piece. (Under a bare name alone the
    pieces are a forum's voices, as People's Daily prints them: one article; unless the
    page is named for literature, 副刊 or 文艺, where each essay is signed so.)"""
    if not (len(c.run) >= 2 and c.end < len(c.lines) and c.lines[c.end].kind == "text"
            and is_bare_author(c.run[-1].text)):
        return False
    body = c.current.lines[len(c.current.heads):]
    if bool(body) and body[0].kind == "byline" and bool(signature_bylines(body[0].text)):
        return True
    return (bool(LITERARY_PAGE.search(c.current.page_name)) and len(c.current.heads) >= 2
            and is_bare_author(c.current.heads[-1].text))
