"""Local papers' reporter lines and 导读 entries, on invented text. Plain pytest, no Django."""
import pytest

from archive.ingest import parse_text
from archive.ingest.fields import parse_bylines
from archive.ingest.lines import classify

BODY = ("桥头社区新修的篮球场本周对外开放，附近的中学生放学后都会来这里打上一场。",
        "社区工作人员说，球场晚上十点关灯，周末还会组织居民联赛。")


def people(text):
    return [(b.name, b.role) for b in parse_bylines(text)]


@pytest.mark.parametrize("line,want", [
    ("晚报记者 甘若水", [("甘若水", "记者")]),
    ("松林日报记者 冯一苇  通讯员 詹小禾", [("冯一苇", "记者"), ("詹小禾", "通讯员")]),
    ("都市报记者 莫 远", [("莫远", "记者")]),
    ("记者 柯思齐  摄影记者 阎平", [("柯思齐", "记者"), ("阎平", "摄影")]),
])
def test_a_paper_named_reporter_and_a_photo_reporter(line, want):
    assert classify(line) == "byline"
    assert people(line) == want  # the paper (晚报, 松林日报) is never a person


@pytest.mark.parametrize("line", ["□ 本报记者 甘若水", "■记者 冯一苇 通讯员 詹小禾", "◎ 晚报记者 莫远"])
def test_reporters_under_a_box_mark_are_a_byline_not_a_list_item(line):
    assert classify(line) == "byline"


def test_a_box_label_under_a_mark_stays_a_label():
    assert classify("■ 记者手记") != "byline"


def test_marked_byline_after_a_pointer_box_starts_the_next_story():
    text = ("第A01版：要闻\n\n导读\n\nA3  桥头球场开放\n\nB2  雨后的山村\n\n"
            "新建篮球场对外开放\n\n□ 本报记者 甘若水\n\n" + "\n\n".join(BODY) + "\n")
    box, story = parse_text(text).articles
    assert (box.title, box.paragraphs) == ("导读", ["A3  桥头球场开放", "B2  雨后的山村"])
    assert story.title == "新建篮球场对外开放"
    assert [(b.name, b.role) for b in story.bylines] == [("甘若水", "记者")]


@pytest.mark.parametrize("line", ["A3  桥头球场开放", "B12｜冬季长跑开赛"])
def test_a_contents_entry_naming_its_page_first_is_text(line):
    assert classify(line) == "text"


@pytest.mark.parametrize("line", ["G20 峰会在杭州开幕", "A股三大指数收涨", "5G基站建设提速"])
def test_a_headline_opening_on_letters_and_digits_stays_a_heading(line):
    assert classify(line) == "head"


# ------------------------------------------------------------------ a page of briefs

BRIEFS = ("第A06版：城乡速览\n\n"
          "河堤步道装上路灯\n\n沿河堤步道的四十盏太阳能路灯本周亮灯，夜里散步的居民多了起来。\n\n"
          "菜场周末延时营业\n\n城东菜场从本周六起，周末营业时间延长到晚上九点。\n\n市场方面说，延时期间照常供应熟食。\n\n"
          "老年食堂推出半价套餐\n\n桥头社区老年食堂为八十岁以上老人推出半价午餐套餐，每天限量一百份。\n")


def test_a_page_of_unsigned_briefs_is_one_article_each():
    titles = [a.title for a in parse_text(BRIEFS).articles]
    assert titles == ["河堤步道装上路灯", "菜场周末延时营业", "老年食堂推出半价套餐"]


def test_an_unsigned_brief_under_a_story_signed_below_its_headline_is_the_next_article():
    text = ("第A03版 城区新闻\n\n河堤步道装上路灯\n\n晚报记者 甘若水\n\n沿河堤步道的四十盏太阳能路灯本周亮灯。\n\n"
            "菜场周末延时营业\n\n城东菜场从本周六起，周末营业时间延长到晚上九点。\n\n"
            "老年食堂推出半价套餐\n\n桥头社区老年食堂为八十岁以上老人推出半价午餐套餐。\n")
    articles = parse_text(text).articles
    assert [(a.title, people_of(a)) for a in articles] == [
        ("河堤步道装上路灯", [("甘若水", "记者")]), ("菜场周末延时营业", []), ("老年食堂推出半价套餐", [])]


@pytest.mark.parametrize("title,text", [
    ("城西片区停水公告", "因管网检修，11月2日9时至17时城西片区暂停供水"),  # one line, shaped like a heading
    ("关于暂停办理户籍业务的通知", "因系统升级，户政大厅11月3日暂停办理户籍业务，请市民合理安排时间。"),
])
def test_a_notice_closed_by_its_source_is_an_article_between_two_stories(title, text):
    story = "河堤步道装上路灯\n\n本报讯（记者 甘若水）沿河堤步道的四十盏太阳能路灯本周亮灯。\n\n夜里散步的居民多了起来。\n\n"
    after = "菊花展开幕\n\n河滨公园第十届菊花展昨天开幕，展出菊花三百多个品种。\n"
    articles = parse_text(story + f"{title}\n\n{text}\n\n（来源：青溪市自来水公司）\n\n" + after).articles
    assert [(a.kind, a.kicker, a.title) for a in articles] == [
        ("article", "", "河堤步道装上路灯"), ("notice", "", title), ("article", "", "菊花展开幕")]
    assert articles[1].paragraphs == [text, "（来源：青溪市自来水公司）"]


def test_a_news_headline_on_a_notice_is_no_notice():
    text = "两部门印发通知\n\n本报讯（记者 甘若水）两部门日前印发通知，部署今冬供暖工作。\n"
    assert [(a.kind, a.title) for a in parse_text(text).articles] == [("article", "两部门印发通知")]


def test_a_sub_heading_that_shares_the_titles_wording_stays_in_its_article():
    text = ("第A06版：城乡速览\n\n河堤步道装上路灯\n\n沿河堤步道的四十盏太阳能路灯本周亮灯。\n\n"
            "步道夜里更亮了\n\n夜里散步的居民多了起来，有人专门带着孩子来看灯。\n")
    assert [a.title for a in parse_text(text).articles] == ["河堤步道装上路灯"]


def test_a_sub_heading_under_a_signed_story_stays_in_it():
    text = ("河堤步道装上路灯\n\n本报讯（记者 甘若水）沿河堤步道的四十盏太阳能路灯本周亮灯。\n\n"
            "居民夜跑有了去处\n\n夜里散步的居民多了起来，有人专门带着孩子来看灯。\n")
    assert [a.title for a in parse_text(text).articles] == ["河堤步道装上路灯"]


def test_a_writer_named_with_what_they_are_is_the_essays_author():
    text = ("第B02版：副刊\n\n井边的石榴树\n\n甘若水（作家）\n\n"
            "井边那棵石榴树是外公种的，每年秋天都结满了果子。\n\n外公总把最大的一个留给我。\n")
    [essay] = parse_text(text).articles
    assert (essay.title, [(b.name, b.role) for b in essay.bylines]) == ("井边的石榴树", [("甘若水", "作者")])


def test_a_paper_named_chief_reporter():
    assert people("晚报首席记者 甘若水  实习生 莫远") == [("甘若水", "记者"), ("莫远", "实习生")]


def test_a_page_that_only_says_its_content_moved_is_no_article():
    text = ("第5版\n\n本版内容移至A6版\n\nA6版 城事\n\n河堤步道装上路灯\n\n"
            "沿河堤步道的四十盏太阳能路灯本周亮灯，夜里散步的居民多了起来。\n")
    [article] = parse_text(text).articles
    assert (article.page, article.title) == (6, "河堤步道装上路灯")


# ------------------------------------------------------------------ headline (headline.lead_size)

def test_a_column_tag_over_signed_items_stays_the_column():
    text = ("● 市民心声\n\n河堤步道要多装路灯\n\n本报记者 甘若水\n\n"
            "家住河堤边的居民莫远说，步道晚上太暗，希望多装几盏路灯。\n\n"
            "菜场周末能否延时\n\n本报记者 甘若水\n\n城东居民詹小禾建议，菜场周末营业时间延长到晚上九点。\n")
    first = parse_text(text).articles[0]
    assert (first.column, first.kicker, first.title) == ("市民心声", "", "河堤步道要多装路灯")


def test_a_dash_subtitle_is_kept_when_a_sub_heading_below_has_its_shape():
    text = ("工作报告\n\n——2024年3月2日在松林县第八届人民代表大会第三次会议上\n\n各位代表：\n\n"
            "现在，我代表县人民政府，向大会报告工作，请予审议。\n\n一、过去一年的工作\n\n全县经济稳中有进。\n\n"
            "——今年要办的民生实事\n\n一是新建幼儿园五所。\n")
    [report] = parse_text(text).articles
    assert (report.title, report.subtitle) == ("工作报告", "——2024年3月2日在松林县第八届人民代表大会第三次会议上")
    assert "——今年要办的民生实事" in report.paragraphs


def test_two_reporters_each_under_their_role_on_one_marked_line():
    assert classify("◆本报记者 甘若水  本报见习记者 莫远") == "byline"
    assert people("◆本报记者 甘若水  本报见习记者 莫远") == [("甘若水", "记者"), ("莫远", "见习记者")]


def test_a_brief_may_end_on_a_quotation():
    text = ("第A08版：社区速递\n\n健身器材换新了\n\n柳岸社区的健身器材本月全部换成了新的。居民说：“锻炼起来放心多了！”\n\n"
            "快递柜进了老小区\n\n城北三个老小区装上了智能快递柜。\n")
    assert [a.title for a in parse_text(text).articles] == ["健身器材换新了", "快递柜进了老小区"]


def test_contents_entries_that_name_a_page_are_no_page_markers():
    text = ("第1版：要闻\n\n今日导读\n\n第3版  河道清淤进入收尾\n\n第8版  快递柜进了老小区\n\n"
            "新桥通车了\n\n晚报记者 甘若水\n\n" + "\n\n".join(BODY) + "\n")
    box, story = parse_text(text).articles
    assert (box.page, box.title, box.paragraphs) == (1, "今日导读", ["第3版  河道清淤进入收尾", "第8版  快递柜进了老小区"])
    assert (story.page, story.title) == (1, "新桥通车了")


def test_a_paragraph_ending_on_a_local_reporter_closes_its_story():
    text = ("新桥通车了\n\n上午十点，横跨青溪的新桥正式通车。（晚报记者 甘若水）\n\n"
            "老街新开了一家旧书店\n\n旧书店开在老街的一栋两层小楼里。  实习生 莫远  记者 甘若水\n")
    first, second = parse_text(text).articles
    assert (first.title, people_of(first)) == ("新桥通车了", [("甘若水", "记者")])
    assert (second.title, people_of(second)) == ("老街新开了一家旧书店", [("莫远", "实习生"), ("甘若水", "记者")])


def people_of(article):
    return [(b.name, b.role) for b in article.bylines]


HELP_DESK = ("【晚报帮办】\n\n楼道灯坏了半个月没人修\n\n读者来信\n\n“我家楼道的灯坏了半个月，晚上只能打手电。”读者谭先生来信说。\n\n"
             "记者走访\n\n10月12日晚，记者来到小区，发现三栋楼的楼道灯都不亮。\n\n"
             "物业答复\n\n物业公司表示，已购买新灯，两天内全部换好。\n\n晚报记者 甘若水\n")


def test_a_help_desks_sub_heads_stay_in_its_body_whatever_their_words():
    [article] = parse_text(HELP_DESK).articles
    assert (article.column, article.kicker, article.title) == ("晚报帮办", "", "楼道灯坏了半个月没人修")
    assert article.paragraphs[0] == "读者来信" and "记者走访" in article.paragraphs
    assert [b.name for b in article.bylines] == ["甘若水"]  # 记者走访 names no reporter


@pytest.mark.parametrize("line,kind", [("记者走访", "head"), ("记者追问", "head"), ("记者张明", "byline")])
def test_a_role_and_what_it_did_is_no_byline(line, kind):
    assert classify(line) == kind


def test_a_page_marker_after_a_line_that_points_on_is_a_page():
    text = ("新桥通车了\n\n上午十点，横跨青溪的新桥正式通车。（下转第2版）\n\n第2版：城事\n\n老街新开了一家旧书店\n\n"
            "旧书店开在老街的一栋两层小楼里。\n")
    assert [(a.page, a.title) for a in parse_text(text).articles] == [(None, "新桥通车了"), (2, "老街新开了一家旧书店")]


def test_briefs_under_a_column_tag_are_one_article_each():
    text = BRIEFS.replace("第A06版：城乡速览\n\n", "第A06版：城事\n\n【城事速递】\n\n")
    first, *rest = parse_text(text).articles
    assert (first.column, first.title) == ("城事速递", "河堤步道装上路灯")
    assert [a.title for a in rest] == ["菜场周末延时营业", "老年食堂推出半价套餐"]


def test_column_named_by_a_role_and_a_deed_is_no_byline():
    # ◆ 记者蹲点 (a column's mark, the role glued to what the reporter does) names a column;
    # □ 本报记者 某某 sets the name apart and stays a byline.
    body = "清晨六点，村卫生室的门已经开了。村医背起药箱，准备去给山腰上的几户老人量血压。"
    [art] = parse_text(f"第03版：县区\n\n◆ 记者蹲点\n\n守在山村的医生\n\n□ 本报记者 付 晴\n\n{body}\n").articles
    assert (art.column, art.title) == ("记者蹲点", "守在山村的医生")
    assert [(b.name, b.role) for b in art.bylines] == [("付晴", "记者")]


def test_credits_naming_the_roles_keep_who_took_the_pictures():
    # 文/晚报记者 某某  图/晚报记者 某某: the writer is a reporter, the other took the pictures.
    line = "文/晚报记者 吴 桐  图/晚报记者 简 杰"
    assert classify(line) == "byline"
    assert parse_bylines(line) == parse_bylines("记者 吴桐") + [parse_bylines("图/简杰")[0]]
    [art] = parse_text(f"老街夜市的烟火气\n\n{line}\n\n{BODY[0]}\n\n{BODY[1]}\n").articles
    assert art.title == "老街夜市的烟火气"
    assert [(b.name, b.role) for b in art.bylines] == [("吴桐", "记者"), ("简杰", "摄影")]
