"""Headlines a local paper sets in ways People's Daily does not — a title broken after a
comma over two lines (at a page's top or under another story), a poem printed with its companion piece (外一首) under a marked
author line — on invented text. Plain pytest, no Django."""
import pytest

from archive.ingest import parse_text
from archive.ingest.lines import classify

STORY = ("城西菜市场改造完工后重新开业，摊位由一百二十个增加到一百八十个。",
         "市场负责人说，改造后的市场实行明码标价，还设了公平秤。")
ABOVE = ("老街口的修车铺开了二十多年，铺子不大，工具却摆得整整齐齐。",
         "每天清早，附近的居民推着自行车来打气、补胎，师傅从不多收一分钱。")


def articles(text):
    return parse_text(text).articles


def test_title_broken_after_a_comma_is_one_title():
    [art] = articles(f"第01版：要闻\n\n菜市场变亮堂了，\n\n买菜的人更多了\n\n——城西菜市场改造完工\n\n"
                     f"本报记者 钱 朵\n\n{STORY[0]}\n\n{STORY[1]}\n")
    assert (art.kicker, art.title, art.subtitle) == ("", "菜市场变亮堂了，买菜的人更多了", "——城西菜市场改造完工")


@pytest.mark.parametrize("under,body,subtitle", [
    ("本报记者 柏 川", list(STORY), ""),
    ("——城西菜市场改造完工", list(STORY), "——城西菜市场改造完工"),
    (None, ["本报讯（记者 柏川）" + STORY[0], STORY[1]], ""),
], ids=["byline", "subtitle", "dateline"])
def test_title_broken_after_a_comma_under_another_story_starts_it(under, body, subtitle):
    lines = ["老街口修车铺搬新家", "本报记者 钱 朵", *ABOVE, "菜市场变亮堂了，", "买菜的人更多了",
             *([under] if under else []), *body]
    above, story = articles("\n\n".join(lines) + "\n")
    assert above.paragraphs == ["本报记者 钱 朵", *ABOVE]
    assert (story.kicker, story.title, story.subtitle) == ("", "菜市场变亮堂了，买菜的人更多了", subtitle)


def test_verse_ending_on_a_comma_stays_body():
    verse = ["这正是：", "摊位排得齐，", "价钱标得清。", "街坊买菜去，", "秤上见真情。"]
    [art] = articles("\n\n".join(["菜市场变亮堂了", *STORY, *verse]) + "\n")
    assert art.paragraphs == [*STORY, *verse]


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


@pytest.mark.parametrize("author", ["文/钱朵", "钱朵  桐川市第一中学  初二（3）班", "□ 钱 朵"])
def test_verse_under_an_author_line_is_the_poem_body(author):
    verse = ["河水把月亮", "一路背到了村口", "母亲站在桥上", "数着归来的船"]
    text = "\n\n".join(["第04版：副刊", "月下河", author, *verse, "老屋的枣树", "■ 柏 川",
                        "老屋门前有一棵枣树，每年秋天都结满了枣子。"]) + "\n"
    poem, prose = articles(text)
    assert (poem.title, poem.paragraphs) == ("月下河", [author, *verse])
    assert prose.title == "老屋的枣树"


@pytest.mark.parametrize("column", ["县区传真", "数说", "图说"])
def test_bare_column_of_briefs_figures_or_pictures_is_no_kicker(column):
    body = "近日，东坪县夏茶采摘进入尾声。今年全县茶叶产量预计突破八千吨，茶农户均增收三千余元。"
    [art] = articles(f"{column}\n\n东坪县夏茶采摘进入尾声\n\n{body}\n")
    assert (art.column, art.kicker, art.title) == (column, "", "东坪县夏茶采摘进入尾声")


@pytest.mark.parametrize("advice", ["警方提醒：治病请到正规医院　切勿轻信网上“神药”", "医生建议：高温天别在正午出门"])
def test_who_warns_under_a_news_line_is_the_subtitle(advice):
    # A two-line headline without ——: the news line, then who warns or advises and what.
    body = "本报讯（记者 骆 岩）市民王先生在网上先后转账四万余元，却只收到几盒普通保健品。"
    [art] = articles(f"男子网购“特效药”被骗四万元\n\n{advice}\n\n{body}\n")
    assert (art.kicker, art.title, art.subtitle) == ("", "男子网购“特效药”被骗四万元", advice)
