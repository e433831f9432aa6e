"""What a single line of a dump says: its page marker, dateline, bylines and
photo credit. Each function looks at one line only; the patterns are in
patterns.py."""
from __future__ import annotations

import re
from functools import lru_cache

from .patterns import (
    AGENCY, AGENCY_PHOTO, AUTHOR_LINE, AUTHOR_MARKED, AUTHOR_UNIT, BARE_NAME, BYLINE_MARK, COLUMN_LINE,
    COMPOUND_SURNAMES, CREDIT, CREDIT_PREFIX, CREDIT_SLASHED, CREDIT_TAIL, DATELINE, DATELINE_BYLINE,
    DATELINE_REPORTED, HAN, LETTER_SPACED, MARKER, NAME, NOT_NAMES, PAGE_MARKER, ROLE, ROLE_OF, SURNAMES, TRAILING_BYLINE, WRITER_CREDIT,
    WRITTEN_UP,
)
from .records import Byline, Dateline

PHOTOGRAPHER = "摄影"


def page_marker(line: str) -> tuple[int, str] | None:
    """`第01版`, `第1版：要闻`, `A1版`, `【第3版】` → (number, name)."""
    if len(line) > 40:
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
    group = DATELINE_BYLINE.match(paragraph, match.end()) or DATELINE_REPORTED.match(paragraph, match.end())
    if group and ROLE.search(group["inner"]):
        return dateline, parse_bylines(group["inner"])
    return dateline, []


def _plausible_dateline(match: re.Match) -> bool:
    # A paper or agency name alone could start any sentence; a date or the
    # name of a well-known source makes it a dateline.
    known = match["source"] == "本报" or re.fullmatch(AGENCY, match["source"])
    return bool(match["date"] or known)


def closing_bylines(paragraph: str) -> list[Byline]:
    """The reporter ending a paragraph (…。  本报记者  某某) or who wrote it up (（某某 整理））."""
    trailing = has_trailing_byline(paragraph)
    if trailing:
        return parse_bylines(trailing["by"] or trailing["bracketed"])
    written_up = WRITTEN_UP.match(paragraph)
    return parse_bylines(written_up["by"]) if written_up else []


def has_trailing_byline(text: str) -> re.Match | None:
    """…说。  本报记者  某某 (every role word names 记者, 通讯员 or 实习生, or 撰稿)."""
    tail = text[-CREDIT_TAIL:]
    if "记者" not in tail and "通讯员" not in tail and "实习生" not in tail and "撰稿" not in tail:
        return None
    return TRAILING_BYLINE.search(tail)


# After a reporter's name: the reporter wrote the story and took its pictures (记者 某某 文/图).
WROTE_AND_SHOT = re.compile(r"\s+(?:文\s*[/／]\s*图|图\s*[/／]\s*文)$")


def parse_bylines(text: str, default_role: str = "记者") -> list[Byline]:
    """`记者 张三 通讯员 李四`, `记者张三、李四`, `本报记者 汪志球 黄 娴`,
    `文/张三 图/李四`, `本报记者 李 四采访整理` → bylines. Role words, agencies
    and what the names did (摄, 整理, 报道 …) are never names."""
    both = WROTE_AND_SHOT.search(text)
    if both:  # 融媒体记者 某某 文/图: one reporter wrote the story and took its pictures
        wrote = parse_bylines(text[:both.start()], default_role)
        # After several names, who took the pictures is not said.
        return wrote + [Byline(b.name, PHOTOGRAPHER) for b in wrote if len(wrote) == 1]
    result: list[Byline] = []
    roles: tuple[str, ...] = (default_role,)
    pos = 0
    for match in BYLINE_MARK.finditer(text):
        found = _names(text[pos:match.start()], roles)
        if match["photo"]:
            found = [Byline(b.name, PHOTOGRAPHER) for b in found]
        result += found
        if match["role"] and not (roles == (PHOTOGRAPHER,) and pos and not text[pos:match.start()].strip()):
            roles = (normalise_role(match["role"]),)  # (图/晚报记者 某某 took the pictures: 摄影 stays)
        elif match["prefix"]:
            roles = CREDIT_PREFIX[re.sub(r"\s+", "", match["prefix"])]
        pos = match.end()
    result += _names(text[pos:], roles)
    return result


def signature_bylines(text: str) -> list[Byline]:
    """The writer of a signed letter (the name after the place) or of an essay
    (□ 某某, 文/某某, 文/某某 图/某某, a name and its school)."""
    if WRITER_CREDIT.match(text):
        return parse_bylines(text)
    if ROLE_FIRST.match(text):
        return []  # 首席记者 桑 晴: a reporter's line, not a place and a letter-spaced name
    match = AUTHOR_LINE.match(text) or AUTHOR_MARKED.match(text) or AUTHOR_UNIT.match(text)
    if not match:
        return []
    found = match.groupdict()
    name = found.get("name") or found.get("after") or found.get("student") or found.get("a") or found.get("b") or found.get("reader")
    return [Byline(re.sub(r"\s+", "", name), "作者")]


# A line that opens on a reporter's role (本报记者, 首席记者, 融媒体记者 …) before its names.
ROLE_FIRST = re.compile(rf"^(?:{ROLE.pattern})\s")
AUTHOR_LINE_MAX = 40

# Lines that sign off the piece above them: where it came from (来源：…), or a picture's
# credit with its agency or the story's byline after it (某某供图（新华社发）, 某某摄  本报
# 记者  某某).
SOURCE_LINE = re.compile(r"^(?:来源|消息来源|信息来源|资料来源|数据来源)[：:]")
PICTURE_CREDIT = re.compile(r"(?:供图|摄影?)$")
SENT_BY = re.compile(rf"^[（(][{HAN}]{{2,8}}发[）)]$")  # （新华社发）, （某某日报发）


def signs_off(text: str) -> bool:
    """Does this line sign off the piece above it (see SOURCE_LINE …)? Such a line
    opening a run of heading-like lines ends the article above."""
    if SOURCE_LINE.match(text):
        return True
    if "供图" not in text and "摄" not in text:  # most lines: skip the split
        return False
    parts = re.split(r"\s{2,}|(?=[（(])", text, maxsplit=1)
    if len(parts) < 2 or not PICTURE_CREDIT.search(parts[0]):
        return False
    rest = parts[1].strip()
    return bool(SENT_BY.match(rest) or AGENCY_PHOTO.match(rest) or ROLE.match(rest))


def is_role_and_deed(text: str) -> bool:
    """记者走访, 记者追问: a role and what it did, printed as a sub-head; unlike 记者张明,
    the two characters after the role do not open with a surname."""
    match = ROLE_AND_TWO.match(text)
    return bool(match) and match["two"][0] not in SURNAMES


ROLE_AND_TWO = re.compile(rf"^(?:{ROLE.pattern})(?P<two>[{HAN}]{{2}})$")


def is_author_line(text: str) -> bool:
    """□ 某某, 文/某某, 某某  某市第一中学: an essay's author line."""
    if len(text) > AUTHOR_LINE_MAX:
        return False
    marked = AUTHOR_MARKED.match(text)
    if marked:  # a name, by its surname or its letter-spacing: ■小贴士 and ■编后 are box labels
        return is_bare_author(marked["name"]) or _letter_spaced_name(marked["name"])
    return bool(WRITER_CREDIT.match(text) or AUTHOR_UNIT.match(text))


def _letter_spaced_name(text: str) -> bool:
    """◎ 杭 远: a name set out to line up, whatever its surname."""
    name = re.sub(r"\s+", "", text)
    return (bool(re.fullmatch(LETTER_SPACED, text)) and name not in NOT_NAMES and not ROLE.search(name)
            and not MARKER.match(name))


def is_bare_author(text: str) -> bool:
    """戴小禾 / 宁 远 / 欧阳晓峰 alone on a line: a name, by its surname."""
    name = re.sub(r"\s+", "", text)
    if not BARE_NAME.match(text) or name in NOT_NAMES or ROLE.search(name):
        return False
    if len(name) == 4:
        return name[:2] in COMPOUND_SURNAMES
    return name[0] in SURNAMES or name[:2] in COMPOUND_SURNAMES


def column_of(text: str) -> str:
    """The column a tag line names, without its marks (【民生热线】 → 民生热线); "" if none."""
    match = COLUMN_LINE.match(text)
    return (match["bracketed"] or match["marked"]) if match else ""


def normalise_role(word: str) -> str:
    word = re.sub(r"^(?:本报|新华社|中新社|人民日报|.*?(?:日报|晚报|晨报|都市报|商报)(?=\S{0,3}记者))", "", word)
    if "驻" in word:
        return "记者"
    return ROLE_OF.get(word, word) or "记者"


def _names(chunk: str, roles: tuple[str, ...]) -> list[Byline]:
    chunk = re.sub(r"[（(][^（()）]*[）)]|[（）()]", " ", chunk)
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
    return [Byline(name, role) for name in names for role in roles]


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
    tail = text[offset:]
    if not match and ("/" in tail or "／" in tail or "图：" in tail or "图:" in tail or text.endswith(("供图", "提供"))):
        match = CREDIT_SLASHED.search(text, offset)  # 图/某某, 某某/摄, 通讯员供图: a costly search, so only then
    if not match:
        return None
    caption = text[:match.start("credit")].rstrip()
    if caption and caption[-1] not in "。！？”）)…":
        return None
    return caption, match["credit"].strip()


def ends_on_credit(text: str) -> bool:
    """A caption with its credit at the end (…插秧。  本报记者 某某 摄), not a credit alone."""
    split = split_credit(text)
    return bool(split and split[0])


def credit_bylines(credit: str) -> list[Byline]:
    match = CREDIT.search(credit)
    if not match:  # 图/某某, 某某/摄
        slashed = CREDIT_SLASHED.search(credit)
        return [b for b in parse_bylines(slashed["credit"]) if b.role == PHOTOGRAPHER] if slashed else []
    return [Byline(b.name, PHOTOGRAPHER) for b in _names(match["who"], (PHOTOGRAPHER,))]


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
