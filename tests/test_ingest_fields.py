"""What single lines say (archive.ingest.fields), on invented text. Plain pytest, no Django."""
from archive.ingest import Byline, parse_text
from archive.ingest.fields import unique_bylines


def test_unique_bylines_keeps_each_name_and_role_once_photographers_last():
    bylines = [Byline("陈光", "摄影"), Byline("王小明", "记者"), Byline("王小明", "记者"),
               Byline("王小明", "通讯员")]
    assert unique_bylines(bylines) == [Byline("王小明", "记者"), Byline("王小明", "通讯员"),
                                       Byline("陈光", "摄影")]


def test_a_photographer_credited_under_two_pictures_is_credited_once():
    # Each caption's credit names him: the importer relies on the parser to credit him once.
    text = ("清河县新建三座口袋公园\n\n本报讯（记者 王小明）清河县今年新建三座口袋公园，已向市民开放。\n\n"
            "市民在新公园里散步。本报记者 陈光摄\n\n公园里种了银杏和桂花。本报记者 陈光摄\n\n"
            "公园晚上十点关闭。\n")
    [article] = parse_text(text).articles
    assert len(article.captions) == 2
    assert [(b.name, b.role) for b in article.bylines] == [("王小明", "记者"), ("陈光", "摄影")]


def test_a_source_or_a_credit_with_its_agency_or_byline_signs_off_a_piece():
    from archive.ingest.fields import signs_off
    for line in ("来源：清河县交通局《大桥建设问答》", "清河县交通局供图（清河日报发）",
                 "清河县桥梁公司供图  本报记者  周  明"):
        assert signs_off(line), line
    for line in ("清河县交通局供图", "清河大桥合龙（图片新闻）", "来源地：清河"):
        assert not signs_off(line), line


def test_a_photo_reporter_after_a_reporter_keeps_each_name_with_its_own_role():
    from archive.ingest.fields import parse_bylines
    assert [(b.name, b.role) for b in parse_bylines("记者 周晓明 摄影记者 李华")] == [
        ("周晓明", "记者"), ("李华", "摄影")]
    assert [(b.name, b.role) for b in parse_bylines("本报记者 周晓明摄")] == [("周晓明", "摄影")]
