"""The registry of article-start rules (archive.ingest.starts), on invented text. Plain pytest, no Django."""
import pytest

from archive.ingest.lines import split_lines
from archive.ingest.segment import segment
from archive.ingest.starts import CUES, RULES, SCORE, WEIGHTS, Decider, Rule, check_registry


def test_every_cue_has_a_weight_and_no_hard_rule_has_one():
    check_registry()
    assert all(isinstance(rule.weight, float) for rule in CUES)
    assert set(WEIGHTS) == {"bias"} | {rule.name for rule in CUES}


def test_a_cue_without_a_weight_is_refused():
    with pytest.raises(ValueError, match="no_weight"):
        check_registry(RULES + (Rule("no_weight", "cue", lambda c: True),))


def test_a_name_used_twice_is_refused():
    with pytest.raises(ValueError, match="twice"):
        check_registry(RULES + (RULES[0],))


def test_weights_must_match_the_cues():
    with pytest.raises(ValueError, match="dateline_follows"):
        Decider({name: w for name, w in WEIGHTS.items() if name != "dateline_follows"})
    with pytest.raises(ValueError, match="no_such_cue"):
        Decider({**WEIGHTS, "no_such_cue": 1.0})


TEXT = ("第1版：要闻\n\n清河县新建三座口袋公园\n\n本报讯（记者 王小明）清河县今年新建三座口袋公园。\n\n"
        "公园里种了银杏和桂花。\n\n市民在新公园里散步。本报记者 陈光摄\n\n"
        "老街巷里的修鞋匠（城市生活）\n\n老周在巷口修了三十年鞋，街坊都认得他。\n\n他说手艺要传下去。\n")
DATED = ("清河县新建三座口袋公园\n\n本报讯（记者 王小明）清河县今年新建三座口袋公园。\n\n"
         "云岭晚报社举办读者开放日\n\n本报讯（记者 李红）云岭晚报社昨日举办读者开放日。\n")


def test_each_block_names_the_rule_that_started_it():
    blocks = segment(split_lines(TEXT))
    assert [b.started_by.rule for b in blocks] == ["page_top", SCORE]
    scored = blocks[1].started_by
    assert scored.start and scored.score > 0
    assert "column_tag" in dict(scored.cues)


def test_a_hard_rule_decides_before_the_weights():
    blocks = segment(split_lines(DATED))
    assert [b.started_by.rule for b in blocks] == ["page_top", "next_dated_report"]


def test_a_decider_with_other_weights_decides_otherwise():
    never_scores = {**WEIGHTS, "bias": -100.0}
    blocks = segment(split_lines(TEXT), decider=Decider(never_scores))
    assert [b.started_by.rule for b in blocks] == ["page_top"]
