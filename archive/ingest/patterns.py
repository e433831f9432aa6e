"""What single lines of a newspaper dump look like: page markers, datelines,
bylines, photo credits. Each function looks at one line only."""
from __future__ import annotations

import re
from functools import lru_cache

from .records import Byline, Dateline

HAN = r"\u3400-\u9fff\uf900-\ufaff"
# A person's name as printed: Han characters, maybe a middle dot for
# minority and foreign names; 2-char names are often spaced out ("黄 娴").
NAME = rf"[{HAN}]{{1,4}}(?:[·•][{HAN}]{{1,10}}){{0,3}}"

# A joint spread names both pages (第2/3版, 第4-5版, 第06·07版): it is numbered by the first.
PAGE_MARKER = re.compile(
    r"^[【\[〖]?\s*(?:第\s*)?(?P<prefix>[A-Za-z]?)\s*(?P<num>\d{1,3})(?:\s*[/／\-－~～·、]\s*[A-Za-z]?\d{1,3})?\s*版"
    r"(?:\s*[：:·\-—]?\s*(?P<name>[^\s。，！？：:【】\[\]]{1,12}))?\s*[】\]〗]?$"
)

AGENCY = r"新华社|中新社|中国新闻社|人民日报|人民网|新华网|央视网|光明网|中央广播电视总台"
# 本报讯 / 本报北京9月30日电 / 新华社北京5月20日电 / 据新华社金边1月30日电 / 新华社电
DATELINE = re.compile(
    rf"^[（(]?(?P<by>据)?(?P<source>本报|{AGENCY}|[{HAN}]{{2,8}}(?:日报|晚报|社|网|台))"
    rf"(?:(?P<xun>讯)|(?:驻[{HAN}]{{1,8}}记者)?(?P<place>[{HAN}、]{{0,24}}?)"
    r"\s*(?P<date>(?:\d{4}年)?\d{1,2}月\d{1,2}日)?\s*(?:专)?电)"
)
# The byline group that follows a dateline: （记者 张三 通讯员 李四）
DATELINE_BYLINE = re.compile(r"\s*[（(](?P<inner>[^（()）]{1,80})[）)]")

ROLE_WORDS = (
    "本报特约记者", "本报见习记者", "本报实习记者", "本报首席记者", "本报记者",
    "本报特约通讯员", "本报通讯员", "首席记者", "特约记者", "见习记者", "实习记者", "摄影记者",
    "记者", "特约通讯员", "通讯员", "实习生", "特约撰稿人", "撰稿",
)
# Titles that are a kind of the plain role: a chief reporter is a reporter.
ROLE_OF = {"首席记者": "记者", "特约通讯员": "通讯员"}
ROLE = re.compile(
    rf"(?:(?:本报|{AGENCY})?驻[{HAN}]{{1,10}}?记者|" + "|".join(ROLE_WORDS) + ")"
)
# Credits written before the names: 文/某某, 图/某某, 文 图/某某 (wrote and took the pictures).
CREDIT_PREFIX = {"文": ("作者",), "图": ("摄影",), "摄影": ("摄影",), "文图": ("作者", "摄影"),
                 "图文": ("作者", "摄影")}
# What follows the names says what they did; it is never part of a name:
# 某某摄 / 某某/摄 / 某某供图 make photographers; 采访整理, 整理, 报道, 采写 keep the role.
PHOTO_SUFFIX = r"[/／]?\s*(?:摄影?报道|摄影|摄|供图)"
WORK_SUFFIX = r"(?:采访)?整理|采写|采访|撰文|执笔|报道|发自\S*"
BYLINE_MARK = re.compile(
    rf"(?P<role>{ROLE.pattern})"
    r"|(?P<prefix>文\s*图|图\s*文|摄影|文|图)\s*[/／:：]"
    rf"|(?P<photo>{PHOTO_SUFFIX})|(?P<work>{WORK_SUFFIX})"
)
NOT_NAMES = frozenset(
    ROLE_WORDS + ("本报", "新华社", "摄影", "报道", "整理", "综合", "编辑", "人民视觉",
                  "视觉中国", "影像中国", "供图", "制图", "发", "文", "图", "等", "采访", "采写")
    + tuple(AGENCY.split("|"))
)

# A reader's letter signed with place and name: 江苏兴化市  孙贵书 / 湖南长沙 鲁 平
AUTHOR_LINE = re.compile(
    rf"^[{HAN}]{{2,12}}(?:省|市|县|区|州|旗|镇|乡|村)\s+(?P<a>[{HAN}]{{2,3}}|[{HAN}]\s+[{HAN}]{{1,2}})$"
    rf"|^[{HAN}]{{2,12}}\s+(?P<b>[{HAN}]\s+[{HAN}])$"
)

# An essay's or a story's author line: □ 某某, ◎ 某 某, ■某某, 文/某某, 文/某某 图/某某,
# 文 图/某某, or a name with its school or unit (某某  某市第一中学  初二（3）班).
SPACED_NAME = rf"[{HAN}]{{2,3}}|[{HAN}]\s+[{HAN}]{{1,2}}"
AUTHOR_MARKED = re.compile(rf"^[□◎■◆◇●○☆★]\s*(?P<name>{SPACED_NAME})$")
WRITER_CREDIT = re.compile(rf"^(?:文\s*图|图\s*文|文)\s*[/／:：]\s*{NAME}(?:\s*[、，]?\s*{NAME})?"
                           rf"(?:\s+(?:图|摄影)\s*[/／:：]\s*{NAME}(?:\s+{NAME})?)?$")
AUTHOR_UNIT = re.compile(rf"^(?P<name>{SPACED_NAME})\s{{2,}}\S.{{1,30}}"
                         r"(?:学校|小学|中学|大学|学院|幼儿园|班|公司|医院|局|委员会|研究院|研究所|协会|中心)$")
# A photo credit: 本报记者 戎禹仁摄 / 新华社记者 张博文摄 / 陈勇摄（人民视觉）
CREDIT = re.compile(
    rf"(?P<credit>(?:(?:本报|{AGENCY}|[{HAN}]{{2,6}}报)?(?:特约|见习|实习)?(?:记者|通讯员))?"
    rf"\s*(?P<who>{NAME}(?:[\s、，]+{NAME}){{0,11}})\s*摄(?:影)?(?:报道)?"
    r"(?:\s*[（(][^（()）]{1,12}[）)])?)$"
)
CREDIT_TAIL = 60
# Credits that name the photographer before or after a slash, or no one: 图/某某, 某某/摄, 通讯员供图.
CREDIT_SLASHED = re.compile(
    rf"(?P<credit>(?:图|摄影)\s*[/／:：]\s*{NAME}(?:[\s、，]+{NAME}){{0,3}}|{NAME}\s*[/／]\s*摄"
    rf"|(?:本报|通讯员|记者|受访者|[{HAN}]{{2,12}})?供图)$")
AGENCY_PHOTO = re.compile(rf"^[（(]?(?:{AGENCY}|人民视觉|视觉中国)\s*(?:发|供图|传真)?[）)]?$")
CAPTION_START = re.compile(r"^(?:图为|[上下左右题组]?图[①-⑳\d一二三四五六七八九十]*[：:为]|[上下左右]图)")


def page_marker(line: str) -> tuple[int, str] | None:
    """`第01版`, `第1版：要闻`, `A1版`, `【第3版】` → (number, name)."""
    if len(line) > 24:
        return None
    match = PAGE_MARKER.match(line)
    if not match:
        return None
    return int(match["num"]), (match["name"] or "").strip()


# …or without brackets: 本报讯 记者某某报道 / 本报讯 记者 某某 通讯员 某某
DATELINE_REPORTED = re.compile(rf"\s*(?P<inner>(?:{ROLE.pattern})\s*{NAME}(?:[\s、，]+{NAME}){{0,4}}"
                               rf"(?:\s*(?:{ROLE.pattern})\s*{NAME}(?:[\s、，]+{NAME}){{0,4}})?)\s*报道")
# A reporter's name ending the last paragraph: …说。  本报记者  某某
TRAILING_BYLINE = re.compile(rf"[。！？”」…]\s+(?P<by>(?:{ROLE.pattern})\s*{NAME}(?:\s+{NAME}){{0,3}})$")
# Who wrote a piece up, on its last line: （某某 整理）, （某某采访整理）
WRITTEN_UP = re.compile(rf"^[（(](?P<by>{NAME}(?:\s+{NAME})?\s*(?:采访)?整理)[）)]$")


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


def closing_bylines(paragraph: str) -> list[Byline]:
    """The reporter ending a paragraph (…。  本报记者  某某) or who wrote it up (（某某 整理））."""
    match = TRAILING_BYLINE.search(paragraph[-CREDIT_TAIL:]) or WRITTEN_UP.match(paragraph)
    return parse_bylines(match["by"]) if match else []


def _plausible_dateline(match: re.Match) -> bool:
    # A paper or agency name alone could start any sentence; a date or the
    # name of a well-known source makes it a dateline.
    known = match["source"] == "本报" or re.fullmatch(AGENCY, match["source"])
    return bool(match["date"] or known)


def parse_bylines(text: str, default_role: str = "记者") -> list[Byline]:
    """`记者 张三 通讯员 李四`, `记者张三、李四`, `本报记者 汪志球 黄 娴`,
    `文/张三 图/李四`, `本报记者 李 四采访整理` → bylines. Role words, agencies
    and what the names did (摄, 整理, 报道 …) are never names."""
    result: list[Byline] = []
    roles: tuple[str, ...] = (default_role,)
    pos = 0
    for match in BYLINE_MARK.finditer(text):
        found = _names(text[pos:match.start()], roles)
        if match["photo"]:
            found = [Byline(b.name, "摄影") for b in found]
        result += found
        if match["role"]:
            roles = (normalise_role(match["role"]),)
        elif match["prefix"]:
            roles = CREDIT_PREFIX[re.sub(r"\s+", "", match["prefix"])]
        pos = match.end()
    result += _names(text[pos:], roles)
    return result


def signature_bylines(text: str) -> list[Byline]:
    """The writer of a signed letter (the name after the place) or of an essay
    (□ 某某, 文/某某, a name and its school)."""
    if WRITER_CREDIT.match(text):
        return parse_bylines(text)
    match = AUTHOR_LINE.match(text) or AUTHOR_MARKED.match(text) or AUTHOR_UNIT.match(text)
    if not match:
        return []
    name = match.groupdict().get("name") or match["a"] or match["b"]
    return [Byline(re.sub(r"\s+", "", name), "作者")]


# The commonest surnames: a bare 2-3-character line that opens with one, under a
# title and over prose, is the writer's name (an essay's author line), not a subtitle.
SURNAMES = set(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
    "姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
    "常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季"
    "裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄"
    "窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查"
    "麻苑迟邝封")
COMPOUND_SURNAMES = ("欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "令狐", "司徒", "夏侯")


def is_bare_author(text: str) -> bool:
    """戴小禾 / 宁 远 / 欧阳晓峰 alone on a line: a name, by its surname."""
    name = re.sub(r"\s+", "", text)
    if not re.fullmatch(SPACED_NAME + rf"|[{HAN}]{{4}}", text) or name in NOT_NAMES or ROLE.search(name):
        return False
    if len(name) == 4:
        return name[:2] in COMPOUND_SURNAMES
    return name[0] in SURNAMES or name[:2] in COMPOUND_SURNAMES


def is_author_line(text: str) -> bool:
    marked = AUTHOR_MARKED.match(text)
    if marked:  # ◆ 记者说 is a column tag, not a writer
        return not ROLE.search(re.sub(r"\s+", "", marked["name"]))
    return bool(WRITER_CREDIT.match(text) or AUTHOR_UNIT.match(text))


def normalise_role(word: str) -> str:
    word = re.sub(r"^(?:本报|新华社|中新社|人民日报)", "", word)
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
    match = CREDIT.search(text, offset) or CREDIT_SLASHED.search(text, offset)
    if not match:
        return None
    caption = text[:match.start("credit")].rstrip()
    if caption and caption[-1] not in "。！？”）)…":
        return None
    return caption, match["credit"].strip()


def credit_bylines(credit: str) -> list[Byline]:
    match = CREDIT.search(credit)
    if not match:
        return [b for b in parse_bylines(credit) if b.role == "摄影"] if CREDIT_SLASHED.search(credit) else []
    return [Byline(b.name, "摄影") for b in _names(match["who"], ("摄影",))]
