"""Segmenting a dump whose indent marks its headlines: every body paragraph
indented, every headline line flush (see lines.indent_marks_body)."""
from __future__ import annotations

from dataclasses import replace

from .blocks import Block, run_end
from .fields import page_marker
from .headline import indented_headline
from .lines import Line
from .patterns import EDITOR_NOTE, HELP_DESK, POINTER
from .starts import INDENT_MARKED, PAGE_TOP, Decision


HEADLINE_MAX = 200  # characters: real headlines run to 160


def segment_indented(lines: list[Line]) -> list[Block]:
    """Every flush run of lines is one article's headline (1-3 lines), the
    indented lines after it are its body, sub-headings included."""
    lines = [_read_indent(line) for line in lines]
    blocks: list[Block] = []
    page, page_name = None, ""
    current: Block | None = None
    i = 0
    while i < len(lines):
        if lines[i].kind == "page":
            page, page_name = page_marker(lines[i].text)
            current = None
            i += 1
            continue
        end = run_end(lines, i)
        if end > i:
            heads, run = indented_headline(lines[i:end])
            current = Block(run, page, page_name, heads=heads, marked=True,
                            started_by=Decision(True, INDENT_MARKED))
            blocks.append(current)
            i = end
            continue
        if current is None:
            current = Block([], page, page_name, marked=True, started_by=Decision(True, PAGE_TOP))
            blocks.append(current)
        current.lines.append(lines[i])
        i += 1
    return [b for b in blocks if b.lines]


def _read_indent(line: Line) -> Line:
    """The line with the kind its indent gives it (a new record when that differs)."""
    kind = line.kind if line.kind == "page" else _kind_by_indent(line)
    return line if kind == line.kind else replace(line, kind=kind)


def _kind_by_indent(line: Line) -> str:
    # A photo credit, an end note, a byline or an author line (本报记者 某某, □ 某某, 文/某某),
    # a box's label or a help desk's sub-head (相关链接, 求助, 部门回应; an editor's note opens an
    # article's body or a box of its own, as it does unindented), a line that points to a page (a
    # 导读 entry, ▶ 某某 A3, or the rest of a story, >>>详见A3版) or a whole paragraph printed flush
    # is still no headline.
    if not line.indented:
        flush_body = (line.kind in ("credit", "endnote", "byline") or bool(HELP_DESK.match(line.text))
                      or (line.kind == "marker" and not EDITOR_NOTE.match(line.text))
                      or (line.kind == "text" and bool(POINTER.search(line.text))) or len(line.text) > HEADLINE_MAX)
        return line.kind if flush_body else "head"
    return "text" if line.kind == "head" else line.kind
