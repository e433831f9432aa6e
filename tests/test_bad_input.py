"""Bad input files: each one fails cleanly, names the file and writes nothing.

Messages come from the parser, so only the file name and the failure are checked.
"""
import random

from django.test import TestCase

from archive.models import Article, Issue, Newspaper, Person
from tests.archive_helpers import TempDirMixin, run_import


class BadInputTests(TempDirMixin, TestCase):
    def assert_rejected(self, path, *options):
        out, err, error = run_import(path, *options)
        self.assertIsNotNone(error, "the command should fail")
        self.assertIn(path.name, out + err)
        counts = [model.objects.count() for model in (Newspaper, Issue, Article, Person)]
        self.assertEqual(counts, [0, 0, 0, 0])

    def test_empty_file(self):
        self.assert_rejected(self.write("2022-05-21.txt", b""))

    def test_binary_file(self):
        data = random.Random(7).randbytes(4096) + b"\x00" * 64 + random.Random(8).randbytes(4096)
        self.assert_rejected(self.write("2022-05-21.txt", data))

    def test_no_date_in_name_and_no_date_option(self):
        self.assert_rejected(self.write("frontpage.txt"))

    def test_truncated_gbk_file(self):
        data = "清河县春耕生产全面展开\n\n本报讯（记者 王小明）春耕生产全面展开。\n".encode("gbk")
        data = data.rstrip(b"\n")[:-1]  # cut the last character (。) in half
        self.assert_rejected(self.write("2022-05-21.txt", data), "--encoding", "gbk")

    def test_twenty_megabyte_single_line(self):
        line = "清河县春耕生产有序推进" * (20 * 2**20 // len("清河县春耕生产有序推进".encode()))
        self.assert_rejected(self.write("2022-05-21.txt", line))

    def test_no_heading_at_all(self):
        sentence = "连日来，清河县各乡镇抢抓农时，组织农机下田作业，春耕生产全面展开，到处是一派繁忙的景象。"
        self.assert_rejected(self.write("2022-05-21.txt", "\n\n".join([sentence] * 5) + "\n"))

    def test_missing_file(self):
        self.assert_rejected(self.dir / "2022-05-21.txt")

    def test_unknown_encoding(self):
        self.assert_rejected(self.write("2022-05-21.txt"), "--encoding", "no-such-codec")
