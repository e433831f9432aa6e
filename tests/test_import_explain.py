"""`import_issue --explain`: how each article was read, without the database."""
import json
from io import StringIO

from django.core.management import CommandError, call_command
from django.test import SimpleTestCase

from tests.archive_helpers import TempDirMixin

# Invented: a kicker over a title on a page's top, a photo credit, then a tagged
# title the weighted cues start; a dated report under a report that opened dated.
ISSUE = ("第1版：要闻\n\n县委书记强调\n\n把群众冷暖放在心上\n\n本报讯（记者 王小明）清河县昨日召开会议。\n\n"
         "会议要求各乡镇落实责任。\n\n市民在新公园里散步。本报记者 陈光摄\n\n"
         "老街巷里的修鞋匠（城市生活）\n\n老周在巷口修了三十年鞋，街坊都认得他。\n\n他说手艺要传下去。\n\n"
         "第2版：综合\n\n清河县新建三座口袋公园\n\n本报讯（记者 李红）清河县今年新建三座口袋公园。\n\n"
         "云岭晚报社举办读者开放日\n\n——百余名读者走进印刷车间\n\n本报讯（记者 李红）云岭晚报社昨日举办读者开放日。\n")


def explain(*args):
    out = StringIO()
    call_command("import_issue", *args, "--explain", stdout=out)
    return out.getvalue()


# SimpleTestCase fails any database query: --explain must not make one.
class ExplainTests(TempDirMixin, SimpleTestCase):
    def test_prints_the_start_rule_and_each_heading_role_with_its_rule(self):
        out = explain(str(self.write("2024-05-04.txt", ISSUE)))
        header, *articles = out.split("\n#")
        self.assertTrue(header.startswith("== ") and header.endswith("2024-05-04.txt"))
        self.assertTrue(articles[0].startswith("1  page 1  line 3  started by page_top"))
        self.assertIn("kicker    县委书记强调    [kicker_ending]", articles[0])
        self.assertIn("title     把群众冷暖放在心上    [kicker_ending]", articles[0])
        self.assertRegex(articles[1], r"^2  page 1  line 13  started by score \+\d+\.\d\d \(.*column_tag \+4\.90")
        self.assertIn("column    城市生活    [title_tag]", articles[1])
        self.assertIn("title     老街巷里的修鞋匠（城市生活）    [one_line]", articles[1])
        self.assertRegex(articles[3], r"^4  page 2  line \d+  started by next_dated_report \(always rule\)")
        self.assertIn("subtitle  ——百余名读者走进印刷车间    [dash_subtitle]", articles[3])

    def test_json_lines_carry_the_same(self):
        out = explain(str(self.write("2024-05-04.txt", ISSUE)), "--json")
        records = [json.loads(line) for line in out.splitlines()]
        self.assertEqual([r["started_by"]["rule"] for r in records],
                         ["page_top", "score", "page_top", "next_dated_report"])
        self.assertEqual(records[1]["started_by"]["kind"], "weighted")
        self.assertIn(["column_tag", 4.9], records[1]["started_by"]["cues"])
        self.assertEqual([(h["role"], h["rule"]) for h in records[3]["headings"]],
                         [("title", "dash_subtitle"), ("subtitle", "dash_subtitle")])

    def test_needs_no_paper_and_names_a_bad_file(self):
        with self.assertRaisesRegex(CommandError, r"empty\.txt: empty file"):
            explain(str(self.write("empty.txt", "")))

    def test_importing_still_needs_a_paper(self):
        with self.assertRaisesRegex(CommandError, "--paper"):
            call_command("import_issue", str(self.write("2024-05-04.txt", ISSUE)), stdout=StringIO())
