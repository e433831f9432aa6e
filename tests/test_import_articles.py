"""import_articles: per-article CSV, JSON and JSONL files, grouped by date into issues."""
import csv
import io
import json
import re
from pathlib import Path

from django.conf import settings
from django.test import TestCase

from archive.ingest import read_text
from archive.models import Article, Issue, Page
from tests.archive_helpers import TempDirMixin, run_articles

SAMPLES = Path(settings.BASE_DIR) / "samples" / "linjiang-morning"
# The fields a record round-trips, by the column names the samples use.
TEXT_FIELDS = {"kicker": ("special_title", "引题", "肩题", "kicker"), "title": ("title", "标题", "主题"),
               "subtitle": ("subtitle", "副题"), "url": ("url", "链接"), "column": ("栏目",)}
BODY = ("content", "正文", "内容")
PAGE = ("ban", "版面", "版次", "page")


def sample_rows(path: Path) -> list[dict]:
    """The sample's rows read plainly, apart from the importer."""
    text, _ = read_text(path)
    if path.suffix == ".csv":
        return list(csv.DictReader(io.StringIO(text)))
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def cell(row: dict, names) -> str:
    return next((row[n] for n in names if n in row), "")


def bare(text: str) -> str:
    """Text without markup and white space: what a body's paragraphs must add up to."""
    return re.sub(r"<[^>]+>|\s", "", text)


def dry_run_records(*paths) -> list[dict]:
    out, _, error = run_articles(*paths, "--dry-run", "--json")
    assert error is None, error
    return [json.loads(line) for line in out.splitlines()]


class SampleRoundTripTests(TestCase):
    def test_each_sample_round_trips_through_dry_run_json(self):
        files = sorted(SAMPLES.iterdir())
        self.assertEqual({p.suffix for p in files}, {".csv", ".jsonl"})
        for path in files:
            with self.subTest(path.name):
                rows = sample_rows(path)
                [issue] = dry_run_records(path)
                self.assertEqual(len(issue["articles"]), len(rows))
                for seq, (row, record) in enumerate(zip(rows, issue["articles"]), 1):
                    self.assertEqual(record["seq"], seq)
                    for field, names in TEXT_FIELDS.items():
                        self.assertEqual(record[field], cell(row, names), field)
                    self.assertEqual(bare("".join(record["paragraphs"])), bare(cell(row, BODY)))
                    self.assertTrue(all("<" not in p and "\n" not in p for p in record["paragraphs"]))
                    self.assertEqual(record["page"], int(re.search(r"\d+", cell(row, PAGE))[0]))

    def test_author_column_and_body_bylines(self):
        records = {a["title"]: a["bylines"] for issue in dry_run_records(SAMPLES) for a in issue["articles"]}
        self.assertEqual(records["临江新建三座农资仓库"], [{"name": "张晓燕", "role": "作者"}, {"name": "李文", "role": "作者"}])
        self.assertEqual(records["江滨绿道北段开放"], [])  # NA;
        self.assertEqual(records["老城区雨污分流改造过半"], [{"name": "王海", "role": "记者"}, {"name": "刘芳", "role": "通讯员"}])
        # No author column: the dateline's group, the last line, a signed letter, the first line.
        self.assertEqual(records["临江港货物吞吐量创新高"], [{"name": "孙立", "role": "记者"}])
        self.assertEqual(records["北湖镇办起乡村夜校"], [{"name": "周明", "role": "记者"}])
        self.assertEqual(records["小区门口的路灯修好了"], [{"name": "陈平", "role": "作者"}])
        self.assertEqual(records["东乡镇新修两座便民桥"], [{"name": "林涛", "role": "记者"}])
        self.assertEqual(records["社区食堂开到家门口"], [])


class ImportArticlesTests(TempDirMixin, TestCase):
    def test_samples_import_into_issues_by_date(self):
        out, _, error = run_articles(SAMPLES)
        self.assertIsNone(error)
        self.assertIn("issues: 4 created", out)
        self.assertEqual([d.isoformat() for d in Issue.objects.values_list("date", flat=True)],
                         ["2024-05-06", "2024-05-07", "2024-05-08", "2024-05-09"])
        self.assertEqual(Article.objects.count(), 11)
        self.assertEqual(list(Page.objects.filter(issue__date="2024-05-06").values_list("number", "name")),
                         [(1, "要闻"), (2, "城市新闻")])
        article = Article.objects.get(title="老城区雨污分流改造过半")
        self.assertEqual(article.source_url, "https://epaper.example.org/ljcb/2024-05-06/02/1.html")
        self.assertEqual(article.get_absolute_url(), "/qinghe-daily/2024-05-06/3/")
        page = self.client.get(article.get_absolute_url())
        self.assertContains(page, "工程预计今年九月底全部完工。")
        self.assertContains(page, 'href="https://epaper.example.org/ljcb/2024-05-06/02/1.html"')

    def test_a_source_link_other_than_the_web_is_not_linked(self):
        run_articles(self.write("x.csv", "date,title,content,url\n2024-05-06,甲,正文。,javascript:alert(1)\n"))
        article = Article.objects.get()
        self.assertEqual(article.source_url, "javascript:alert(1)")
        self.assertNotContains(self.client.get(article.get_absolute_url()), "javascript:")

    def test_rows_are_grouped_by_date_in_file_order_across_files(self):
        first = self.write("a.csv", "date,title,content\n2024-05-07,乙,正文乙。\n2024-05-06,甲,正文甲。\n"
                                    "2024-05-07,丙,正文丙。\n")
        second = self.write("b.jsonl", '{"date": "2024-05-06", "title": "丁", "content": "正文丁。"}\n')
        [may7, may6] = dry_run_records(first, second)
        self.assertEqual((may7["date"], [a["title"] for a in may7["articles"]]), ("2024-05-07", ["乙", "丙"]))
        self.assertEqual((may6["date"], [a["title"] for a in may6["articles"]]), ("2024-05-06", ["甲", "丁"]))

    def test_json_list_or_object_holding_the_list(self):
        rows = [{"date": "2024-05-06", "title": "甲", "body": ["第一段。", "第二段。"]}]
        for name, data in (("list.json", rows), ("wrapped.json", {"count": 1, "articles": rows})):
            with self.subTest(name):
                [issue] = dry_run_records(self.write(name, json.dumps(rows if name == "list.json" else data)))
                self.assertEqual(issue["articles"][0]["paragraphs"], ["第一段。", "第二段。"])

    def test_format_option_overrides_the_extension(self):
        path = self.write("export.txt", "date,title,content\n2024-05-06,甲,正文。\n")
        out, _, error = run_articles(path, "--dry-run")
        self.assertIsNotNone(error)
        self.assertIn(f"{path}: unknown format '.txt'", out)  # and told to give --format
        [issue] = dry_run_records(path, "--format", "csv")
        self.assertEqual(issue["articles"][0]["title"], "甲")

    def test_map_names_unusual_columns(self):
        path = self.write("x.csv", "发布时间,大标题,正文内容,版号\n2024-05-06,甲,正文。,第5版：体育\n")
        [issue] = dry_run_records(path, "--map", "date=发布时间", "title=大标题", "body=正文内容", "page=版号")
        record = issue["articles"][0]
        self.assertEqual((record["title"], record["paragraphs"], record["page"]), ("甲", ["正文。"], 5))

    def test_files_may_follow_the_map_pairs(self):
        path = self.write("x.csv", "发布时间,大标题\n2024-05-06,甲\n")
        out, _, error = run_articles("--map", "date=发布时间", "title=大标题", path, "--dry-run", "--json")
        self.assertIsNone(error)
        self.assertEqual(json.loads(out)["articles"][0]["title"], "甲")
        _, _, error = run_articles("--map", "date=发布时间")
        self.assertIn("give at least one FILE", str(error))

    def test_bad_map_is_refused(self):
        _, _, error = run_articles(self.write("x.csv", "date,title\n2024-05-06,甲\n"), "--map", "headline=x")
        self.assertIn("unknown field 'headline'", str(error))

    def test_column_names_ignore_case(self):
        [issue] = dry_run_records(self.write("x.csv", "DATE,Title,CONTENT, Page \n2024-05-06,甲,正文。,2\n"))
        self.assertEqual((issue["articles"][0]["title"], issue["articles"][0]["page"]), ("甲", 2))

    def test_page_number_and_name_in_two_columns(self):
        [issue] = dry_run_records(self.write("x.csv", "日期,版次,版名,标题,正文\n2024-05-06,4,国际,甲,正文。\n"))
        self.assertEqual(issue["articles"][0]["page"], 4)
        run_articles(self.dir / "x.csv")
        self.assertEqual(list(Page.objects.values_list("number", "name")), [(4, "国际")])

    def test_reimport_is_idempotent_and_updates_in_place(self):
        path = self.write("x.csv", "date,title,content\n2024-05-06,甲,正文一。\n2024-05-06,乙,正文二。\n")
        run_articles(path)
        ids = dict(Article.objects.values_list("seq", "pk"))
        out, _, _ = run_articles(path)
        self.assertIn("1 unchanged", out)
        path.write_text("date,title,content\n2024-05-06,甲,正文一改。\n2024-05-06,乙,正文二。\n", encoding="utf-8")
        out, _, _ = run_articles(path)
        self.assertIn("1 updated", out)
        self.assertEqual(dict(Article.objects.values_list("seq", "pk")), ids)
        self.assertEqual(Article.objects.get(seq=1).body, "正文一改。")
        out, _, _ = run_articles(path, "--force")
        self.assertIn("1 updated", out)

    def test_dry_run_writes_nothing(self):
        out, _, error = run_articles(SAMPLES, "--dry-run")
        self.assertIsNone(error)
        self.assertIn("4 dry-run", out)
        self.assertEqual(Issue.objects.count(), 0)
