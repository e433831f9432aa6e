"""Which lines of an article-starting run of heading lines are its heading
stack (引题, 主题, 副题) and which already belong to the body.

A run of short lines can run on past the headline: the first section heading
of the body, the number line of a decree, or a lede phrase after a `——`
subtitle. Papers print nothing under a `——` subtitle but the body, and the
body's own furniture never sits in the headline.
"""
from __future__ import annotations

import re

from .cues import signature
from .lines import Line
from .patterns import FOLLOW_ON, NUMBER_LINE, SECTION_NUMBER
from .roundups import is_label_stack

# A decree prints its issuer and number under its title: 某某令 / 第七百号.
DECREE_LINE = re.compile(r"^(?:[\u4e00-\u9fff]{0,20}(?:政府|国务院|主席|委员会|部)令|第[\d一二三四五六七八九十百千零〇]+号)$")
# …but a decree or notice headed by its own name prints its number as the subtitle.
ISSUED_TITLE = re.compile(r"(?:令|公告|通告)$")
# A message printed under its news headline carries its own label: 贺信, 回信, 贺电.
DOCUMENT_LABEL = re.compile(r"^(?:贺|回|复|唁|慰\s*问)\s*(?:信|电)$")


def stack_size(run: list[Line]) -> int:
    """How many leading lines of `run` are the headline; the rest are body."""
    for index, line in enumerate(run):
        if index == 1 and NUMBER_LINE.match(line.text) and ISSUED_TITLE.search(run[0].text):
            return 2
        if index and (SECTION_NUMBER.match(line.text) or DECREE_LINE.match(line.text)
                      or DOCUMENT_LABEL.match(line.text)):
            return index
        if index and FOLLOW_ON.match(line.text):
            return index + 1
    return len(run)


LABEL_MAX = 6  # a roundup's column-like heading: 来论, 建议, 身边事


def lead_size(heads: list[Line], signatures: list[tuple], signed_items: bool = False) -> int:
    """A roundup prints a short heading of its own and then the heading of its
    first item, shaped like the items' headings further down (or a label that
    names a roundup): only the first line is the roundup's headline then. A
    longer first line is a kicker."""
    if len(heads) >= 2 and is_label_stack(heads):
        return 1
    # Items each signed by their reporter (本报记者 某某) under one line: the line
    # names the series, the items' headings are body.
    if signed_items and not heads[0].text.endswith("——"):
        return 1
    # A `某某——` kicker leads into the line under it, so a line above it heads something
    # bigger: a feature over the heading of its first item.
    if len(heads) >= 3 and heads[1].text.endswith("——") and not heads[0].text.endswith("——"):
        return 1
    if (len(heads) >= 2 and len(heads[0].text) <= LABEL_MAX and not heads[0].text.endswith("——")
            and signature(heads[1:]) in signatures):
        return 1
    return len(heads)
