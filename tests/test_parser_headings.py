"""Heading decisions of the parser on short invented texts. Plain pytest, no Django."""
import datetime

from archive.ingest import parse_text

DAY = datetime.date(2024, 5, 4)


def headings(text):
    return [(a.kicker, a.title, a.subtitle, a.paragraphs[:1]) for a in parse_text(text, DAY).articles]


def headline(text):
    """Kicker, title and subtitle of a text that holds one article."""
    [(kicker, title, subtitle, first)] = headings(text)
    return kicker, title, subtitle


def test_summary_line_before_a_dateline_is_a_subtitle():
    text = ("市政府召开常务会议\n\n听取防汛准备情况汇报，部署城区排水管网改造\n\n"
            "本报讯（记者 周明）市政府昨日召开常务会议。\n\n会议要求各区抓紧落实。\n")
    [(kicker, title, subtitle, first)] = headings(text)
    assert (kicker, title, subtitle) == ("", "市政府召开常务会议", "听取防汛准备情况汇报，部署城区排水管网改造")


def test_lede_sentence_before_a_dateline_stays_in_the_body():
    text = ("城区绿地面积创新高\n\n截至去年末，城区绿地面积达到一千二百公顷，同比增长百分之六。\n\n"
            "本报讯（记者 周明）记者从市园林局获悉，城区绿地继续增加。\n\n明年还将新建公园五座。\n")
    [(kicker, title, subtitle, first)] = headings(text)
    assert (kicker, title, subtitle) == ("", "城区绿地面积创新高", "")
    assert first == ["截至去年末，城区绿地面积达到一千二百公顷，同比增长百分之六。"]


def test_a_big_printed_figure_is_body_not_heading():
    text = ("春节假期客流平稳\n\n104万人次\n\n本报讯（记者 周明）春节假期全市接待游客104万人次。\n")
    [(kicker, title, subtitle, first)] = headings(text)
    assert (kicker, title, subtitle) == ("", "春节假期客流平稳", "")
    assert first == ["104万人次"]


def test_nothing_under_a_dash_subtitle_belongs_to_the_headline():
    text = ("老街新貌\n\n——清河县老街改造见闻\n\n这是一条走了百年的街——\n\n"
            "清晨，老街上已经热闹起来，早点铺前排起了长队。\n\n改造后的街面更宽了。\n")
    [(kicker, title, subtitle, first)] = headings(text)
    assert (kicker, title, subtitle) == ("", "老街新貌", "——清河县老街改造见闻")
    assert first == ["这是一条走了百年的街——"]


def test_a_section_number_opens_the_body():
    text = ("河口镇的春天\n\n一\n\n清晨的河口镇，柳枝刚刚发芽，河面上飘着薄雾。\n\n"
            "二\n\n镇上的集市开张了，人来人往。\n")
    [(kicker, title, subtitle, first)] = headings(text)
    assert (kicker, title, subtitle) == ("", "河口镇的春天", "")
    assert first == ["一"]


def test_a_decree_number_is_body_not_subtitle():
    text = ("清河县关于修改部分规定的决定\n\n清河县人民政府令\n\n第12号\n\n"
            "《清河县关于修改部分规定的决定》已经县政府常务会议通过，现予公布。\n")
    [(kicker, title, subtitle, first)] = headings(text)
    assert (kicker, title, subtitle) == ("", "清河县关于修改部分规定的决定", "")


def test_a_roundup_label_keeps_its_first_items_heading_out_of_the_headline():
    text = ("读者来信\n\n小区路灯该修了\n\n我家小区的路灯坏了半个月，晚上出门很不方便，希望有关部门尽快修好。\n\n"
            "公交站台应加顶棚\n\n松溪镇公交站台没有顶棚，下雨天候车的老人只能淋雨，建议加装顶棚。\n")
    [(kicker, title, subtitle, first)] = headings(text)
    assert (kicker, title, subtitle) == ("", "读者来信", "")
    assert first == ["小区路灯该修了"]


def test_a_longer_first_line_over_a_look_alike_title_stays_a_kicker():
    text = ("清河县推进老街改造\n\n老街换新颜\n\n本报讯（记者 周明）清河县老街改造工程近日完工。\n\n"
            "街面拓宽了\n\n改造后的街面比原来宽了两米。\n")
    [(kicker, title, subtitle, first)] = headings(text)
    assert (kicker, title, subtitle) == ("清河县推进老街改造", "老街换新颜", "")


def test_a_second_line_going_on_with_the_subject_is_a_subtitle():
    text = ("县长会见省农科院考察团\n\n强调要把合作落到田间地头 让更多农户用上好品种\n\n"
            "本报讯（记者 周明）县长昨日会见了省农科院考察团一行。\n\n双方就良种推广交换了意见。\n")
    [(kicker, title, subtitle, first)] = headings(text)
    assert (kicker, title, subtitle) == ("", "县长会见省农科院考察团", "强调要把合作落到田间地头 让更多农户用上好品种")


def test_a_long_second_line_with_a_comma_is_a_summary_subtitle():
    text = ("清河县发布老街改造方案\n\n今年将完成三条街巷的管网更新，沿街商户不停业，居民出行不受影响\n\n"
            "清河县住建局日前发布老街改造方案。\n\n方案明确了施工时间。\n")
    [(kicker, title, subtitle, first)] = headings(text)
    assert (kicker, title, subtitle) == ("", "清河县发布老街改造方案",
                                         "今年将完成三条街巷的管网更新，沿街商户不停业，居民出行不受影响")


def test_a_figure_under_a_title_with_its_own_figure_is_a_subtitle():
    text = ("全县一季度接待游客12万人次\n\n旅游收入增长9%\n\n"
            "本报讯（记者 周明）记者从县文旅局获悉，一季度全县接待游客12万人次。\n\n乡村游最受欢迎。\n")
    [(kicker, title, subtitle, first)] = headings(text)
    assert (kicker, title, subtitle) == ("", "全县一季度接待游客12万人次", "旅游收入增长9%")


def test_a_roundup_label_is_the_headline_even_over_a_single_item():
    text = ("本地快讯\n\n河口镇新建停车场投入使用\n\n河口镇新建的停车场日前投入使用，可停放小汽车二百辆。\n\n"
            "停车场实行前两小时免费。\n")
    [(kicker, title, subtitle, first)] = headings(text)
    assert (kicker, title, subtitle) == ("", "本地快讯", "")
    assert first == ["河口镇新建停车场投入使用"]


def test_a_line_over_a_dash_kicker_heads_the_feature_not_the_item():
    text = ("乡村振兴一线见闻\n\n柳湾村合作社理事长王建国——\n\n“抱团发展，日子越过越红火”\n\n"
            "柳湾村的合作社今年流转土地八百亩，村民在家门口就能领到工资。\n\n合作社还请来了农技专家。\n")
    [(kicker, title, subtitle, first)] = headings(text)
    assert (kicker, title, subtitle) == ("", "乡村振兴一线见闻", "")
    assert first == ["柳湾村合作社理事长王建国——"]


def test_a_figure_line_over_a_feature_is_its_title():
    text = ("松溪镇的老茶园\n\n一棵茶树守了300年\n\n"
            "清晨的茶园里雾气还没散，采茶的村民已经背着竹篓上了山。\n\n老茶树的叶子格外厚实。\n")
    [(kicker, title, subtitle, first)] = headings(text)
    assert (kicker, title, subtitle) == ("松溪镇的老茶园", "一棵茶树守了300年", "")


def test_a_dotted_first_line_over_a_dash_subtitle_is_the_title():
    text = ("快·准·暖\n\n——清河县便民热线一年回访记\n\n"
            "本报讯（记者 周明）便民热线开通一年，接听群众来电三万余个。\n\n回访满意率逐月上升。\n")
    [(kicker, title, subtitle, first)] = headings(text)
    assert (kicker, title, subtitle) == ("", "快·准·暖", "——清河县便民热线一年回访记")


def test_a_line_ending_with_what_someone_hoped_is_a_kicker():
    text = ("市长看望劳模阿依古丽·买买提时希望\n\n把城市扮得更美\n\n"
            "本报讯（记者 周明）春节前夕，市长来到城东环卫站看望环卫工人。\n\n他向大家致以新春问候。\n")
    [(kicker, title, subtitle, first)] = headings(text)
    assert (kicker, title, subtitle) == ("市长看望劳模阿依古丽·买买提时希望", "把城市扮得更美", "")


def test_a_message_label_under_the_headline_opens_the_body():
    text = ("市委书记致信祝贺清河中学建校百年强调\n\n培养更多可堪大任的时代新人\n\n贺  信\n\n"
            "清河中学全体师生：\n\n值此建校一百周年之际，谨向全校师生致以热烈的祝贺！\n")
    [(kicker, title, subtitle, first)] = headings(text)
    assert (kicker, title, subtitle) == ("市委书记致信祝贺清河中学建校百年强调", "培养更多可堪大任的时代新人", "")
    assert first == ["贺  信"]


def test_a_readers_web_handle_signs_off_the_comment_above():
    text = ("少一点套路，多一点真诚\n\n网购退货还要层层审核，消费者的时间也是成本，商家不妨把流程做简单些。\n\n——@清河老街坊\n\n"
            "让城市慢行系统连成网（新论）\n\n骑车上班的人多了，非机动车道却时断时续，需要统筹规划，把断点一个个接起来。\n")
    assert [(k, t) for k, t, s, f in headings(text)] == [
        ("", "少一点套路，多一点真诚"), ("", "让城市慢行系统连成网（新论）")]


def test_a_joint_statement_dated_at_its_place_goes_on_with_its_article():
    text = ("清河县与云岭县友好合作联合声明\n\n" + "双方同意在文旅、农业和教育领域深化合作，定期互派干部交流。\n\n" * 6
            + "2024年5月4日于清河\n\n（新华社清河5月4日电）\n")
    [(kicker, title, subtitle, first)] = headings(text)
    assert title == "清河县与云岭县友好合作联合声明"


def test_a_notice_signed_and_dated_ends_before_the_next_headline():
    text = ("关于清河大桥封闭施工的公告\n\n" + "因大桥维修加固，自5月10日起封闭施工，请过往车辆绕行。\n\n" * 3
            + "清河县交通运输局\n\n2024年5月4日\n\n企地联动 创新添彩\n\n"
            "本报讯（记者 周明）清河县与十家企业签约共建创新中心，首批项目下月开工。\n")
    assert [(k, t, s) for k, t, s, f in headings(text)] == [
        ("", "关于清河大桥封闭施工的公告", ""), ("", "企地联动 创新添彩", "")]


def test_a_notice_title_over_its_number_line_starts_a_notice():
    text = ("清河县召开春耕生产动员会\n\n本报讯（记者 周明）会议要求各乡镇抓好春耕备耕，确保粮食面积稳定。\n\n"
            "会议还部署了农田水利建设和农资供应保障工作。\n\n"
            "清河县人民代表大会常务委员会公告\n\n〔第三届〕第二号\n\n"
            "清河县第三届人民代表大会常务委员会第五次会议于2024年5月3日决定，接受周明辞去清河县副县长职务的请求。\n")
    assert [(t, s) for k, t, s, f in headings(text)] == [
        ("清河县召开春耕生产动员会", ""), ("清河县人民代表大会常务委员会公告", "〔第三届〕第二号")]


def test_a_law_title_keeps_its_decree_number_in_the_body():
    text = ("清河县物业管理条例\n\n清河县人民代表大会常务委员会令\n\n第十二号\n\n"
            "《清河县物业管理条例》已于2024年4月28日通过，现予公布，自2024年7月1日起施行。\n")
    [(kicker, title, subtitle, first)] = headings(text)
    assert (kicker, title, subtitle) == ("", "清河县物业管理条例", "")


def test_summary_line_under_a_tagged_title_is_its_subtitle_over_a_dateline():
    text = ("全市新增停车位三千个（民生快报）\n\n老城区错时共享车位同步开放\n\n"
            "本报讯（记者 周明）记者从市交通局获悉，今年以来全市新增停车位三千个。\n\n下一步将继续挖潜。\n")
    [(kicker, title, subtitle, first)] = headings(text)
    assert (kicker, title, subtitle) == ("", "全市新增停车位三千个（民生快报）", "老城区错时共享车位同步开放")


def test_summary_line_under_a_tagged_title_is_its_subtitle_over_key_points():
    text = ("小茶叶富了一方人（产业观察）\n\n全县茶园面积突破十万亩\n\n核心阅读\n\n"
            "茶产业已成为山区群众增收的主要来源。\n\n清晨，茶山上已有采茶人的身影。\n")
    [(kicker, title, subtitle, first)] = headings(text)
    assert (kicker, title, subtitle) == ("", "小茶叶富了一方人（产业观察）", "全县茶园面积突破十万亩")


def test_lead_quote_under_a_commentary_title_stays_in_the_body():
    text = ("让老街留住烟火气（城市评论）\n\n改造老街，既要改得新，也要留得住人\n\n"
            "老街改造完成后，不少老住户又搬了回来。\n\n这说明改造之初的思路是对的。\n")
    [(kicker, title, subtitle, first)] = headings(text)
    assert (kicker, title, subtitle) == ("", "让老街留住烟火气（城市评论）", "")
    assert first == ["改造老街，既要改得新，也要留得住人"]


def test_a_competition_name_over_a_result_is_a_kicker():
    text = ("全省青少年围棋锦标赛\n\n清河县小将夺得3枚金牌\n\n"
            "本报讯（记者 周明）全省青少年围棋锦标赛昨日落幕，清河县小将夺得3枚金牌。\n\n比赛共进行五天。\n")
    [(kicker, title, subtitle, first)] = headings(text)
    assert (kicker, title, subtitle) == ("全省青少年围棋锦标赛", "清河县小将夺得3枚金牌", "")


def test_a_competition_that_closed_over_a_result_is_a_kicker():
    text = ("全省象棋公开赛落幕\n\n清河县棋手王明夺冠\n\n"
            "本报讯（记者 周明）全省象棋公开赛昨日落幕，清河县棋手王明夺得冠军。\n\n比赛共进行七轮。\n")
    assert headline(text) == ("全省象棋公开赛落幕", "清河县棋手王明夺冠", "")


def test_a_figure_line_naming_its_own_subject_is_the_title_over_a_dated_report():
    text = ("推进老旧小区改造\n\n山西今年将改造小区1200个\n\n"
            "本报太原3月2日电（记者 周明）山西今年将改造老旧小区1200个。\n\n改造资金已经下达。\n")
    assert headline(text) == ("推进老旧小区改造", "山西今年将改造小区1200个", "")


def test_two_lines_over_a_big_printed_figure_are_title_and_subtitle():
    text = ("春节假期全市消费创新高\n\n餐饮收入增长两成\n\n12.6亿元\n\n"
            "春节假期全市实现消费收入12.6亿元，比去年同期增长一成半。\n\n两成\n\n餐饮收入比去年增长两成。\n")
    [(kicker, title, subtitle, first)] = headings(text)
    assert (kicker, title, subtitle) == ("", "春节假期全市消费创新高", "餐饮收入增长两成")
    assert first == ["12.6亿元"]


def test_a_date_line_under_a_title_is_its_subtitle_even_under_a_dotted_title():
    text = ("2024清河·桃花节开幕式\n\n2024年4月6日  清河·桃花岛\n\n"
            "春风十里，桃花盛开。清河县诚邀各界朋友共赴桃花之约。\n")
    assert headline(text) == ("", "2024清河·桃花节开幕式", "2024年4月6日  清河·桃花岛")
    text = "新赛季县篮球联赛扩军\n\n5月8日揭幕 共有十二支球队参赛\n\n本报讯（记者 周明）新赛季县篮球联赛将扩军。\n"
    assert headline(text) == ("", "新赛季县篮球联赛扩军", "5月8日揭幕 共有十二支球队参赛")


def test_a_first_line_naming_only_an_institution_is_the_kicker_over_what_it_did():
    text = ("市纪委监委网站\n\n通报5起违反中央八项规定精神典型问题\n\n"
            "本报讯（记者 周明）市纪委监委网站昨日通报5起违反中央八项规定精神典型问题。\n")
    assert headline(text) == ("市纪委监委网站", "通报5起违反中央八项规定精神典型问题", "")
    # …but an event a line ends on (…论坛举办) is no institution.
    text = ("扶贫日系列论坛举办\n\n凝聚脱贫攻坚合力\n\n本报讯（记者 周明）扶贫日系列论坛昨日举办。\n")
    assert headline(text) == ("", "扶贫日系列论坛举办", "凝聚脱贫攻坚合力")


def test_a_line_opening_on_a_time_under_a_dated_reports_title_is_its_subtitle():
    text = ("城区老旧管网改造提速\n\n年底前将完成改造四十公里\n\n"
            "本报讯（记者 周明）城区老旧管网改造进度加快，已完成改造二十公里。\n")
    assert headline(text) == ("", "城区老旧管网改造提速", "年底前将完成改造四十公里")
    # Over a feature the same shape keeps its kicker.
    feature = text.replace("本报讯（记者 周明）", "")
    assert headline(feature) == ("城区老旧管网改造提速", "年底前将完成改造四十公里", "")


def test_an_event_line_under_a_theme_over_a_dated_report_is_the_title():
    text = ("推进媒体深度融合\n\n2024清河媒体融合论坛举行\n\n"
            "本报讯（记者 周明）2024清河媒体融合论坛昨日举行，来自全省的媒体人参加论坛。\n")
    assert headline(text) == ("推进媒体深度融合", "2024清河媒体融合论坛举行", "")
    # When the first line reports an event too, the second adds a detail.
    text = ("清河读书节开幕\n\n城市书房同步开通\n\n本报讯（记者 周明）清河读书节昨日开幕。\n")
    assert headline(text) == ("", "清河读书节开幕", "城市书房同步开通")


def test_who_attended_under_a_news_title_is_a_subtitle():
    text = ("市人大常委会分组审议城市更新条例草案\n\n王建国参加审议\n\n"
            "本报讯（记者 周明）市人大常委会昨日分组审议城市更新条例草案。\n\n委员们提出了修改意见。\n")
    [(kicker, title, subtitle, first)] = headings(text)
    assert (kicker, title, subtitle) == ("", "市人大常委会分组审议城市更新条例草案", "王建国参加审议")


def test_a_press_briefing_under_a_news_title_is_a_subtitle():
    text = ("市长将率团出访友好城市\n\n市外办举行媒体吹风会介绍有关情况\n\n"
            "本报讯（记者 周明）市长将于下周率团出访友好城市。\n\n访问期间将签署合作协议。\n")
    [(kicker, title, subtitle, first)] = headings(text)
    assert (kicker, title, subtitle) == ("", "市长将率团出访友好城市", "市外办举行媒体吹风会介绍有关情况")


def test_a_bracketed_number_under_a_notice_title_is_its_subtitle():
    text = "清河中学建校六十周年校庆公告\n\n（第一号）\n\n金秋十月，清河中学将迎来建校六十周年。\n\n特此公告。\n"
    [(kicker, title, subtitle, first)] = headings(text)
    assert (kicker, title, subtitle) == ("", "清河中学建校六十周年校庆公告", "（第一号）")
    assert first == ["金秋十月，清河中学将迎来建校六十周年。"]


def test_a_second_line_going_on_without_its_own_subject_is_a_subtitle():
    text = ("市交通局公布公交线网优化方案\n\n将新开通线路十二条\n\n"
            "本报讯（记者 周明）市交通局昨日公布公交线网优化方案。\n\n方案将于下月实施。\n")
    [(kicker, title, subtitle, first)] = headings(text)
    assert (kicker, title, subtitle) == ("", "市交通局公布公交线网优化方案", "将新开通线路十二条")


def test_a_first_line_announcing_a_signed_article_is_its_kicker():
    text = ("市长在友好城市报纸发表署名文章\n\n将两座城市的友谊推向新高度\n\n"
            "本报讯（记者 周明）市长日前在友好城市报纸发表署名文章。\n\n文章回顾了两市交往历程。\n")
    [(kicker, title, subtitle, first)] = headings(text)
    assert (kicker, title, subtitle) == ("市长在友好城市报纸发表署名文章", "将两座城市的友谊推向新高度", "")


def test_an_event_line_over_a_feature_is_its_kicker():
    text = ("第三届清河读书节开幕\n\n让书香飘进寻常百姓家\n\n"
            "走进清河图书馆，书架间满是读者。读书节期间，全市将举办各类阅读活动一百余场。\n\n活动持续一个月。\n")
    [(kicker, title, subtitle, first)] = headings(text)
    assert (kicker, title, subtitle) == ("第三届清河读书节开幕", "让书香飘进寻常百姓家", "")


def test_an_event_line_over_a_dated_report_is_its_title():
    text = ("第三届清河读书节开幕\n\n百余场阅读活动免费参加\n\n"
            "本报讯（记者 周明）第三届清河读书节昨日开幕。\n\n活动持续一个月。\n")
    [(kicker, title, subtitle, first)] = headings(text)
    assert (kicker, title, subtitle) == ("", "第三届清河读书节开幕", "百余场阅读活动免费参加")


def test_a_visit_starting_today_under_the_visitors_name_is_a_subtitle():
    text = ("友好城市代表团团长安德森\n\n今起对我市进行友好访问\n\n"
            "应市政府邀请，友好城市代表团团长安德森今起对我市进行友好访问。\n")
    [(kicker, title, subtitle, first)] = headings(text)
    assert (kicker, title, subtitle) == ("", "友好城市代表团团长安德森", "今起对我市进行友好访问")


def test_a_series_label_over_signed_items_is_the_headline():
    text = ("春节一线见闻 万家团圆时\n\n风雪中的护路人\n\n本报记者 方晓明\n\n"
            "大年初一清晨，养护工老周已经在山路上撒了两个小时的融雪剂。\n\n他说路通了，大家才能回家。\n\n"
            "渡口值班室，年夜饭轮流吃\n\n本报记者 沈雨桐\n\n除夕夜，渡口的值班室里摆上了饺子，船工们轮流上桌。\n")
    [(kicker, title, subtitle, first)] = headings(text)
    assert (kicker, title, subtitle) == ("", "春节一线见闻 万家团圆时", "")
    assert first == ["风雪中的护路人"]


def test_a_kicker_over_one_signed_feature_stays_a_kicker():
    text = ("春节一线见闻\n\n风雪中的护路人\n\n本报记者 方晓明\n\n"
            "大年初一清晨，养护工老周已经在山路上撒了两个小时的融雪剂。\n\n融雪剂的用量\n\n"
            "他说一个冬天要撒掉三十吨融雪剂，路通了，大家才能回家。\n")
    [(kicker, title, subtitle, first)] = headings(text)
    assert (kicker, title, subtitle) == ("春节一线见闻", "风雪中的护路人", "")


def test_a_long_series_tag_is_a_column_tag():
    tag = "扎根基层 服务群众·深入学习贯彻清河县第十五次党代会精神青年干部座谈会发言摘登"
    text = (f"把办公桌搬到田间地头（{tag}）\n\n"
            "到村里工作的第一年，我把办公桌搬到了田间地头，跟着村民一起育秧、插秧、收割。\n\n"
            "（作者为清河县柳湾村驻村第一书记）\n\n"
            f"群众的事再小也是大事（{tag}）\n\n"
            "在社区工作五年，我记下了三大本民情日记，每一件小事都连着群众的冷暖。\n\n"
            "（作者为清河县城东街道社区干部）\n")
    first, second = parse_text(text, DAY).articles
    assert (first.title, first.column) == (f"把办公桌搬到田间地头（{tag}）", tag)
    assert second.title == f"群众的事再小也是大事（{tag}）"


def test_a_meetings_business_or_a_greeting_on_someones_behalf_under_the_title_is_a_subtitle():
    body = "\n\n本报讯（记者 周明）县人大常委会组成人员昨日分组审议，委员们踊跃发言。\n"
    for first, second in (("县人大常委会组成人员分组审议", "审议县城供水条例草案 听取县政府工作报告"),
                          ("副县长看望一线环卫工人", "代表县委县政府向全县环卫工人致以节日问候")):
        [(kicker, title, subtitle, _)] = headings(first + "\n\n" + second + body)
        assert (kicker, title, subtitle) == ("", first, second)


def test_a_time_frame_over_a_figure_is_a_kicker_and_a_speech_is_titled_by_its_occasion():
    body = "\n\n本报讯（记者 周明）县统计局昨日发布数据，全县经济运行总体平稳。\n"
    cases = [("前三季度", "全县新增市场主体1.2万户"),
             ("“清风”行动开展以来", "查处违规问题36起"),
             ("《清河日报》刊发县委书记署名文章", "在全县乡村振兴工作会议上的讲话")]
    for first, second in cases:
        [(kicker, title, subtitle, _)] = headings(first + "\n\n" + second + body)
        assert (kicker, title, subtitle) == (first, second, ""), first


def test_a_tagged_title_over_summary_bullets_is_the_title_not_a_sidebar_title():
    text = ("明年起县城公交票价实行分段计价\n\n乘客平均票价只降不升（政策解读）\n\n"
            "● 三公里以内仍为一元\n\n● 换乘一小时内免费\n\n"
            "县发展改革局日前印发公交票价调整方案，明年一月一日起施行。\n")
    [article] = parse_text(text, DAY).articles
    assert (article.kicker, article.title) == ("明年起县城公交票价实行分段计价", "乘客平均票价只降不升（政策解读）")
    assert article.sidebar.items == ["三公里以内仍为一元", "换乘一小时内免费"]


def test_a_heading_line_printed_twice_is_kept_once_and_reported():
    text = ("市委办公室市政府办公室印发\n\n关于加强农村人居环境整治的实施意见\n\n关于加强农村人居环境整治的实施意见\n\n"
            "本报讯（记者 周明）近日，市委办公室、市政府办公室印发实施意见。\n\n意见要求各区抓紧落实。\n")
    [article] = parse_text(text, DAY).articles
    assert (article.kicker, article.title, article.subtitle) == (
        "市委办公室市政府办公室印发", "关于加强农村人居环境整治的实施意见", "")
    assert article.dropped_duplicates == ["关于加强农村人居环境整治的实施意见"]


def test_summary_lines_under_a_two_line_headline_are_body():
    text = ("发展特色产业 激发内生动力\n\n清河农民腰包鼓起来\n\n一季度农村居民人均可支配收入同比增长百分之九\n\n"
            "全县贫困发生率降到百分之一以内\n\n本报讯（记者 周明）清河县因地制宜发展特色产业。\n\n合作社带动三千户增收。\n")
    [article] = parse_text(text, DAY).articles
    assert (article.kicker, article.title, article.subtitle) == ("发展特色产业 激发内生动力", "清河农民腰包鼓起来", "")
    assert article.paragraphs[:2] == ["一季度农村居民人均可支配收入同比增长百分之九", "全县贫困发生率降到百分之一以内"]


def test_a_sentence_under_a_kicker_and_a_title_is_the_lede():
    lede = "将加强对农贸市场、商场超市等重点场所的监督检查，让群众吃上放心菜"
    text = (f"市市场监管局要求\n\n蔬菜价格不得随意上涨\n\n{lede}\n\n"
            "本报讯（记者 周明）市市场监管局昨日召开会议。\n\n会议要求各区抓紧落实。\n")
    [article] = parse_text(text, DAY).articles
    assert (article.kicker, article.title, article.subtitle) == ("市市场监管局要求", "蔬菜价格不得随意上涨", "")
    assert article.paragraphs[0] == lede


def test_a_share_or_a_forecast_under_a_line_is_its_subtitle():
    share = "清河县城乡居民医保参保人数突破二十万\n\n占全县常住人口的97%\n\n今年以来，县医保局走村入户宣传参保政策。\n\n参保人数逐月增加。\n"
    assert headline(share) == ("", "清河县城乡居民医保参保人数突破二十万", "占全县常住人口的97%")
    forecast = "清河为何连日大雾\n\n预计周末起雾气逐渐消散\n\n入冬以来，清河县多次出现大雾天气。\n\n气象台提醒市民注意出行安全。\n"
    assert headline(forecast) == ("", "清河为何连日大雾", "预计周末起雾气逐渐消散")


def test_an_approval_clause_over_a_dated_report_is_its_kicker():
    text = ("经清河县人民政府批准\n\n县里新增300个公益性岗位\n\n"
            "本报讯（记者 周明）县人社局昨日发布消息，新增公益性岗位面向困难群众招聘。\n\n报名持续到月底。\n")
    assert headline(text) == ("经清河县人民政府批准", "县里新增300个公益性岗位", "")


def test_a_first_line_that_exclaims_is_the_title():
    text = ("大风来袭！清河县全力防灾\n\n县防汛抗旱指挥部启动四级应急响应\n\n"
            "本报讯（记者 周明）昨日午后，清河县遭遇八级大风。\n\n各乡镇连夜巡查加固设施。\n")
    assert headline(text) == ("", "大风来袭！清河县全力防灾", "县防汛抗旱指挥部启动四级应急响应")


def test_a_national_line_over_a_dated_report_is_the_title():
    text = ("全国中小学春季学期推迟开学\n\n各地将通过网络平台组织学生居家学习\n\n"
            "本报北京3月1日电（记者 周明）教育部门日前通知，春季学期开学时间推迟。\n\n各地已陆续公布安排。\n")
    assert headline(text) == ("", "全国中小学春季学期推迟开学", "各地将通过网络平台组织学生居家学习")


def test_a_short_list_trailing_off_over_a_title_is_its_kicker():
    text = ("旧城改造稳步推进\n\n本报讯（记者 周明）今年全县改造旧城小区十个。\n\n"
            "修步道、栽花木、建书屋……\n\n老街坊有了新去处\n\n"
            "本报讯（记者 周明）清河县城北社区的小广场，这个春天格外热闹。\n")
    assert headings(text)[1][:3] == ("修步道、栽花木、建书屋……", "老街坊有了新去处", "")


def test_a_long_sentence_trailing_off_ends_the_article_above_not_a_kicker():
    text = ("河畔春光\n\n清晨的河畔，柳枝刚刚发芽，河面上飘着薄雾。\n\n"
            "我们站在桥头，看着渔船一只只离岸，载着满舱的渔网，慢慢驶向远处的雾里……\n\n"
            "老街坊有了新去处\n\n本报讯（记者 周明）清河县城北社区的小广场，这个春天格外热闹。\n")
    first, second = parse_text(text, DAY).articles
    assert first.paragraphs[-1].endswith("慢慢驶向远处的雾里……")
    assert (second.kicker, second.title) == ("", "老街坊有了新去处")


def test_a_short_cry_under_a_news_line_is_the_title_and_the_line_its_kicker():
    text = ("多地开通热线受理违规养犬投诉\n\n文明养犬，从我做起！\n\n"
            "近日，清河、临江等地开通热线，受理市民对违规养犬的投诉。\n\n各地还将开展专项检查。\n")
    [(kicker, title, subtitle, first)] = headings(text)
    assert (kicker, title, subtitle) == ("多地开通热线受理违规养犬投诉", "文明养犬，从我做起！", "")
    assert first == ["近日，清河、临江等地开通热线，受理市民对违规养犬的投诉。"]


def test_a_quoted_question_opening_a_feature_under_a_short_title_stays_in_the_body():
    text = ("送药上门的人\n\n“药到了吗？”\n\n傍晚六点，社区志愿者王芳又一次敲开了李大爷的家门。\n")
    [(kicker, title, subtitle, first)] = headings(text)
    assert (kicker, title, subtitle) == ("", "送药上门的人", "")
    assert first == ["“药到了吗？”"]


def test_a_long_second_line_over_bullets_is_the_title_not_a_sidebar_title():
    text = ("县卫健委通报秋冬季防病工作\n\n流感疫苗接种点覆盖所有乡镇\n\n"
            "● 全县设接种点四十个\n\n● 六十岁以上老人免费接种\n\n"
            "本报讯（记者 周明）县卫健委昨日通报秋冬季防病工作进展。\n")
    [article] = parse_text(text, DAY).articles
    assert (article.kicker, article.title) == ("县卫健委通报秋冬季防病工作", "流感疫苗接种点覆盖所有乡镇")
    assert (article.sidebar.title, article.sidebar.items) == ("", ["全县设接种点四十个", "六十岁以上老人免费接种"])


def test_a_label_under_the_title_and_over_bullets_titles_the_sidebar():
    text = ("县卫健委通报秋冬季防病工作\n\n接种要点\n\n"
            "● 全县设接种点四十个\n\n● 六十岁以上老人免费接种\n\n"
            "本报讯（记者 周明）县卫健委昨日通报秋冬季防病工作进展。\n")
    [article] = parse_text(text, DAY).articles
    assert (article.kicker, article.title, article.sidebar.title) == ("", "县卫健委通报秋冬季防病工作", "接种要点")


def test_a_line_signing_off_the_piece_above_is_not_the_next_title():
    above = "清河大桥合龙\n\n清晨，清河大桥最后一段钢梁吊装到位，大桥顺利合龙。\n\n"
    below = "老街坊有了新去处\n\n本报讯（记者 周明）清河县城北社区的小广场，这个春天格外热闹。\n"
    for sign_off in ("清河县交通局供图（清河日报发）", "来源：清河县交通局《大桥建设问答》",
                     "清河县桥梁公司供图  本报记者  周  明"):
        first, second = parse_text(above + sign_off + "\n\n" + below, DAY).articles
        assert first.paragraphs[-1] == sign_off
        assert (second.kicker, second.title) == ("", "老街坊有了新去处"), sign_off


def test_a_web_address_under_a_headline_is_body_not_a_heading():
    text = ("第三届清河县农产品博览会\n\n2024年6月1日—3日  清河会展中心\n\nwww.qinghe-expo.cn\n\n"
            "第三届清河县农产品博览会将于六月一日在清河会展中心开幕，展期三天。\n")
    [article] = parse_text(text, DAY).articles
    assert (article.kicker, article.title, article.subtitle) == (
        "", "第三届清河县农产品博览会", "2024年6月1日—3日  清河会展中心")
    assert article.paragraphs[0] == "www.qinghe-expo.cn"


def test_a_bracket_closing_a_line_deep_in_a_listing_is_no_tagged_title():
    text = ("清河县文化周活动指南\n\n主办 清河县文化和旅游局\n\n演出\n\n开幕演出\n\n"
            "县歌舞团大型歌舞《清河谣》\n\n6月1日 县大剧院\n\n讲座\n\n清河老街的故事（主讲：周明）\n\n"
            "6月2日 县图书馆\n\n活动期间，县图书馆、博物馆延长开放时间，欢迎市民参加。\n")
    [article] = parse_text(text, DAY).articles
    # A long stack keeps its first two lines as the headline; the listing is body.
    assert {article.kicker, article.title, article.subtitle} - {""} == {"清河县文化周活动指南", "主办 清河县文化和旅游局"}
    assert article.column == "" and article.paragraphs[:2] == ["演出", "开幕演出"]
    assert "清河老街的故事（主讲：周明）" in article.paragraphs


def test_a_label_of_up_to_twelve_characters_over_bullets_titles_the_sidebar():
    text = ("县卫健委通报秋冬季防病工作\n\n接种时请带好这些证件\n\n"
            "● 身份证或户口簿\n\n● 医保卡\n\n"
            "本报讯（记者 周明）县卫健委昨日通报秋冬季防病工作进展。\n")
    [article] = parse_text(text, DAY).articles
    assert (article.title, article.sidebar.title) == ("县卫健委通报秋冬季防病工作", "接种时请带好这些证件")


def test_a_writer_named_with_what_they_are_under_an_essay_title_is_no_title():
    body = "清晨的河口镇，柳枝刚刚发芽，河面上飘着薄雾，早点铺前排起了长队。\n\n镇上的集市开张了，人来人往。\n"
    for author in ("周晓明（作家）", "周晓明（清河市作协会员）"):
        [article] = parse_text("河口镇的春天\n\n" + author + "\n\n" + body, DAY).articles
        assert (article.kicker, article.title, article.subtitle) == ("", "河口镇的春天", ""), author
        assert article.paragraphs[0] == author


def test_a_marked_byline_under_the_title_signs_the_story_and_is_no_subtitle():
    body = "清晨的河口镇，游客渐渐多了起来，早点铺前排起了长队。\n\n镇上的民宿已经订满。\n"
    [article] = parse_text("河口镇迎来旅游旺季\n\n■记者 周晓明 通讯员 李小红\n\n" + body, DAY).articles
    assert (article.kicker, article.title, article.subtitle) == ("", "河口镇迎来旅游旺季", "")
    assert [(b.name, b.role) for b in article.bylines] == [("周晓明", "记者"), ("李小红", "通讯员")]
    # A box's label under a mark is no byline.
    [article] = parse_text("河口镇迎来旅游旺季\n\n■ 记者手记\n\n" + body, DAY).articles
    assert article.bylines == []


def test_a_chronicles_name_stands_over_its_first_entrys_heading():
    # A history told in dated entries: the first line names it, the second heads an entry.
    text = ("清河县七十年岁月留痕\n\n县城通上自来水\n\n"
            "1958年6月1日，清河县城第一座水厂建成供水，城关镇两千户居民告别了挑水吃的日子。\n\n"
            "第一条公路通车\n\n"
            "1964年10月1日，清河至河口的公路建成通车，全长四十二公里，沿途六个公社通上了班车。\n")
    [(kicker, title, subtitle, first)] = headings(text)
    assert (kicker, title, subtitle, first) == ("", "清河县七十年岁月留痕", "", ["县城通上自来水"])


def test_a_short_paragraph_closed_before_a_bracketed_note_is_body():
    # The line's last character is the note's bracket, not a sentence mark; it is still
    # the end of the report above, not a kicker over the next headline.
    text = ("市政府召开常务会议\n\n本报讯（记者 周明）市政府昨日召开常务会议。\n\n"
            "会议决定免去王某的市水务局局长职务。（新华社清河5月3日电）\n\n"
            "老城区完成管网改造\n\n本报讯 老城区排水管网改造昨日完工。\n")
    assert [(k, t) for k, t, _, _ in headings(text)] == [("", "市政府召开常务会议"), ("", "老城区完成管网改造")]


def test_a_bare_column_name_over_a_title_is_the_column_not_a_kicker():
    # Local papers print the column's name alone over the headline, with no marks.
    text = ("今日关注\n\n城东菜市场改造完工\n\n本报讯（记者 周明）城东菜市场改造昨日完工。\n\n"
            "民生热线\n\n路灯不亮谁来修\n\n本报讯（记者 周明）市民反映，城西多处路灯不亮。\n")
    assert [(a.column, a.kicker, a.title) for a in parse_text(text, DAY).articles] == [
        ("今日关注", "", "城东菜市场改造完工"), ("民生热线", "", "路灯不亮谁来修")]


def test_a_long_sentence_under_a_line_a_kicker_could_end_leaves_that_line_the_title():
    # 印发 may end a kicker (某部门印发 / 某某方案), but a line of 22 characters or more with
    # a comma under it is a summary sentence: the line over it is the title.
    text = ("《清河县老旧小区改造实施方案》印发\n\n用三年左右的时间，全县改造老旧小区一百二十个左右\n\n"
            "本报讯（记者 周明）近日，县政府办公室印发老旧小区改造实施方案。\n\n方案明确了改造内容和资金来源。\n")
    [(kicker, title, subtitle, _)] = headings(text)
    assert (kicker, title, subtitle) == ("", "《清河县老旧小区改造实施方案》印发", "用三年左右的时间，全县改造老旧小区一百二十个左右")


def test_a_short_line_with_a_comma_under_a_kicker_ending_stays_the_title():
    text = ("县发展改革局印发\n\n公交票价调整，老人免费乘车\n\n"
            "本报讯（记者 周明）县发展改革局日前印发公交票价调整方案。\n\n方案明年一月一日起施行。\n")
    [(kicker, title, subtitle, _)] = headings(text)
    assert (kicker, title, subtitle) == ("县发展改革局印发", "公交票价调整，老人免费乘车", "")
