"""More evidence for the segmenter about a run of heading lines: what stands
right before it, and whether it is one of a series of look-alike sub-headings."""
from __future__ import annotations

import re

from . import patterns
from .lines import COLUMN_TAG, FOLLOW_ON, Line

SOFT_KICKER_ENDS = ("：", ":", "……", "？")
SIDEBAR_TAG = re.compile(r"[（(](?:记者手记|延伸阅读|相关链接|背景链接|新闻链接|小贴士|短评|编后|记者观察)[）)]$")
PERSON_LINE = re.compile(r"^[\u4e00-\u9fff]{2,4}$|^[\u4e00-\u9fff]\s+[\u4e00-\u9fff]{1,2}$|^[\u4e00-\u9fff]{1,6}·[\u4e00-\u9fff·]{1,12}$")
# The voices of a forum: 王 蒙（原文化部部长） / （英国）拉尔夫·马丁.
VOICE_LINE = re.compile(r"^(?:[\u4e00-\u9fff]{2,3}|[\u4e00-\u9fff]\s+[\u4e00-\u9fff]{1,2})[（(][^（()）]{2,30}[）)]$"
                        r"|^[（(][\u4e00-\u9fff]{1,8}[）)]\s*[\u4e00-\u9fff][\u4e00-\u9fff·—]{1,20}$")
SERIES_REACH = 40  # lines ahead searched for the next heading run


def kicker_before(lines: list[Line], i: int) -> bool:
    """A short line ending in `：` or `……` right before the run: a kicker if the run starts an article."""
    if i == 0:
        return False
    line = lines[i - 1]
    return (line.kind == "text" and len(line.text) <= 40 and line.text.endswith(SOFT_KICKER_ENDS)
            and "。" not in line.text)


def sidebar_tag(run: list[Line]) -> bool:
    return any(SIDEBAR_TAG.search(line.text) for line in run)


def person_line(run: list[Line]) -> bool:
    """An author's name under the title: essays and sub-stories sign this way."""
    return len(run) >= 2 and bool(PERSON_LINE.match(run[-1].text) or VOICE_LINE.match(run[-1].text))


def series_in_headline(run: list[Line], heads: list[Line]) -> bool:
    """Sub-headings come in series, and the first may be printed with the headline:
    under its label (坚守岗位的人们 / 清河，县农科所——) or under a tagged title
    (某地游记（风物）/ 山路弯弯)."""
    if len(heads) >= 3 and signature(run)[:4] == signature(heads[1:])[:4]:
        return True
    under = under_tagged_title(heads)
    return bool(under) and signature(run) == signature(under)


def under_tagged_title(heads: list[Line]) -> list[Line]:
    """The heading lines under a tagged title, a `——` subtitle aside."""
    for k, line in enumerate(heads):
        if COLUMN_TAG.search(line.text) and not FOLLOW_ON.match(line.text):
            return [head for head in heads[k + 1:] if not FOLLOW_ON.match(head.text)]
    return []


def signature(run: list[Line]) -> tuple:
    first = run[0].text
    size = 0 if len(first) <= 6 else 1 if len(first) <= 12 else 2
    return (len(run), first.endswith("——"), "，" in first, " " in first or "\u3000" in first, size)


def series_ahead(run: list[Line], lines: list[Line], end: int) -> bool:
    """The next run of heading lines looks the same: sub-headings come in series."""
    i = end
    limit = min(len(lines), end + SERIES_REACH)
    while i < limit and lines[i].kind != "head":
        if lines[i].kind == "page":
            return False
        i += 1
    if i >= limit:
        return False
    stop = i
    while stop < len(lines) and lines[stop].kind == "head":
        stop += 1
    return signature(lines[i:stop]) == signature(run)


def photo_follows(lines: list[Line], end: int) -> bool:
    """Title, one caption paragraph, its credit: a photo item."""
    if end >= len(lines) or lines[end].kind != "text":
        return False
    split = patterns.split_credit(lines[end].text)
    following = lines[end + 1] if end + 1 < len(lines) else None
    return bool(split and split[0]) or bool(following and following.kind == "credit")


def dateline_follows(lines: list[Line], end: int) -> bool:
    """The body under the run opens with a dateline (本报讯, 新华社某地…电)."""
    after = first_body(lines, end)
    return bool(after and patterns.parse_dateline(after.text))


def first_body(lines: list[Line], end: int) -> Line | None:
    """The first line of the body proper, past markers, credits and a sidebar."""
    for line in lines[end:end + 16]:
        if line.kind not in ("marker", "credit", "bullet"):
            return line
    return lines[end] if end < len(lines) else None
