"""Heading decisions of the parser on short invented texts. Plain pytest, no Django."""
import datetime

from archive.ingest import parse_text

DAY = datetime.date(2024, 5, 4)


def headings(text):
    return [(a.kicker, a.title, a.subtitle, a.paragraphs[:1]) for a in parse_text(text, DAY).articles]


def test_summary_line_before_a_dateline_is_a_subtitle():
    text = ("市政府召开常务会议\n\n听取防汛准备情况汇报，部署城区排水管网改造\n\n"
            "本报讯（记者 周明）市政府昨日召开常务会议。\n\n会议要求各区抓紧落实。\n")
    [(kicker, title, subtitle, first)] = headings(text)
    assert (kicker, title, subtitle) == ("", "市政府召开常务会议", "听取防汛准备情况汇报，部署城区排水管网改造")


def test_lede_sentence_before_a_dateline_stays_in_the_body():
    text = ("城区绿地面积创新高\n\n截至去年末，城区绿地面积达到一千二百公顷，同比增长百分之六。\n\n"
            "本报讯（记者 周明）记者从市园林局获悉，城区绿地继续增加。\n\n明年还将新建公园五座。\n")
    [(kicker, title, subtitle, first)] = headings(text)
    assert (kicker, title, subtitle) == ("", "城区绿地面积创新高", "")
    assert first == ["截至去年末，城区绿地面积达到一千二百公顷，同比增长百分之六。"]


def test_a_big_printed_figure_is_body_not_heading():
    text = ("春节假期客流平稳\n\n104万人次\n\n本报讯（记者 周明）春节假期全市接待游客104万人次。\n")
    [(kicker, title, subtitle, first)] = headings(text)
    assert (kicker, title, subtitle) == ("", "春节假期客流平稳", "")
    assert first == ["104万人次"]
