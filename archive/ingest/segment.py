"""Find where articles start.

A dump has no markup: an article is 1-3 short heading lines and then its body,
but bodies have short sub-heading lines too. A run of heading-like lines starts
a new article when the evidence around it says so: a dateline right after it,
a page marker before it, a kicker/subtitle shape, a column tag, the end of the
previous article (a photo credit, an author note), a change of topic, and so on.
"""
from __future__ import annotations

from . import cues
from .blocks import Block, run_end
from .fields import page_marker, signs_off
from .headline import headline_top, stack_size, takes_soft_kicker
from .indented import segment_indented
from .items import editors_box, is_notice_heading, standalone_photo
from .lines import Line, indent_marks_body
from .patterns import END_NOTE, FOLLOW_ON, OPENING_NOTE, SIGN_OFF_DATE
from .promote import promote_headings
from .starts import EDITORS_BOX, HEADLINE_TOP, PAGE_TOP, STANDALONE_PHOTO, Decider, Decision
from .topics import Topics


def segment(lines: list[Line], decider: Decider | None = None) -> list[Block]:
    """Cut the dump into blocks, one per article; `decider` (default: the
    registry's weights) decides whether a run of heading lines starts one."""
    if indent_marks_body(lines):
        return segment_indented(lines)
    decider = decider or Decider()
    lines = promote_headings(lines)
    topics = Topics([line.text for line in lines])
    blocks: list[Block] = []
    page, page_name = None, ""
    current: Block | None = None
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.kind == "page":
            page, page_name = page_marker(line.text)
            current = None
            i += 1
            continue
        end = run_end(lines, i, stop_after=SIGN_OFF_DATE)
        cut = min(_after_sign_off_lines(lines, i, end), _before_tagged_title(lines, i, end))
        if cut < end and current is not None:
            current.lines.extend(lines[i:cut])
            i = cut
            continue
        lead: list[Line] = []
        if end > i and current is not None and headline_top(current):
            lead = blocks.pop().lines
            current = None
        decision = None
        if end > i:
            decision = (Decision(True, HEADLINE_TOP if lead else PAGE_TOP) if current is None
                        else decider.decide(cues.Candidate(lines, i, end, current, topics)))
        if decision is not None and decision.start:
            run = lines[i:end]
            size = stack_size(run)
            heads = lead + run[:size]
            if current is not None and takes_soft_kicker(current, run):
                heads.insert(0, current.lines.pop())
            note = [current.lines.pop()] if current is not None and _ends_on_opening_note(current) else []
            current = Block(heads + note + run[size:], page, page_name, heads=heads, started_by=decision)
            blocks.append(current)
            i = end
            continue
        if end > i:
            current.subhead_shapes.append(cues.shape(lines[i:end]))
            current.signatures.append(cues.signature(lines[i:end]))
            current.lines.extend(lines[i:end])
            i = end
            continue
        if editors_box(lines, i):
            current = Block([line], page, page_name, heads=[line], started_by=Decision(True, EDITORS_BOX))
            blocks.append(current)
            i += 1
            continue
        if current is None or (current.lines and standalone_photo(lines, i, current)):
            rule = PAGE_TOP if current is None else STANDALONE_PHOTO
            current = Block([], page, page_name, started_by=Decision(True, rule))
            blocks.append(current)
        current.lines.append(line)
        i += 1
    return [b for b in blocks if b.lines]


def _ends_on_opening_note(block: Block) -> bool:
    """An inline `编者按：…` after a story's body, right over a new headline (a series'
    kicker and title), is the note of the piece under it: no note closes a story."""
    last = block.lines[-1] if block.lines else None
    return (last is not None and last.kind == "text" and bool(OPENING_NOTE.match(last.text))
            and len(block.lines) - len(block.heads) > 1)


def _before_tagged_title(lines: list[Line], i: int, end: int) -> int:
    """Short lines of a list or of an author's affiliations (某某研究院 / 某某研究院)
    may run straight into the next headline: a title with its column tag among a
    run's last three lines, under two lines or more, starts the run; the lines
    over it end the current article. A speaker's name and role (某某（作协主席）)
    closes a forum's headline, not a title."""
    for j in range(max(i + 2, end - 3), end):
        if cues.column_tag(lines[j]):
            return j
    if end - i >= 2 and is_notice_heading(lines, end - 1):
        return end - 1
    return end


def _after_sign_off_lines(lines: list[Line], i: int, end: int) -> int:
    """A run that opens on the attribution of the quote above it (——某某（身份）), or
    on a note about the pieces above it (（某某会议发言摘要）), or on a line that signs
    them off (fields.signs_off: 来源：…, 某某供图（新华社发）), opens with the end of
    the current article: the run proper starts after those lines."""
    j = i
    while j < end - 1 and (FOLLOW_ON.match(lines[j].text) or END_NOTE.match(lines[j].text)
                           or signs_off(lines[j].text)):
        j += 1
    return j if j > i else end
