"""A local paper's service matter — the masthead's date line, a notices page, a box of
hotline items under a bare column name — on invented text. Plain pytest, no Django."""
import pytest

from archive.ingest import parse_text
from archive.ingest.lines import classify

STORY = ("城西菜市场改造完工后重新开业，摊位由一百二十个增加到一百八十个。",
         "市场负责人说，改造后的市场实行明码标价，还设了公平秤。")


def articles(text):
    return parse_text(text).articles


@pytest.mark.parametrize("line", [
    "桐川县报", "青岩周报", "2026年3月6日　星期五　第1203期", "2026年3月6日 星期五 农历正月十八 总第1203期",
])
def test_masthead_and_its_date_line_are_furniture(line):
    assert classify(line) == "furniture"
    [art] = articles(f"第01版：要闻\n\n桐川县报\n\n{line}\n\n城西菜市场重新开业\n\n{STORY[0]}\n\n{STORY[1]}\n")
    assert (art.kicker, art.title, art.subtitle) == ("", "城西菜市场重新开业", "")


def test_a_bare_date_stays_a_notice_sign_off():
    assert classify("2026年3月6日") != "furniture"


def test_notices_page_items_each_stand_alone():
    correction = "本报3月2日第3版《城西菜市场重新开业》一文中，“一百六十个”应为“一百八十个”。特此更正。"
    loss = "本人不慎遗失黑色钱包一个，内有身份证及银行卡，请拾到者与本人联系。"
    capital = "桐川市恒达商贸有限公司经股东会决议，注册资本减少至五十万元，请债权人自见报之日起四十五日内申报债权。"
    text = (f"【民生问答】\n\n医保卡丢了怎么补办？\n\n问：补办要带什么材料？\n\n答：带上身份证到任一医保服务窗口即可。\n\n"
            f"更正\n\n{correction}\n\n本报编辑部\n\n寻物启事\n\n{loss}\n\n联系电话：139××××1234\n\n失主：柯女士\n\n"
            f"减资公告\n\n{capital}\n\n特此公告。\n")
    qa, fix, lost, notice = articles(text)
    assert qa.paragraphs[-1] == "答：带上身份证到任一医保服务窗口即可。"
    assert (fix.kind, fix.title, fix.paragraphs) == ("notice", "更正", [correction, "本报编辑部"])
    assert (lost.kind, lost.title, lost.paragraphs) == ("notice", "寻物启事", [loss, "联系电话：139××××1234", "失主：柯女士"])
    assert (notice.kind, notice.kicker, notice.title, notice.subtitle) == ("notice", "", "减资公告", "")
    assert notice.paragraphs == [capital, "特此公告。"]


@pytest.mark.parametrize("heading", ["公  告", "讣\u3000告", "声 明"])
def test_a_letter_spaced_notice_heading_starts_the_notice(heading):
    text = f"城西菜市场重新开业\n\n{STORY[0]}\n\n{STORY[1]}\n\n{heading}\n\n因道路施工，西湖路5月20日起封闭，请车辆绕行。\n\n特此公告。\n"
    story, notice = articles(text)
    assert story.paragraphs == list(STORY)
    assert (notice.kind, notice.title) == ("notice", heading)


def test_bare_column_over_its_items_is_a_box_of_its_own():
    items = ["【来电】市民方先生：小区门口的公交站没有站牌，能否补上？",
             "【回复】市公交集团：站牌已于3月5日补装完毕。"]
    text = (f"【有事您说话】\n\n城西菜市场重新开业\n\n本报记者 钱 朵\n\n{STORY[0]}\n\n{STORY[1]}\n\n"
            f"热线速递\n\n{items[0]}\n\n{items[1]}\n")
    story, box = articles(text)
    assert story.paragraphs == ["本报记者 钱 朵", *STORY]
    assert (box.column, box.title, box.paragraphs) == ("", "热线速递", items)
