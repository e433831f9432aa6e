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

# A joint spread names both pages (第2/3版, 第4-5版, 第06·07版): it is numbered by the first.
# A 数字报 page header may lead with the paper and the date, or end on the date: 东湖晚报 2024年6月3日 第A02版：要闻,
# 东湖晚报 | 2024-06-03 | 第A02版 要闻, 第A02版：要闻  2024-06-03;
# the page's name may follow a slash or a bar, or stand in brackets: 第2版/要闻, 第2版 | 要闻, 第12版（要闻）.
_ISSUE_DATE = r"(?:\d{4}年\d{1,2}月\d{1,2}日|\d{4}-\d{1,2}-\d{1,2})"
PAGE_MARKER = re.compile(
    rf"^(?:[\u4e00-\u9fff]{{2,8}}(?:报|刊)\s*[|｜]?\s*)?(?:{_ISSUE_DATE}\s*[|｜]?\s*)?(?:星期[一二三四五六日天]\s*[|｜]?\s*)?"
    r"[【\[〖]?\s*(?:第\s*)?(?P<prefix>[A-Za-z]?)\s*(?P<num>\d{1,3})(?:\s*[/／\-－~～·、]\s*[A-Za-z]?\d{1,3})?\s*版"
    r"(?:\s*[：:·\-—/／|｜]?\s*[（(]?(?P<name>[^\s。，！？：:【】\[\]（）()/／|｜]{1,12})[）)]?)?\s*[】\]〗]?"
    rf"(?:\s+{_ISSUE_DATE}(?:\s*星期[一二三四五六日天])?)?$"
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

# A local paper's newsroom prints what kind of reporter: 全媒体记者, 融媒体记者 …
MEDIA = ("全媒体", "融媒体", "融媒", "新媒体", "全媒")
ROLE_WORDS = (
    "本报特约记者", "本报见习记者", "本报实习记者", "本报首席记者",
    *(f"本报{m}记者" for m in MEDIA), "本报记者",
    "本报特约通讯员", "本报通讯员", "首席记者", *(f"{m}记者" for m in MEDIA), "特约记者", "见习记者", "实习记者",
    "摄影记者", "记者", "特约通讯员", "通讯员", "实习生", "特约撰稿人", "撰稿",
)
# Titles that are a kind of the plain role: a chief reporter is a reporter.
# (A 摄影记者 took the pictures: a photographer, listed last like 某某摄.)
ROLE_OF = {"首席记者": "记者", "特约通讯员": "通讯员", "摄影记者": "摄影", **{f"{m}记者": "记者" for m in MEDIA}}
# A reporter of a paper named in full: 晚报记者 某某, 某某日报记者 某某 (the paper is never a person).
PAPER_REPORTER = rf"[{HAN}]{{0,6}}?(?:日报|晚报|晨报|都市报|商报)(?:特约|见习|实习|首席|{'|'.join(MEDIA)})?记者"
ROLE = re.compile(
    rf"(?:(?:本报|{AGENCY})?驻[{HAN}]{{1,10}}?记者|{PAPER_REPORTER}|" + "|".join(ROLE_WORDS) + ")"
)
# Credits written before the names: 文/某某, 图/某某, 文 图/某某 (wrote and took the pictures).
CREDIT_PREFIX = {"文": ("作者",), "图": ("摄影",), "摄影": ("摄影",), "文图": ("作者", "摄影"),
                 "图文": ("作者", "摄影")}
# What follows the names says what they did; it is never part of a name:
# 某某摄 / 某某/摄 / 某某供图 make photographers; 采访整理, 整理, 报道, 采写 keep the role.
# (摄影记者 is a role, never a photo suffix: 记者 某某 摄影记者 某某.)
PHOTO_SUFFIX = r"[/／]?\s*(?:摄影?报道|摄影(?!记者)|摄(?!影记者)|供图)"
WORK_SUFFIX = r"(?:采访)?整理|采写|采访|撰文|执笔|报道|发自\S*"
BYLINE_MARK = re.compile(
    rf"(?P<role>{ROLE.pattern})"
    r"|(?P<prefix>文\s*图|图\s*文|摄影|文|图)\s*[/／:：|｜]"
    rf"|(?P<photo>{PHOTO_SUFFIX})|(?P<work>{WORK_SUFFIX})"
)
NOT_NAMES = frozenset(
    ROLE_WORDS + ("本报", "新华社", "摄影", "报道", "整理", "综合", "编辑", "人民视觉",
                  "视觉中国", "影像中国", "供图", "制图", "发", "文", "图", "等", "采访", "采写")
    + tuple(AGENCY.split("|"))
)

# A name letter-spaced to line up with three-character ones (宁 远): never a label's shape.
LETTER_SPACED = rf"[{HAN}]\s+[{HAN}]{{1,2}}"
SPACED_NAME = rf"[{HAN}]{{2,3}}|{LETTER_SPACED}"
# A reader's letter signed with place and name: 江苏兴化市  孙贵书 / 湖南长沙 鲁 平
# …or as a reader, set apart (读者 某某, ——读者 某某; 读者来信 is a column).
# A law's chapter heading is spaced the same way (第一章  总  则): never a letter's signature.
AUTHOR_LINE = re.compile(
    rf"^(?!第[一二三四五六七八九十百\d]+分?[编章节条])(?:"
    rf"[{HAN}]{{2,12}}(?:省|市|县|区|州|旗|镇|乡|村)\s+(?P<a>[{HAN}]{{2,3}}|[{HAN}]\s+[{HAN}]{{1,2}})$"
    rf"|[{HAN}]{{2,12}}\s+(?P<b>[{HAN}]\s+[{HAN}])$"
    rf"|(?:——\s*)?读者\s+(?P<reader>{SPACED_NAME})$)"
)

# An essay's or a story's author line: □ 某某, ◎ 某 某, ■某某, ○ 某某, ◇ 某 某, 文/某某, 文/某某 图/某某,
# 文 图/某某, or a name with its school or unit (某某  某市第一中学  初二（3）班).
# The mark may come with the credit (■ 文/某某), an unmarked one with its label (作者：某某), and a
# student's with the school in brackets (□某某（某市一中初三）, 文/某某（某市一中）).
AUTHOR_MARKED = re.compile(rf"^(?:[□◎■○◇]\s*(?:文\s*[/／:：]\s*)?|作者\s*[：:]\s*|文\s*[/／:：]\s*(?=[^（(]+[（(]))"
                           rf"(?P<name>{SPACED_NAME}|[{HAN}]{{4}})(?:\s*[（(][^（()）]{{2,30}}[）)])?$")
# Each credit may name the writer's or the photographer's role: 文/晚报记者 某某  图/晚报记者 某某.
_CREDITED_ROLE = rf"(?:(?:{ROLE.pattern})\s*)?"
WRITER_CREDIT = re.compile(rf"^(?:文\s*图|图\s*文|文)\s*[/／:：|｜]\s*{_CREDITED_ROLE}{NAME}(?:\s*[、，]?\s*{NAME})?"
                           rf"(?:\s+(?:图|摄影)\s*[/／:：]\s*{_CREDITED_ROLE}{NAME}(?:\s+{NAME})?)?$")
_UNIT = r"(?:学校|小学|中学|大学|学院|幼儿园|班|公司|医院|局|委员会|研究院|研究所|协会|会员|中心)"
_SCHOOL = r"(?:学校|小学|中学|大学|学院|幼儿园|班|年级|[高初][一二三]|学生)"
# …with the unit before or after the name (set apart by two spaces or one full-width space),
# or a student's school in brackets:
# 某某  某市第一中学 / 某市第一中学初二（3）班  某某 / 某某（某市第二中学高一）
AUTHOR_UNIT = re.compile(rf"^(?P<name>{SPACED_NAME})(?:\s{{2,}}|\u3000)\S.{{1,30}}{_UNIT}$"
                         rf"|^[{HAN}].{{1,30}}{_UNIT}\s+(?P<after>{SPACED_NAME})$"
                         rf"|^(?P<student>{SPACED_NAME})\s*[（(][^（()）]{{2,30}}{_SCHOOL}[）)]$")
# The commonest surnames: a bare 2-3-character line that opens with one, under a
# title and over prose, is the writer's name (an essay's author line), not a subtitle.
SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈"
    "姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
    "常温康施文牛樊葛邢安齐易乔伍庞颜倪庄聂章鲁岳翟殷詹申欧耿关兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕单季"
    "裴霍涂成苗谷盛曲翁冉骆蓝路游辛靳管柴蒙鲍华喻祁蒲房滕屈饶解牟艾尤阳时穆农司卓古吉缪简车项连芦麦褚娄"
    "窦戚岑景党宫费卜冷晏席卫米柏宗瞿桂全佟应臧闵苟邬边卞姬师和仇栾隋商刁沙荣巫寇桑郎甄丛仲虞敖巩明佘池查"
    "麻苑迟邝封")
COMPOUND_SURNAMES = ("欧阳", "司马", "上官", "诸葛", "东方", "皇甫", "尉迟", "公孙", "慕容", "令狐", "司徒", "夏侯")
BARE_NAME = re.compile(rf"^(?:{SPACED_NAME}|[{HAN}]{{4}})$")
# …or without brackets after the dateline: 本报讯 记者某某报道 / 本报讯 记者 某某 通讯员 某某报道
DATELINE_REPORTED = re.compile(rf"\s*(?P<inner>(?:{ROLE.pattern})\s*{NAME}(?:[\s、，]+{NAME}){{0,4}}"
                               rf"(?:\s*(?:{ROLE.pattern})\s*{NAME}(?:[\s、，]+{NAME}){{0,4}})?)\s*报道")
# A reporter's name ending the last paragraph: …说。  本报记者  某某 / …说。（记者 某某）,
# …说。（本报记者 某 某采访整理）
# (in brackets the name stands apart from the role: …！（记者手记） is a box's title)
_SIGNERS = rf"(?:{ROLE.pattern})\s*{NAME}(?:\s+{NAME}){{0,3}}"  # 记者 某某, 通讯员 某 某
TRAILING_BYLINE = re.compile(rf"[。！？”」…](?:\s+(?P<by>{_SIGNERS}(?:\s+{_SIGNERS}){{0,2}})"
                             rf"|\s*[（(](?P<bracketed>(?:{ROLE.pattern})\s+{NAME}(?:\s+{NAME}){{0,3}}"
                             rf"(?:\s+{_SIGNERS}){{0,2}}\s*(?:{WORK_SUFFIX})?)[）)])$")
# Who wrote a piece up, on its last line: （某某 整理）, （某某采访整理）
WRITTEN_UP = re.compile(rf"^[（(](?P<by>(?:{ROLE.pattern})?\s*{NAME}(?:\s+{NAME})?\s*(?:采访)?整理)[）)]$")

# A photo credit: 本报记者 戎禹仁摄 / 新华社记者 张博文摄 / 陈勇摄（人民视觉）
CREDIT = re.compile(
    rf"(?P<credit>(?:(?:本报|{AGENCY}|[{HAN}]{{2,6}}报)?(?:特约|见习|实习)?(?:记者|通讯员))?"
    rf"\s*(?P<who>{NAME}(?:[\s、，]+{NAME}){{0,11}})\s*摄(?:影)?(?:报道)?"
    r"(?:\s*[（(][^（()）]{1,12}[）)])?)$"
)
CREDIT_TAIL = 60
# Credits that name the photographer before or after a slash, or no one: 图/某某, 某某/摄, 通讯员供图,
# 图片由某单位提供.
CREDIT_SLASHED = re.compile(
    rf"(?P<credit>(?:图|摄影)\s*[/／:：]\s*{NAME}(?:[\s、，]+{NAME}){{0,3}}|(?:{LETTER_SPACED}|{NAME})\s*[/／]\s*摄"
    rf"|(?:本报|通讯员|记者|受访者|[{HAN}]{{2,12}})?供图|图片由[{HAN}]{{2,20}}提供)$")
AGENCY_PHOTO = re.compile(rf"^[（(]?(?:{AGENCY}|人民视觉|视觉中国)\s*(?:发|供图|传真)?[）)]?$")
CAPTION_START = re.compile(r"^(?:图为|[上下左右题组]?图[①-⑳\d一二三四五六七八九十]*[：:为]|[上下左右]图)")

# --- Line shapes (lines.classify and the stages after it) -------------------------

# The verbs that send a reader to another page: 详见第5版, 本版内容移至A6版, （转第三版）.
POINTS_TO = r"(?:详见|请见|请看|见|转|移至|移到)"

# Labels of boxes inside an article (a paragraph of their own, or a bracketed tag
# closing a heading): they belong to an article, never start one.
# The editors' notes that open the piece under them; 编后 closes the piece above it.
OPENING_NOTE_LABELS = ("编者按", "编者的话", "开栏的话")
EDITOR_NOTE_LABELS = OPENING_NOTE_LABELS + ("编后",)
KEY_POINTS_LABEL = "核心阅读"
BOX_LABELS = EDITOR_NOTE_LABELS + (
    KEY_POINTS_LABEL, "相关链接", "延伸阅读", "记者手记", "短评", "背景链接", "新闻链接", "小贴士",
    "阅读提示", "记者观察", "相关新闻",
)
# A help desk's sub-heads are paragraphs of their article too: 求助 / 记者调查 / 部门回应 / 回复.
HELP_DESK_LABELS = ("导读", "求助", "读者求助", "网友求助", "回复", "答复", "记者调查", "部门回应", "记者追踪",
                    "记者回访", "律师说法", "专家说法", "办理结果", "处理结果", "市民反映",
                    "网友提问", "市民来电", "读者来电", "群众诉求", "记者追访", "追踪", "进展", "后续",
                    "编辑回复", "专家解答", "办理情况")
# A document printed in full lists its contents under 目录 (目  录): a label inside it.
DOCUMENT_LABELS = (r"目\s*录",)
MARKER = re.compile(rf"^[【\[]?(?:{'|'.join(BOX_LABELS + HELP_DESK_LABELS + DOCUMENT_LABELS)})[】\]]?[：:]?$")
HELP_DESK = re.compile(rf"^[【\[]?(?:{'|'.join(HELP_DESK_LABELS)})[】\]]?[：:]?$")
# 记者手记, 延伸阅读 … as a tag closing a heading: a box inside an article.
SIDEBAR_TAG = re.compile(rf"[（(](?:{'|'.join(BOX_LABELS)})[）)]$")
# 延伸阅读 as a heading's tag: further reading on the story above, never a story of its own.
FURTHER_READING = re.compile(r"[（(]延伸阅读[）)]$")
# …in brackets too, as a box's label: 【编者按】.
EDITOR_NOTE = re.compile(rf"^(?:{'|'.join(EDITOR_NOTE_LABELS)}|【(?:{'|'.join(EDITOR_NOTE_LABELS)})】)[：:]?")
OPENING_NOTE = re.compile(rf"^(?:{'|'.join(OPENING_NOTE_LABELS)})[：:]")
KEY_POINTS = re.compile(rf"^{KEY_POINTS_LABEL}[：:]?$")
# A subtitle or an attribution opens on a dash: ——记…, ——某某（身份）. The headline
# is over once such a subtitle has been printed.
FOLLOW_ON = re.compile(r"^(?:——|—)")
# A lead-in naming one instalment of a series: 解读某某精神之三——, 系列报道之一——.
INSTALMENT_LEAD_IN = re.compile(r"之[一二三四五六七八九十\d]{1,3}——$")
# Reporters named on a line of their own, each group under its role: 本报记者 某某,
# 首席记者 某某某, 记者 某某  通讯员 某某, 本报特约通讯员 某某 记者 某某, （本报记者 某 某采访整理）,
# 记者 某某 文/图 (wrote and took the pictures), 本报记者 某某  本报见习记者 某某 (a second
# reporter's role after a space; （本报记者某某、某某，人民网记者某某） is a sign-off, an end note).
_REPORTER = rf"(?:本报|新华社|人民日报|[{HAN}]{{0,6}}?(?:日报|晚报|晨报|都市报|商报))?(?:驻[{HAN}]{{1,10}})?(?:特约|见习|实习|首席|{'|'.join(MEDIA)})?记者"
_HELPER = r"(?:本报)?(?:特约)?通讯员|实习生"
_NAMES = rf"\s*[/／]?\s*{NAME}(?:[\s、，]+{NAME}){{0,6}}"  # 记者/某某 as well
# …and who took the pictures, after the reporters: 本报记者 某某  图/某某.
_PICTURES = rf"(?:\s+图\s*[/／]\s*{NAME}(?:[\s、，]+{NAME}){{0,3}})?"
BYLINE_LINE = re.compile(
    rf"^[（(]?(?:{_REPORTER}{_NAMES}(?:(?:\s*(?:{_HELPER})|\s+{_REPORTER}){_NAMES}){{0,2}}"
    rf"|(?:{_HELPER}){_NAMES}(?:\s*(?:{_HELPER}|{_REPORTER}){_NAMES}){{0,2}}){_PICTURES}"
    rf"\s*(?:报道|整理|文\s*[/／]\s*图|图\s*[/／]\s*文)?[）)]?$"
)
# A line that points to a page: a 导读 entry (▶ 某某 A3, 某某　详见第5版) or the rest of a
# story (>>>详见A2版, （下转第三版）). It is text: never a headline.
# (▶ 某某 第A3版, →某某 A3, ◆某某 >>A3, 某某（详见A3）).
POINTER_MARKS = "▶►>》●■◆→"
# The page pointed to may be a joint spread (A04-05, 2/3, 6·7).
_SPREAD = r"(?:\s*[-–/·]\s*\d{1,2})?"
POINTER = re.compile(POINTS_TO + r"第?\s*[A-Za-z]?[\d一二三四五六七八九十]{1,3}" + _SPREAD + r"\s*版[）)]?$"
                     r"|[（(]详?见第?\s*[A-Za-z]?\d{1,3}\s*版?[）)]$"
                     rf"|^[{POINTER_MARKS}]+.{{2,40}}(?:\s|[（(]|>>|》)第?\s*[A-Za-z]?\d{{1,2}}{_SPREAD}版?[）)]?$"
                     # the page first, set apart from the headline: A3  某某, 第5版：某某, B2｜某某
                     r"|^(?:第?[A-H]\d{1,2}版?|第\d{1,2}版)(?:\s{2,}|\u3000|\s*[：:|｜]\s*)\S.{1,38}$")
POINTER_MAX = 40  # a 导读 entry is a headline and a page number
# A title printed in two halves whose second asks or cries out (小区路灯坏了半个月　谁来修？):
# a headline, though it ends as a sentence does. (A question in a Q&A is one clause.)
TWO_HALF_CRY = re.compile(r"^[^\s。！？；：…!?;:，,、]{2,16}(?:\u3000|\s{2,})[^\s。！？；：…!?;:，,、]{2,16}[？！?!]$")
# `导读` over pointer lines heads the front page's 导读 box.
BOX_HEADER = re.compile(r"^(?:今日|本期|要闻)?(?:导读|看点)$")
# Page furniture, dropped: the page's editors (责任编辑 某某  版式设计 某某  校对 某某, 本版编辑：某某,
# 责编/某某 美编/某某), a QR-code prompt (扫码看视频), the masthead, a page that only points elsewhere. A design
# credit alone (版式设计：某某, 制图：某某) stays: it closes a story or a graphic.
_EDITOR = r"(?:本版)?(?:责任编辑|责编|编辑|美编|校对)"
_STAFF = rf"(?:{_EDITOR}|版式设计|版式|美术编辑|组版|审读|制图)"
_STAFF_NAME = rf"\s*[：:/／]?\s*[{HAN}]{{1,3}}(?:\s+[{HAN}]{{1,2}})?"
FURNITURE = re.compile(
    rf"^{_EDITOR}{_STAFF_NAME}(?:\s+{_STAFF}{_STAFF_NAME})*$"
    rf"|^扫(?:码|描二维码|一扫)[{HAN}]{{0,8}}$"
    # the masthead a 数字报 copy prints at a page's top: the paper's name alone (河阳晚报)
    rf"|^[{HAN}]{{2,6}}(?:日报|晚报|晨报|早报|都市报|县报|周报)$|^[（(]?本版(?:内容|稿件|文章)?[{HAN}]{{0,4}}?{POINTS_TO}第?\s*[A-Za-z]?[\d一二三四五六七八九十]{{1,3}}\s*版[）)]?$"
    # …and the issue's date line under it: 2026年4月17日　星期五　第1562期 (农历三月初一, 总第1562期)
    rf"|^{_ISSUE_DATE}\s*星期[一二三四五六日天](?:\s*(?:农历[{HAN}]{{2,8}}|总?第\s*\d{{1,6}}\s*期))*$"
)
# The service boxes a local page prints at its foot are furniture too: the weather (今日天气,
# 晴转多云  12℃～21℃  东南风2级) and the lottery results (福利彩票“双色球”第2024128期开奖公告,
# 红球：03 08 15 21 27 30  蓝球：11). A forecast line opens on the sky (晴, 多云, 小雨 …), so a
# headline about the weather (明天气温回升至15℃～22℃) is not one.
_TEMPERATURE_RANGE = r"-?\d{1,2}\s*(?:℃|°C)?\s*[～~—至到/-]\s*-?\d{1,2}\s*(?:℃|°C)"
SERVICE_BOX_MAX = 48  # its lines are short: longer lines skip the match
_SKY = r"(?:晴|多云|阴|[小中大暴阵]?雨|雷阵雨|雨夹雪|[小中大暴]?雪|雾|霾|沙尘)"
_BALLS = r"(?:红球|蓝球|前区|后区|开奖号码|中奖号码)[：:]\s*\d{1,2}(?:[\s+＋、，,]+\d{1,2})*"
SERVICE_BOX = re.compile(
    r"^(?:今日|明日|今天|明天|后天|本周|周末|未来[一二三四五六七\d]天)?天气(?:预报)?$"
    rf"|^(?:(?:今天|明天|后天|今日|明日|周[一二三四五六日天])[：:\s]\s*)?{_SKY}[^，。！？\d]{{0,10}}{_TEMPERATURE_RANGE}.{{0,16}}$"
    r"|^.{0,12}(?:彩票|双色球|大乐透|福彩|体彩|七星彩|七乐彩|排列[三五35]|快乐8).{0,16}第\s*\d{5,7}\s*期"
    r"\s*(?:开奖(?:公告|结果|号码)|中奖号码)?[：:]?$"
    rf"|^{_BALLS}(?:\s+{_BALLS})*$")
# A column's tag on its own line over a headline: 【民生热线】, ● 聚焦两会, ◆ 记者观察.
# (■ 记者手记 / ■ 延伸阅读 label boxes inside an article.)
COLUMN_LINE = re.compile(r"^(?:【(?P<bracketed>[^【】\s]{2,12})】|[●◆★☆◇]\s*(?P<marked>[^\s，。：:！？]{2,12}))$")
# A tag in brackets alone on a line: a column's over a title, a box's label over prose.
BRACKETED_LABEL = re.compile(r"^【[^【】\s]{2,12}】$")
# A column named by a role and what the reporter does (◆ 记者蹲点, ● 记者走基层) is no byline:
# a byline under a mark sets the name apart (□ 本报记者 某某) or signs with more than one word.
COLUMN_BY_ROLE = re.compile(r"^[●◆★☆◇]\s*(?:记者|通讯员)[\u4e00-\u9fff]{2}$")
# …or bare, named as columns are (今日关注, 民生热线, 新闻速递, 两会聚焦, 聚焦民生): over a
# headline it is the column, not a kicker. (A kicker says something about the story.)
# A service page's column (民生热线, 读者来信, 市长信箱) heads one reader's matter at a time: over a
# headline it starts an article, as a column's tag does. (The others can head a roundup or a
# feature's part: 新闻速递, 聚焦核心任务.)
_SERVICE = r"热线|来信|信箱"
SERVICE_COLUMN = re.compile(rf"^[\u4e00-\u9fff]{{2,4}}(?:{_SERVICE})$")
# 县区传真, 基层传真: briefs sent in from the districts; 图说, 数说: a picture's or the figures' page.
BARE_COLUMN = re.compile(rf"^(?:[\u4e00-\u9fff]{{2,4}}(?:关注|聚焦|视点|速递|快讯|直击|连线|传真|{_SERVICE})"
                         r"|聚焦[\u4e00-\u9fff]{2,4}|(?:图|数|数据)说)$")
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
# A letter opens on its salutation alone: 亲爱的妈妈：, 尊敬的各位老师：, 父亲：.
SALUTATION = re.compile(r"^(?:亲爱的|尊敬的)?[^，。！？：:\s]{1,14}[：:]$")
# The last line of a meeting's headline names who presided or attended: 某某主持会议,
# 某某出席并讲话.
PRESIDED_LINE = re.compile(r"(?:主持|出席)(?:会议|并讲话|并致辞)?$")
END_NOTE = re.compile(r"^[（(][^（()）]{2,60}(?:[（(][^（()）]*[）)][^（()）]*)?[）)]$")
# A joint dispatch may list a dozen writers: （新华社北京5月3日电  执笔记者：…；参与记者：…）.
DISPATCH_NOTE = re.compile(r"^[（(](?:新华社|本报)[^（()）]{0,30}电[^（()）]{0,200}[）)]$")
# A letter or a notice signs off with its sender and a bare date (2019年10月25日于北京);
# no headline ends so.
SIGN_OFF_DATE = re.compile(r"^(?:\d{4}|[〇零一二三四五六七八九]{4})年[\d一二三四五六七八九十]{1,3}月[\d一二三四五六七八九十]{1,3}日"
                           r"(?:于[\u4e00-\u9fff]{1,8})?$")
# A notice's title names its kind last (a correction: 更正), maybe letter-spaced (公  告); a 通知 only in the
# form of one (关于…的通知, or alone): 某部门印发通知 is a news headline.
NOTICE_TITLE = re.compile(r"(?:启\s*事|公\s*告|公\s*报|声\s*明|通\s*告|讣\s*告|公\s*示|^关于[^，。]{2,60}的通知|^通\s*知|^更\s*正)$")
# …and a notice's heading alone, as a notices page prints it: 更正, 讣告, 减资公告, 寻物启事.
NOTICE_HEADING_MAX = 8
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
# ① / 第一部分 / 第一编 / 第一分编 (a code's book and part);
SECTION_NUMBER = re.compile(
    rf"^(?:[{CN_DIGITS}]+[、．.]?$|[{CN_DIGITS}]+、|[（(][{CN_DIGITS}]+[）)]|{CIRCLED}"
    rf"|第[{CN_DIGITS}百\d]+(?:分?编|章|节|部分|篇))"
)
# a line numbered or bulleted in any way (1. 一百、 （3） 第三条 ■) is weighed as a
# sub-heading or a list item (the `enumerated` cue). The union of the two changes
# what that cue sees in 17 rmrb-dev runs, so the fitted weights: both are kept.
ENUMERATED = re.compile(
    rf"^(?:[{CN_DIGITS}百]+[、.．]|[（(][{CN_DIGITS}\d]+[）)]|第[{CN_DIGITS}百\d]+[编章节条部分篇]"
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
