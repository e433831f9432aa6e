"""Headlines a local paper sets in ways People's Daily does not — a title broken after a
comma over two lines, a poem printed with its companion piece (外一首) under a marked
author line — on invented text. Plain pytest, no Django."""
from archive.ingest import parse_text
from archive.ingest.lines import classify

STORY = ("城西菜市场改造完工后重新开业，摊位由一百二十个增加到一百八十个。",
         "市场负责人说，改造后的市场实行明码标价，还设了公平秤。")


def articles(text):
    return parse_text(text).articles


def test_title_broken_after_a_comma_is_one_title():
    [art] = articles(f"第01版：要闻\n\n菜市场变亮堂了，\n\n买菜的人更多了\n\n——城西菜市场改造完工\n\n"
                     f"本报记者 钱 朵\n\n{STORY[0]}\n\n{STORY[1]}\n")
    assert (art.kicker, art.title, art.subtitle) == ("", "菜市场变亮堂了，买菜的人更多了", "——城西菜市场改造完工")


def test_poem_with_its_companion_piece_under_a_marked_author():
    verse = ["河水把月亮", "一路背到了村口", "母亲站在桥上", "数着归来的船"]
    second = ["炊烟是屋顶的信", "写给每一个晚归的人"]
    essay = ["■ 柏 川", "老屋门前有一棵枣树，每年秋天都结满了枣子。", "如今老屋空了，枣树还在，枣子落了一地。"]
    text = "\n\n".join(["第04版：副刊", "月下河（外一首）", "◇ 钱 朵", *verse, "炊烟", *second,
                        "老屋的枣树", *essay]) + "\n"
    assert classify("◇ 钱 朵") == "byline"
    poem, prose = articles(text)
    assert (poem.column, poem.title) == ("", "月下河（外一首）")
    assert poem.paragraphs == ["◇ 钱 朵", *verse, "炊烟", *second]
    assert [(b.name, b.role) for b in poem.bylines] == [("钱朵", "作者")]
    assert (prose.title, prose.paragraphs) == ("老屋的枣树", essay)
