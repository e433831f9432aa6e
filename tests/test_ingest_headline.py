"""headline.py: which lines are the headline and the role of each, with the rule
that gave it, on invented text. Plain pytest, no Django."""
from archive.ingest.headline import roles


def read(*heads, news=False):
    return [(h.text, h.role, h.rule) for h in roles(list(heads), news=news)]


def test_a_dash_line_under_the_title_is_its_subtitle():
    assert read("清河两岸春来早", "——清河县乡村振兴见闻") == [
        ("清河两岸春来早", "title", "dash_subtitle"), ("——清河县乡村振兴见闻", "subtitle", "dash_subtitle")]


def test_a_line_ending_on_a_speech_verb_is_a_kicker():
    assert read("县委书记强调", "把群众冷暖放在心上") == [
        ("县委书记强调", "kicker", "kicker_ending"), ("把群众冷暖放在心上", "title", "kicker_ending")]


def test_three_lines_are_kicker_title_subtitle_and_a_tag_names_the_column():
    assert read("春耕时节", "田间地头的新农具（乡村观察）", "清河县农机推广见闻") == [
        ("乡村观察", "column", "title_tag"), ("春耕时节", "kicker", "three_lines"),
        ("田间地头的新农具（乡村观察）", "title", "three_lines"), ("清河县农机推广见闻", "subtitle", "three_lines")]


def test_a_dotted_first_line_is_the_column():
    assert read("清河评论·民生", "让老街留住烟火气") == [
        ("清河评论·民生", "column", "column_dot"), ("让老街留住烟火气", "title", "one_line")]


def test_a_section_label_over_three_heading_lines_is_the_column():
    # A marked tag names its column without the marks, and so does a bare column name
    # (column_line, samples/README.md); another short label over three lines is the column too.
    for label, column, rule in (("【民生热线】", "民生热线", "column_line"), ("● 聚焦两会", "聚焦两会", "column_line"),
                                ("今日关注", "今日关注", "column_line"), ("城事笔记", "城事笔记", "over_three_lines")):
        assert read(label, "春耕时节", "田间地头的新农具", "清河县农机推广见闻")[0] == (column, "column", rule)


def test_a_credit_a_headline_or_a_post_over_three_heading_lines_is_no_column():
    for first in ("新华社发", "清河日报记者 周明摄", "时间        议程", "主办方：清河县人民政府",
                  "老街巷里的烟火气，留住了", "王明（清河县县长）", "清河县科技馆开馆"):
        heads = read(first, "春耕时节", "田间地头的新农具", "清河县农机推广见闻")
        assert heads[0] == (first, "unused", "over_three_lines")
        assert [h for h in heads if h[1] == "column"] == []


def test_a_bracketed_dateline_credit_or_byline_is_no_column_tag():
    for tag in ("新华社清河5月3日电", "新华社发", "周明摄", "记者 周明", "作者为清河县文联主席"):
        assert [h for h in read(f"老街巷里的修鞋匠（{tag}）") if h[1] == "column"] == []
    assert read("老街巷里的修鞋匠（城市生活）")[0] == ("城市生活", "column", "title_tag")


def test_an_exclaimed_line_under_a_news_line_is_the_title():
    assert read("多地开通热线受理违规养犬投诉", "文明养犬，从我做起！") == [
        ("多地开通热线受理违规养犬投诉", "kicker", "exclaimed_under"), ("文明养犬，从我做起！", "title", "exclaimed_under")]


def test_a_long_dotted_line_is_a_headline_line_not_the_column():
    assert read("寻味清河·首届老街美食节在清河县城隆重开幕", "小吃摊前排起长队")[:1] == [
        ("寻味清河·首届老街美食节在清河县城隆重开幕", "kicker", "kicker_over_title")]


def test_a_dispatch_dateline_in_brackets_tags_no_title():
    # （新华社…电） closing the first line names no column: the pair falls to the default reading.
    assert read("免去某某的清河县副县长职务。（新华社清河5月3日电）", "县政府召开常务会议")[1] == (
        "县政府召开常务会议", "title", "kicker_over_title")
    assert read("让老街留住烟火气（清河时评）", "城市更新要守住生活气息")[1][1:] == ("title", "tagged_title_over")
