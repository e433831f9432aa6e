"""Bad per-article files: each fails naming its file and row, exits non-zero, and writes nothing,
not even from the good files given with it."""
import codecs

from django.test import TestCase

from archive.models import Article, Issue, Newspaper, Person
from tests.archive_helpers import TempDirMixin, run_articles

GOOD = "date,title,author,content\n2024-05-06,甲,张三;,正文。\n2024-05-07,乙,NA;,正文。\n"


class BadArticleInputTests(TempDirMixin, TestCase):
    def assert_rejected(self, path, where, *options, also=()):
        out, err, error = run_articles(*also, path, *options)
        self.assertIsNotNone(error, "the command should fail")
        self.assertIn("nothing imported", str(error))
        self.assertIn(f"{path}{where}: ", out + err)
        counts = [model.objects.count() for model in (Newspaper, Issue, Article, Person)]
        self.assertEqual(counts, [0, 0, 0, 0])
        return out + err

    def test_missing_date_column(self):
        message = self.assert_rejected(self.write("x.csv", "title,content\n甲,正文。\n"), ":1")
        self.assertIn("missing required column date", message)

    def test_missing_title_and_body_columns(self):
        message = self.assert_rejected(self.write("x.csv", "date,author\n2024-05-06,张三\n"), ":1")
        self.assertIn("missing required column title or body", message)

    def test_mapped_column_missing(self):
        self.assert_rejected(self.write("x.csv", GOOD), ":1", "--map", "body=正文内容")

    def test_bad_date_names_the_row_line(self):
        path = self.write("x.csv", GOOD + "2024-02-30,丙,,正文。\n")
        self.assertIn("bad date '2024-02-30'", self.assert_rejected(path, ":4"))

    def test_bad_date_in_json_names_the_record(self):
        path = self.write("x.json", '[{"date": "2024-05-06", "title": "甲"}, {"date": "昨天", "title": "乙"}]')
        self.assertIn("record 2: bad date", self.assert_rejected(path, ""))

    def test_bad_date_in_a_multiline_csv_row_names_its_first_line(self):
        path = self.write("x.csv", 'date,title,content\n2024-05-06,甲,"一段。\n二段。"\n05-07,乙,正文。\n')
        self.assert_rejected(path, ":4")

    def test_empty_file(self):
        self.assert_rejected(self.write("x.csv", b""), "")

    def test_header_only(self):
        self.assertIn("no rows", self.assert_rejected(self.write("x.csv", "date,title,content\n"), ""))

    def test_bad_jsonl_line(self):
        path = self.write("x.jsonl", '{"date": "2024-05-06", "title": "甲"}\n{"date": "2024-05-06", "title": \n')
        self.assert_rejected(path, ":2")

    def test_invalid_bytes_in_neither_utf8_nor_gb18030(self):
        data = GOOD.encode("utf-8") + "2024-05-08,丙,,".encode("utf-8") + b"\xff\xfe\xff\n"
        self.assertIn("byte sequence", self.assert_rejected(self.write("x.csv", data), ":4"))

    def test_utf16_is_not_taken_for_text(self):
        self.assert_rejected(self.write("x.csv", GOOD.encode("utf-16")), "")

    def test_one_bad_file_among_good_ones_writes_nothing(self):
        good = self.write("good.csv", GOOD)
        message = self.assert_rejected(self.write("bad.csv", "date,title\nsoon,甲\n"), ":2", also=[good])
        self.assertNotIn("1 created", message)

    def test_missing_file(self):
        self.assert_rejected(self.dir / "absent.csv", "")

    def test_unknown_extension(self):
        self.assert_rejected(self.write("x.xlsx", GOOD), "")


class AcceptedEncodingTests(TempDirMixin, TestCase):
    def test_utf8_with_and_without_bom_and_gb18030(self):
        for name, data in (("plain.csv", GOOD.encode("utf-8")),
                           ("bom.csv", codecs.BOM_UTF8 + GOOD.encode("utf-8")),
                           ("gb.csv", GOOD.encode("gb18030"))):
            with self.subTest(name):
                out, _, error = run_articles(self.write(name, data), "--dry-run", "--json")
                self.assertIsNone(error)
                self.assertIn('"title": "甲"', out)
                self.assertIn('"name": "张三"', out)
