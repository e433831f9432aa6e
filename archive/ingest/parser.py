"""Parse a whole issue dump: lines → blocks → articles."""
from __future__ import annotations

from dataclasses import dataclass

from .article import build_article
from .blocks import Block
from .fields import page_marker
from .headline import Headline, read_headline
from .lines import split_lines
from .records import IngestError, Page, ParsedIssue
from .segment import segment
from .starts import Decider

# Real paragraphs are at most a few thousand characters; a longer line is a
# dump without line breaks (or not an issue at all).
MAX_LINE = 20_000


@dataclass
class Reading:
    """A parsed issue with the segmenter's blocks and the headline read of each,
    article by article: what `explain` shows."""
    issue: ParsedIssue
    blocks: list[Block]
    headlines: list[Headline]


def parse_text(text: str, path: str = "", decider: Decider | None = None) -> ParsedIssue:
    """`decider` (default: the registry's) decides where articles start: bench/ passes
    one with refitted weights or with rules left out."""
    return read_issue(text, path, decider).issue


def read_issue(text: str, path: str = "", decider: Decider | None = None) -> Reading:
    lines = split_lines(text)
    _check_shape(text, lines, path)
    blocks = segment(lines, decider)
    headlines = [read_headline(block) for block in blocks]
    articles = [build_article(block, seq, headline)
                for seq, (block, headline) in enumerate(zip(blocks, headlines), 1)]
    if not any(a.title for a in articles):
        raise IngestError("no headline found: every line reads as body text; "
                          "is this an issue dump with blank lines between blocks?", path, 1)
    return Reading(ParsedIssue(articles=articles, pages=_pages(lines)), blocks, headlines)


def _check_shape(text: str, lines, path: str) -> None:
    if not lines:
        raise IngestError("no text in file", path)
    for line in lines:
        if len(line.text) > MAX_LINE:
            raise IngestError(f"line is {len(line.text):,} characters long: not an issue dump "
                              "(blocks must be separated by line breaks)", path, line.no)


def _pages(lines) -> list[Page]:
    seen: dict[int, Page] = {}
    for line in lines:
        if line.kind == "page":
            number, name = page_marker(line.text)
            seen.setdefault(number, Page(number, name))
    return list(seen.values())
