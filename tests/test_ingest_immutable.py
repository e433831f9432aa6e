"""No stage rewrites the records of another, on invented text. Plain pytest, no Django."""
import dataclasses

import pytest

from archive.ingest.lines import split_lines
from archive.ingest.segment import segment

# A long subtitle over a dateline is promoted to a heading line; an indented dump
# reads every flush line as a heading and a flush reporter line as a byline.
PROMOTED = ("清河县召开防汛工作会议\n\n部署汛期城区排水管网疏通、小型水库和堤防巡查、山洪地质灾害防御、城区低洼地段排涝"
            "和群众转移安置等各项工作，要求各乡镇各部门落实责任\n\n"
            "本报讯（记者 周明）清河县昨日召开防汛工作会议。\n\n会议要求各乡镇落实责任。\n")
INDENTED = ("清河县新建三座口袋公园\n本报记者 王小明\n　　清河县今年新建三座口袋公园，已向市民开放。\n"
            "　　公园里种了银杏和桂花\n　　开放时间\n　　每天早六点到晚十点。\n云岭晚报社举办读者开放日\n　　云岭晚报社昨日举办读者开放日。\n")


def kinds(lines):
    return [line.kind for line in lines]


def test_lines_are_frozen():
    [line] = split_lines("清河县新建三座口袋公园\n")
    with pytest.raises(dataclasses.FrozenInstanceError):
        line.kind = "text"


@pytest.mark.parametrize("text", [PROMOTED, INDENTED], ids=["promoted", "indented"])
def test_segmenting_leaves_the_classified_lines_as_they_were(text):
    lines = split_lines(text)
    before = kinds(lines)
    blocks = segment(lines)
    assert kinds(lines) == before
    # …while the blocks carry the segmenter's own reading.
    read = [line.kind for block in blocks for line in block.lines]
    assert read != before


def test_a_flush_reporter_line_in_an_indented_dump_is_read_as_a_byline():
    blocks = segment(split_lines(INDENTED))
    assert [(line.text, line.kind) for line in blocks[0].lines[:2]] == [
        ("清河县新建三座口袋公园", "head"), ("本报记者 王小明", "byline")]
