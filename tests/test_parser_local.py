"""Conventions of city dailies and evening papers (samples/README.md, "Local-paper
conventions"), each on short invented text. Plain pytest, no Django."""
import pytest

from archive.ingest import parse_text
from archive.ingest.lines import classify, split_lines
from archive.ingest.fields import page_marker, split_credit

STORY = ("河畔社区的志愿者每周六上午都会来到公园，清理步道两旁的垃圾，劝导游客文明游园。",
         "志愿者队长说，队伍成立三年，已经从最初的五个人发展到六十多人。")


def articles(text):
    return parse_text(text).articles


def heads(article):
    return (article.column, article.kicker, article.title, article.subtitle)


def people(article):
    return [(b.name, b.role) for b in article.bylines]


# ------------------------------------------------------------------ pages

@pytest.mark.parametrize("marker,want", [
    ("第2/3版：城事新闻", (2, "城事新闻")),
    ("第4-5版", (4, "")),
    ("第06·07版", (6, "")),
    ("第A03版：要闻", (3, "要闻")),
    ("B2版 体育", (2, "体育")),
    ("东湖晚报 2024年6月3日 第A02版：要闻", (2, "要闻")),  # a 数字报 page header
    ("第2版/要闻", (2, "要闻")), ("第12版 | 文体", (12, "文体")), ("第12版（文体）", (12, "文体")),
    ("东湖晚报 | 2024-06-03 | 第A02版 要闻", (2, "要闻")), ("第A02版：要闻  2024年6月3日 星期一", (2, "要闻")),
])
def test_joint_and_lettered_page_markers(marker, want):
    assert page_marker(marker) == want
    [article] = articles(f"{marker}\n\n柳湾公园新添夜跑步道\n\n{STORY[0]}\n")
    assert (article.page, article.page_name, article.title) == (*want, "柳湾公园新添夜跑步道")


@pytest.mark.parametrize("line", [
    "责任编辑 苗一  版式设计 付林  校对 安可", "本版编辑：苗一", "责编/苗一 美编/付林", "扫码看视频",
    "本版内容详见第6版", "本版内容见第6版", "（本版内容详见A6版）", "本版文章转第六版",
])
def test_page_furniture_is_dropped(line):
    text = f"柳湾公园新添夜跑步道\n\n{STORY[0]}\n\n{STORY[1]}\n\n{line}\n"
    [article] = articles(text)
    assert article.paragraphs == list(STORY)


def test_a_design_credit_alone_is_not_furniture():
    # People's Daily closes a graphic or a page with it; it stays where it was printed.
    assert classify("版式设计：付林") == "credit"
    # So does the designer of a page's title picture: a credit, never a heading.
    assert classify("题图设计：付林") == "credit"


# ------------------------------------------------------------------ 导读 and pointers

def test_front_page_pointer_box_is_one_article():
    text = ("今日导读\n\n▶ 柳湾公园新添夜跑步道 A2\n\n▶ 城南菜市场改造完工 详见A3版\n\n"
            "第二届河畔读书节开幕\n\n首席记者 欧阳青\n\n" + "\n\n".join(STORY) + "\n")
    box, story = articles(text)
    assert box.title == "今日导读"
    assert box.paragraphs == ["▶ 柳湾公园新添夜跑步道 A2", "▶ 城南菜市场改造完工 详见A3版"]
    assert story.title == "第二届河畔读书节开幕"


def test_pointer_box_with_bracketed_pages():
    text = ("今日看点\n\n●柳湾公园新添夜跑步道（A2）\n\n●城南菜市场改造完工（A3）\n\n"
            "第二届河畔读书节开幕\n\n本报讯（记者 苗一）" + STORY[0] + "\n")
    box, story = articles(text)
    assert (box.title, len(box.paragraphs), box.sidebar) == ("今日看点", 2, None)
    assert story.title == "第二届河畔读书节开幕"


@pytest.mark.parametrize("first,second", [
    ("▶ 柳湾公园新添夜跑步道 第A2版", "▶ 城南菜市场改造完工 第A3版"),
    ("→柳湾公园新添夜跑步道 A2", "→城南菜市场改造完工 A3"),
    ("◆柳湾公园新添夜跑步道 >>A2", "◆城南菜市场改造完工 >>A3"),
    ("柳湾公园新添夜跑步道（详见A2）", "城南菜市场改造完工（详见A3）"),
    ("▶ 柳湾公园新添夜跑步道\u3000A04-05", "▶ 城南菜市场改造完工 第6/7版"),  # joint spreads
])
def test_pointer_box_entry_forms(first, second):
    text = f"今日导读\n\n{first}\n\n{second}\n\n第二届河畔读书节开幕\n\n首席记者 欧阳青\n\n{STORY[0]}\n"
    box, story = articles(text)
    assert (box.title, box.paragraphs) == ("今日导读", [first, second])
    assert story.title == "第二届河畔读书节开幕"


@pytest.mark.parametrize("line", [">>>详见A2版", "（下转第三版）", "城南菜市场改造完工　详见第5版", ">>>详见A04-05版"])
def test_pointer_lines_are_never_headings(line):
    assert classify(line) in ("text", "endnote")
    text = f"柳湾公园新添夜跑步道\n\n本报讯（记者 安可）{STORY[0]}\n\n{line}\n"
    [article] = articles(text)
    assert article.paragraphs[-1] == line


# ------------------------------------------------------------------ bylines under the headline

@pytest.mark.parametrize("line,want", [
    ("首席记者 欧阳青", [("欧阳青", "记者")]),
    ("本报记者 苗一  通讯员 付林", [("苗一", "记者"), ("付林", "通讯员")]),
    ("本报特约通讯员 付林 记者 苗一", [("付林", "通讯员"), ("苗一", "记者")]),
    ("记者 苗一  通讯员 付林", [("苗一", "记者"), ("付林", "通讯员")]),
    ("见习记者 安可", [("安可", "见习记者")]),
    ("本报记者 苗一  实习生 安可", [("苗一", "记者"), ("安可", "实习生")]),
    ("融媒体记者 苗一", [("苗一", "记者")]),
    ("记者 苗一  实习生 安可  通讯员 付林", [("苗一", "记者"), ("安可", "实习生"), ("付林", "通讯员")]),
    ("全媒体记者 苗一  通讯员 付林  文/图", [("苗一", "记者"), ("付林", "通讯员")]),
    ("记者/苗一 通讯员/付林", [("苗一", "记者"), ("付林", "通讯员")]),
])
def test_byline_line_under_the_headline_is_no_heading(line, want):
    assert classify(line) == "byline"
    text = (f"河畔社区办起共享工具屋\n\n本报讯（记者 周明）{STORY[0]}\n\n{STORY[1]}\n\n"
            f"柳湾公园新添夜跑步道\n\n{line}\n\n{STORY[0]}\n")
    first, second = articles(text)
    assert heads(second) == ("", "", "柳湾公园新添夜跑步道", "")
    assert second.paragraphs[0] == line and people(second) == want


def test_stories_each_signed_under_a_one_line_headline():
    text = (f"老旧小区有了共享菜园\n\n本报记者 柯一鸣\n\n{STORY[0]}\n\n{STORY[1]}\n\n"
            f"公交站台装上遮阳棚\n\n本报记者 苗晓禾\n\n入夏以来，城区一百二十座公交站台陆续装上了遮阳棚。\n")
    first, second = articles(text)
    assert (first.title, people(first)) == ("老旧小区有了共享菜园", [("柯一鸣", "记者")])
    assert (second.title, people(second)) == ("公交站台装上遮阳棚", [("苗晓禾", "记者")])


def test_a_series_under_one_headline_stays_one_article():
    # People's Daily signs the items of a series under the series' headline and the
    # first item's heading: the items stay in one article.
    text = (f"春节，他们在岗位上\n\n河畔医院护士林晓——\n\n看到患者出院最开心\n\n本报记者 苗一\n\n{STORY[0]}\n\n"
            f"公交调度员周川——\n\n守好每一趟末班车\n\n本报记者 付林\n\n{STORY[1]}\n")
    assert len(articles(text)) == 1


def test_accounts_told_to_a_reporter_stay_one_series():
    # 本报记者 某某整理 signs a first-person account, and People's Daily prints those in series.
    text = (f"河畔村的新变化\n\n本报记者 苗一整理\n\n{STORY[0]}\n\n"
            f"柳湾村的新变化\n\n本报记者 付林整理\n\n{STORY[1]}\n")
    assert len(articles(text)) == 1


# ------------------------------------------------------------------ 副刊 author lines

@pytest.mark.parametrize("line,name", [
    ("□ 林 远", "林远"), ("◎ 苏一舟", "苏一舟"), ("文/柯 原", "柯原"), ("■邵言", "邵言"),
    ("钟一诺  河畔市实验小学  四（2）班", "钟一诺"), ("河畔市实验小学四（2）班  钟一诺", "钟一诺"),
    ("文｜柯原", "柯原"), ("王小岸（河畔市第二中学高一）", "王小岸"),
    ("■ 文/柯原", "柯原"), ("○ 邵言", "邵言"), ("作者：邵言", "邵言"), ("□邵言（河畔市第二中学初三）", "邵言"),
    ("文/邵言（河畔市第二中学）", "邵言"), ("□ 欧阳晓峰", "欧阳晓峰"), ("河畔市作家协会会员  邵言", "邵言"),
])
def test_essay_author_line_is_the_byline_not_the_title(line, name):
    text = (f"外婆的院子\n\n□ 宁 川\n\n{STORY[0]}\n\n{STORY[1]}\n\n"
            f"江边的晚风\n\n{line}\n\n傍晚的江边，风从水面吹过来，带着一点潮湿的凉意。\n")
    first, second = articles(text)
    assert heads(second) == ("", "", "江边的晚风", "")
    assert second.paragraphs[0] == line
    assert people(second) == [(name, "作者")]


def test_writer_and_photographer_credits():
    text = ("龙舟赛鸣锣开赛\n\n\n\n6月9日，参赛队员奋力划桨。\n\n图/骆山\n\n" + STORY[0] + "\n\n文/蔡川\n\n"
            "社区篮球赛落幕\n\n本报记者 韩雪\n\n" + STORY[1] + "\n")
    photo_story, next_story = articles(text)
    assert [(c.text, c.credit) for c in photo_story.captions] == [("6月9日，参赛队员奋力划桨。", "图/骆山")]
    assert people(photo_story) == [("蔡川", "作者"), ("骆山", "摄影")]
    assert next_story.title == "社区篮球赛落幕"


@pytest.mark.parametrize("credit,who", [("骆一鸣/摄", [("骆一鸣", "摄影")]), ("通讯员供图", [])])
def test_slashed_and_supplied_photo_credits(credit, who):
    [item] = articles(f"城西足球公园开放\n\n\n\n9月14日，孩子们在球场上踢球。\n\n{credit}\n")
    assert item.kind == "photo"
    assert [(c.text, c.credit) for c in item.captions] == [("9月14日，孩子们在球场上踢球。", credit)]
    assert people(item) == who


# ------------------------------------------------------------------ help desks

def test_help_desk_sub_heads_stay_in_the_article():
    text = ("楼道灯坏了没人修\n\n求助\n\n" + STORY[0] + "\n\n记者调查\n\n" + STORY[1] + "\n\n部门回应\n\n"
            "社区已协调电工上门，当天修好了全部楼道灯。\n\n回复\n\n物业表示将定期巡查。\n")
    [article] = articles(text)
    assert heads(article) == ("", "", "楼道灯坏了没人修", "")
    assert article.paragraphs[0] == "求助" and "记者调查" in article.paragraphs and "回复" in article.paragraphs


@pytest.mark.parametrize("label", ["【求助】", "求助：", "记者回访", "记者调查", "网友提问", "市民来电", "进展"])
def test_help_desk_label_forms(label):
    text = f"楼道灯坏了没人修\n\n{label}\n\n{STORY[0]}\n\n{STORY[1]}\n"
    [article] = articles(text)
    assert heads(article) == ("", "", "楼道灯坏了没人修", "") and article.paragraphs[0] == label
    assert people(article) == []  # 记者调查 names no reporter


def test_a_closing_byline_line_ends_the_story():
    # No dateline and no byline under the next headline: the closing line is the evidence.
    text = (f"【民生热线】\n\n楼道灯坏了没人修\n\n求助\n\n{STORY[0]}\n\n回复\n\n物业表示将定期巡查。\n\n记者 卓青\n\n"
            "柳湾公园新添夜跑步道\n\n每晚七点以后，公园里的夜跑步道亮起暖黄色的灯带，跑步的市民络绎不绝。\n")
    first, second = articles(text)
    assert (first.column, first.title, people(first)) == ("民生热线", "楼道灯坏了没人修", [("卓青", "记者")])
    assert second.title == "柳湾公园新添夜跑步道" and first.paragraphs[-1] == "记者 卓青"


def test_help_desk_lead_under_the_title_is_no_subtitle():
    text = "公交卡坏了 余额怎么退\n\n导读\n\n" + STORY[0] + "\n\n问：卡坏了还能退吗？\n\n答：可以。\n"
    [article] = articles(text)
    assert heads(article) == ("", "", "公交卡坏了 余额怎么退", "")
    assert article.paragraphs[0] == "导读"


def test_furniture_lines_leave_no_line():
    assert [line.text for line in split_lines("本版编辑：苗一\n\n标题\n")] == ["标题"]


# ------------------------------------------------------------------ column tags, serials, photo stories

@pytest.mark.parametrize("tag,column", [("【民生热线】", "民生热线"), ("● 聚焦两会", "聚焦两会"), ("◆ 记者观察", "记者观察")])
def test_column_tag_line_over_a_headline(tag, column):
    text = (f"河畔社区办起共享工具屋\n\n本报讯（记者 周明）{STORY[0]}\n\n{STORY[1]}\n\n"
            f"{tag}\n\n柳湾公园新添夜跑步道\n\n{STORY[0]}\n")
    first, second = articles(text)
    assert heads(second) == (column, "", "柳湾公园新添夜跑步道", "")
    assert first.paragraphs[-1] == STORY[1]


def test_a_box_label_is_no_column():
    # ■ 记者手记 over its own title is a box inside the article (People's Daily prints it so).
    text = (f"柳湾公园新添夜跑步道\n\n本报讯（记者 周明）{STORY[0]}\n\n■记者手记\n\n夜跑的人多了\n\n{STORY[1]}\n")
    assert [a.title for a in articles(text)] == ["柳湾公园新添夜跑步道"]


def test_serial_instalment_stays_in_the_title():
    [article] = articles(f"湖畔人家（连载之十二）\n\n□ 庞 川\n\n{STORY[0]}\n\n（未完待续）\n")
    assert heads(article) == ("", "", "湖畔人家（连载之十二）", "")
    assert article.paragraphs[-1] == "（未完待续）"


def test_a_photo_storys_second_picture_stays_in_it():
    text = ("城西足球公园开放\n\n\n\n9月14日，孩子们在球场上踢球。\n\n骆一鸣/摄\n\n\n\n"
            "球场夜间开放至二十二时。\n\n通讯员供图\n")
    [item] = articles(text)
    assert [c.credit for c in item.captions] == ["骆一鸣/摄", "通讯员供图"]


def test_pictures_its_reporter_took_stay_in_the_article():
    # 文/图 on the byline line, then the pictures after the body credited to that reporter
    # (and the next one, with a credit naming nobody): the article's, not photo items.
    text = ("柳湾公园新添夜跑步道\n\n本报记者  安 可  实习生  白露  文/图\n\n" + "\n\n".join(STORY)
            + "\n\n\n\n夜跑步道全长三公里。\n\n图/安 可\n\n\n\n步道两旁装了路灯。\n\n通讯员供图\n\n相关链接\n\n"
            "柳湾公园去年接待游客两百万人次。\n")
    [article] = articles(text)
    assert [c.credit for c in article.captions] == ["图/安 可", "通讯员供图"]
    assert people(article) == [("安可", "记者"), ("白露", "实习生"), ("安可", "摄影")]
    assert article.paragraphs[-2:] == ["相关链接", "柳湾公园去年接待游客两百万人次。"]


def test_a_picture_by_someone_else_after_the_body_is_a_photo_item():
    text = ("柳湾公园新添夜跑步道\n\n本报记者  安 可\n\n" + "\n\n".join(STORY)
            + "\n\n\n\n城南菜市场改造完工。\n\n图/骆一鸣\n")
    story, photo = articles(text)
    assert (story.captions, [c.credit for c in photo.captions]) == ([], ["图/骆一鸣"])


# ------------------------------------------------------------------ bylines at the end and in the dateline

@pytest.mark.parametrize("closing", ["（记者 苗一）", "（据新华社）", "（本报综合）"])
def test_a_local_sign_off_ends_the_story(closing):
    text = (f"柳湾公园新添夜跑步道\n\n{STORY[0]}\n\n{closing}\n\n"
            f"城南菜市场改造完工\n\n{STORY[1]}\n")
    first, second = articles(text)
    assert first.paragraphs[-1] == closing and second.title == "城南菜市场改造完工"


@pytest.mark.parametrize("closing,who", [
    ("（苗一 整理）", [("苗一", "记者")]),
    ("（本报记者 苗 一采访整理）", [("苗一", "记者")]),
])
def test_who_wrote_it_up(closing, who):
    [article] = articles(f"柳湾公园新添夜跑步道\n\n{STORY[0]}\n\n{closing}\n")
    assert people(article) == who and article.paragraphs[-1] == closing


@pytest.mark.parametrize("last", [
    "“晚上来跑步的人越来越多了。”附近居民说。  本报记者  汤若水",
    "“晚上来跑步的人越来越多了。”附近居民说。（记者 汤若水）",
])
def test_reporter_ending_the_last_paragraph(last):
    [article] = articles(f"柳湾公园新添夜跑步道\n\n{STORY[0]}\n\n{last}\n")
    assert article.paragraphs == [STORY[0], last]  # as printed
    assert people(article) == [("汤若水", "记者")]


def test_reporter_who_wrote_it_up_ending_the_last_paragraph():
    # A short last paragraph ending so is no heading, and 采访整理 is no part of the name.
    last = "每台电梯最高补贴十五万元。（本报记者 汤 泉采访整理）"
    [article] = articles(f"柳湾公园新添夜跑步道\n\n{STORY[0]}\n\n{last}\n")
    assert article.paragraphs == [STORY[0], last]
    assert people(article) == [("汤泉", "记者")]


def test_a_box_title_in_brackets_names_no_reporter():
    [article] = articles(f"柳湾公园新添夜跑步道\n\n{STORY[0]}\n\n夜跑的人多了！（记者手记）\n\n{STORY[1]}\n")
    assert people(article) == []


def test_dateline_with_reported_by():
    [article] = articles(f"柳湾公园新添夜跑步道\n\n本报讯 记者苗一报道 {STORY[0]}\n")
    assert (article.dateline.source, people(article)) == ("本报", [("苗一", "记者")])


# ------------------------------------------------------------------ a bare name as the author line

def test_bare_name_under_the_title_is_the_author():
    text = (f"外婆的院子\n\n□ 宁 川\n\n{STORY[0]}\n\n我的妈妈\n\n戴小禾\n\n"
            "我的妈妈是一名公交车司机，每天天不亮就出门了。\n")
    first, second = articles(text)
    assert heads(second) == ("", "", "我的妈妈", "")
    assert second.paragraphs[0] == "戴小禾" and people(second) == [("戴小禾", "作者")]


@pytest.mark.parametrize("page", ["第B3版：副刊", "C2版 文艺副刊"])
def test_on_a_literary_page_each_essay_signed_by_a_bare_name_is_its_own(page):
    text = (f"{page}\n\n外婆的院子\n\n宁川\n\n{STORY[0]}\n\n{STORY[1]}\n\n"
            "江边的晚风\n\n邵言\n\n傍晚的江边，风从水面吹过来，带着一点潮湿的凉意。\n")
    first, second = articles(text)
    assert (first.title, people(first)) == ("外婆的院子", [("宁川", "作者")])
    assert (second.title, people(second)) == ("江边的晚风", [("邵言", "作者")])


def test_elsewhere_voices_each_under_a_bare_name_stay_one_forum():
    text = (f"第5版：理论\n\n外婆的院子\n\n宁川\n\n{STORY[0]}\n\n{STORY[1]}\n\n"
            "江边的晚风\n\n邵言\n\n傍晚的江边，风从水面吹过来，带着一点潮湿的凉意。\n")
    assert len(articles(text)) == 1


def test_a_short_subtitle_that_is_no_name_stays():
    # Not a surname: a two-character line under a title is still a heading.
    [article] = articles(f"柳湾公园新添夜跑步道\n\n序曲\n\n{STORY[0]}\n")
    assert "序曲" in heads(article) and article.paragraphs == [STORY[0]] and article.bylines == []


def test_weather_and_lottery_boxes_are_page_furniture():
    # A page's foot: the weather box and the lottery results are no article, and the
    # story above keeps only its own paragraphs.
    text = ("城东菜市场改造完工\n\n本报讯（记者 周明）城东菜市场改造昨日完工。\n\n"
            "今日天气\n\n晴转多云  12℃～21℃  东南风2级\n\n"
            "福利彩票“双色球”第2024128期开奖公告\n\n红球：03 08 15 21 27 30  蓝球：11\n")
    [article] = parse_text(text).articles
    assert article.paragraphs == ["本报讯（记者 周明）城东菜市场改造昨日完工。"]


def test_a_headline_about_the_weather_or_a_draw_is_no_furniture():
    assert classify("明天气温回升至15℃～22℃") == "head"
    assert classify("双色球第2024128期开出12注一等奖") == "head"


def test_a_photographer_credited_above_the_caption():
    # Under the picture some dumps print the credit first, then the caption.
    text = "银杏大道进入最佳观赏期\n\n\n\n本报记者 岑 晓 摄\n\n11月4日，市民在城南银杏大道拍照留念。\n"
    [article] = parse_text(text).articles
    assert (article.kind, article.paragraphs) == ("photo", [])
    assert [(c.text, c.credit) for c in article.captions] == [("11月4日，市民在城南银杏大道拍照留念。", "本报记者 岑 晓 摄")]
    assert [(b.name, b.role) for b in article.bylines] == [("岑晓", "摄影")]


def test_a_line_with_a_full_stop_inside_under_body_text_is_body():
    # A paragraph the dump broke mid-sentence: its first piece ends on no sentence mark,
    # but the full stop inside it says it is prose, not a heading under the paragraph above.
    text = ("城东菜市场改造完工\n\n本报讯（记者 周明）城东菜市场改造昨日完工，新增摊位一百个。\n\n"
            "摊位租金比去年降低一成。对这条政策，摊主们\n\n都很满意。“我们的成本降下来了。”\n")
    assert [line.kind for line in split_lines(text)] == ["head", "text", "text", "text"]
    under_a_heading = "城东菜市场改造完工\n\n摊位租金比去年降低一成。对这条政策，摊主们都很满意\n\n本报讯 改造昨日完工。\n"
    assert [line.kind for line in split_lines(under_a_heading)][:2] == ["head", "head"]


# ------------------------------------------------------------------ forms found by the blind fixtures

def test_a_byline_line_naming_the_photographer_after_the_reporters():
    [article] = articles(f"柳湾公园新添夜跑步道\n\n本报记者 安 可  图/白 露\n\n{STORY[0]}\n")
    assert article.title == "柳湾公园新添夜跑步道"
    assert people(article) == [("安可", "记者"), ("白露", "摄影")]
    assert article.paragraphs[0] == "本报记者 安 可  图/白 露"


@pytest.mark.parametrize("closing", ["（记者 安 可）", "（据新华社）", "（本报综合）"])
def test_a_brief_closed_by_its_own_sign_off_is_its_own_article(closing):
    # Under a short untitled continuation, too short for the score to cut.
    text = (f"第2版\n\n（上接第一版）\n\n{STORY[1]}\n\n城东新建两座口袋公园\n\n"
            f"城东街道利用闲置地块新建两座口袋公园，近日已向市民开放。{closing}\n\n市图书馆延长开放时间\n\n"
            f"即日起，市图书馆周一至周五开放到晚上九点。{closing}\n")
    titles = [a.title for a in articles(text)]
    assert titles == ["", "城东新建两座口袋公园", "市图书馆延长开放时间"]


def test_the_papers_masthead_is_furniture():
    assert classify("河阳晚报") == "furniture"
    [box, story] = articles(f"第1版\n\n河阳晚报\n\n今日看点\n\n▶ 柳湾公园新添夜跑步道 A2\n\n"
                            f"城南菜市场改造完工\n\n本报讯（记者 安可）{STORY[0]}\n")
    assert (box.kicker, box.title) == ("", "今日看点")


def test_a_bare_column_name_over_a_title_starts_the_next_article():
    text = f"柳湾公园新添夜跑步道\n\n本报记者 安可\n\n{STORY[0]}\n\n读者来信\n\n小区的健身器材该修了\n\n编辑同志：\n\n{STORY[1]}\n"
    first, letter = articles(text)
    assert heads(letter) == ("读者来信", "", "小区的健身器材该修了", "")


def test_a_pointer_box_after_a_story_is_its_own_article():
    # 导读 printed under the front page's lead story, not at the page's top.
    text = (f"城西片区夜跑步道今日开放\n\n柳湾公园新添夜跑步道\n\n——全长三公里，沿河设十处补给点\n\n"
            f"本报讯（记者 安可）{STORY[0]}\n\n{STORY[1]}\n\n导读\n\n"
            "▶ 城南菜市场改造完工　A2\n\n▶ 第二届河畔读书节开幕　A3\n")
    story, box = articles(text)
    assert story.paragraphs[-1] == STORY[1]
    assert (box.title, box.paragraphs) == ("导读", ["▶ 城南菜市场改造完工　A2", "▶ 第二届河畔读书节开幕　A3"])


def test_a_picture_credited_to_the_reporter_who_signed_off_the_brief_is_its_own():
    text = (f"城东新建两座口袋公园\n\n本报讯　城东街道利用闲置地块新建两座口袋公园，近日已向市民开放。（记者 安可）\n\n\n\n\n"
            "新建成的口袋公园。本报记者 安可 摄\n")
    [brief] = articles(text)
    assert [(c.text, c.credit) for c in brief.captions] == [("新建成的口袋公园。", "本报记者 安可 摄")]
    assert people(brief) == [("安可", "记者"), ("安可", "摄影")]


def test_a_two_half_title_ending_on_a_question_is_a_headline():
    assert classify("小区路灯坏了半个月\u3000谁来修？") == "head"
    assert classify("怎样区分感冒和过敏性鼻炎？") == "text"  # one clause: a Q&A's question
    text = (f"柳湾公园新添夜跑步道\n\n本报记者 安可\n\n{STORY[0]}\n\n【帮你办】\n\n小区路灯坏了半个月\u3000谁来修？\n\n"
            f"求助\n\n{STORY[1]}\n")
    first, desk = articles(text)
    assert heads(desk) == ("帮你办", "", "小区路灯坏了半个月\u3000谁来修？", "")
    assert desk.paragraphs == ["求助", STORY[1]]


def test_a_name_and_school_set_apart_by_one_full_width_space_is_an_author_line():
    line = "白露\u3000河畔市实验中学\u3000初二（5）班"
    assert classify(line) == "byline"
    text = f"第B01版：副刊\n\n外婆的菜园\n\n□ 安可\n\n{STORY[0]}\n\n我家门前的小河\n\n{line}\n\n{STORY[1]}\n"
    essay, pupil = articles(text)
    assert (pupil.title, people(pupil), pupil.paragraphs) == ("我家门前的小河", [("白露", "作者")], [line, STORY[1]])


def test_a_marked_letter_spaced_name_is_an_author_line_whatever_its_surname():
    assert classify("◎ 杭 远") == "byline"
    assert classify("■ 编 后") != "byline"  # a box label, letter-spaced
    text = f"第8版:文苑\n\n外婆的菜园\n\n◎ 杭 远\n\n{STORY[0]}\n"
    [essay] = articles(text)
    assert (essay.title, people(essay), essay.paragraphs) == ("外婆的菜园", [("杭远", "作者")], ["◎ 杭 远", STORY[0]])


def test_a_picture_between_the_writer_line_and_the_prose_is_the_storys():
    # Credited to a letter-spaced photographer (某 某/摄), not the writer.
    assert split_credit("夜跑的市民。白 露/摄") == ("夜跑的市民。", "白 露/摄")
    text = f"柳湾公园新添夜跑步道\n\n文/安 可\n\n\n\n\n夜跑的市民。白 露/摄\n\n{STORY[0]}\n"
    [story] = articles(text)
    assert [(c.text, c.credit) for c in story.captions] == [("夜跑的市民。", "白 露/摄")]
    assert people(story) == [("安可", "作者"), ("白露", "摄影")]
    assert story.paragraphs == ["文/安 可", STORY[0]]


@pytest.mark.parametrize("signature", ["读者 白露", "——读者 白露", "读者　白 露"])
def test_a_letter_closed_by_its_readers_name_is_signed_by_the_reader(signature):
    text = f"读者来信\n\n小区的健身器材该修了\n\n编辑同志：\n\n{STORY[1]}\n\n{signature}\n"
    [letter] = articles(text)
    assert (letter.column, letter.title, people(letter)) == ("读者来信", "小区的健身器材该修了", [("白露", "作者")])
    assert letter.paragraphs[-1] == signature


@pytest.mark.parametrize("kicker", ["走进老街巷系列报道之三——", "【走进老街巷】"])
def test_an_inline_editors_note_over_a_series_kicker_opens_the_next_article(kicker):
    note = "编者按：老街巷是城市的记忆。本报推出“走进老街巷”系列报道，带您寻访老街巷里的人和事。"
    text = (f"柳湾公园新添夜跑步道\n\n本报记者 安可\n\n{STORY[0]}\n\n{note}\n\n{kicker}\n\n双井街的石板路\n\n"
            f"本报记者 白露\n\n{STORY[1]}\n")
    story, series = articles(text)
    assert (story.editor_note, story.paragraphs[-1]) == ([], STORY[0])
    assert series.title == "双井街的石板路"
    assert series.editor_note == [note.removeprefix("编者按：")]
    assert series.paragraphs == ["本报记者 白露", STORY[1]]


def test_a_poems_verse_under_its_author_is_its_body():
    verse = ["一场雨从河那边走来", "敲醒了田垄", "燕子在檐下商量", "新家安在哪一根梁上"]
    text = ("第B01版：副刊\n\n外婆的菜园\n\n□ 安可\n\n" + STORY[0] + "\n\n春雨\n\n白露\n\n" + "\n".join(verse)
            + "\n\n我家门前的小河\n\n黎明\u3000河畔市实验中学\u3000初二（5）班\n\n" + STORY[1] + "\n")
    essay, poem, pupil = articles(text)
    assert (poem.title, people(poem), poem.paragraphs) == ("春雨", [("白露", "作者")], ["白露"] + verse)
    assert (pupil.title, people(pupil)) == ("我家门前的小河", [("黎明", "作者")])
