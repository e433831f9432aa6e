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
