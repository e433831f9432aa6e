"""Every pattern and word list the parser shares, defined once.

A pattern used by one module only, and meaningful only there, stays private to
that module; everything that two stages read (a column tag, a `——` subtitle, a
box label) is here, so the stages cannot drift apart. What a single line says
(its dateline, bylines, credit) is read by `fields.py` with these.
"""
from __future__ import annotations

import re

HAN = r"\u3400-\u9fff\uf900-\ufaff"
# A person's name as printed: Han characters, maybe a middle dot for
# minority and foreign names; 2-char names are often spaced out ("黄 娴").
NAME = rf"[{HAN}]{{1,4}}(?:[·•][{HAN}]{{1,10}}){{0,3}}"

PAGE_MARKER = re.compile(
    r"^[【\[〖]?\s*(?:第\s*)?(?P<prefix>[A-Za-z]?)\s*(?P<num>\d{1,3})\s*版"
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
    "本报特约记者", "本报见习记者", "本报实习记者", "本报记者", "本报通讯员",
    "特约记者", "见习记者", "实习记者", "摄影记者", "记者", "通讯员", "实习生",
    "特约撰稿人", "撰稿",
)
ROLE = re.compile(
    rf"(?:(?:本报|{AGENCY})?驻[{HAN}]{{1,10}}?记者|" + "|".join(ROLE_WORDS) + ")"
)
NOT_NAMES = frozenset(
    ROLE_WORDS + ("本报", "新华社", "摄影", "报道", "整理", "综合", "编辑", "人民视觉",
                  "视觉中国", "影像中国", "供图", "制图", "发", "文", "图", "等")
    + tuple(AGENCY.split("|"))
)

# A reader's letter signed with place and name: 江苏兴化市  孙贵书 / 湖南长沙 鲁 平
AUTHOR_LINE = re.compile(
    rf"^[{HAN}]{{2,12}}(?:省|市|县|区|州|旗|镇|乡|村)\s+(?P<a>[{HAN}]{{2,3}}|[{HAN}]\s+[{HAN}]{{1,2}})$"
    rf"|^[{HAN}]{{2,12}}\s+(?P<b>[{HAN}]\s+[{HAN}])$"
)

# A photo credit: 本报记者 戎禹仁摄 / 新华社记者 张博文摄 / 陈勇摄（人民视觉）
CREDIT = re.compile(
    rf"(?P<credit>(?:(?:本报|{AGENCY}|[{HAN}]{{2,6}}报)?(?:特约|见习|实习)?(?:记者|通讯员))?"
    rf"\s*(?P<who>{NAME}(?:[\s、，]+{NAME}){{0,11}})\s*摄(?:影)?(?:报道)?"
    r"(?:\s*[（(][^（()）]{1,12}[）)])?)$"
)
CREDIT_TAIL = 60
AGENCY_PHOTO = re.compile(rf"^[（(]?(?:{AGENCY}|人民视觉|视觉中国)\s*(?:发|供图|传真)?[）)]?$")
CAPTION_START = re.compile(r"^(?:图为|[上下左右题组]?图[①-⑳\d一二三四五六七八九十]*[：:为]|[上下左右]图)")

# --- Line shapes (lines.classify and the stages after it) -------------------------

# Labels of boxes inside an article (a paragraph of their own, or a bracketed tag
# closing a heading): they belong to an article, never start one.
EDITOR_NOTE_LABELS = ("编者按", "编者的话", "编后", "开栏的话")
KEY_POINTS_LABEL = "核心阅读"
BOX_LABELS = EDITOR_NOTE_LABELS + (
    KEY_POINTS_LABEL, "相关链接", "延伸阅读", "记者手记", "短评", "背景链接", "新闻链接", "小贴士",
    "阅读提示", "记者观察",
)
MARKER = re.compile(rf"^(?:{'|'.join(BOX_LABELS)})[：:]?$")
# 记者手记, 延伸阅读 … as a tag closing a heading: a box inside an article.
SIDEBAR_TAG = re.compile(rf"[（(](?:{'|'.join(BOX_LABELS)})[）)]$")
# 延伸阅读 as a heading's tag: further reading on the story above, never a story of its own.
FURTHER_READING = re.compile(r"[（(]延伸阅读[）)]$")
EDITOR_NOTE = re.compile(rf"^(?:{'|'.join(EDITOR_NOTE_LABELS)})[：:]?")
KEY_POINTS = re.compile(rf"^{KEY_POINTS_LABEL}[：:]?$")
# A subtitle or an attribution opens on a dash: ——记…, ——某某（身份）. The headline
# is over once such a subtitle has been printed.
FOLLOW_ON = re.compile(r"^(?:——|—)")
BYLINE_LINE = re.compile(
    rf"^[（(]?(?:本报|新华社|人民日报)?(?:驻[{HAN}]{{1,10}})?(?:特约|见习|实习)?记者"
    rf"\s*{NAME}(?:[\s、，]+{NAME}){{0,6}}(?:\s*(?:通讯员|实习生)\s*"
    rf"{NAME}(?:[\s、，]+{NAME}){{0,4}})?\s*(?:报道|整理)?[）)]?$"
)
# A notice's number under its title: （第一号）; a decree's: 第七百号, ［2019］第3号.
NUMBER_IN_BRACKETS = re.compile(r"^[（(]第[\d一二三四五六七八九十百千零〇]+号[）)]$")
NUMBER_LINE = re.compile(r"^(?:[［\[〔(（][^］\]〕)）]{1,8}[］\]〕)）])?第[\d一二三四五六七八九十百千零〇]+号$"
                         r"|" + NUMBER_IN_BRACKETS.pattern)
# A date under a title, as speeches and laws print it: （二〇一九年二月三日）
DATE_LINE = re.compile(r"^[（(](?:\d{4}年|二〇|一九)[^（()）]{2,60}[）)]$")
# A figure printed big beside a story (104万, 13.95亿人次, 80.6%) is body, not a heading;
# a year starting a title (2019春运一线) is not a figure.
FIGURE = re.compile(r"^(?!\d{4}[^\d.,%％])\d[\d.,]*\s*(?:%|％|万|亿|千|百)?[\u4e00-\u9fff]{0,4}$")
# An editor's sign-off: ——编 者
EDITORS_SIGN_OFF = re.compile(r"^——\s*编\s*者$")
# A column's or a series' tag closes a title: （钟声）, or a campaign's long one,
# （守初心 担使命 找差距 抓落实·深入开展“不忘初心、牢记使命”主题教育）. A bracket
# that opens on a date is a document's date note (DATE_LINE), never a tag.
COLUMN_TAG = re.compile(r"[（(](?!\d{4}年|二〇|一九)[^（()）]{2,40}(?:[（(][^（()）]*[）)])?[^（()）]{0,10}[）)]$")
# A speech or an address printed in full is titled by its occasion: 在某某会上的讲话.
SPEECH_TITLE = re.compile(r"^在.{2,40}(?:上|时)的(?:讲话|发言|致辞|演讲|主旨演讲)$")
END_NOTE = re.compile(r"^[（(][^（()）]{2,60}(?:[（(][^（()）]*[）)][^（()）]*)?[）)]$")
# A joint dispatch may list a dozen writers: （新华社北京5月3日电  执笔记者：…；参与记者：…）.
DISPATCH_NOTE = re.compile(r"^[（(](?:新华社|本报)[^（()）]{0,30}电[^（()）]{0,200}[）)]$")
# A letter or a notice signs off with its sender and a bare date (2019年10月25日于北京);
# no headline ends so.
SIGN_OFF_DATE = re.compile(r"^(?:\d{4}|[〇零一二三四五六七八九]{4})年[\d一二三四五六七八九十]{1,3}月[\d一二三四五六七八九十]{1,3}日"
                           r"(?:于[\u4e00-\u9fff]{1,8})?$")
NOTICE_TITLE = re.compile(r"(?:启事|公告|公报|声明|通告|讣告|公示)$")
# A paragraph that opens on a full date, year first: 2016年5月17日，… (an entry of a chronicle).
YEAR_DATE_LEDE = re.compile(r"^\d{4}年\d{1,2}月(?:\d{1,2}日)?")
# A paragraph that announces the text printed under it: …全文如下。 / 现将有关事项公告如下：
ANNOUNCES_TEXT = re.compile(r"如下[。：:]$")

# A line that is one quotation from end to end: “我们一定能赢”.
QUOTATION = re.compile(r"^“[^“”]+”$")
# Quotes and brackets that may close a line after its last punctuation mark.
CLOSERS = "”’\"'）)」』】》"
# Headings of a picture story: its pictures and their credit follow.
PHOTO_HEADINGS = {"图片报道", "图片新闻", "新闻图片", "摄影报道"}

# --- Heading lines ---------------------------------------------------------------

# A kicker ends on a colon, an ellipsis or a question: `国台办：`, `写春联、赏年画……`.
SOFT_KICKER_ENDS = ("：", ":", "……", "？")
# Numbering of sections and list items. Two readings, from shared parts:
CN_DIGITS = "一二三四五六七八九十"
CIRCLED = "[①-⑳]"
# a section number cuts a headline short, the body starts there: 一 / 一、 / （一） /
# ① / 第一部分;
SECTION_NUMBER = re.compile(
    rf"^(?:[{CN_DIGITS}]+[、．.]?$|[{CN_DIGITS}]+、|[（(][{CN_DIGITS}]+[）)]|{CIRCLED}"
    rf"|第[{CN_DIGITS}百\d]+(?:章|节|部分|篇))"
)
# a line numbered or bulleted in any way (1. 一百、 （3） 第三条 ■) is weighed as a
# sub-heading or a list item (the `enumerated` cue). The union of the two changes
# what that cue sees in 17 rmrb-dev runs, so the fitted weights: both are kept.
ENUMERATED = re.compile(
    rf"^(?:[{CN_DIGITS}百]+[、.．]|[（(][{CN_DIGITS}\d]+[）)]|第[{CN_DIGITS}百\d]+[章节条部分篇]"
    rf"|\d{{1,2}}[、.．]|{CIRCLED}|[■□▲△◆★☆])"
)
# An author's name under the title: essays and sub-stories sign this way.
SPEAKER = r"(?:[\u4e00-\u9fff]{2,3}|[\u4e00-\u9fff]\s+[\u4e00-\u9fff]{1,2})"
PERSON_LINE = re.compile(r"^[\u4e00-\u9fff]{2,4}$|^[\u4e00-\u9fff]\s+[\u4e00-\u9fff]{1,2}$|^[\u4e00-\u9fff]{1,6}·[\u4e00-\u9fff·]{1,12}$")
# The voices of a forum: 王 蒙（原文化部部长） / （英国）拉尔夫·马丁.
VOICE_LINE = re.compile(rf"^{SPEAKER}[（(][^（()）]{{2,30}}[）)]$"
                        r"|^[（(][\u4e00-\u9fff]{1,8}[）)]\s*[\u4e00-\u9fff][\u4e00-\u9fff·—]{1,20}$")
# The stricter reading, for a line alone: the bracket says what the speaker does
# (某某（乐队指挥）); a title and its column tag (某某（随笔）) is no voice.
VOICE_WITH_ROLE = re.compile(rf"^(?:{SPEAKER}|[\u4e00-\u9fff]{{4}})[（(][^（()）]{{0,20}}"
                             r"(?:员|家|师|长|手|席|编|辑|指挥|撰稿|主任|委员|代表|教授|院士|书记|导演|编剧|主演)[）)]$")
