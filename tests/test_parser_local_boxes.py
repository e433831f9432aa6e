"""What a local story carries besides its prose — an editor's note in brackets, a tips box
closing it, a picture its byline line credits, a 图片新闻 box of pictures by different
photographers — on invented text. Plain pytest, no Django."""
from archive.ingest import parse_text

PROSE = ("老街口的修车铺开了二十多年，铺子不大，工具却摆得整整齐齐。",
         "每天清早，附近的居民推着自行车来打气、补胎，师傅从不多收一分钱。",
         "街道打算明年把铺子搬进新建的便民服务站，让老手艺继续留在街坊身边。")
SLOT = "\n\n\n\n"  # a picture: three blank lines instead of one


def articles(text):
    return parse_text(text).articles


def people(article):
    return [(b.name, b.role) for b in article.bylines]


def test_editor_note_in_brackets_is_the_note():
    note = "巷子深处藏着不少老手艺。即日起，本报推出系列报道，带您走近他们。"
    [art] = articles(f"老街口的修车铺\n\n【编者按】\n\n{note}\n\n本报记者 钱 朵\n\n{PROSE[0]}\n\n{PROSE[1]}\n")
    assert art.editor_note == [note]
    assert art.paragraphs == ["本报记者 钱 朵", PROSE[0], PROSE[1]]
    assert people(art) == [("钱朵", "记者")]


def test_heading_over_bullets_closing_the_story_titles_its_box():
    tips = ["出门前检查轮胎气压", "雨天骑行放慢车速", "夜间骑行打开车灯"]
    bullets = "\n\n".join("● " + t for t in tips)
    [art] = articles(f"老街口的修车铺\n\n本报记者 钱 朵\n\n{PROSE[0]}\n\n{PROSE[1]}\n\n骑行小贴士\n\n{bullets}\n")
    assert (art.sidebar.title, art.sidebar.items) == ("骑行小贴士", tips)
    assert art.paragraphs == ["本报记者 钱 朵", PROSE[0], PROSE[1]]


def test_picture_credited_by_the_byline_line_keeps_its_caption():
    # 文/某某  图/某某 credits the pictures: the short line under a picture slot is a caption.
    caption = "修车师傅在给居民补胎。"
    [art] = articles(f"老街口的修车铺\n\n文/ 钱 朵  图/ 柏 川\n\n{PROSE[0]}{SLOT}{caption}\n\n{PROSE[1]}\n")
    assert [(c.text, c.credit) for c in art.captions] == [(caption, "")]
    assert art.paragraphs == ["文/ 钱 朵  图/ 柏 川", PROSE[0], PROSE[1]]
    assert people(art) == [("钱朵", "作者"), ("柏川", "摄影")]


def test_short_line_under_a_picture_slot_without_a_photographer_stays_prose():
    line = "铺子门口总是排着队。"
    [art] = articles(f"老街口的修车铺\n\n本报记者 钱 朵\n\n{PROSE[0]}{SLOT}{line}\n\n{PROSE[1]}\n")
    assert art.captions == [] and line in art.paragraphs


def test_photo_news_box_keeps_pictures_by_different_photographers():
    first = ("5月3日，市民在江边公园放风筝。", "通讯员 柏 川 摄")
    second = ("5月4日，志愿者在社区为老人理发。", "本报记者 钱朵 摄")
    text = (f"{PROSE[0]}\n\n{PROSE[1]}\n\n图片新闻{SLOT}{first[0]}{first[1]}{SLOT}{second[0]}  {second[1]}\n")
    story, photos = articles(text)
    assert (photos.kind, photos.title) == ("photo", "图片新闻")
    assert [(c.text, c.credit) for c in photos.captions] == [first, second]
    assert people(photos) == [("柏川", "摄影"), ("钱朵", "摄影")]


def test_bracketed_label_over_prose_is_a_box_inside_the_story():
    # 【法官说法】 right over a paragraph labels a box of the story above, as 【点评】 does.
    lede = "本报讯（记者 钱 朵）" + PROSE[0]
    comment = "法官表示，以非法占有为目的，虚构事实骗取他人财物，数额较大的，构成诈骗罪。"
    [art] = articles(f"老街口的修车铺\n\n{lede}\n\n{PROSE[1]}\n\n【法官说法】\n\n{comment}\n")
    assert art.paragraphs == [lede, PROSE[1], "【法官说法】", comment]


def test_bracketed_tag_over_a_title_still_starts_its_article():
    # …but over a title, even one that asks (某某怎么办？), the tag is the next article's column.
    first, second = articles(f"老街口的修车铺\n\n本报记者 钱 朵\n\n{PROSE[0]}\n\n{PROSE[1]}\n\n"
                             f"【街坊热线】\n\n自行车丢了怎么办？\n\n——派出所民警答读者问\n\n本报记者 柏 川\n\n{PROSE[2]}\n")
    assert (second.column, second.title) == ("街坊热线", "自行车丢了怎么办？")
    assert first.paragraphs == ["本报记者 钱 朵", PROSE[0], PROSE[1]]
