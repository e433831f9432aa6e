"""More evidence for the segmenter about a run of heading lines: what stands
right before it, and whether it is one of a series of look-alike sub-headings."""
from __future__ import annotations

from .fields import parse_dateline
from .lines import Line
from .patterns import COLUMN_TAG, FOLLOW_ON, PERSON_LINE, SIDEBAR_TAG, SOFT_KICKER_ENDS, VOICE_LINE

SERIES_REACH = 40  # lines ahead searched for the next heading run


def soft_kicker_line(line: Line) -> bool:
    """`国台办：` or `写春联、赏年画……`: a short line that leads into the title under it."""
    return (line.kind == "text" and len(line.text) <= 40 and line.text.endswith(SOFT_KICKER_ENDS)
            and "。" not in line.text)


def kicker_before(lines: list[Line], i: int) -> bool:
    """A soft kicker right before the run: a kicker if the run starts an article."""
    return i > 0 and soft_kicker_line(lines[i - 1])


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


def dateline_follows(lines: list[Line], end: int) -> bool:
    """The body under the run opens with a dateline (本报讯, 新华社某地…电)."""
    after = first_body(lines, end)
    return bool(after and parse_dateline(after.text))


def first_body(lines: list[Line], end: int) -> Line | None:
    """The first line of the body proper, past markers, credits and a sidebar."""
    for line in lines[end:end + 16]:
        if line.kind not in ("marker", "credit", "bullet"):
            return line
    return lines[end] if end < len(lines) else None
