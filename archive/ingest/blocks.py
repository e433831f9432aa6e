"""An article's lines as the segmenter gathers them, and the runs of heading
lines it decides on."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from .fields import parse_dateline
from .lines import Line


@dataclass(eq=False)  # one article is one record: compared and hashed by identity
class Block:
    """The lines of one article, with the page it was printed on. The segmenter
    alone writes it while it gathers the article; the summaries the cues keep of
    it live in the parse's Topics."""
    lines: list[Line]
    page: int | None = None
    page_name: str = ""
    heads: list[Line] = field(default_factory=list)
    subhead_shapes: list[tuple] = field(default_factory=list)  # runs read as sub-headings
    signatures: list[tuple] = field(default_factory=list)
    marked: bool = False  # the dump's indentation marked its headline
    started_by: Any = None  # the starts.Decision that opened it


def run_end(lines: list[Line], i: int, stop_after: re.Pattern | None = None) -> int:
    """End (exclusive) of the run of heading-like lines starting at i; a line
    matching `stop_after` ends it (the lines after a sign-off head what comes next)."""
    end = i
    while end < len(lines) and lines[end].kind == "head":
        end += 1
        if stop_after is not None and stop_after.match(lines[end - 1].text):
            break
    return end


def body_chars(block: Block) -> int:
    return sum(len(line.text) for line in block.lines if line not in block.heads)


def opens_with_dateline(body: list[Line]) -> bool:
    """A dated news report: a dateline within the first lines of its body."""
    return any(line.kind == "text" and parse_dateline(line.text) for line in body[:3])
