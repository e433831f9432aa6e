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
