"""Split a dump into numbered, stripped lines and say what each one is."""
from __future__ import annotations

import re
from dataclasses import dataclass

from . import patterns

# Indents in dumps: ASCII and full-width spaces, no-break spaces, BOMs mid-file.
STRIP = " \t\u3000\u00a0\ufeff\u200b"
# Sentence-ending punctuation: a line ending with one is body text, not a heading.
TERMINAL = set("。！？；：…!?;:，,、")
CLOSERS = "”’\"'）)」』】》"
MAX_HEADING = 60
# Paragraph markers that belong to an article, never start one; a help desk's
# sub-heads (求助 / 记者调查 / 部门回应 / 回复) among them.
MARKER = re.compile(r"^(?:编者按|编者的话|编后|核心阅读|开栏的话|相关链接|延伸阅读|记者手记|短评|背景链接|新闻链接|小贴士|阅读提示"
                    r"|导读|求助|回复|答复|记者调查|部门回应|记者追踪|律师说法|专家说法)[：:]?$")
# A line that points to a page: a 导读 entry (▶ 某某 A3, 某某　详见第5版) or the rest of a
# story (>>>详见A2版). It is text: never a headline.
POINTER = re.compile(r"(?:详见|见|转)第?\s*[A-Za-z]?[\d一二三四五六七八九十]{1,3}\s*版[）)]?$|^[▶►>》]+.{2,40}\s[A-Za-z]?\d{1,3}版?$")
# Page furniture, dropped: the page's staff (责任编辑 某某  版式设计 某某  校对 某某, 本版编辑：某某,
# 责编/某某 美编/某某), a QR-code prompt (扫码看视频), a page that only points elsewhere.
# A design credit alone (版式设计：某某, 制图：某某) stays: it closes a story or a graphic.
EDITOR = r"(?:本版)?(?:责任编辑|责编|编辑|美编|校对)"
STAFF = rf"(?:{EDITOR}|版式设计|版式|美术编辑|组版|审读|制图)"
FURNITURE = re.compile(
    rf"^{EDITOR}\s*[：:/／]?\s*[\u4e00-\u9fff]{{1,3}}(?:\s+[\u4e00-\u9fff]{{1,2}})?"
    rf"(?:\s+{STAFF}\s*[：:/／]?\s*[\u4e00-\u9fff]{{1,3}}(?:\s+[\u4e00-\u9fff]{{1,2}})?)*$"
    r"|^扫(?:码|描二维码|一扫)[\u4e00-\u9fff]{0,8}$|^本版(?:内容|稿件|文章)?[\u4e00-\u9fff]{0,4}详见第?\s*[A-Za-z]?\d{1,3}\s*版$")
# A subtitle or an attribution opens on a dash: ——记…, ——某某（身份）.
FOLLOW_ON = re.compile(r"^(?:——|—)")
EDITOR_NOTE = re.compile(r"^(?:编者按|编者的话|编后|开栏的话)[：:]?")
BULLET = re.compile(r"^(?:[-–•●◆▪◇○◎□√]|\*)\s*")
DESIGN_ROLE = (r"(?:版式设计|版式|制图|图表|摄影|数据来源|资料来源|图片来源|美术编辑"
               r"|责任编辑|责编|编辑|统筹|策划|供图|采访整理|整理|设计|插图|绘图|漫画|作者)")
DESIGN_CREDIT = re.compile(
    rf"^(?:本版|本期|版面|资料|文字|图片|数据|视频|稿件|剧照)?{DESIGN_ROLE}(?:[、/]{DESIGN_ROLE})*[：:]"
    r"|^[\u4e00-\u9fff]{2,16}供图$|^[·•]?广告[·•]?$|^版式设计\s+[\u4e00-\u9fff ]{2,12}$|^本版(?:照片|图片).{2,20}$"
    r"|^[\u3400-\u9fff ]{2,8}图(?:[（(][^（()）]{2,10}[）)])?\s+[\u3400-\u9fff ]{2,8}文$"
    r"|^(?:影像中国|人民视觉|视觉中国|新华社发|资料图片)$|^图片由.{2,40}提供$|^.{0,12}扫描二维码.{0,8}$"
    # A cartoon's artist with the agency that sent it: 某某作（新华社发）
    rf"|^{patterns.NAME}\s*作[（(][\u4e00-\u9fff]{{2,8}}发[）)]$"
    r"|^.{0,8}邮箱[：:]|^.{0,30}[\w.-]+@[\w-]+\.[\w.]+$")
# Reporters named on a line of their own, each group under its role: 本报记者 某某,
# 首席记者 某某某, 记者 某某  通讯员 某某, 本报特约通讯员 某某 记者 某某, （本报记者 某 某采访整理）.
_REPORTER = rf"(?:本报|新华社|人民日报)?(?:驻[{patterns.HAN}]{{1,10}})?(?:特约|见习|实习|首席)?记者"
_HELPER = r"(?:本报)?(?:特约)?通讯员|实习生"
_NAMES = rf"\s*{patterns.NAME}(?:[\s、，]+{patterns.NAME}){{0,6}}"
BYLINE_LINE = re.compile(
    rf"^[（(]?(?:{_REPORTER}{_NAMES}(?:\s*(?:{_HELPER}|{_REPORTER}){_NAMES})?"
    rf"|(?:{_HELPER}){_NAMES}(?:\s*{_REPORTER}{_NAMES})?)\s*(?:采访整理|报道|整理)?[）)]?$"
)
# A notice's number under its title: （第一号）.
NUMBER_IN_BRACKETS = re.compile(r"^[（(]第[\d一二三四五六七八九十百千零〇]+号[）)]$")
# A date under a title, as speeches and laws print it: （二〇一九年二月三日）
DATE_LINE = re.compile(r"^[（(](?:\d{4}年|二〇|一九)[^（()）]{2,60}[）)]$")
# Summary points under a commentary title: ■ 积极探索…
SUMMARY = re.compile(r"^[■◆▲]\S.{14,}")
# A figure printed big beside a story (104万, 13.95亿人次, 80.6%) is body, not a heading;
# a year starting a title (2019春运一线) is not a figure.
FIGURE = re.compile(r"^(?!\d{4}[^\d.,%％])\d[\d.,]*\s*(?:%|％|万|亿|千|百)?[\u4e00-\u9fff]{0,4}$")
# The details of an event or a notice, set out as fields (时间：… / 主办单位：…), are body;
# so are the rows of a table of fields (书名：柳湾春秋        作者：周明).
FIELD_LINE = re.compile(r"^[\u4e00-\u9fff]{1,4}[：:]\S+\s{2,}[\u4e00-\u9fff]{1,4}[：:]\S|^(?:时间|日期|地点|地址|电话|网址|邮箱|联系人|(?:主办|承办|协办|指导|支持)(?:单位)?|准备材料|材料)[：:]\s*\S")
# Phrases set apart by two full-width spaces are a banner or a table row laid out in
# columns (看人民映像　　品百味人生); headlines part their phrases with plain spaces.
LAID_OUT = re.compile(r"\S\u3000{2,}\S")
# An editor's sign-off, or a reader's web handle under a comment: ——编 者, ——@某某
EDITORS_SIGN_OFF = re.compile(r"^——\s*编\s*者$")
SIGN_OFF = re.compile(rf"{EDITORS_SIGN_OFF.pattern}|^——\s*@\S{{1,20}}$")
# A column's or a series' tag closes a title: （钟声）, or a campaign's long one,
# （守初心 担使命 找差距 抓落实·深入开展“不忘初心、牢记使命”主题教育）.
COLUMN_TAG = re.compile(r"[（(][^（()）]{2,40}(?:[（(][^（()）]*[）)])?[^（()）]{0,10}[）)]$")
# A speech or an address printed in full is titled by its occasion: 在某某会上的讲话.
SPEECH_TITLE = re.compile(r"^在.{2,40}(?:上|时)的(?:讲话|发言|致辞|演讲|主旨演讲)$")
END_NOTE = re.compile(r"^[（(][^（()）]{2,60}(?:[（(][^（()）]*[）)][^（()）]*)?[）)]$")
# A joint dispatch may list a dozen writers: （新华社北京5月3日电  执笔记者：…；参与记者：…）.
DISPATCH_NOTE = re.compile(r"^[（(](?:新华社|本报)[^（()）]{0,30}电[^（()）]{0,200}[）)]$")


@dataclass
class Line:
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
        if kind in ("", "furniture"):
            gap += 1
            continue
        printed.append((no, stripped, gap, kind, raw[:1] in INDENTS))
        gap = 0
    return [Line(no, text, gap, _in_context(kind, text, printed[k + 1:k + 2]), indented)
            for k, (no, text, gap, kind, indented) in enumerate(printed)]


def _in_context(kind: str, text: str, following: list[tuple]) -> str:
    """`导读` over lines that point to pages heads the front page's 导读 box;
    elsewhere it is a help desk's sub-head inside an article."""
    if kind == "marker" and BOX_HEADER.match(text) and following and POINTER.search(following[0][1]):
        return "head"
    # A marked tag over a headline line is the headline's column, not a list item.
    if kind == "bullet" and COLUMN_LINE.match(text) and following and following[0][3] == "head":
        return "head"
    return kind


BOX_HEADER = re.compile(r"^(?:今日|本期)?导读$")
# A column's tag on its own line over a headline: 【民生热线】, ● 聚焦两会, ◆ 记者观察.
# (■ 记者手记 / ■ 延伸阅读 label boxes inside an article: MARKER.)
COLUMN_LINE = re.compile(r"^(?:【(?P<bracketed>[^【】\s]{2,12})】|[●◆★☆◇]\s*(?P<marked>[^\s，。：:！？]{2,12}))$")


def column_of(text: str) -> str:
    """The column a tag line names, without its marks; "" if the line is no tag."""
    match = COLUMN_LINE.match(text)
    tag = (match["bracketed"] or match["marked"]) if match else ""
    return "" if MARKER.match(tag) else tag


INDENTS = set(" \t\u3000\u00a0")
MARKED_MIN_SHARE = 0.5  # of the lines indented, for indentation to mean "body"
MARKED_HEADING_SHARE = 0.8  # of the flush lines that must read as headings


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
    if patterns.page_marker(text):
        return "page"
    if FURNITURE.match(text):
        return "furniture"
    if MARKER.match(text):
        return "marker"
    # A pointer (…详见第5版) or a reporter's name (…。  本报记者  某某) ends a paragraph, not a heading.
    if len(text) <= MAX_HEADING and (POINTER.search(text) or patterns.TRAILING_BYLINE.search(text)):
        return "text"
    if patterns.is_author_line(text):
        return "byline"
    if BULLET.match(text) and len(text) < 120 and not text.startswith("——"):
        return "bullet"
    if is_credit(text):
        return "credit"
    if len(text) <= 40 and (BYLINE_LINE.match(text) or patterns.AUTHOR_LINE.match(text)):
        return "byline"
    if DATE_LINE.match(text) or NUMBER_IN_BRACKETS.match(text):
        return "head"
    if END_NOTE.match(text) or SIGN_OFF.match(text) or DISPATCH_NOTE.match(text):
        return "endnote"
    if (looks_like_heading(text) and not patterns.split_credit(text) and not SUMMARY.match(text)
            and not FIGURE.match(text) and not LAID_OUT.search(text) and not FIELD_LINE.match(text)):
        return "head"
    return "text"


def is_credit(text: str) -> bool:
    if len(text) > 50:
        return False
    split = patterns.split_credit(text)
    return bool((split and not split[0]) or patterns.AGENCY_PHOTO.match(text)
                or DESIGN_CREDIT.match(text))


def looks_like_heading(text: str) -> bool:
    if len(text) > MAX_HEADING:
        return False
    core = text.rstrip(CLOSERS)
    return bool(core) and core[-1] not in TERMINAL or text.endswith("——")


def bullet_item(text: str) -> str:
    return BULLET.sub("", text, count=1)
