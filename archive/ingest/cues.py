"""Evidence about a run of heading lines that may start an article (a
`Candidate`): what stands right before and after it, its shape, and whether it
is one of a series of look-alike sub-headings. The start rules (starts.py) are
made of these."""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from functools import cached_property

from .blocks import Block, body_chars
from .fields import parse_dateline
from .lines import Line
from .patterns import (
    COLUMN_TAG, EDITOR_NOTE, FOLLOW_ON, PERSON_LINE, SIDEBAR_TAG, SOFT_KICKER_ENDS, VOICE_LINE, VOICE_WITH_ROLE,
)
from .topics import Topics, window

SERIES_REACH = 40  # lines ahead searched for the next heading run
SLACK = 2  # characters two look-alike sub-headings' first lines may differ by across a size bound
TOPIC_WINDOW = 400  # characters of text compared on each side of a heading run
LEAD_IN_MAX = 200  # a `——` lead-in over a headline may be a whole sentence or two


@dataclass
class Candidate:
    """A run of heading lines, lines[i:end], that may start an article, met while
    `current` is the article being gathered: what the start rules look at."""
    lines: list[Line]
    i: int
    end: int
    current: Block
    topics: Topics

    @cached_property
    def run(self) -> list[Line]:
        return self.lines[self.i:self.end]

    @cached_property
    def before(self) -> Line | None:
        return line_before(self.lines, self.i)

    @cached_property
    def after(self) -> Line | None:
        return first_body(self.lines, self.end)

    @cached_property
    def body(self) -> int:
        """Characters of the current article's body so far."""
        return body_chars(self.current)

    @cached_property
    def ahead(self) -> Counter:
        """Character pairs of the text right after the run."""
        return window(texts_of(self.lines[self.end:self.end + 3]), TOPIC_WINDOW)

    @cached_property
    def behind(self) -> Counter:
        """Character pairs of the text right before the run."""
        return window(texts_of(self.lines[max(0, self.i - 3):self.i]), TOPIC_WINDOW, from_end=True)


def soft_kicker_line(line: Line) -> bool:
    """`国台办：` or `写春联、赏年画……`: a short line that leads into the title under it."""
    return (line.kind == "text" and len(line.text) <= 40 and line.text.endswith(SOFT_KICKER_ENDS)
            and "。" not in line.text)


def kicker_before(lines: list[Line], i: int) -> bool:
    """A soft kicker right before the run: a kicker if the run starts an article."""
    return i > 0 and soft_kicker_line(lines[i - 1])


def column_tag(line: Line) -> bool:
    """A title closed by its column's tag (收秋（泥土芬芳）); a speaker's name and
    role (某某（中国作协副主席）) closes no title."""
    return bool(COLUMN_TAG.search(line.text)) and not VOICE_WITH_ROLE.match(line.text)


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


def alike(run: list[Line], other: list[Line]) -> bool:
    """Two runs of one look: the same signature, or the same but for first lines
    a character or two apart in length across a size bound."""
    a, b = signature(run), signature(other)
    return a == b or (a[:4] == b[:4] and abs(len(run[0].text) - len(other[0].text)) <= SLACK)


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
    return alike(lines[i:stop], run)


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


def echoes_title(c: Candidate) -> float:
    """How much the run's wording shares with the current article's headline."""
    return c.topics.similarity(window([line.text for line in c.run], TOPIC_WINDOW),
                               window([line.text for line in c.current.heads], TOPIC_WINDOW))


def dash_subtitled(run: list[Line]) -> bool:
    """Two lines or more, the last a `——` subtitle."""
    return len(run) >= 2 and bool(FOLLOW_ON.match(run[-1].text))


def line_before(lines: list[Line], i: int) -> Line | None:
    """The line before a run, or before the `——` lead-in that would be its kicker."""
    if i >= 2 and is_lead_in(lines[i - 1]):
        return lines[i - 2]
    return lines[i - 1] if i else None


def is_lead_in(line: Line) -> bool:
    return line.kind == "text" and line.text.endswith("——") and len(line.text) <= LEAD_IN_MAX


def texts_of(lines: list[Line]) -> list[str]:
    return [line.text for line in lines if line.kind == "text"]


def shape(run: list[Line]) -> tuple:
    return (len(run), run[0].text.endswith("——"), bool(FOLLOW_ON.match(run[-1].text)))


def same_shape(run: list[Line], current: Block) -> bool:
    """Sub-headings of one article repeat one shape (`城市——` / `标题`)."""
    return shape(run) in current.subhead_shapes


def opens_with_note(block: Block) -> bool:
    return any(EDITOR_NOTE.match(line.text) for line in block.lines[len(block.heads):len(block.heads) + 3])


def lines_since_heading(block: Block) -> int:
    count = 0
    for line in reversed(block.lines):
        if line.kind == "head":
            break
        count += 1
    return count


def dash_headline(block: Block) -> bool:
    """The article's headline ends on a `——` subtitle."""
    return bool(block.heads) and bool(FOLLOW_ON.match(block.heads[-1].text))
