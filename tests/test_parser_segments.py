"""Where the segmenter starts articles, on short invented texts. Plain pytest, no Django."""
import datetime

from archive.ingest import cues, parse_text
from archive.ingest.lines import classify, indent_marks_body, split_lines

DAY = datetime.date(2024, 5, 4)

FARM = ["柳湾村的合作社今年流转土地八百亩，统一育秧、统一管理，村民在家门口就能领到工资。",
        "合作社理事长王建国说，过去各家各户单打独斗，现在抱团发展，收入比往年多了三成。",
        "村里还请来农技专家，手把手教大家用无人机植保，节省了人工，也减少了农药用量。"]

# A short dated story to stand before the case under test.
SHORT_STORY = "清河县召开春耕生产动员会\n\n本报讯（记者 周明）" + "".join(FARM) + "\n\n"
# A dated story of about 700 characters: longer than any roundup's brief.
DATED_STORY = SHORT_STORY + "\n\n".join(FARM * 5) + "\n"


def titles(text):
    return [a.title for a in parse_text(text, DAY).articles]


def test_a_reporters_notebook_box_stays_in_its_article():
    text = ("柳湾村合作社带富乡亲\n\n本报讯（记者 周明）" + "\n\n".join(FARM) + "\n\n"
            "泥土里长出的希望（记者手记）\n\n"
            "采访柳湾村合作社那天，理事长王建国带我们看了统一育秧的大棚，又看了无人机植保。"
            "抱团发展，村民收入多了三成，合作社的路子走对了。\n")
    assert titles(text) == ["柳湾村合作社带富乡亲"]


def test_sub_headings_of_one_look_are_a_series():
    text = ("青石山行记\n\n周末，我们一行人去了青石山。\n\n林间小路\n\n沿着石阶往上走，松树越来越密。\n\n"
            "山顶草甸\n\n爬上山顶，眼前忽然开阔起来。\n\n清河县召开春耕生产动员会\n\n本报讯 会议要求抓好春耕。\n")
    lines = split_lines(text)
    first, second, third = (i for i, line in enumerate(lines) if line.kind == "head" and i)
    assert cues.series_ahead(lines[first:first + 1], lines, first + 1)
    assert not cues.series_ahead(lines[second:second + 1], lines, second + 1)
    assert cues.signature(lines[first:first + 1]) == cues.signature(lines[second:second + 1])
    assert cues.signature(lines[third:third + 1]) != cues.signature(lines[second:second + 1])


def test_a_name_under_a_title_and_a_kicker_line_before_it_are_cues():
    lines = split_lines("春天的约定\n\n王  红\n\n花开的时候，我们约好一起回乡。\n\n各地各部门：\n\n抓好春耕\n")
    assert cues.person_line(lines[0:2])
    assert not cues.person_line(lines[0:1])
    assert cues.kicker_before(lines, 4) and not cues.kicker_before(lines, 1)


def test_a_heading_under_a_tagged_title_opens_a_series_of_sub_headings():
    lines = split_lines("青石山（山水行记）\n\n山路弯弯\n\n从县城向北行驶四十里，折道向西。\n\n"
                        "山顶草甸\n\n爬上山顶，眼前忽然开阔起来。\n\n草甸深处的人家\n")
    headline, first, other = lines[0:2], lines[3:4], lines[5:6]
    assert cues.under_tagged_title(headline) == lines[1:2]
    assert cues.series_in_headline(first, headline)
    assert not cues.series_in_headline(other, headline)
    assert not cues.series_in_headline(first, [lines[1], lines[0]])


INDENT = "\u3000\u3000"


def indented(*blocks):
    """Headline lines flush, body paragraphs indented, as many dumps print them."""
    return "\n\n".join(b if not b.startswith(">") else INDENT + b[1:] for b in blocks) + "\n"


def test_an_indented_dump_marks_its_headlines_by_the_indent():
    text = indented(
        "赶集去喽！",  # ends like a sentence, still flush: a headline
        ">本报讯（记者 周明）" + FARM[0], ">" + FARM[1],
        ">图为江边集市一角。", "本报记者 周明摄",  # a credit printed flush is no headline
        ">第二站：江边集市",  # short and heading-like, but indented: body
        ">本报讯 江边集市上午八点开市，摊主们早早摆好了摊位。",  # a dateline after it changes nothing
        FARM[2] * 6,  # a whole paragraph that lost its indent is still body
        "国台办：", "两岸同胞共享发展机遇", "——新闻发布会答问摘要",
        ">" + FARM[2])
    articles = parse_text(text, DAY).articles
    assert [(a.kicker, a.title, a.subtitle) for a in articles] == [
        ("", "赶集去喽！", ""), ("国台办：", "两岸同胞共享发展机遇", "——新闻发布会答问摘要")]
    assert articles[0].paragraphs[2] == "第二站：江边集市"
    assert len(articles[0].paragraphs) == 5
    assert [(c.text, c.credit) for c in articles[0].captions] == [("图为江边集市一角。", "本报记者 周明摄")]


def test_a_few_indented_lines_do_not_switch_the_layout():
    # Mostly flush text: the indent of one paragraph says nothing about headlines.
    text = ("清河县召开春耕生产动员会\n\n本报讯（记者 周明）" + FARM[0] + "\n\n" + INDENT + FARM[1]
            + "\n\n" + "\n\n".join(FARM) + "\n")
    assert not indent_marks_body(split_lines(text))
    assert indent_marks_body(split_lines(indented("标题", ">" + FARM[0], ">" + FARM[1])))
    # Flush lines that are long paragraphs are not headlines: an indent of quotes, not of a body.
    assert not indent_marks_body(split_lines(indented(FARM[0] * 4, ">" + FARM[1], ">" + FARM[2], ">" + FARM[0])))


def test_the_items_of_a_roundup_stay_in_it_and_the_next_story_starts():
    item = ("本报电 {}日前在清河县举行，展期一周，市民可免费参观，"
            "主办方还准备了讲座、导览和互动体验，欢迎市民踊跃参加。")
    text = ("新闻速递\n\n"
            "春季花展在城东公园开幕\n\n百余种郁金香亮相\n\n" + item.format("春季花展") + "\n\n"
            + FARM[0] + "\n\n（周明）\n\n"
            "老城书市在西街开张\n\n两万册旧书等待新主人\n\n" + item.format("老城书市") + "\n\n"
            + FARM[1] + "\n\n（李文）\n\n"
            + DATED_STORY)
    articles = parse_text(text, DAY).articles
    # The dated story is told from one more brief by its length only.
    assert [a.title for a in articles] == ["新闻速递", "清河县召开春耕生产动员会"]
    assert "老城书市在西街开张" in articles[0].paragraphs


def test_a_name_with_its_role_or_country_under_a_title_is_a_voice_of_the_feature():
    def run(*texts):
        return split_lines("\n\n".join(texts) + "\n")
    assert cues.person_line(run("戏要演给老百姓看", "周海燕（清河县豫剧团团长）"))
    assert cues.person_line(run("镜头对准普通人", "王 强（作家）"))
    assert cues.person_line(run("镜头对准普通人", "（法国）让·杜邦"))
    assert not cues.person_line(run("城东公园改造完工（民生观察）"))
    assert not cues.person_line(run("清河县召开春耕生产动员会", "把好种子送到田间地头（春耕进行时）"))


def test_the_voices_of_a_forum_page_stay_one_article():
    opera = ["我在剧团干了三十年，最大的体会是，戏要演给老百姓看，台下的掌声就是最好的评语。",
             "这些年剧团每年下乡演出一百多场，山村舞台简陋，乡亲们却看得认真，演员们也演得投入。"]
    novel = ["写小说离不开走村串户。去年我在东山乡住了半年，跟着果农剪枝、施肥、卖果子。",
             "书里那位种苹果的老汉，就是照着房东大爷写的，他读完样稿，说比他自己还像他。"]
    text = ("扎根生活 讲好故事\n\n——清河县文艺工作者座谈会发言摘编\n\n"
            "近日，清河县文联召开文艺工作者座谈会，本版摘编部分发言。\n\n——编  者\n\n"
            "戏要演给老百姓看\n\n周海燕（清河县豫剧团团长）\n\n" + "\n\n".join(opera) + "\n\n"
            "（作者为清河县豫剧团团长，本报记者李文采访整理）\n\n"
            "把乡村的变化写进书里\n\n王 强（清河县作家协会主席）\n\n" + "\n\n".join(novel) + "\n")
    [article] = parse_text(text, DAY).articles
    assert (article.title, article.subtitle) == ("扎根生活 讲好故事", "——清河县文艺工作者座谈会发言摘编")
    assert "王 强（清河县作家协会主席）" in article.paragraphs


def test_design_and_picture_credits_are_credits_not_headings():
    for text in ("版式、制图：周  明", "稿件统筹：李文  王红", "剧照摄影：张  强", "清河县文化馆供图", "·广告·",
                 "版式设计  周  明", "本版照片除署名外均为资料图片"):
        assert classify(text) == "credit", text
    assert classify("清河县文化馆") == "head"


def test_a_photo_story_credited_to_a_whole_team_is_a_credit_with_every_photographer():
    # Names printed letter-spaced (周 明) and many of them, as a photo page signs off.
    credit = "周 明 李 文 王 红 张建国 赵 强 刘晓东 陈 静摄影报道"
    assert classify(credit) == "credit"
    article = parse_text("清河两岸春意浓\n\n\n\n图为柳湾村的油菜花田。\n\n" + credit + "\n", DAY).articles[0]
    assert [b.name for b in article.bylines] == ["周明", "李文", "王红", "张建国", "赵强", "刘晓东", "陈静"]


def test_a_letter_signed_with_name_and_date_goes_on_with_its_article():
    text = ("致全县教师的一封信\n\n" + "\n\n".join(FARM * 6) + "\n\n周明\n\n2024年9月10日\n\n"
            "9月10日，全县举行教师节表彰大会，三十名优秀教师受到表彰，会后教师代表走进课堂上了一堂公开课。\n")
    [article] = parse_text(text, DAY).articles
    assert article.paragraphs[-3:-1] == ["周明", "2024年9月10日"]


def test_phrases_set_apart_by_two_fullwidth_spaces_are_a_banner_not_a_headline():
    assert classify("扫码看视频\u3000\u3000听清河故事") == "text"
    assert classify("云上新城\u3000数字高地") == "head"
    assert classify("清河新城  数字高地") == "head"


def test_a_byline_printed_flush_under_an_indented_dumps_headline_signs_the_story():
    text = indented("江边集市开张了", "本报记者  周明", ">" + FARM[0], ">" + FARM[1])
    [article] = parse_text(text, DAY).articles
    assert (article.title, article.subtitle) == ("江边集市开张了", "")
    assert [(b.name, b.role) for b in article.bylines] == [("周明", "记者")]


def test_pointers_and_box_labels_printed_flush_in_an_indented_dump_are_body():
    # A 导读 box's entries, a story's pointer to the rest of it and a box's label inside it
    # are flush like headlines, but are none: the box is one article, the story another.
    body = [FARM[k % 3] for k in range(4)]
    text = indented("本期导读", "▶ 江边集市开张了　A03", "▶ 春耕生产动员会召开　A05",
                    "江边集市开张了", "本报记者  周明", *(">" + p for p in body), "更多报道详见A03版",
                    "相关链接", ">" + FARM[1], ">" + FARM[2], ">" + FARM[0])
    assert indent_marks_body(split_lines(text))
    box, story = parse_text(text, DAY).articles
    assert (box.title, box.paragraphs) == ("本期导读", ["▶ 江边集市开张了\u3000A03", "▶ 春耕生产动员会召开\u3000A05"])
    assert (story.title, story.paragraphs) == (
        "江边集市开张了", ["本报记者  周明", *body, "更多报道详见A03版", "相关链接", FARM[1], FARM[2], FARM[0]])


def test_a_page_opening_on_a_soft_kicker_gives_it_to_the_headline_under_it():
    text = ("第05版\n\n逛庙会、看花灯、猜灯谜……\n\n元宵佳节 处处欢腾\n\n" + "\n\n".join(FARM) + "\n")
    [article] = parse_text(text, DAY).articles
    assert (article.kicker, article.title) == ("逛庙会、看花灯、猜灯谜……", "元宵佳节 处处欢腾")
    assert article.paragraphs == FARM


def test_a_phrase_after_the_word_reporter_is_not_a_byline():
    assert classify("记者新春探访乡村治理") == "head"
    assert classify("本报记者 黄 娴") == "byline"
    assert classify("记者 阿卜杜拉·艾尼瓦尔") == "byline"


def test_a_page_opening_on_a_headline_too_long_to_look_like_one_keeps_it():
    title = ("市长将率代表团出席友好城市市长论坛并对三个友好城市进行正式访问、"
             "出席两地经贸合作洽谈会并考察当地职业教育机构和现代农业园区、看望在当地学习工作的本市青年")
    text = (f"第03版\n\n{title}\n\n市外办举行媒体吹风会介绍有关情况\n\n"
            "本报讯（记者 周明）市外办昨日举行媒体吹风会。\n\n" + "\n\n".join(FARM) + "\n")
    [article] = parse_text(text, DAY).articles
    assert (article.kicker, article.title, article.subtitle) == ("", title, "市外办举行媒体吹风会介绍有关情况")


def test_a_long_lead_in_ending_with_a_dash_is_the_next_headlines_kicker():
    lead = ("老城区供水管网建于上世纪八十年代，漏损严重，居民反映多年。今年以来，市水务集团分片改造，"
            "已完成三十二条小巷的管网更换，记者跟随施工队走进工地——")
    text = ("柳湾村合作社带富乡亲\n\n本报讯（记者 周明）" + "\n\n".join(FARM) + f"\n\n{lead}\n\n"
            "一根管子里的民生（城市观察）\n\n清晨六点，施工队已经在巷口忙开了。\n\n改造后的管网漏损率明显下降。\n")
    first, second = parse_text(text, DAY).articles
    assert first.paragraphs[-1] == FARM[-1]
    assert (second.kicker, second.title) == (lead, "一根管子里的民生（城市观察）")


def test_event_details_set_out_as_fields_are_body_not_headings():
    assert classify("时间：9:00—17:00（节假日休息）") == "text"
    assert classify("主办单位：清河县文化馆") == "text"
    text = ("剪窗花迎新春\n\n准备材料：剪刀、彩纸、铅笔\n\n先把彩纸对折两次，再沿铅笔线剪出花纹。\n\n展开后就是一幅窗花。\n")
    [article] = parse_text(text, DAY).articles
    assert (article.kicker, article.title) == ("", "剪窗花迎新春")
    assert article.paragraphs[0] == "准备材料：剪刀、彩纸、铅笔"


def test_the_rows_of_a_table_of_fields_are_body_not_headings():
    rows = ["书名：柳湾春秋           作者：周明", "书名：清河谣             作者：李华", "书名：云岭记             作者：王建国"]
    assert classify(rows[0]) == "text"
    text = (SHORT_STORY + "清河文库首批书目\n\n" + "\n\n".join(rows) + "\n\n"
            "清河县图书馆新馆开放\n\n本报讯（记者 李华）位于滨河公园东侧的县图书馆新馆昨日开放，"
            "藏书二十万册，设有少儿阅览区和地方文献室，开馆首日接待读者三千余人次。\n")
    articles = parse_text(text, DAY).articles
    assert [a.title for a in articles] == ["清河县召开春耕生产动员会", "清河县图书馆新馆开放"]
    assert articles[0].paragraphs[-3:] == rows


def test_a_cartoons_artist_line_ends_the_cartoon_before_the_next_headline():
    assert classify("周晓岚作（新华社发）") == "credit"
    text = ("漫画\n\n周晓岚作（新华社发）\n\n会议不能开成“念稿会”\n\n发言稿要言之有物（短论）\n\n"
            + "\n\n".join(FARM) + "\n")
    cartoon, essay = parse_text(text, DAY).articles
    assert (cartoon.title, cartoon.paragraphs) == ("漫画", ["周晓岚作（新华社发）"])
    assert (essay.kicker, essay.title) == ("会议不能开成“念稿会”", "发言稿要言之有物（短论）")


def test_a_headline_under_a_lead_in_after_a_photo_credit_starts_an_article():
    lead = ("市民政局在网上开通便民服务投诉平台，接受群众对办事难、办事慢、多头跑等问题的投诉，"
            "对投诉件件登记、限期办理，并在网上公开办理结果，及时回应群众和企业的关切——")
    text = ("图片新闻\n\n图为市民政局便民服务大厅的投诉窗口。\n\n周明摄\n\n"
            f"{lead}\n\n办事少跑腿，投诉有回音\n\n"
            "一段时间以来，群众反映的办事难问题不少，平台开通后一周就收到三百余条投诉。\n\n"
            "投诉件件有回音，办理结果在网上公开，群众可以随时查看办理进度。\n\n"
            "平台还开设了建议专栏，收集群众对简化办事流程的意见和建议。\n")
    photo, story = parse_text(text, DAY).articles
    assert photo.title == "图片新闻"
    assert (story.kicker, story.title) == (lead, "办事少跑腿，投诉有回音")


def test_a_feature_under_a_dash_subtitle_keeps_its_first_sub_heading_after_a_short_lede():
    lede = ["清晨的柳湾村，稻田里一片忙碌，收割机在金色的稻浪中来回穿梭，村民们站在田埂上估算今年的收成。",
            ("今年是清河县实施乡村振兴战略的第五年。五年来，全县新修农田水利设施三百余处，"
             "改造高标准农田十二万亩，粮食总产量连续五年保持增长。"),
            ("“以前靠天吃饭，现在旱涝保收。”种了四十多年地的老党员王福贵说，村里的变化他都记在"
             "一个小本子上，从修路到通网，从盖新房到办合作社，一件件都写得清清楚楚。"),
            ("县农业农村局局长李明华介绍，全县已有一百八十个村成立了股份经济合作社，"
             "村集体经济收入全部超过十万元，乡村振兴的底子越打越牢。"),
            ("走进今天的清河乡村，柏油路通到家门口，路灯照亮了村道，文化广场上每天都有跳广场舞的人群，"
             "外出务工的年轻人也陆续回到家乡创业，开起了网店和农家乐。"),
            ("县里还把每年的丰收节办成了全县的节日，各村拿出最好的农产品参加评比，游客慕名而来，"
             "一天就能卖出几十万元的土特产，村民们的腰包一年比一年鼓，日子一年比一年红火，"
             "老人们说这样的好日子过去想都不敢想。")]
    school = ["河口镇中心小学的新教学楼九月投入使用，六百多名学生告别了漏雨的旧教室。",
              "学校还开设了书法、合唱和篮球课，孩子们放学后不再急着回家。"]
    text = ("沃野千里稻花香\n\n——清河县推进乡村振兴纪实\n\n" + "\n\n".join(lede) + "\n\n"
            "河口镇的孩子们有了新课堂\n\n" + "\n\n".join(school) + "\n")
    # About 420 characters of lede: a news story could end there, a feature not.
    [feature] = parse_text(text, DAY).articles
    assert (feature.title, feature.subtitle) == ("沃野千里稻花香", "——清河县推进乡村振兴纪实")
    assert "河口镇的孩子们有了新课堂" in feature.paragraphs


def test_short_dated_briefs_under_a_roundup_label_stay_in_it_whatever_their_look():
    text = ("数读\n\n3.2万人次  清河县春节接待游客\n\n"
            "本报讯（记者 周明）春节假期，清河县共接待游客3.2万人次，同比增长一成半。\n\n"
            "96%\n\n城区公交准点率，创历年新高\n\n"
            "本报讯（记者 李文）记者从县交通局获悉，今年一季度城区公交准点率达到96%。\n\n"
            + DATED_STORY)
    articles = parse_text(text, DAY).articles
    assert [a.title for a in articles] == ["数读", "清河县召开春耕生产动员会"]
    assert "城区公交准点率，创历年新高" in articles[0].paragraphs


def test_a_forum_opening_on_its_first_voice_keeps_the_next_voices():
    first = ["我第一次来清河是二十年前，那时城里只有一条像样的街，如今高楼林立，公园遍布，变化之大令人惊叹。",
             "最让我感慨的是这里的人。无论走到哪里，人们都愿意停下来和我聊几句，讲他们的新房子、新工作和孩子的学业。",
             "我把这些故事写进了给家乡报纸的专栏里，读者来信说，他们从中看到了一个真实而生动的中国小城。",
             "今年我还会再来，带着我的学生，让他们亲眼看看这座城市是怎样一步一步走到今天的。"]
    second = ["作为一名工程师，我最关心的是基础设施。清河的新水厂采用了先进的膜处理工艺，出水水质达到很高的标准。",
              "更难得的是，水厂的设计充分考虑了今后的扩容需要，预留了足够的空间，这种长远眼光值得很多城市学习。",
              "我参观时遇到的年轻技术员个个专业过硬，讲起工艺流程头头是道，让我对这里的未来充满信心。",
              "希望今后有更多机会同清河的同行交流合作，把好的经验带回我的国家去。"]
    # Each voice runs long, as a forum's do (about 1,500 characters).
    text = ("外国友人看清河\n\n一座小城的二十年\n\n（英国）约翰·史密斯\n\n" + "\n\n".join(first * 8) + "\n\n"
            "好水厂要有长远眼光\n\n（德国）汉斯·穆勒\n\n" + "\n\n".join(second) + "\n")
    [forum] = parse_text(text, DAY).articles
    assert "（德国）汉斯·穆勒" in forum.paragraphs


def test_a_long_label_over_tagged_items_is_a_roundup():
    # Each item is a short tag over its heading; the label is longer than the
    # usual 速览 and names no roundup, but a title never sits under a kicker so short.
    text = ("清河冬防一线\n\n新装备\n\n除雪车开上乡村公路\n\n"
            "本报讯（记者 周明）入冬以来，清河县新添六台除雪车，乡村公路实现雪停路通。\n\n"
            "新办法\n\n热线电话一键报路况\n\n"
            "本报讯（记者 李文）县交通局开通路况热线，司机拨打热线即可上报积雪路段。\n\n"
            + DATED_STORY)
    articles = parse_text(text, DAY).articles
    assert [(a.kicker, a.title) for a in articles] == [("", "清河冬防一线"), ("", "清河县召开春耕生产动员会")]
    assert "热线电话一键报路况" in articles[0].paragraphs


def test_an_editors_box_between_two_articles_is_an_article_of_its_own():
    text = ("乡村振兴要靠人才（理论视野）\n\n" + "\n\n".join(FARM) + "\n\n（作者为清河县委党校教授）\n\n"
            "编者按\n\n本期主题：乡村人才\n\n"
            "人才是乡村振兴的关键。本期理论版约请两位学者，谈谈怎样让人才留得住、用得好。\n\n——编 者\n\n"
            "让返乡青年有用武之地（学者笔谈）\n\n" + "\n\n".join(FARM[::-1]) + "\n")
    articles = parse_text(text, DAY).articles
    assert [a.title for a in articles] == ["乡村振兴要靠人才（理论视野）", "编者按", "让返乡青年有用武之地（学者笔谈）"]
    assert articles[1].paragraphs[0] == "本期主题：乡村人才"
    # Under a headline the same word opens that article's note.
    [single] = parse_text("清河县迎来返乡潮\n\n编者按\n\n" + FARM[0] + "\n\n本报讯（记者 周明）" + FARM[1] + "\n",
                          DAY).articles
    assert single.editor_note == [FARM[0]]


def test_a_feature_opened_by_an_editors_note_keeps_its_sub_headings():
    past = ["一九五四年的春天，清河县城关镇的第一个居民委员会在一间旧祠堂里成立，街坊们挤满了院子。",
            "选举用的是黄豆和碗，每位候选人身后放一只碗，居民排队投豆，唱票声一直持续到深夜。",
            "当选主任的是一位修鞋匠，他后来回忆说，那天晚上他一夜没睡，想着第二天该先做哪件事。",
            "从修路灯到办识字班，居委会的工作一件件铺开，街坊们渐渐习惯了有事先找居委会商量。"]
    now = ["如今，城关镇的居民议事厅每月开一次会，议题由居民自己提出，大到加装电梯，小到楼道堆物。",
           "去年，议事厅讨论了十七个议题，其中十五个已经落地，居民满意度调查结果在社区公告栏公布。"]
    text = ("清河的居委会为什么管用\n\n编者按：七十年来，城乡基层治理不断创新。本版今起推出系列报道，讲述基层治理的故事。\n\n"
            + "\n\n".join(past * 4) + "\n\n从“茶话会”到“议事厅”\n\n" + "\n\n".join(now) + "\n")
    [feature] = parse_text(text, DAY).articles
    assert "从“茶话会”到“议事厅”" in feature.paragraphs


def test_a_heading_over_text_the_editors_sign_is_their_introduction_and_starts_an_article():
    text = ("清河县召开春耕生产动员会\n\n" + "\n\n".join(FARM * 2) + "\n\n"
            "代表委员话春耕\n\n春耕时节，本版邀请几位代表委员，谈谈他们眼中的乡村新变化。\n\n——编  者\n\n"
            "城东公园完成改造\n\n本报讯（记者 李文）历时半年改造的城东公园昨日重新开放，新建步道三公里，"
            "增设儿童游乐区和健身角，市民可免费入园。\n")
    assert titles(text) == ["清河县召开春耕生产动员会", "代表委员话春耕", "城东公园完成改造"]


def test_an_authors_name_over_a_note_on_the_author_signs_the_essay():
    text = ("写给家乡的一封信（寄给祖国的家书）\n\n亲爱的家乡：\n\n" + "\n\n".join(FARM * 4) + "\n\n"
            "周明远\n\n（作者为驻外使馆二等秘书）\n")
    [letter] = parse_text(text, DAY).articles
    assert letter.paragraphs[-2:] == ["周明远", "（作者为驻外使馆二等秘书）"]


def test_a_dashed_attribution_under_a_quote_is_not_a_headline():
    text = ("清河古城遗址考古六十年\n\n" + "\n\n".join(FARM * 10) + "\n\n"
            "古城遗址让两千年前的街巷重见天日。\n\n——王建国（清河县博物馆馆长、研究员）\n\n"
            "遗址出土的陶器、铜器和简牍，为研究早期城市生活提供了实物证据。\n")
    [article] = parse_text(text, DAY).articles
    assert "——王建国（清河县博物馆馆长、研究员）" in article.paragraphs


def test_a_tables_caption_is_not_a_headline():
    text = ("清河县发布乡村发展指数\n\n本报讯（记者 周明）" + "".join(FARM) + "\n\n"
            "表1  清河县各乡镇发展指数排名\n\n城关镇  92.1\n\n河西乡  88.4\n")
    [article] = parse_text(text, DAY).articles
    assert "表1  清河县各乡镇发展指数排名" in article.paragraphs


def test_lines_right_over_an_end_note_close_the_article_they_are_in():
    # The agency's closing note reads like a dateline, which would otherwise make the
    # list over it the headline of a dated report.
    text = ("全国表彰第三批文明家庭\n\n新华社北京5月3日电 " + "".join(FARM) + "\n\n第三批文明家庭名单\n\n"
            "城关镇东街社区王建国家庭\n\n河西乡柳湾村李春花家庭\n\n（新华社北京5月3日电）\n")
    [article] = parse_text(text, DAY).articles
    assert article.paragraphs[-2:] == ["河西乡柳湾村李春花家庭", "（新华社北京5月3日电）"]


def test_a_heading_under_a_box_label_stays_in_the_article():
    # The box tells a story of its own, on a topic of its own, under a tagged title:
    # all that would start an article, but for the label over it.
    box = ["植保无人机一次可载药液三十升，一小时能作业百余亩，相当于三十个人工。",
           "飞手培训为期两周，学员考核合格后持证上岗，县里对购机农户给予三成补贴。"]
    text = ("清河县春耕生产有序推进\n\n本报讯（记者 周明）" + "".join(FARM * 3) + "\n\n延伸阅读\n\n"
            "会飞的“植保员”（农技小课堂）\n\n" + "\n\n".join(box) + "\n")
    [article] = parse_text(text, DAY).articles
    assert "会飞的“植保员”（农技小课堂）" in article.paragraphs


def test_a_long_headline_between_a_paragraph_and_a_dateline_starts_an_article():
    title = ("县长将出席长江中游城市群市长联席会议并赴岳阳、九江两市考察交流、"
             "出席沿江港口城市合作发展座谈会并对安庆市、铜陵市进行友好访问")
    assert len(title) > 60  # longer than any headline that needs no evidence
    text = (SHORT_STORY
            + title + "\n\n本报讯（记者 李文）县政府办公室昨日宣布，应邀出席会议并考察交流。\n")
    assert titles(text) == ["清河县召开春耕生产动员会", title]


def test_a_speaker_line_over_a_dated_story_is_its_kicker_and_the_story_starts():
    text = (SHORT_STORY
            + "县应急管理局负责人：\n\n春耕用火安全不容松懈\n\n"
            "本报讯（记者 李文）县应急管理局负责人昨日表示，清明前后祭扫、烧荒等用火增多，"
            "各乡镇要在林区路口设置检查站，严禁火种进山，发现火情立即拨打火警电话。\n")
    articles = parse_text(text, DAY).articles
    assert [(a.kicker, a.title) for a in articles] == [
        ("", "清河县召开春耕生产动员会"), ("县应急管理局负责人：", "春耕用火安全不容松懈")]


def test_a_line_repeating_the_start_of_the_headline_refers_back_to_it():
    text = ("2024年清河“最美农技员”发布活动\n\n本报讯（记者 周明）由县农业农村局主办的年度评选昨日揭晓，"
            "十位农技员获评“最美农技员”。\n\n2024年清河“最美农技员”\n\n"
            "王建国　　扎根柳湾村二十年，推广良种十余个\n\n李春花　　带领妇女合作社种植中药材\n")
    [article] = parse_text(text, DAY).articles
    assert "2024年清河“最美农技员”" in article.paragraphs


def test_a_lead_in_alone_into_a_quote_is_not_a_headline():
    # A dated report a few paragraphs long, as the start of a new one would be.
    text = ("王振华：血战孤城 至死不退（英烈谱）\n\n本报讯（记者 周明）在清河县烈士陵园，安葬着抗战英烈王振华。"
            + "".join(FARM[:2]) + "\n\n王振华在给妻子的信中写道——\n\n"
            "“此次出征，归期难料，家中老小，全靠你了。”\n\n1942年春，他率部坚守孤城十余日，弹尽援绝，壮烈殉国。\n")
    [article] = parse_text(text, DAY).articles
    assert "王振华在给妻子的信中写道——" in article.paragraphs


def test_a_dispatchs_sign_off_ends_its_article():
    # The next heading is short and on the same topic: only the sign-off tells.
    crew = "、".join(["周明", "李华", "王建国", "赵晓东", "孙丽", "钱进", "吴芳", "郑海", "冯雪", "陈刚"] * 2)
    for sign_off in ("（记者 周明 布鲁塞尔5月3日电）", "（本报布鲁塞尔5月3日电  记者周明、李华）",
                     f"（新华社北京5月3日电  执笔记者：周明、李华；参与记者：{crew}）"):
        text = ("清河县代表团访问友好城市\n\n" + "\n\n".join(FARM * 3) + f"\n\n{sign_off}\n\n"
                "清河农产品推介会举行\n\n" + "\n\n".join(FARM[:2]) + "\n")
        assert titles(text) == ["清河县代表团访问友好城市", "清河农产品推介会举行"], sign_off


def test_a_note_of_where_a_piece_came_from_ends_it():
    # Speeches excerpted one after another: same topic, and no dateline to tell.
    speech = "\n\n".join(FARM * 3)
    for note in ("（摘自5月3日在清河县乡村振兴论坛上的致辞）", "（执笔：周明）", "（综合周明、李华报道）"):
        text = ("让合作社带着村民一起富\n\n" + speech + f"\n\n{note}\n\n"
                "把合作社办成村民的合作社\n\n" + speech + "\n")
        assert titles(text) == ["让合作社带着村民一起富", "把合作社办成村民的合作社"], note


def test_a_communique_after_the_report_on_its_talks_starts_an_article():
    # Same topic and no dateline: only the document's kind tells.
    talk = ["双方代表就文旅、农业和教育领域合作深入交换意见，同意定期互派干部交流。",
            "双方将共建农产品展销中心，互设旅游推介窗口，推动两地客源互送。",
            "云岭县代表团还参观了柳湾村合作社和清河职业学校。"]
    talks = ("清河县与云岭县举行友好合作磋商\n\n本报讯（记者 周明）" + "".join(talk) + "\n\n"
             + "\n\n".join(FARM + talk[2:]) + "\n\n")
    communique = ("清河县与云岭县友好合作磋商联合新闻公报\n\n"
                  "一、双方同意在文旅、农业和教育领域深化合作，定期互派干部交流。\n\n"
                  "二、双方将共建农产品展销中心，互设旅游推介窗口。\n")
    assert titles(talks + communique) == ["清河县与云岭县举行友好合作磋商", "清河县与云岭县友好合作磋商联合新闻公报"]


def test_a_speech_printed_in_full_starts_an_article_after_the_report_on_its_meeting():
    report = ("清河县纪念柳湾村建村七十周年座谈会举行\n\n" + "与会者回顾了柳湾村七十年的发展历程，"
              "认为柳湾村的合作社道路为全县乡村振兴积累了经验。\n\n" + "\n\n".join(FARM) + "\n\n")
    speech = ("在纪念柳湾村建村七十周年座谈会上的发言\n\n"
              "同志们：七十年前，柳湾村的乡亲们在河滩上开出第一块稻田。\n\n" + "\n\n".join(FARM) + "\n")
    assert titles(report + speech) == ["清河县纪念柳湾村建村七十周年座谈会举行", "在纪念柳湾村建村七十周年座谈会上的发言"]


def test_a_photo_report_ends_with_its_credit():
    # The next heading stacks a label and a signed title: alone it would not start.
    text = (DATED_STORY + "\n图片报道\n\n本版制图：周明\n\n"
            "柳湾故事\n\n合作社里的年轻人\n\n李  华\n\n" + "\n\n".join(FARM) + "\n")
    assert titles(text) == ["清河县召开春耕生产动员会", "图片报道", "合作社里的年轻人"]


def test_the_next_story_of_a_feature_headed_like_its_first_is_a_sub_heading():
    # The feature's label stands over its first story's own two lines; the second
    # story, on another subject, is headed the same way.
    lab = ["实验室的灯一直亮到深夜，研究员们轮流值守，记录每一组数据。",
           "他说，春节不回家已经是第三年了，家人也都习惯了。"]
    port = ["码头上的吊车来回转动，一艘艘货轮排队等候装卸。",
            "调度员紧盯屏幕，安排每一条船的靠泊时间，一刻也不敢放松。"]
    text = ("坚守岗位的人们\n\n清河，县农科所——\n\n“数据不等人”\n\n" + "\n\n".join(lab * 15)
            + "\n\n云岭，港口调度中心——\n\n“船不停，我们就不停”\n\n1月25日，"
            + "\n\n".join(port * 3) + "\n")
    assert titles(text) == ["坚守岗位的人们"]


def test_an_exclaimed_title_over_a_dash_subtitle_starts_an_article():
    text = (SHORT_STORY
            + "“清河，我们回来了！”\n\n——返乡青年创业故事\n\n"
            "春节刚过，二十多位在外打拼的年轻人回到清河，办起了电商直播间和民宿。\n")
    articles = parse_text(text, DAY).articles
    assert [(a.title, a.subtitle) for a in articles] == [
        ("清河县召开春耕生产动员会", ""), ("“清河，我们回来了！”", "——返乡青年创业故事")]


def test_a_short_exclamation_over_a_caption_and_its_credit_titles_a_news_photo():
    text = (SHORT_STORY + "赶庙会喽！\n\n近日，清河县城隍庙庙会开幕，市民在庙会上观看舞龙表演。\n\n"
            "庙会将持续到正月十五。\n\n本报记者 王 亮摄\n\n"
            "清河县新建三座口袋公园\n\n本报讯（记者 周明）清河县今年新建三座口袋公园，方便市民就近休闲。\n")
    articles = parse_text(text, DAY).articles
    assert [a.title for a in articles] == ["清河县召开春耕生产动员会", "赶庙会喽！", "清河县新建三座口袋公园"]
    assert articles[1].bylines[0].name == "王亮"


def test_a_heading_under_the_ledes_questions_answers_them_inside_the_article():
    text = ("老旧小区改造观察\n\n去年以来，清河县启动老旧小区改造，涉及小区四十二个、居民一万余户。"
            "楼道刷新了，管网换新了，不少小区还加装了电梯、修建了停车场和健身广场。\n\n"
            "改造不只是刷墙换管，更要改出居民的幸福感。县住建局负责人介绍，今年全县计划再改造小区三十个，"
            "重点解决加装电梯、停车、养老托育等居民反映集中的问题，从立项到验收，每一个环节都请居民参与，"
            "改什么、怎么改，由大家商量着定。\n\n改造进展如何？居民有哪些新期待？记者进行了走访。\n\n"
            "幸福里小区召开加装电梯协调会\n\n5月3日，东关街道幸福里小区的新电梯投入使用。"
            "八十岁的李大爷第一次坐着电梯下了楼，他说再也不用扶着栏杆一步一歇了。\n")
    assert titles(text) == ["老旧小区改造观察"]
    # The same heading under a dateline is a report of its own.
    dated = text.replace("5月3日，", "本报讯（记者 周明）5月3日，")
    assert titles(dated) == ["老旧小区改造观察", "幸福里小区召开加装电梯协调会"]


def test_a_tagged_title_under_a_list_of_short_lines_starts_the_next_article():
    text = (SHORT_STORY + "全县现有的省级非遗项目\n\n东关镇 清河剪纸\n\n西河乡 河灯制作技艺\n\n"
            "南坡村 南坡社火\n\n注：以上为清河县现有的省级非遗项目\n\n"
            "让老手艺走进新生活（清河时评）\n\n老手艺要传下去，先得让年轻人喜欢。"
            "剪纸进校园、社火上网络，都是让传统走进今天的好办法。\n")
    articles = parse_text(text, DAY).articles
    assert [a.title for a in articles] == ["清河县召开春耕生产动员会", "让老手艺走进新生活（清河时评）"]
    assert articles[0].paragraphs[-1] == "注：以上为清河县现有的省级非遗项目"


def test_a_quotes_attribution_and_a_note_on_the_quotes_end_the_article_above():
    text = ("科技让城市更聪明（清河论坛）\n\n城市治理离不开科技，科技正在让城市变得更聪明、更有温度。\n\n"
            "——清河大学教授王明\n\n新区要新，老城要老，新旧之间要有对话。\n\n——清河市规划院总规划师李华\n\n"
            "（2024年清河发展论坛发言摘要）\n\n清河创新大会开幕\n\n"
            "本报讯（记者 周明）清河创新大会昨日开幕，三十个科技项目现场签约。\n")
    articles = parse_text(text, DAY).articles
    assert [a.title for a in articles] == ["科技让城市更聪明（清河论坛）", "清河创新大会开幕"]
    assert articles[0].paragraphs[-2:] == ["——清河市规划院总规划师李华", "（2024年清河发展论坛发言摘要）"]


def test_a_heading_over_a_second_dateline_starts_the_next_brief_however_alike():
    text = ("友好城市代表团将访问清河\n\n本报讯（记者 周明）市外办发言人昨日宣布，应市政府邀请，"
            "友好城市代表团将于5月8日至10日访问清河。\n\n邻省经贸代表团将访问清河\n\n"
            "本报讯（记者 周明）市外办发言人昨日宣布，应市政府邀请，邻省经贸代表团将于5月12日至14日访问清河。\n")
    assert titles(text) == ["友好城市代表团将访问清河", "邻省经贸代表团将访问清河"]


def test_a_name_with_what_the_speaker_does_is_a_voice_of_the_piece_not_a_headline():
    text = ("舞台上的清河\n\n清河话剧节落下帷幕，参演的艺术家们说起一个月的排练和演出，都有说不完的话。\n\n"
            "王小明（话剧演员）\n\n彩排了很多次，每一次都有新的收获。观众的掌声让我觉得所有的辛苦都值得，"
            "我会把这份感动带到下一部戏里去。\n\n李红（舞美设计师）\n\n为了还原老街的样子，我们跑遍了清河的老巷子，"
            "拍了几千张照片。\n")
    assert titles(text) == ["舞台上的清河"]
    # A title with its column's tag is not a voice.
    assert titles(SHORT_STORY + "收秋（田野随笔）\n\n门口那棵老槐树下，晒满了金黄的玉米。\n")[1:] == ["收秋（田野随笔）"]


def test_a_line_under_a_big_printed_figure_says_what_it_counts_inside_the_article():
    text = ("清河春运平稳有序\n\n春节假期全市交通安全形势良好\n\n"
            "春节假期，清河全市道路交通总体平稳有序，没有发生较大以上交通事故。市公安局交警支队在主要路口"
            "增设临时执勤点，引导车辆有序通行；各客运站加开班次，保障群众返乡出行。节后返程高峰期间，"
            "高速公路清河段车流量比平日增长三成，交警部门提前发布出行提示，引导车辆错峰出行，"
            "确保了道路安全畅通。\n\n2万人次\n\n"
            "春节期间全市日均出动警力2万人次、警车300余辆次，设置临时执勤点20余个\n\n"
            "本报讯（记者 周明）记者从市公安局获悉，春节期间全市日均出动警力2万人次，"
            "设置临时执勤点20余个，服务群众出行。\n")
    [article] = parse_text(text, DAY).articles
    figure = article.paragraphs.index("2万人次")
    assert article.paragraphs[figure + 1].startswith("春节期间全市日均出动警力")


def test_a_headline_with_its_own_dash_kicker_takes_no_soft_kicker_from_the_article_above():
    text = (SHORT_STORY + "“春耕不等人，农时误不得……”村头的喇叭响了一遍又一遍……\n\n"
            "历经十年发展——\n\n清河酱菜叫响老字号品牌（老字号新活力）\n\n"
            "从一个作坊到一家上市公司，清河酱菜走过了十年。\n")
    articles = parse_text(text, DAY).articles
    assert [(a.kicker, a.title) for a in articles[1:]] == [("历经十年发展——", "清河酱菜叫响老字号品牌（老字号新活力）")]


def test_a_title_over_its_date_note_heads_a_document_of_its_own():
    # Two lists adopted at one sitting, printed one under the other: alike in every word.
    text = ("清河县人民代表大会常务委员会免职名单\n\n（2024年4月30日清河县第十届人民代表大会常务委员会第九次会议通过）\n\n"
            "免去周明的清河县人民代表大会常务委员会副主任职务。\n\n"
            "清河县人民代表大会常务委员会任免名单\n\n（2024年4月30日清河县第十届人民代表大会常务委员会第九次会议通过）\n\n"
            "一、免去王红的清河县人民法院审判员职务。\n\n二、任命李强为清河县人民法院审判员。\n")
    assert titles(text) == ["清河县人民代表大会常务委员会免职名单", "清河县人民代表大会常务委员会任免名单"]


def test_a_bracketed_date_note_is_no_column_tag():
    from archive.ingest.starts import column_tagged
    note, tagged = split_lines("（2024年4月30日县政府常务会议审议通过）\n\n柳湾春色（乡村行记）\n")
    assert not column_tagged([note]) and column_tagged([tagged])


def test_a_document_announced_by_the_paragraph_above_is_part_of_the_article():
    text = ("清河县印发春耕生产奖励办法\n\n本报讯（记者 周明）近日，清河县印发春耕生产奖励办法。"
            "办法自印发之日起施行。《办法》全文如下。\n\n"
            "清河县春耕生产奖励办法\n\n（2024年4月30日县政府常务会议审议通过）\n\n"
            "第一条  为了调动农民种粮积极性，制定本办法。\n\n第二条  本办法适用于全县各乡镇。\n")
    assert titles(text) == ["清河县印发春耕生产奖励办法"]


# Voices of a writers' forum, each longer than any brief.
VOICES = [("封城的日子里，我每天都在读前方传来的消息，读到护士们脸上的压痕，忍不住落泪。"
           "文字或许做不了什么，但我愿意把这些人的名字一个一个记下来。") * 4,
          ("我在乡下老家过年，村口拉起了横幅，年轻人轮流值守，老人们也不串门了。"
           "这样的自觉让我想起小时候抗洪，大家都把家里的门板拆下来去堵缺口。") * 4,
          ("写作的人此刻更该沉下心来，少说空话，多做实事，捐款、义卖、给孩子们讲故事，"
           "哪怕只是把一首诗读给隔离病房里的老人听。") * 4]


def test_a_voice_with_a_chairs_role_is_no_headline_whatever_the_name():
    # A four-character pen name and a role ending in 主席 are a voice too.
    text = ("笔墨寄深情（作家心声）\n\n" + VOICES[0] + "\n\n陈晓峰（清河县作家协会副主席）\n\n" + VOICES[1] +
            "\n\n青山晚照（清河县作家协会主席）\n\n" + VOICES[2] + "\n")
    assert titles(text) == ["笔墨寄深情（作家心声）"]


def test_a_voice_under_its_own_title_takes_no_column_tag_from_the_role():
    from archive.ingest.starts import column_tagged
    title, voice, tagged = split_lines("春天一定会来\n\n青山晚照（网络文学作家）\n\n柳湾春色（乡村行记）\n")
    assert not cues.column_tag(voice) and cues.column_tag(tagged)
    assert not column_tagged([title, voice])


def test_sub_headings_a_character_or_two_apart_in_length_are_one_series():
    # 5 and 7 characters: either side of a size bound, still one look.
    lines = split_lines("破用工之难\n\n村里组织返岗专车，点对点接回务工人员\n\n合作社一天就招满了人手。\n\n"
                        "解“资金”之急\n\n银行推出专项贷款，利率下调一个百分点\n\n贷款三天就到了账。\n\n"
                        "清河县人民政府关于做好春耕生产工作的通知\n\n各乡镇人民政府：\n")
    first, second, other = lines[0:2], lines[3:5], lines[6:7]
    assert cues.signature(first) != cues.signature(second)
    assert cues.series_ahead(first, lines, 2)
    assert not cues.alike(first, other)


def test_further_reading_stays_with_the_story_above_even_after_its_sign_off():
    text = ("清河县全面禁止野生动物交易\n\n" + "".join(FARM) + "\n\n（综合本报记者周明、王红报道）\n\n"
            "禁食野生动物，法律有何规定？（延伸阅读）\n\n"
            "野生动物保护法规定，禁止出售、购买、利用国家重点保护野生动物及其制品。\n")
    assert titles(text) == ["清河县全面禁止野生动物交易"]


def test_a_feature_under_a_dash_subtitle_heads_its_parts_with_quotations():
    nurse = ("凌晨两点，护士长周敏刚下夜班，又被叫回了病房。她说这样的夜晚已经记不清有多少个了。"
             "同事们劝她休息，她摆摆手，转身又去查看病人的体温记录。")
    colleague = ("护士小陈和周敏一个班，病房里的病人都认得她们。夜班最难熬，小陈说看到病人的体温降下来，"
                 "再累也值了。她们互相提醒：防护服要穿好，病房要勤消毒。"
                 "护士小陈和护士长周敏一个班，病房里的病人都认得她们。夜班最难熬，小陈说看到病人的体温降下来，"
                 "再累也值了。周敏劝她休息，她也摆摆手，转身又去病房查看病人的体温记录。")
    text = ("守护在清河的每一天\n\n——记抗疫一线的医护人员\n\n" + "\n\n".join([nurse * 3] * 4) +
            "\n\n“哪有时间睡觉，病人等着呢”\n\n" + "\n\n".join([colleague * 3] * 4) + "\n")
    assert titles(text) == ["守护在清河的每一天"]


def test_the_entries_of_a_chronicle_opening_on_their_dates_are_one_article():
    entries = [("清河大桥建成通车", "2015年10月1日，清河大桥建成通车，两岸群众往来从此不再靠渡船。",
                "大桥全长一千二百米，双向四车道，设计使用年限一百年。桥面两侧设有人行道和观景平台。"),
               ("县城四万户居民告别烧煤取暖用上集中供暖", "2016年11月15日，县城集中供暖工程投入使用，四万户居民告别烧煤取暖。",
                "热源厂采用燃气锅炉，管网总长八十公里。冬季空气质量优良天数比往年明显增加。"),
               ("高铁通到家门口", "2018年12月26日，清河高铁站正式启用，县城到省城只要四十分钟。",
                "车站每天停靠列车二十四趟，站前广场同步建成公交枢纽和停车场，方便旅客换乘。")]
    text = "清河大事记\n\n" + "".join(f"{head}\n\n{lede}\n\n{detail * 8}\n\n" for head, lede, detail in entries)
    assert len(parse_text(text, DAY).articles) == 1


def test_a_contact_line_with_a_telephone_number_is_text_not_a_heading():
    for line in ("监督举报电话：0571-86001234", "传真：（0571）86005678", "新闻报料热线：400-123-4567"):
        assert classify(line) == "text"
    text = ("清河县公开招聘社区工作者公告\n\n" + "".join(FARM) + "\n\n报名咨询电话：0571-86001234\n\n"
            "监督举报电话：0571-86005678\n\n清河县人力资源和社会保障局\n\n2024年5月4日\n")
    assert titles(text) == ["清河县公开招聘社区工作者公告"]


# ------------------------------------------------------------------ documents printed in full

LAW = ("中华人民共和国城乡绿化法\n\n（2024年3月1日第十四届全国人民代表大会常务委员会第八次会议通过）\n\n"
       "目  录\n\n第一章  总  则\n\n第二章  规划与建设\n\n第三章  附  则\n\n"
       "第一章  总  则\n\n第一条  为了推进城乡绿化，改善生态环境，增进人民福祉，制定本法。\n\n"
       "第二条  在本法适用范围内从事城乡绿化规划、建设、养护和管理活动，适用本法。\n\n"
       "第二章  规划与建设\n\n第三条  县级以上人民政府应当将城乡绿化纳入国民经济和社会发展规划。\n\n"
       "第三章  附  则\n\n第四条  本法自2024年7月1日起施行。\n")


def test_a_law_printed_in_full_is_one_article_under_its_title():
    # Its chapter headings are letter-spaced like a letter's signature (江苏兴化 鲁 平): never bylines.
    [law] = parse_text(LAW, DAY).articles
    assert (law.title, law.subtitle) == ("中华人民共和国城乡绿化法",
                                         "（2024年3月1日第十四届全国人民代表大会常务委员会第八次会议通过）")
    assert law.bylines == []
    assert law.paragraphs[:2] == ["目  录", "第一章  总  则"]


def test_the_books_of_a_code_do_not_start_articles():
    text = ("中华人民共和国某某法典\n\n第一编  总则\n\n第一条  为了规范某某关系，制定本法。\n\n"
            "第二条  本法适用于某某活动。\n\n" + "\n\n".join(FARM) + "\n\n"
            "第二编  物权\n\n第三条  国家实行某某制度。\n\n第三编  合同\n\n第四条  合同是当事人之间设立某某关系的协议。\n")
    assert titles(text) == ["中华人民共和国某某法典"]


def test_a_codes_parts_are_no_bylines_either():
    text = ("中华人民共和国某某法典\n\n第二编  物  权\n\n第一分编  通  则\n\n第一条  为了规范某某关系，制定本编。\n\n"
            + "\n\n".join(FARM) + "\n\n第二分编  所有权\n\n第二条  国家实行某某制度。\n")
    [code] = parse_text(text, DAY).articles
    assert code.title == "中华人民共和国某某法典" and code.bylines == []


def test_a_part_closed_by_the_papers_reporters_does_not_end_the_feature():
    # 本报记者 … 本报通讯员 … under a part is the paper's signature, not a local closing byline.
    text = ("柳湾村的春耕故事\n\n" + "\n\n".join(FARM) + "\n\n本报记者 周明  本报通讯员 李文\n\n"
            "合作社里的新农人\n\n" + "\n\n".join(FARM[::-1]) + "\n")
    assert titles(text) == ["柳湾村的春耕故事"]


def test_a_photo_storys_label_starts_it_even_after_a_short_story():
    text = ("柳湾公园新添夜跑步道\n\n记者 宁筱\n\n每晚七点以后，夜跑步道亮起灯带。\n\n图片新闻\n\n\n\n"
            "3月12日，市民在滨江湿地公园植树。\n\n图/苗青\n\n" + SHORT_STORY)
    articles = parse_text(text, DAY).articles
    assert [(a.title, a.kind) for a in articles] == [
        ("柳湾公园新添夜跑步道", "article"), ("图片新闻", "photo"), ("清河县召开春耕生产动员会", "article")]


def test_the_parts_under_an_editors_introduction_belong_to_its_article():
    # A headline, a few lines the editors sign, then the stories they introduce.
    intro = "春耕时节，记者走进三个村庄，听种粮大户、农机手和技术员讲讲今年的新打算。"
    text = ("春耕一线听心声（田间地头）\n\n" + intro + "\n\n——编 者\n\n"
            "李长顺的合作社启动“订单种植”\n\n近日，" + "\n\n".join(FARM) + "\n\n"
            "农机手赵二虎\n\n" + "\n\n".join(FARM[::-1]) + "\n")
    [series] = parse_text(text, DAY).articles
    assert series.title == "春耕一线听心声（田间地头）"
    assert "李长顺的合作社启动“订单种植”" in series.paragraphs and FARM[2] in series.paragraphs
    # A title with its own column tag under the sign-off is an article of its own.
    tagged = text.replace("“订单种植”", "“订单种植”（乡村振兴）")
    assert titles(tagged) == ["春耕一线听心声（田间地头）", "李长顺的合作社启动“订单种植”（乡村振兴）"]


def test_a_headline_closed_by_who_presided_starts_the_meeting_report():
    # A commentary on the meeting, then the meeting's own report: same topic, yet a new article.
    comment = ("县委常委会会议研究春耕生产工作，部署统筹做好春耕备耕和乡村振兴各项工作。"
               "抓好春耕生产，要把种子、化肥、农机准备在前，让农民不误农时。") * 4
    text = ("抓好春耕备耕不误农时\n\n" + comment + "\n\n"
            "清河县委常委会召开会议\n\n研究春耕生产工作 部署统筹做好春耕备耕工作\n\n县委书记王建国主持会议\n\n"
            "■ 抓好春耕生产，要把种子、化肥、农机准备在前，让农民不误农时。\n\n"
            "■ 统筹做好春耕备耕和乡村振兴各项工作，研究部署春耕生产工作。\n\n"
            "本报讯（记者 周明）县委常委会昨日召开会议，研究春耕生产工作。\n")
    assert titles(text) == ["抓好春耕备耕不误农时", "研究春耕生产工作 部署统筹做好春耕备耕工作"]


def test_a_title_over_its_dash_subtitle_and_a_lead_in_starts_a_feature():
    # The feature's first sub-heading (a lead-in ending on ——) runs on under its headline.
    text = ("清河县春耕生产全面铺开\n\n" + "\n\n".join(FARM * 3) + "\n\n"
            "把春耕的事办好！\n\n——写在清河县春耕生产的关键时节\n\n农时不等人，一季关系全年——\n\n"
            + "\n\n".join(FARM[::-1]) + "\n")
    articles = parse_text(text, DAY).articles
    assert [(a.title, a.subtitle) for a in articles] == [
        ("清河县春耕生产全面铺开", ""), ("把春耕的事办好！", "——写在清河县春耕生产的关键时节")]
    assert articles[1].paragraphs[0] == "农时不等人，一季关系全年——"


POST = ["哨所海拔四千多米，冬天零下三十度，巡逻路上积雪没过膝盖，战友们轮流在前面开路。",
        "连队给每个哨位装上了暖风机和热水器，新修的营房宽敞明亮，您和妈妈不用为我担心。"]


def test_the_letters_of_one_feature_stay_in_it():
    letter = ["这次在工地过年，不能回家陪您吃年夜饭了。工地上的同事们一起包饺子，大家都很开心。",
              "等工程完工，我一定回家好好陪您几天，给您讲讲这里的新鲜事。"]
    text = ("一封家书 一份牵挂（新春特稿）\n\n春节前，记者请几位在外工作的年轻人给家人写了一封信。\n\n"
            "工地上的年夜饭（摘编）\n\n亲爱的妈妈：\n\n" + "\n\n".join(letter * 3) + "\n\n（作者为清河大桥项目部技术员）\n\n"
            "雪线上的哨所里，我们过了一个暖心年（摘编）\n\n亲爱的爸爸：\n\n" + "\n\n".join(POST * 3) + "\n\n（作者为边防某连战士）\n")
    # The first letter under the intro may start an article; the next one goes on with it.
    *_, letters = parse_text(text, DAY).articles
    assert letters.title == "工地上的年夜饭（摘编）"
    assert "雪线上的哨所里，我们过了一个暖心年（摘编）" in letters.paragraphs


def test_a_lead_in_over_a_title_after_a_dated_report_starts_a_feature():
    notice = ("清河县人民政府任免工作人员\n\n本报讯（记者 周明）清河县人民政府日前任免一批工作人员。\n\n"
              "任命李文为清河县交通运输局副局长。\n\n免去赵强的清河县交通运输局副局长职务。\n\n")
    text = (notice + "三名乡村医生讲述——\n\n守在村卫生室的日日夜夜\n\n"
            + "\n\n".join(FARM) + "\n\n" + "\n\n".join(FARM[::-1]) + "\n")
    articles = parse_text(text, DAY).articles
    assert [(a.kicker, a.title) for a in articles] == [
        ("", "清河县人民政府任免工作人员"), ("三名乡村医生讲述——", "守在村卫生室的日日夜夜")]


def test_a_line_over_a_lead_in_and_its_title_starts_a_roundup():
    # A roundup's name over its first item's lead-in and title, signed by its reporter.
    text = ("抓好春耕备耕不误农时\n\n" + "\n\n".join(FARM * 3) + "\n\n"
            "春耕一线，我们在行动\n\n清河县柳湾村合作社——\n\n无人机飞进田间地头\n\n本报记者 周 明\n\n"
            + "\n\n".join(FARM[::-1]) + "\n")
    articles = parse_text(text, DAY).articles
    assert [a.title for a in articles] == ["抓好春耕备耕不误农时", "春耕一线，我们在行动"]
    assert "无人机飞进田间地头" in articles[1].paragraphs


def test_a_lead_in_naming_a_series_instalment_starts_an_article():
    # Under a feature with sub-headings, a `…之二——` lead-in and its title open the
    # series' next instalment, not another sub-heading of the feature.
    text = ("守护一方平安\n\n时间：5月3日22时\n\n地点：清河县城\n\n晚上十点，清河县公安局的民警还在巡逻。\n\n"
            "“我们每天都要走遍县城的大街小巷。”民警说。\n\n街巷里的灯\n\n老街的路灯亮了，居民说这是民警帮忙反映的结果。\n\n"
            "学习全会精神之二——\n\n以人民为中心，解决群众急难愁盼\n\n“要坚持以人民为中心的工作导向。”专家说，这是全会的要求。\n\n"
            "各地各部门正在抓紧落实。\n")
    assert [(a.kicker, a.title) for a in parse_text(text).articles] == [
        ("", "守护一方平安"), ("学习全会精神之二——", "以人民为中心，解决群众急难愁盼")]
