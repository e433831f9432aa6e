"""Turn one segmented block into a ParsedArticle: heading roles, column,
editor's note, sidebar, dateline and bylines, captions, duplicates."""
from __future__ import annotations

import re

from .blocks import Block, opens_with_dateline
from .fields import credit_bylines, parse_bylines, parse_dateline, signature_bylines, split_credit, unique_bylines
from .headstack import lead_size
from .lines import Line, bullet_item
from .patterns import (
    BYLINE_LINE, CAPTION_START, COLUMN_TAG, DATE_LINE, EDITOR_NOTE, FIGURE, FOLLOW_ON, KEY_POINTS, NOTICE_TITLE,
    NUMBER_LINE, SPEECH_TITLE,
)
from .records import Caption, ParsedArticle, Sidebar

COLUMN_DOT = re.compile(r"[·•・]")
# Kickers often end with the verb that introduces the title: 某某强调 / 某部门要求.
# So do the time frame of a report's figures (前三季度 / 某行动开展以来).
KICKER_END = re.compile(r"(?:强调|指出|表示|要求|希望|印发|发表|提出|回信|致信|宣布|透露|文章|以来|：|:|——|……)$"
                        r"|^(?:今年|去年|前|上|下)?(?:[一二三四五六七八九十\d]+(?:个月|季度)|[上下]半年)$")
# A first line that only names an institution (公安部, 市纪委监委网站, 某某委员会) says
# who acts: the kicker over what it did.
AGENCY_LINE = re.compile(r"^[\u4e00-\u9fff、]{1,16}(?:(?<!干)部|委员会|监委|网站|机关|总局|(?<![举开创])办|(?<![开布格结大首])局|厅)$")
# Event titles whose second line adds detail: 某某会议召开 / 展览开幕.
EVENT_END = re.compile(r"(?:会议|举行|开幕|闭幕|召开|发布|结束|举办|会谈|公布|会见|贺电|就绪|启动|落幕)$")
# …or the start of something (某某平台上线, 某某奖揭晓).
LAUNCH_END = re.compile(r"(?:揭晓|落地|成立|开通|上线|揭牌|开工|竣工|投产|通车|施行|出台)$")
# A second line naming who attended or presided reports the event under a slogan title.
SUBTITLE_END = re.compile(r"(?:出席|参加|陪同|主持|讲话|致辞|列席)$")
# …but a speech printed under its news line is titled by its occasion (SPEECH_TITLE).
# …or opens with it (栗战书参加审议), or with the press briefing held about it.
ATTENDED = re.compile(r"^[\u4e00-\u9fff]{2,3}(?:参加|出席|主持|陪同)(?:审议|会见|会议|会谈|活动|仪式|开幕式|闭幕式|座谈|并|$)"
                      r"|(?:举行|召开)[\u4e00-\u9fff]{0,8}(?:吹风会|发布会|记者会)")
# A competition's name, or its close, over a result: 德国乒乓球公开赛 / 樊振东男单夺冠,
# 围棋名人赛落幕 / 某某卫冕.
COMPETITION = re.compile(r"(?:[^网]站|杯|[^比]赛|决赛|首局|首轮|回合|锦标赛|[男女]子[\d\u4e00-\u9fff]{0,6}米)"
                         r"(?:落幕|收官|战罢)?$")
# A line that opens on a province or the country names its own subject (山西将改造…,
# 我国将新建…): a title that stands alone, not a detail going on with the line above.
OWN_SUBJECT = re.compile(r"^(?:我国|全国|中国|北京|天津|上海|重庆|河北|山西|辽宁|吉林|黑龙江|江苏|浙江|安徽|福建"
                         r"|江西|山东|河南|湖北|湖南|广东|海南|四川|贵州|云南|陕西|甘肃|青海|台湾|内蒙古|广西"
                         r"|西藏|宁夏|新疆|香港|澳门)")
# A second line that goes on with the first line's subject (强调…, 指出…; a meeting's
# business: 审议…, 听取…; 代表某某向…致以) or lists summary points (■ …) is a news
# subtitle; a title never starts that way.
SUBTITLE_START = re.compile(r"^(?:[■●◆▲]|强调|指出|表示|认为|要求|将|拟|开始|宣读|今起|明起"
                            r"|审议|听取|决定|讨论|部署|代表[^，。]{2,30}向)")
# A line that opens on a date says when: under a title it is the subtitle (…博览会 /
# 2024年5月4日  清河会展中心), never the title under a column line.
WHEN_LINE = re.compile(r"^(?:\d{4}年)?\d{1,2}月\d{1,2}日")
# Under a dated report's title, a line that opens on a time (今年…, 年底前将…, 未来一周…)
# goes on with the same news: its subtitle.
TIME_START = re.compile(r"^(?:今年|明年|去年|年底前?|年内|上半年|下半年|近期|未来|下一步|本月|下月)")
SUMMARY_MAX = 60  # a subtitle longer than this is a paragraph
SENTENCE_LONG = 30  # a second line this long with a comma is a summary sentence, not a title


def build_article(block: Block, seq: int) -> ParsedArticle:
    article = ParsedArticle(seq=seq, line=block.lines[0].no, page=block.page,
                            page_name=block.page_name)
    if block.marked:
        heads, body, sidebar_title = [line.text for line in block.heads], block.lines[len(block.heads):], ""
    else:
        size = lead_size(block.heads, block.signatures, _signed_items(block))
        heads, body = _split_at_tagged_title(block.heads[:size], block.lines)
        heads, sidebar_title = _sidebar_title(heads, body)
    _assign_headings(article, _drop_repeats(article, heads), news=opens_with_dateline(body),
                     figures=bool(body) and bool(FIGURE.match(body[0].text)))
    _read_body(article, body, sidebar_title)
    article.kind = _kind(article)
    return article


def _drop_repeats(article: ParsedArticle, heads: list[str]) -> list[str]:
    """A dump that printed a heading line twice in a row meant it once."""
    kept = heads[:1]
    for text in heads[1:]:
        if text == kept[-1]:
            article.dropped_duplicates.append(text)
        else:
            kept.append(text)
    return kept


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
    for index, line in enumerate(heads):
        if COLUMN_TAG.search(line.text) and not FOLLOW_ON.match(line.text):
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
    if len(heads) == 3 and _is_sentence(heads[2].text):
        heads, body = heads[:2], heads[2:] + body
    return [line.text for line in heads], body


def _is_sentence(text: str) -> bool:
    return len(text) >= SENTENCE_LONG and bool(re.search(r"[，。；]", text))


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
    sidebar, unless a column tag (…（政策解读）) marks it as the headline's title."""
    if len(heads) >= 2 and body and body[0].kind == "bullet" and not COLUMN_TAG.search(heads[-1]):
        return heads[:-1], heads[-1]
    return heads, ""


def _assign_headings(article: ParsedArticle, heads: list[str], news: bool = False, figures: bool = False) -> None:
    # A `——` line under the first says the first is the title, dot or no dot.
    if len(heads) > 1 and COLUMN_DOT.search(_outside_quotes(heads[0])) and not FOLLOW_ON.match(heads[1]) and (
            len(heads) > 2 or not (KICKER_END.search(heads[0]) or WHEN_LINE.match(heads[1]))):
        article.column, heads = heads[0], heads[1:]
    if len(heads) > 3:
        # Extra lines before the last three are leftovers (a column-like tag).
        article.column = article.column or heads[0]
        heads = heads[-3:]
    if len(heads) == 3:
        article.kicker, article.title, article.subtitle = heads
    elif len(heads) == 2:
        if _is_kicker_pair(heads[0], heads[1], news, figures):
            article.kicker, article.title = heads
        else:
            article.title, article.subtitle = heads
    elif heads:
        article.title = heads[0]
    if not article.column:
        article.column = _column_tag(article.title)


def _is_kicker_pair(first: str, second: str, news: bool = False, figures: bool = False) -> bool:
    """Two heading lines: 引题+主题 or 主题+副题? Plain text cannot always
    tell; these cues agree with how papers print them most of the time.
    `news`: the body opens with a dateline (a dated news report); `figures`:
    with a big printed figure (a data report, its two lines two findings)."""
    if (FOLLOW_ON.match(second) or (SUBTITLE_END.search(second) and not SPEECH_TITLE.match(second))
            or ATTENDED.search(second)
            or DATE_LINE.match(second) or WHEN_LINE.match(second) or NUMBER_LINE.match(second)):
        return False
    if KICKER_END.search(first) or COLUMN_TAG.search(second) or COMPETITION.search(first) or AGENCY_LINE.match(first):
        return True
    # Over a dated report the event is the title and the line under it a detail; over a
    # feature the event line is a kicker for the title that says what it meant.
    if (COLUMN_TAG.search(first) or (news and (EVENT_END.search(first) or TIME_START.match(second)))
            or _reads_as_summary(second) or figures):
        return False
    # Over a dated report, an event line under a line that reports none is the news
    # itself under its theme (推进深度融合 / 2024清河媒体论坛举行).
    if news and _reports_event(second) and not _reports_event(first):
        return True
    # Over a dated report, a figure under a title is the detail of a news subtitle
    # (比去年增长10.4%), even when the title has its own figure; over a feature the
    # figure line is the title itself (三峡水库水位 / 冲刺175米), and so is a line
    # with its own subject (推进老旧小区改造 / 山西今年将改造小区1200个).
    return not (news and re.search(r"\d", second) and not OWN_SUBJECT.match(second))


def _reports_event(line: str) -> bool:
    return bool(EVENT_END.search(line) or LAUNCH_END.search(line))


def _reads_as_summary(second: str) -> bool:
    return bool(SUBTITLE_START.match(second)) or _is_sentence(second)


def _column_tag(title: str) -> str:
    """`让公众感受历史的魅力（人民论坛）` → 人民论坛: papers tag columns this way."""
    match = COLUMN_TAG.search(title)
    if not match or match.start() == 0:
        return ""
    tag = match.group()[1:-1]
    if re.fullmatch(r"[上中下\d一二三四五六七八九十]+|[A-Za-z\d\s.%]+", tag):
        return ""
    return tag


def _outside_quotes(text: str) -> str:
    return re.sub(r"“[^”]*”|《[^》]*》|（[^）]*）|\([^)]*\)", "", text)


def _read_body(article: ParsedArticle, body: list[Line], sidebar_title: str) -> None:
    items: list[str] = []
    note_open = False
    for index, line in enumerate(body):
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
        if line.kind == "bullet" and (items or sidebar_title or _next_is_bullet(body, index)):
            items.append(bullet_item(text))
            continue
        if line.kind == "credit" and article.captions and not article.captions[-1].credit:
            article.captions[-1].credit = text
            article.bylines += credit_bylines(text)
            continue
        if _is_caption(line, following):
            _add_caption(article, text)
            continue
        _add_paragraph(article, line)
    if items:
        article.sidebar = Sidebar(sidebar_title, items)
    elif sidebar_title:
        article.paragraphs.insert(0, sidebar_title)
    article.bylines = unique_bylines(article.bylines)


def _next_is_bullet(body: list[Line], index: int) -> bool:
    return index + 1 < len(body) and body[index + 1].kind == "bullet"


def _is_caption(line: Line, following: Line | None) -> bool:
    if line.kind != "text":
        return False
    if CAPTION_START.match(line.text):
        return True
    if following is not None and following.kind == "credit" and split_credit(following.text):
        return True
    split = split_credit(line.text)
    return bool(split and split[0])


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
    byline_text = text if line.kind == "byline" else ""
    if not byline_text and len(article.paragraphs) < 2 and not article.bylines:
        byline_text = _leading_byline(text)
    if byline_text:
        known = {b.name for b in article.bylines}
        found = signature_bylines(byline_text) or parse_bylines(byline_text)
        article.bylines += [b for b in found if b.name not in known]
    article.paragraphs.append(text)


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
