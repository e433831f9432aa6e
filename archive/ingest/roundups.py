"""Roundups: a label (速览, 数读, 新闻速递) over short items, each with a heading
of its own. The label is the headline; the items are its body until a story
that is not one of them."""
from __future__ import annotations

import re

from .cues import dateline_follows, signature
from .lines import Line

# Papers head their roundups of short items with a label of the kind 新闻速递, 财经短波,
# 本地快讯, 速览, 数读, 来论: the label is the headline, each item's heading is body.
ROUNDUP_LABEL = re.compile(r"^[\u4e00-\u9fff]{0,4}(?:速递|短波|快讯|简讯|速览|资讯|数读|阅读|来论|反馈)$")
BRIEF_MAX = 600  # characters of a roundup's item (one or two short paragraphs)
TAG_MAX = 4  # an item's tag over its heading: 新技术, 送医治; no title is this short under a kicker


def is_roundup_label(text: str) -> bool:
    """`新闻速递`, or with its theme: `速览·国庆假期`."""
    return bool(ROUNDUP_LABEL.match(text) or ROUNDUP_LABEL.match(text.split("·")[0]))


def is_label_stack(heads: list[Line]) -> bool:
    """A label over the tagged heading of the first item (`2019春运一线` / `新技术` /
    `航班行李可全程追踪`): a middle line this short is never a title under a kicker."""
    if not heads:
        return False
    return is_roundup_label(heads[0].text) or (
        len(heads) >= 3 and len(heads[1].text) <= TAG_MAX and not heads[0].text.endswith("——"))


def roundup_item(run: list[Line], heads: list[Line]) -> bool:
    """A heading run shaped like the heading of the roundup's first item."""
    return len(heads) >= 2 and is_label_stack(heads) and signature(run) == signature(heads[1:])


def roundup_brief(lines: list[Line], end: int, heads: list[Line]) -> bool:
    """Under a roundup's label every short dated item is one more brief; a story
    that runs longer, or has no dateline, is the next article."""
    if not is_label_stack(heads):
        return False
    return dateline_follows(lines, end) and _chars_until_heading(lines, end) < BRIEF_MAX


def _chars_until_heading(lines: list[Line], end: int) -> int:
    count = 0
    for line in lines[end:]:
        if line.kind in ("head", "page") or count >= BRIEF_MAX:
            break
        count += len(line.text)
    return count
