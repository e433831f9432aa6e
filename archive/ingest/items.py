"""Items that stand alone between articles with no headline of their own:
a news photo, and an editors' box."""
from __future__ import annotations

from .blocks import Block, body_chars
from .fields import closing_bylines, credit_bylines, ends_on_credit, parse_bylines, split_credit
from .lines import Line
from .patterns import CAPTION_START, EDITOR_NOTE, EDITORS_SIGN_OFF, NOTICE_HEADING_MAX, NOTICE_TITLE, PHOTO_HEADINGS

INTRO_MAX = 800  # characters of an editors' introduction to a page or a series

PICTURE_GAP = 2  # blank lines that stand for a picture


def is_photo_item(block: Block) -> bool:
    """A picture slot (blank lines), then a caption and its credit, no heading."""
    return (not block.heads and len(block.lines) <= 3 and block.lines[0].gap >= PICTURE_GAP
            and any(line.kind == "credit" or split_credit(line.text) for line in block.lines))


def credited_photo_report(lines: list[Line], i: int, block: Block) -> bool:
    """A `图片报道` heading whose pictures' credit has just been printed: complete."""
    return (bool(block.heads) and block.heads[-1].text in PHOTO_HEADINGS
            and i > 0 and lines[i - 1].kind == "credit")


def standalone_photo(lines: list[Line], i: int, current: Block) -> bool:
    """A picture slot (several blank lines) then a credited caption, after an
    article's body: a news photo of its own, not part of that article."""
    line = lines[i]
    if line.gap < PICTURE_GAP or line.kind != "text" or body_chars(current) == 0:
        return False
    if _titled_pictures(current) or _by_its_reporter(lines, i, current) or _before_its_prose(current):
        return False
    return not CAPTION_START.match(line.text) and credited_caption(lines, i)


def _by_its_reporter(lines: list[Line], i: int, current: Block) -> bool:
    """A picture credited to a reporter the article's byline line names (记者 某某 文/图
    … 图/某某), or the sign-off closing its body names (…。（记者 某某）): the article's
    own picture, and the pictures printed after it are too."""
    split = split_credit(lines[i].text)
    credit = split[1] if split and split[0] else (lines[i + 1].text if i + 1 < len(lines) else "")
    shot = {b.name for b in credit_bylines(credit)}
    if not shot:
        return bool(current.lines) and current.lines[-1].kind == "credit" and _pictures_since_body(current)
    wrote = {b.name for line in current.lines if line.kind == "byline" for b in parse_bylines(line.text)}
    signed = {b.name for b in closing_bylines(current.lines[-1].text)} if current.lines else set()
    return bool(shot & (wrote | signed))


def _before_its_prose(block: Block) -> bool:
    """Only the headline and its byline line so far (文/某某): a picture there opens the
    story; its prose is still to come."""
    body = block.lines[len(block.heads):]
    return bool(block.heads) and bool(body) and all(line.kind == "byline" for line in body)


def _pictures_since_body(block: Block) -> bool:
    """The block's last lines are a picture slot's caption and credit that stayed in it."""
    return len(block.lines) >= 2 and block.lines[-2].gap >= PICTURE_GAP


def _titled_pictures(block: Block) -> bool:
    """A headline over pictures only: each body line a caption or its credit, or a caption
    that ends on its credit (…插秧。  本报记者 某某 摄)."""
    body = block.lines[len(block.heads):]
    return bool(block.heads) and bool(body) and all(
        line.kind == "credit" or (k + 1 < len(body) and body[k + 1].kind == "credit") or ends_on_credit(line.text)
        for k, line in enumerate(body))


def photo_follows(lines: list[Line], end: int) -> bool:
    """Title, one caption paragraph, its credit: a photo item."""
    return end < len(lines) and lines[end].kind == "text" and credited_caption(lines, end)


def credited_caption(lines: list[Line], i: int) -> bool:
    """A paragraph that ends with its photo credit, or whose credit line follows it."""
    following = lines[i + 1] if i + 1 < len(lines) else None
    return ends_on_credit(lines[i].text) or bool(following and following.kind == "credit")


def editors_box(lines: list[Line], i: int) -> bool:
    """`编者按` on a line of its own after another article's end (or a page's top)
    heads a box of its own, which the editors sign; under a headline it opens
    that article's note."""
    line = lines[i]
    return (line.kind == "marker" and bool(EDITOR_NOTE.fullmatch(line.text))
            and i > 0 and lines[i - 1].kind not in ("head", "marker"))


def is_editors_box(block: Block) -> bool:
    return bool(block.heads) and block.heads[0].kind == "marker"


def editors_intro(lines: list[Line], end: int) -> bool:
    """A heading over a few lines the editors sign (——编 者) heads their
    introduction to a page or a series: an article of its own. (The first line of
    a box already opened by `编者按` is kept by `hard_rules.never_starts`.)"""
    chars = 0
    for line in lines[end:end + 10]:
        if line.kind in ("head", "page") or chars > INTRO_MAX:
            return False
        if EDITORS_SIGN_OFF.match(line.text):
            return True
        chars += len(line.text)
    return False


def is_notice_heading(lines: list[Line], i: int) -> bool:
    """A notice's heading alone over its text (更正, 讣告, 减资公告, 寻物启事): a notices
    page prints one item after another this way, each an item of its own."""
    return (len(lines[i].text) <= NOTICE_HEADING_MAX and bool(NOTICE_TITLE.search(lines[i].text))
            and i + 1 < len(lines) and lines[i + 1].kind == "text")
