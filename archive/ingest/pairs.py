"""Two heading lines: 引题+主题 (a kicker over the title) or 主题+副题 (a title over its
subtitle)? Plain text cannot always tell; the named rules of PAIR_RULES agree with how
papers print them most of the time, and `pair_rule` says which rule decided. headline.py
asks it for every two-line headline."""
from __future__ import annotations

import re
from typing import NamedTuple

from .patterns import (
    AGENCY_PHOTO, BYLINE_LINE, CLOSERS, COLUMN_TAG, CREDIT, DATE_LINE, DATELINE, FOLLOW_ON, NUMBER_LINE, ROLE, SPEECH_TITLE,
)

# Kickers often end with the verb that introduces the title: 某某强调 / 某部门要求.
# So do the time frame of a report's figures (前三季度 / 某行动开展以来), and an approval
# clause, which cannot stand alone (经某某批准 / 经某某同意).
KICKER_END = re.compile(r"(?:强调|指出|表示|要求|希望|印发|发表|提出|回信|致信|宣布|透露|文章|以来|：|:|——|……)$"
                        r"|^(?:今年|去年|前|上|下)?(?:[一二三四五六七八九十\d]+(?:个月|季度)|[上下]半年)$"
                        r"|^经[^，。；]{1,24}(?:批准|同意)$")
# A first line that only names an institution (公安部, 市纪委监委网站, 某某委员会) says
# who acts: the kicker over what it did.
AGENCY_LINE = re.compile(r"^[\u4e00-\u9fff、]{1,16}(?:(?<!干)部|委员会|监委|网站|机关|总局|(?<![举开创])办|(?<![开布格结大首])局|厅)$")
# Event titles whose second line adds detail: 某某会议召开 / 展览开幕.
EVENT_END = re.compile(r"(?:会议|举行|开幕|闭幕|召开|发布|结束|举办|会谈|公布|会见|贺电|就绪|启动|落幕)$")
# …or the start of something (某某平台上线, 某某奖揭晓).
LAUNCH_END = re.compile(r"(?:揭晓|落地|成立|开通|上线|揭牌|开工|竣工|投产|通车|施行|出台)$")
# A second line naming who attended or presided reports the event under a slogan title.
SUBTITLE_END = re.compile(r"(?:出席|参加|陪同|主持|讲话|致辞|列席)$")
# …but a speech printed under its news line is titled by its occasion (SPEECH_TITLE).
# …or opens with it (栗战书参加审议), or with the press briefing held about it.
ATTENDED = re.compile(r"^[\u4e00-\u9fff]{2,3}(?:参加|出席|主持|陪同)(?:审议|会见|会议|会谈|活动|仪式|开幕式|闭幕式|座谈|并|$)"
                      r"|(?:举行|召开)[\u4e00-\u9fff]{0,8}(?:吹风会|发布会|记者会)")
# A competition's name, or its close, over a result: 德国乒乓球公开赛 / 樊振东男单夺冠,
# 围棋名人赛落幕 / 某某卫冕.
COMPETITION = re.compile(r"(?:[^网]站|杯|[^比]赛|决赛|首局|首轮|回合|锦标赛|[男女]子[\d\u4e00-\u9fff]{0,6}米)"
                         r"(?:落幕|收官|战罢)?$")
# A line that opens on a province or the country names its own subject (山西将改造…,
# 我国将新建…): a title that stands alone, not a detail going on with the line above.
OWN_SUBJECT = re.compile(r"^(?:我国|全国|中国|北京|天津|上海|重庆|河北|山西|辽宁|吉林|黑龙江|江苏|浙江|安徽|福建"
                         r"|江西|山东|河南|湖北|湖南|广东|海南|四川|贵州|云南|陕西|甘肃|青海|台湾|内蒙古|广西"
                         r"|西藏|宁夏|新疆|香港|澳门)")
NATIONAL = re.compile(r"^(?:我国|全国|中国)")
ADVICE = re.compile(r"^[\u4e00-\u9fff]{2,8}(?:提醒|提示|建议|呼吁)[：:]")
AGENCY_NAME_MAX = 6
# A second line that goes on with the first line's subject (强调…, 指出…; a meeting's
# business: 审议…, 听取…; 代表某某向…致以) or lists summary points (■ …) is a news
# subtitle; a title never starts that way. Nor does a line that opens on a share, a
# comparison or a forecast (占…的45%, 比去年增长…, 预计…): it goes on with the figure or
# the event of the line above.
SUBTITLE_START = re.compile(r"^(?:[■●◆▲]|强调|指出|表示|认为|要求|将|拟|开始|宣读|今起|明起"
                            r"|审议|听取|决定|讨论|部署|代表[^，。]{2,30}向"
                            r"|占|预计|同比|环比|比(?:去年|上年|上月|前))")
# A line that opens on a date says when: under a title it is the subtitle (…博览会 /
# 2024年5月4日  清河会展中心), never the title under a column line.
WHEN_LINE = re.compile(r"^(?:\d{4}年)?\d{1,2}月\d{1,2}日")
# Under a dated report's title, a line that opens on a time (今年…, 年底前将…, 未来一周…)
# goes on with the same news: its subtitle.
TIME_START = re.compile(r"^(?:今年|明年|去年|年底前?|年内|上半年|下半年|近期|未来|下一步|本月|下月)")
EXCLAIMS = re.compile(r"[！!]")
EXCLAIMED_END = re.compile(rf"[！？!?][{CLOSERS}]*$")
SENTENCE_LONG = 30  # a second line this long with a comma is a summary sentence, not a title
SUMMARY_MIN = 22  # …nor, under a line a kicker could end (…印发), one this long


# Who printed or said it, or where and when it was filed, is never a column: 新华社发,
# 某某摄, 新华社某地某日电, 记者 某某, 作者为…, 某某（市长）.
NOT_A_COLUMN = re.compile(r"^作者|(?:供图|制图|摄)$")


def credit_or_dateline(text: str) -> bool:
    """A photo credit, a dispatch's dateline, a byline or an author's note."""
    return bool(DATELINE.match(text) or AGENCY_PHOTO.match(text) or CREDIT.search(text)
                or BYLINE_LINE.match(text) and ROLE.match(text) and " " in text.strip()
                or NOT_A_COLUMN.search(text) or WHEN_LINE.match(text))


def tagged(text: str) -> bool:
    """A line closed by a column's or a series' tag (…（钟声）); a bracket holding a
    dispatch's dateline or a credit (…。（新华社北京2月24日电）) tags nothing."""
    tag = COLUMN_TAG.search(text)
    return bool(tag) and not credit_or_dateline(tag.group()[1:-1])


def is_sentence(text: str, longest: int = SENTENCE_LONG) -> bool:
    return len(text) >= longest and bool(re.search(r"[，。；]", text))




class Pair(NamedTuple):
    first: str
    second: str
    news: bool  # the body opens with a dateline: a dated news report
    figures: bool  # the body opens with a big printed figure: a data report


# Two heading lines: 引题+主题 (kicker over title) or 主题+副题 (title over subtitle)?
# Plain text cannot always tell; these rules agree with how papers print them most of
# the time. The first that holds decides: (name, kicker over title?, test).
PAIR_RULES = (
    ("dash_subtitle", False, lambda p: FOLLOW_ON.match(p.second)),
    # A second line naming who attended or presided reports the event under a slogan
    # title; a speech printed under its news line is titled by its occasion instead.
    ("who_attended", False, lambda p: SUBTITLE_END.search(p.second) and not SPEECH_TITLE.match(p.second)),
    ("attended", False, lambda p: ATTENDED.search(p.second)),
    ("date_under_title", False, lambda p: DATE_LINE.match(p.second) or WHEN_LINE.match(p.second)),
    ("number_under_title", False, lambda p: NUMBER_LINE.match(p.second)),
    # A heading line never ends on `！` or `？`: an exclaimed line under one was taken in
    # as the title (headline.py), the line over it is its kicker.
    ("exclaimed_under", True, lambda p: EXCLAIMED_END.search(p.second)),
    # A kicker leads in and never exclaims: a first line with `！` is the title itself.
    ("exclaimed_title", False, lambda p: EXCLAIMS.search(p.first)),
    # A line of 22 characters or more with a comma under a kicker-like line (…印发 /
    # 通过5年左右的努力，…) is a summary sentence: titles are phrases, except a tagged one
    # (…，…（某某观察）). (On rmrb-dev's truth: 0 of 50 such lines is a title under a kicker.)
    ("sentence_under", False, lambda p: is_sentence(p.second, SUMMARY_MIN) and not tagged(p.second)),
    # Under a news line, who warns or advises and what (警方提醒：…, 医生建议：…) explains the story:
    # a subtitle. (On rmrb-dev's truth no title or subtitle opens so.)
    ("advice_under", False, lambda p: ADVICE.match(p.second)),
    ("kicker_ending", True, lambda p: KICKER_END.search(p.first)),
    ("tagged_title_under", True, lambda p: tagged(p.second)),
    ("competition_over_result", True, lambda p: COMPETITION.search(p.first)),
    ("agency_over_action", True, lambda p: AGENCY_LINE.match(p.first)),
    ("tagged_title_over", False, lambda p: tagged(p.first)),
    # Over a dated report the event is the title and the line under it a detail; over a
    # feature the event line is a kicker for the title that says what it meant.
    ("event_over_report", False, lambda p: p.news and EVENT_END.search(p.first)),
    ("time_detail", False, lambda p: p.news and TIME_START.match(p.second)),
    ("summary_under", False, lambda p: _reads_as_summary(p.second)),
    ("findings_over_figures", False, lambda p: p.figures),
    # Over a dated report, an event line under a line that reports none is the news
    # itself under its theme (推进深度融合 / 2024清河媒体论坛举行).
    ("event_under_theme", True, lambda p: p.news and reports_event(p.second) and not reports_event(p.first)),
    # Over a dated report, a figure under a title is the detail of a news subtitle
    # (比去年增长10.4%), even when the title has its own figure; over a feature the
    # figure line is the title itself (三峡水库水位 / 冲刺175米), and so is a line
    # with its own subject (推进老旧小区改造 / 山西今年将改造小区1200个).
    ("figure_detail", False, lambda p: p.news and re.search(r"\d", p.second) and not OWN_SUBJECT.match(p.second)),
    # Over a dated report, a line that opens on the country as its subject (我国…, 全国…)
    # states the news itself: the title, with the detail under it; a bare name (全国妇联)
    # only says who acts, and a line with a wide gap is a credit run into a byline.
    ("national_news", False, lambda p: p.news and NATIONAL.match(p.first) and len(p.first) > AGENCY_NAME_MAX
     and not re.search(r"\s{2,}", p.first)),
)
PAIR_DEFAULT = "kicker_over_title"


def pair_rule(first: str, second: str, news: bool = False, figures: bool = False) -> tuple[bool, str]:
    """(Is `first` a kicker over the title `second`?, the rule that says so)."""
    pair = Pair(first, second, news, figures)
    for name, kicker, holds in PAIR_RULES:
        if holds(pair):
            return kicker, name
    return True, PAIR_DEFAULT


def reports_event(line: str) -> bool:
    return bool(EVENT_END.search(line) or LAUNCH_END.search(line))


def _reads_as_summary(second: str) -> bool:
    return bool(SUBTITLE_START.match(second)) or is_sentence(second)
