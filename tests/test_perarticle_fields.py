"""Reading the cells of a per-article row: page strings, paragraphs, authors, dates."""
import datetime

from django.test import SimpleTestCase

from archive.ingest import Byline
from archive.perarticle.fields import author_bylines, paragraphs, parse_date, parse_page


class FieldTests(SimpleTestCase):
    def test_page_strings(self):
        cases = {"第2/3版:上海新闻": (2, "上海新闻"), "第A2版：要闻": (2, "要闻"), "3": (3, ""),
                 "第03版": (3, ""), "【第1版】头版": (1, "头版"), "要闻": (None, "要闻"), "": (None, "")}
        for text, expected in cases.items():
            with self.subTest(text):
                self.assertEqual(parse_page([text]), expected)

    def test_paragraphs_split_where_a_crawl_ran_them_together(self):
        expected = ["第一段。", "第二段。", "第三段。"]
        for text in ("<p>第一段。</p><p>第二段。</p><p>第三段。</p>", "第一段。<br>第二段。<BR />第三段。",
                     "第一段。\n第二段。\r\n第三段。", "　　第一段。　　第二段。  第三段。"):
            with self.subTest(text):
                self.assertEqual(paragraphs(text), expected)
        self.assertEqual(paragraphs("甲&amp;乙 <b>丙</b>"), ["甲&乙 丙"])

    def test_author_cells(self):
        self.assertEqual(author_bylines("张三;李四;"), [Byline("张三", "作者"), Byline("李四", "作者")])
        self.assertEqual(author_bylines("NA;"), [])
        self.assertEqual(author_bylines(""), [])
        self.assertEqual(author_bylines("本报记者 王五；通讯员 赵六"), [Byline("王五", "记者"), Byline("赵六", "通讯员")])

    def test_dates(self):
        day = datetime.date(2024, 3, 5)
        for text in ("2024-03-05", "2024/3/5", "2024.03.05", "20240305", "2024年3月5日", "2024-03-05 00:00:00"):
            with self.subTest(text):
                self.assertEqual(parse_date(text), day)
        for text in ("2024-02-30", "05/03/2024", "三月五日", ""):
            with self.subTest(text):
                self.assertIsNone(parse_date(text))
