"""What a single line of a dump says: its page marker, dateline, bylines and
photo credit. Each function looks at one line only; the patterns are in
patterns.py."""
from __future__ import annotations

import re
from functools import lru_cache

from .patterns import (
    AGENCY, AUTHOR_LINE, CREDIT, CREDIT_TAIL, DATELINE, DATELINE_BYLINE, NAME, NOT_NAMES, PAGE_MARKER, ROLE,
)
from .records import Byline, Dateline

PHOTOGRAPHER = "摄影"


def page_marker(line: str) -> tuple[int, str] | None:
    """`第01版`, `第1版：要闻`, `A1版`, `【第3版】` → (number, name)."""
    if len(line) > 24:
        return None
    match = PAGE_MARKER.match(line)
    if not match:
        return None
    return int(match["num"]), (match["name"] or "").strip()


def parse_dateline(paragraph: str) -> tuple[Dateline, list[Byline]] | None:
    """Dateline and its bylines at the start of a first paragraph."""
    match = DATELINE.match(paragraph)
    if not match or not _plausible_dateline(match):
        return None
    dateline = Dateline(match["source"], (match["place"] or "").strip("、"), match["date"] or "")
    group = DATELINE_BYLINE.match(paragraph, match.end())
    if group and ROLE.search(group["inner"]):
        return dateline, parse_bylines(group["inner"])
    return dateline, []


def _plausible_dateline(match: re.Match) -> bool:
    # A paper or agency name alone could start any sentence; a date or the
    # name of a well-known source makes it a dateline.
    known = match["source"] == "本报" or re.fullmatch(AGENCY, match["source"])
    return bool(match["date"] or known)


def parse_bylines(text: str, default_role: str = "记者") -> list[Byline]:
    """`记者 张三 通讯员 李四`, `记者张三、李四`, `本报记者 汪志球 黄 娴` → bylines.
    Role words and agencies are never names."""
    result: list[Byline] = []
    role = default_role
    pos = 0
    for match in ROLE.finditer(text):
        result += _names(text[pos:match.start()], role)
        role = normalise_role(match.group())
        pos = match.end()
    result += _names(text[pos:], role)
    return result


def signature_bylines(text: str) -> list[Byline]:
    """The writer of a signed letter: the name after the place."""
    match = AUTHOR_LINE.match(text)
    if not match:
        return []
    return [Byline(re.sub(r"\s+", "", match["a"] or match["b"]), "作者")]


def normalise_role(word: str) -> str:
    word = re.sub(r"^(?:本报|新华社|中新社|人民日报)", "", word)
    if "驻" in word:
        return "记者"
    return word or "记者"


def _names(chunk: str, role: str) -> list[Byline]:
    chunk = re.sub(r"[（(][^（()）]*[）)]|摄影?|报道|整理|发自.*|[（）()]", " ", chunk)
    tokens = [t for t in re.split(r"[\s、，,/／]+", chunk) if t]
    names: list[str] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        # "黄 娴": a two-character name printed with a space in the middle.
        if len(token) == 1 and i + 1 < len(tokens) and len(tokens[i + 1]) == 1:
            token += tokens[i + 1]
            i += 1
        i += 1
        if is_name(token):
            names.append(token)
    return [Byline(name, role) for name in names]


def is_name(token: str) -> bool:
    return (2 <= len(token) <= 10 and re.fullmatch(NAME, token) is not None
            and token not in NOT_NAMES and not ROLE.fullmatch(token))


@lru_cache(maxsize=16384)  # classification, segmentation and captions all ask of one line
def split_credit(text: str) -> tuple[str, str] | None:
    """A caption that ends with its credit → (caption, credit); a credit
    line alone → ("", credit)."""
    # Credits are short and at the very end: searching only the tail keeps
    # this linear on long paragraphs.
    offset = max(0, len(text) - CREDIT_TAIL)
    match = CREDIT.search(text, offset)
    if not match:
        return None
    caption = text[:match.start("credit")].rstrip()
    if caption and caption[-1] not in "。！？”）)…":
        return None
    return caption, match["credit"].strip()


def credit_bylines(credit: str) -> list[Byline]:
    match = CREDIT.search(credit)
    if not match:
        return []
    return [Byline(b.name, PHOTOGRAPHER) for b in _names(match["who"], PHOTOGRAPHER)]


def unique_bylines(bylines: list[Byline]) -> list[Byline]:
    """Each (name, role) once, in the order first printed, photographers last."""
    seen: set[tuple[str, str]] = set()
    unique: list[Byline] = []
    for byline in bylines:
        key = (byline.name, byline.role)
        if key not in seen:
            seen.add(key)
            unique.append(byline)
    return [b for b in unique if b.role != PHOTOGRAPHER] + [b for b in unique if b.role == PHOTOGRAPHER]
