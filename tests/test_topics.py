"""The segmenter's topic similarity (archive/ingest/topics.py). Plain pytest, no Django."""
from archive.ingest.topics import Topics, cosine, pair_counts, window

LINES = [
    "清河市今年新建口袋公园十二座，市民步行五分钟即可进入绿地。",
    "口袋公园多建在老城区的边角空地上，清河市园林局负责日常养护。",
    "园林局表示，口袋公园明年还将增加十座。",
    "本市中学生篮球联赛昨日开幕，二十支球队参加比赛。",
    "篮球联赛分小组赛和淘汰赛两个阶段，决赛定于下月举行。",
]


def test_same_topic_is_closer_than_a_new_one():
    topics = Topics(LINES)
    park = window(LINES[:2], 400)
    assert topics.similarity(park, pair_counts(LINES[2])) > 0.05
    assert topics.similarity(park, pair_counts(LINES[3])) < topics.similarity(park, pair_counts(LINES[2]))


def test_pairs_every_line_shares_weigh_nothing():
    topics = Topics(["市民一", "市民二", "市民三"])
    assert topics.similarity(pair_counts("市民一"), pair_counts("市民二")) == 0.0


def test_window_stops_at_the_character_budget():
    counts = window(["一二三四", "五六七八"], 6)
    assert sum(counts.values()) == 3 + 1  # 一二三四 gives 3 pairs, 五六 one
    assert cosine({}, {"一二": 1.0}) == 0.0


def test_window_from_the_end_takes_the_last_characters():
    assert window(["一二三四", "五六七八"], 5, from_end=True) == pair_counts("五六七八") + pair_counts("四")
