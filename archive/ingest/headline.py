"""Which lines of an article are its headline, and the role of each: column,
kicker (引题), title (主题), subtitle (副题). One module decides both.

While the segmenter gathers an article it asks `stack_size` how much of the run
that starts it is headline (a section number, a decree's number or a `——`
subtitle ends it), `takes_soft_kicker` whether the last line of the article above
is this one's kicker, and `headline_top` whether a page opened on the top of a
headline. Once the article is gathered, `read_headline` makes the final reading:
which of those lines stay headline (a roundup keeps only its label, a tagged title
ends the stack, a sidebar takes its title), and the role of each line, naming the
rule that gave it. Body, captions and bylines are read from what is left
(article.py).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from .blocks import Block, opens_with_dateline
from .cues import is_lead_in, signature, soft_kicker_line
from .fields import column_of, is_bare_author, parse_dateline
from .lines import Line, heading_over, is_marked_byline
from .patterns import (
    AGENCY_PHOTO, BARE_COLUMN, BYLINE_LINE, CAPTION_START, CLOSERS, COLUMN_TAG, CREDIT, DATELINE, FIGURE, FOLLOW_ON, KEY_POINTS,
    MARKER, NOTICE_TITLE, NUMBER_LINE, ROLE, SECTION_NUMBER, VOICE_LINE, VOICE_WITH_ROLE, YEAR_DATE_LEDE,
)
from .pairs import KICKER_END, WHEN_LINE, credit_or_dateline, is_sentence, pair_rule, reports_event, tagged
from .promote import LONG_HEADLINE
from .roundups import is_label_stack

COLUMN, KICKER, TITLE, SUBTITLE = "column", "kicker", "title", "subtitle"
UNUSED = "unused"  # a line over the last three that the column did not take
SUMMARY_MAX = 60  # a subtitle longer than this is a paragraph
# A soft kicker is a few short phrases (写春联、赏年画、进博物馆……, 某某负责人：); a longer
# line that trails off (…渐行渐远……) is the last sentence of the article above.
SOFT_KICKER_MAX = 30
SIDEBAR_TITLE_MAX = 12  # a sidebar's title under a one-line headline is a box's label
TAGGED_TITLE_WITHIN = 4  # lines of a stack that may hold its tagged title
# A line that is only a web address: www.example.cn, https://example.cn/a.
WEB_ADDRESS = re.compile(r"^(?:https?://|www\.)[\w./?=&%#~+-]+$", re.IGNORECASE)
# One short exclaimed or asked sentence (坚决打击！, 南方为何多雨？, “我们一定会胜利!”).
EXCLAIMED_LINE = re.compile(rf"^[^。！？!?；;]{{2,15}}[！？!?][{CLOSERS}]*$")
EXCLAIMED_KICKER_MIN = 10  # a line over it this long states the news: its kicker

COLUMN_DOT = re.compile(r"[·•・]")
# A column's name with its dot is short (清河评论·民生, 稳就业 惠民生·清河在行动); a longer
# dotted line is a headline line (某某·某某活动在某地成功举办).
COLUMN_DOT_MAX = 16
# A column is a section label: 【民生热线】, ● 聚焦两会, 今日关注. Without its marks it is
# short and has no sentence punctuation and no gap (a table's heading row has one).
LABEL_MARKS = re.compile(r"^[【〖\[●■◆▲★☆□◇○◎]\s*|\s*[】〗\]]$")
LABEL_PUNCTUATION = re.compile(r"[，。！？；：:,!?;、“”\s]")
# A marked label may be longer than a bare one. LABEL_MAX also bounds a roundup's own
# heading (来论, 建议, 身边事: lead_size).
LABEL_MAX, MARKED_LABEL_MAX = 6, 12

# A decree prints its issuer and number under its title: 某某令 / 第七百号.
DECREE_LINE = re.compile(r"^(?:[\u4e00-\u9fff]{0,20}(?:政府|国务院|主席|委员会|部)令|第[\d一二三四五六七八九十百千零〇]+号)$")
# …but a decree or notice headed by its own name prints its number as the subtitle.
ISSUED_TITLE = re.compile(r"(?:令|公告|通告)$")
# A message printed under its news headline carries its own label: 贺信, 回信, 贺电.
DOCUMENT_LABEL = re.compile(r"^(?:贺|回|复|唁|慰\s*问)\s*(?:信|电)$")


def stack_size(run: list[Line]) -> int:
    """How many leading lines of `run` are the headline; the rest are body."""
    for index, line in enumerate(run):
        if index == 1 and NUMBER_LINE.match(line.text) and ISSUED_TITLE.search(run[0].text):
            return 2
        if index and (SECTION_NUMBER.match(line.text) or DECREE_LINE.match(line.text)
                      or DOCUMENT_LABEL.match(line.text)):
            return index
        if index and FOLLOW_ON.match(line.text):
            return index + 1
    return len(run)



def lead_size(heads: list[Line], signatures: list[tuple], signed_items: bool = False) -> int:
    """A roundup prints a short heading of its own and then the heading of its
    first item, shaped like the items' headings further down (or a label that
    names a roundup): only the first line is the roundup's headline then. A
    longer first line is a kicker."""
    if len(heads) == 2 and column_of(heads[0].text):
        return 2  # a column's tag over one title (● 代表委员建言): the column, whatever follows
    if (len(heads) == 3 and column_of(heads[0].text) and len(heads[2].text) <= LABEL_MAX
            and signature(heads[2:]) in signatures):
        return 2  # 【帮你办】 / title / 读者来信: the label opens the body, like the labels below it
    if len(heads) >= 2 and is_label_stack(heads):
        return 1
    # Items each signed by their reporter (本报记者 某某) under one line: the line
    # names the series, the items' headings are body.
    if signed_items and not heads[0].text.endswith("——"):
        return 1
    # A `某某——` kicker leads into the line under it, so a line above it heads something
    # bigger: a feature over the heading of its first item.
    if len(heads) >= 3 and heads[1].text.endswith("——") and not heads[0].text.endswith("——"):
        return 1
    if (len(heads) >= 2 and len(heads[0].text) <= LABEL_MAX and not heads[0].text.endswith("——")
            and signature(heads[1:]) in signatures and not FOLLOW_ON.match(heads[1].text)):
        return 1
    return len(heads)


@dataclass(frozen=True)
class Heading:
    text: str
    role: str  # column | kicker | title | subtitle | unused
    rule: str  # the rule that gave it the role


@dataclass
class Headline:
    headings: list[Heading]
    body: list[Line]  # the article's lines under the headline
    sidebar_title: str = ""  # a heading line that titles the bullets under it
    dropped: list[str] = field(default_factory=list)  # heading lines printed twice in a row

    def text(self, role: str) -> str:
        return next((h.text for h in self.headings if h.role == role), "")


def read_headline(block: Block) -> Headline:
    """The final reading of a gathered article's headline."""
    size = len(block.heads) if block.marked else lead_size(block.heads, block.signatures, _signed_items(block))
    if size == 2 and _heads_a_chronicle(block):
        size = 1  # the chronicle's name over its first entry's heading
    if _author_under_title(block.heads[:size], block.lines[size:size + 1]):
        size -= 1  # the name opens the body as its byline
    while size > 1 and WEB_ADDRESS.match(block.heads[size - 1].text):
        size -= 1  # a notice's web address under its headline is a detail of the body
    if size > 1 and NOTICE_TITLE.search(block.heads[0].text) and _closed_by_note(block, size):
        size = 1  # a notice's title over its one line of text and its source (（来源：…）)
    signed_by = block.heads[size - 1] if size > 1 and is_marked_byline(block.heads[size - 1].text) else None
    if signed_by is not None:
        size -= 1  # ■记者 某某 通讯员 某某 under the title signs the story: it opens the body
    if block.marked:
        texts, body, sidebar_title = [line.text for line in block.heads[:size]], block.lines[size:], ""
    else:
        texts, body = _split_at_tagged_title(block.heads[:size], block.lines)
        texts, sidebar_title = _sidebar_title(texts, body)
    if len(texts) == 1 and _exclaimed_title_under(texts[0], body):
        texts, body = texts + [body[0].text], body[1:]
    texts, dropped = _drop_repeats(texts)
    if signed_by is not None:
        body = [replace(line, kind="byline") if line is signed_by else line for line in body]
    figures = bool(body) and bool(FIGURE.match(body[0].text))
    return Headline(roles(texts, opens_with_dateline(body), figures), body, sidebar_title, dropped)


def _closed_by_note(block: Block, size: int) -> bool:
    return len(block.lines) > size and block.lines[size].kind == "endnote"


def _exclaimed_title_under(line: str, body: list[Line]) -> bool:
    """A short cry or question under a news line and over prose (多地畅通举报渠道 /
    非法交易，坚决打击！) is the title, the line over it its kicker. A feature's short
    title, or one tagged with its column, keeps the quote opening its story as body."""
    if len(body) < 2 or body[0].kind != "text" or body[1].kind not in ("text", "marker"):
        return False
    return (len(line) >= EXCLAIMED_KICKER_MIN and not COLUMN_TAG.search(line)
            and bool(EXCLAIMED_LINE.match(body[0].text)))


def _author_under_title(heads: list[Line], after: list[Line]) -> bool:
    """A bare name under a title and over prose is the essay's author line (戴小禾),
    never its subtitle; so is a name with what the writer is (某某（作家）)."""
    return (len(heads) >= 2 and bool(after) and after[0].kind == "text"
            and (is_bare_author(heads[-1].text) or bool(VOICE_WITH_ROLE.match(heads[-1].text))))


def _drop_repeats(heads: list[str]) -> tuple[list[str], list[str]]:
    """A dump that printed a heading line twice in a row meant it once."""
    kept, dropped = heads[:1], []
    for text in heads[1:]:
        if text == kept[-1]:
            dropped.append(text)
        else:
            kept.append(text)
    return kept, dropped


def _heads_a_chronicle(block: Block) -> bool:
    """A chronicle (a history told in dated entries, each under its heading and opening
    on its date, year first: 2015年12月16日，…) prints its name over its first entry's
    heading: the second line is that entry's, not a title's."""
    lines, size = block.lines, len(block.heads)
    if size >= len(lines) or lines[size].kind != "text" or not YEAR_DATE_LEDE.match(lines[size].text):
        return False
    return heading_over(lines, YEAR_DATE_LEDE, size + 1)


def _signed_items(block: Block) -> bool:
    """The headline's last line and a heading further down are each signed by
    their own reporter line: the block is a series of signed items."""
    lines, size = block.lines, len(block.heads)
    if size < 2 or size >= len(lines) or lines[size].kind != "byline":
        return False
    return any(lines[k].kind == "head" and lines[k + 1].kind == "byline"
               for k in range(size + 1, len(lines) - 1))


def _split_at_tagged_title(heads: list[Line], lines: list[Line]) -> tuple[list[str], list[Line]]:
    """A title tagged with its column, `…（钟声）`, ends the heading stack; only
    a `——` subtitle may follow. Lines after it are summary lines of the body."""
    body = lines[len(heads):]
    # A headline is three lines at most (a column line over them aside): a bracket closing a
    # line further down a long stack closes a listing's entry, not a tagged title. Nor does a
    # dispatch's dateline or a credit in brackets (…。（新华社北京2月24日电）) tag a title.
    for index, line in enumerate(heads[:TAGGED_TITLE_WITHIN]):
        if tagged(line.text) and not FOLLOW_ON.match(line.text):
            cut = index + 1
            if cut < len(heads) and FOLLOW_ON.match(heads[cut].text):
                cut += 1
            heads, body = heads[:cut], heads[cut:] + body
            if cut == index + 1 and _is_news_summary(body):
                heads, body = heads + body[:1], body[1:]
            return [line.text for line in heads], body
    # A stack of four or more lines is a headline over summary lines or figures
    # (…腰包鼓起来 / 一季度…增长百分之九 / 全县…降到百分之一以内): they are body.
    # Over bullets the fourth line is the sidebar's title instead.
    if len(heads) > 3 and not (body and body[0].kind == "bullet"):
        keep = 3 if COLUMN_DOT.search(_outside_quotes(heads[0].text)) else 2
        heads, body = heads[:keep], heads[keep:] + body
    # Under a kicker and a title, a sentence (将加强对…的监督检查，让…) is the lede.
    if len(heads) == 3 and is_sentence(heads[2].text):
        heads, body = heads[:2], heads[2:] + body
    return [line.text for line in heads], body


def _is_news_summary(body: list[Line]) -> bool:
    """A short unpunctuated line between a tagged title and the dateline (or
    the 核心阅读 box, which opens a body like a dateline does) of a news report is its subtitle: `…（权威发布）` over
    `不再实行特种行业管理`. Commentary prints its lead quote there, but never
    over a dateline."""
    if len(body) < 2 or body[0].kind not in ("head", "text"):
        return False
    line, after = body[0].text, body[1]
    if len(line) > SUMMARY_MAX or re.search(r"[。！？]”?$", line) or BYLINE_LINE.match(line):
        return False
    return bool(KEY_POINTS.match(after.text) or (after.kind == "text" and parse_dateline(after.text)))


def _sidebar_title(heads: list[str], body: list[Line]) -> tuple[list[str], str]:
    """Headings followed straight away by bullet items: the last one titles the
    sidebar, unless a column tag (…（政策解读）) marks it as the headline's title. Of
    two lines, the second titles the sidebar only when it is as short as a box's label
    (要点, 求职小贴士, 申领时请带好这些材料); a longer line is the headline's own."""
    if (len(heads) >= 2 and body and body[0].kind == "bullet" and not COLUMN_TAG.search(heads[-1])
            and (len(heads) > 2 or len(heads[-1]) <= SIDEBAR_TITLE_MAX)):
        return heads[:-1], heads[-1]
    return heads, ""


def roles(heads: list[str], news: bool = False, figures: bool = False) -> list[Heading]:
    """The role of each headline line. `news`: the body opens with a dateline (a
    dated news report); `figures`: with a big printed figure (a data report)."""
    headings: list[Heading] = []
    heads = _join_broken_lines(heads)
    # 【民生热线】 / ● 聚焦两会 / 今日关注 over the headline: the column, without its marks.
    if len(heads) > 1 and (column_of(heads[0]) or BARE_COLUMN.match(heads[0])):
        headings.append(Heading(column_of(heads[0]) or heads[0], COLUMN, "column_line"))
        heads = heads[1:]
    # A `——` line under the first says the first is the title, dot or no dot.
    dotted = (not headings and len(heads) > 1 and len(heads[0]) <= COLUMN_DOT_MAX
              and COLUMN_DOT.search(_outside_quotes(heads[0])))
    if dotted and not FOLLOW_ON.match(heads[1]) and (
            len(heads) > 2 or not (KICKER_END.search(heads[0]) or WHEN_LINE.match(heads[1]))):
        headings.append(Heading(heads[0], COLUMN, "column_dot"))
        heads = heads[1:]
    if len(heads) > 3:
        # Extra lines before the last three are leftovers (a column-like tag).
        extra, heads = heads[:-3], heads[-3:]
        for text in extra:
            role = COLUMN if not headings and is_section_label(text) else UNUSED
            headings.append(Heading(text, role, "over_three_lines"))
    if len(heads) == 3:
        headings += [Heading(text, role, "three_lines") for text, role in zip(heads, (KICKER, TITLE, SUBTITLE))]
    elif len(heads) == 2:
        kicker, rule = pair_rule(heads[0], heads[1], news, figures)
        pair = (KICKER, TITLE) if kicker else (TITLE, SUBTITLE)
        headings += [Heading(text, role, rule) for text, role in zip(heads, pair)]
    elif heads:
        headings.append(Heading(heads[0], TITLE, "one_line"))
    if not any(h.role == COLUMN for h in headings):
        tag = _column_tag(next((h.text for h in headings if h.role == TITLE), ""))
        if tag:
            headings.insert(0, Heading(tag, COLUMN, "title_tag"))
    return headings


def _join_broken_lines(heads: list[str]) -> list[str]:
    """A headline line that ends on a comma runs on into the next (山路通了， / 山货出山更快了):
    one title set over two lines, since no kicker or title ends on a comma."""
    joined: list[str] = []
    for text in heads:
        if joined and joined[-1].endswith(("，", ",")) and not FOLLOW_ON.match(text):
            joined[-1] += text
        else:
            joined.append(text)
    return joined


def _column_tag(title: str) -> str:
    """`让公众感受历史的魅力（人民论坛）` → 人民论坛: papers tag columns this way."""
    match = COLUMN_TAG.search(title)
    if not match or match.start() == 0:
        return ""
    tag = match.group()[1:-1]
    # A serial's instalment (连载之十二, 之三, 续) is part of the title, and so is a poem's
    # companion piece printed under it (外一首, 外二首).
    if re.fullmatch(r"[上中下\d一二三四五六七八九十]+|[A-Za-z\d\s.%]+|(?:连载)?之?[\d一二三四五六七八九十百]+"
                    r"|续[\d一二三四五六七八九十]*|连载|外[\d一二三四五六七八九十]+[首章篇]", tag) or credit_or_dateline(tag):
        return ""
    return tag


def is_section_label(text: str) -> bool:
    """The first of four or more heading lines is the column only when it is shaped
    like a section label; a headline, a credit or a person's line is not."""
    label = LABEL_MARKS.sub("", text.strip())
    limit = MARKED_LABEL_MAX if label != text.strip() else LABEL_MAX
    return (2 <= len(label) <= limit and not LABEL_PUNCTUATION.search(label)
            and not credit_or_dateline(label) and not VOICE_LINE.match(label)
            and not KICKER_END.search(label) and not reports_event(label))


def _outside_quotes(text: str) -> str:
    return re.sub(r"“[^”]*”|《[^》]*》|（[^）]*）|\([^)]*\)", "", text)


# --- while the segmenter gathers an article ---------------------------------------

def headline_top(block: Block) -> bool:
    """A page that opens on `写春联、赏年画……`, `某某：` or a headline too long to
    look like one has printed the top of a headline, not an article: the heading
    run under it is the rest of that headline."""
    if block.heads or len(block.lines) != 1 or block.lines[0].kind != "text":
        return False
    text = block.lines[0].text
    return len(text) <= LONG_HEADLINE and "。" not in text and not CAPTION_START.match(text)


def takes_soft_kicker(block: Block, run: list[Line]) -> bool:
    """The run takes the last line of the article above as its kicker, unless it
    opens on its own `——` kicker."""
    return ends_on_soft_kicker(block) and not run[0].text.endswith("——")


def ends_on_soft_kicker(block: Block) -> bool:
    """`国台办：` or `写春联、赏年画、进博物馆……` right before a new title is its kicker;
    so is a lead-in of any length that ends with `——` (…记者深入调研采访——):
    no article ends on a dash."""
    if len(block.lines) < 2 or len(block.lines) == len(block.heads):
        return False
    last = block.lines[-1]
    return is_lead_in(last) or (soft_kicker_line(last) and len(last.text) <= SOFT_KICKER_MAX)


def indented_headline(run: list[Line]) -> tuple[list[Line], list[Line]]:
    """An indent-marked dump's flush run: its first lines are the headline.
    Returns (headline, run), the run with a signing line read as a byline."""
    heads = list(run) if len(run) <= 3 else run[:stack_size(run)]
    if len(heads) >= 2 and BYLINE_LINE.match(heads[-1].text):
        # `本报记者 某某` printed flush under the headline signs the story.
        byline = replace(heads[-1], kind="byline")
        return heads[:-1], run[:len(heads) - 1] + [byline] + run[len(heads):]
    return heads, run
