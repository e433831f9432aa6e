"""Parse a whole issue dump: lines → blocks → articles."""
from __future__ import annotations

from .article import build_article
from .fields import page_marker
from .lines import split_lines
from .records import IngestError, Page, ParsedIssue
from .segment import segment

# Real paragraphs are at most a few thousand characters; a longer line is a
# dump without line breaks (or not an issue at all).
MAX_LINE = 20_000


def parse_text(text: str, path: str = "") -> ParsedIssue:
    lines = split_lines(text)
    _check_shape(text, lines, path)
    blocks = segment(lines)
    articles = [build_article(block, seq) for seq, block in enumerate(blocks, 1)]
    if not any(a.title for a in articles):
        raise IngestError("no headline found: every line reads as body text; "
                          "is this an issue dump with blank lines between blocks?", path, 1)
    return ParsedIssue(articles=articles, pages=_pages(lines))


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
