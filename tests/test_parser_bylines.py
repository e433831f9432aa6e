"""Reading people out of byline text: what follows or precedes a name (采访整理, 摄,
文/, 图/) says what the person did and is never part of the name. Invented names."""
import pytest

from archive.ingest import parse_text
from archive.ingest.fields import parse_bylines

CASES = [
    # letter-spaced two-character names fold, whatever the suffix
    ("本报记者 柯 岚采访整理", [("柯岚", "记者")]),
    ("记者 柯 岚 采访整理", [("柯岚", "记者")]),
    ("本报记者 何一舟 整理", [("何一舟", "记者")]),
    ("记者 柯 岚报道", [("柯岚", "记者")]),
    ("记者 柯 岚 采写", [("柯岚", "记者")]),
    ("记者柯岚、何一舟报道", [("柯岚", "记者"), ("何一舟", "记者")]),
    # who took the pictures
    ("记者 柯岚 摄", [("柯岚", "摄影")]),
    ("柯岚/摄", [("柯岚", "摄影")]),
    ("通讯员 柯岚供图", [("柯岚", "摄影")]),
    ("文/柯 岚 图/何一舟", [("柯岚", "作者"), ("何一舟", "摄影")]),
    ("文 图/柯岚", [("柯岚", "作者"), ("柯岚", "摄影")]),
    # role titles are roles, never names
    ("首席记者 欧阳晓峰", [("欧阳晓峰", "记者")]),
    ("本报特约通讯员 柯岚 记者 何一舟", [("柯岚", "通讯员"), ("何一舟", "记者")]),
    ("实习生 柯岚", [("柯岚", "实习生")]),
]


@pytest.mark.parametrize("text,want", CASES, ids=[c[0] for c in CASES])
def test_byline_text(text, want):
    assert [(b.name, b.role) for b in parse_bylines(text)] == want


def test_closing_note_with_spaced_name_and_role_suffix():
    issue = parse_text(
        "老码头的新故事\n\n"
        "江边的老码头改成了市民广场，每到傍晚，这里就热闹起来。\n\n"
        "住在附近的老人说，这是他们最喜欢的地方。\n\n"
        "（本报记者 柯 岚采访整理）\n"
    )
    [article] = issue.articles
    assert [(b.name, b.role) for b in article.bylines] == [("柯岚", "记者")]


def test_a_reporter_and_a_correspondent_closing_the_last_paragraph_close_the_story():
    # …。（记者 某 某 通讯员 某 某）: both are bylines, and the next headline starts a story.
    text = ("秋粮收购进度过半\n\n城郊粮库前，交粮的车辆排起长队。\n\n"
            "粮库负责人说，今年秋粮品质好，收购价格稳定。（记者 桑 晴 通讯员 滕 飞）\n\n"
            "市民广场改造方案征求意见\n\n市民广场改造方案已在网上公示，公示期十五天。\n\n（本报综合）\n")
    first, second = parse_text(text).articles
    assert [(b.name, b.role) for b in first.bylines] == [("桑晴", "记者"), ("滕飞", "通讯员")]
    assert second.title == "市民广场改造方案征求意见"


def test_a_reporter_letter_spaced_under_the_headline_is_a_reporter_not_an_author():
    # 首席记者 桑 晴 is no letter's place-and-name signature.
    for line in ("首席记者 桑 晴", "本报记者 桑 晴", "融媒体记者 桑 晴"):
        [article] = parse_text(f"秋粮收购进度过半\n\n{line}\n\n城郊粮库前，交粮的车辆排起长队。\n").articles
        assert [(b.name, b.role) for b in article.bylines] == [("桑晴", "记者")], line


def test_a_reporter_who_wrote_and_shot_the_story():
    # 文/图 after the names: the reporter is also the photographer.
    text = "社区食堂开进老小区\n\n融媒体记者 包 蕾 文/图\n\n在东风小区，社区食堂每天中午供应两荤两素。\n"
    [article] = parse_text(text).articles
    assert [(b.name, b.role) for b in article.bylines] == [("包蕾", "记者"), ("包蕾", "摄影")]
