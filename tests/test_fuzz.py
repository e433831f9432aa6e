"""Fuzzing: the parser on arbitrary text (hypothesis), and the search page on
arbitrary queries (no 500, nothing from the query unescaped)."""
import os
import tempfile

from django.test import SimpleTestCase
from hypothesis import HealthCheck, event, given, settings, strategies as st

from archive.ingest import IngestError, parse_file, parse_text
from archive.ingest.lines import STRIP

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", 400))

# Pieces of real issue layout, so that random text reaches the parser's deeper paths.
PIECES = [
    "第01版：要闻", "第2版：综合", "清河县春耕生产全面展开", "——记松溪镇的护林员", "本报讯（记者 王小明）",
    "本报清河5月21日电  （记者 李红 赵小华）", "新华社北京5月20日电", "（记者 王小明）", "编者按：", "编者按",
    "相关链接", "● 一项措施", "- 另一项措施", "图为村民在田间劳作。", "王小明摄", "本版编辑：李红",
    "（二〇二四年五月二十一日）", "■ 积极探索新路子，不断提高服务水平", "——编 者", "邮箱：news@example.org",
    "连日来，各乡镇抢抓农时，组织农机下田作业。", "“这是好事。”他说。", "附件：", "启事", "《清河日报》",
    "\u3000\u3000", " ", "\t", "\ufeff", "\u200b", "\r\n", "\n", "\n\n", "。", "，", "：", "（", "）", "“", "”",
]
han = st.characters(min_codepoint=0x4E00, max_codepoint=0x4FFF)
heading = st.text(han, min_size=2, max_size=24)
paragraph = st.tuples(st.sampled_from(["", "本报讯（记者 王小明）", "本报清河5月21日电  （记者 李红）", "（记者 赵小华）"]),
                      st.text(st.one_of(han, st.sampled_from("，、：“”（）")), min_size=8, max_size=120),
                      st.sampled_from(["。", "！", "？", "", "……"])).map("".join)
block = st.tuples(heading, st.lists(paragraph, min_size=1, max_size=4)).map(
    lambda b: b[0] + "\n\n" + "\n\n".join(b[1]))
noise = st.one_of(st.sampled_from(PIECES), st.text(max_size=12))
layout = st.lists(st.one_of(block, block, noise), max_size=30).flatmap(
    lambda parts: st.lists(st.sampled_from(["\n\n", "\n", "\n\n\n", "", "\r\n\r\n"]),
                           min_size=len(parts), max_size=len(parts)).map(
        lambda seps: "".join(part + sep for part, sep in zip(parts, seps))))


def source_lines(text: str) -> set[str]:
    return {line.strip(STRIP) for line in text.splitlines()}


class ParserFuzzTests(SimpleTestCase):
    def check(self, text):
        try:
            issue = parse_text(text, path="fuzz.txt")
        except IngestError as exc:  # a rejection names the problem; anything else is a bug
            self.assertTrue(str(exc))
            event("rejected")
            return
        event("parsed, with paragraphs" if any(a.paragraphs for a in issue.articles) else "parsed")
        lines = source_lines(text)
        for article in issue.articles:
            for paragraph in article.paragraphs:
                self.assertIn(paragraph, lines, "a paragraph that is not a line of the input")
            self.assertEqual([a.seq for a in issue.articles], list(range(1, len(issue.articles) + 1)))

    @settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(st.text(max_size=2000))
    def test_arbitrary_text(self, text):
        self.check(text)

    @settings(max_examples=EXAMPLES * 2, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(layout)
    def test_issue_like_text(self, text):
        self.check(text)

    @settings(max_examples=max(EXAMPLES // 4, 25), deadline=None)
    @given(st.one_of(st.binary(max_size=3000), layout.map(lambda t: t.encode("gb18030"))),
           st.sampled_from([None, "utf-8", "gbk", "gb18030", "utf-16", "big5"]))
    def test_arbitrary_bytes_through_the_file_reader(self, data, encoding):
        with tempfile.NamedTemporaryFile(suffix=".txt") as f:
            f.write(data)
            f.flush()
            try:
                issue = parse_file(f.name, encoding)
            except IngestError as exc:
                self.assertIn(f.name, str(exc))
                return
        self.assertTrue(issue.articles)
