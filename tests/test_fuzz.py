"""Fuzzing: the parser on arbitrary text (hypothesis), and the search page on
arbitrary queries (no 500, nothing from the query unescaped)."""
import os
import tempfile

import html5lib
from django.test import Client, SimpleTestCase
from hypothesis import HealthCheck, event, example, given, settings, strategies as st
from hypothesis.extra.django import TestCase as HypothesisTestCase

from archive.ingest import IngestError, parse_file, parse_text
from archive.ingest.lines import STRIP
from tests.web_helpers import TempIndexClassMixin, import_samples

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


# -- the search page -----------------------------------------------------------

PAYLOADS = ['<script>alert(1)</script>', '"><script>alert(1)</script>', "'><img src=x onerror=alert(1)>",
            '</title><script>alert(1)</script>', '<svg/onload=alert(1)>', 'javascript:alert(1)',
            '<ScRiPt src=//evil.example/x.js></sCrIpT>', '{{ 7|add:7 }}', '{% now "Y" %}', '%3Cscript%3E',
            '&lt;script&gt;', '\u202e<script>', '<script\x00>', '<!--', ']]>', '\\', '%', '\x00']
QUERY_PIECES = ["春耕", "清河", "记者", "王小明", "老街", "AND", "OR", "NOT", "或", "-", "(", ")", '"', "“", "”",
                "标题:", "title:", "作者:", "byline:", "版:", "page:", "栏目:", "来源:", "报纸:", "paper:",
                "date:", "date:2024-03..2024-04", "date:2024-13", "date:..2024", "date:2024..", "*", "?", ":",
                " ", "\u3000", "問題", "ＡＢＣ", "🙂", "\u200b", *PAYLOADS]
query = st.one_of(st.lists(st.sampled_from(QUERY_PIECES), max_size=12).map("".join), st.text(max_size=80))
value = st.one_of(st.sampled_from(["", "2024", "2024-03", "2024-03-05", "2024-02-30", "0", "-1", "1", "20",
                                   "101", "99999999999999999999", "1e3", "qinghe-daily", "王小明", "本报",
                                   "newest", "oldest", "relevance", *PAYLOADS]), st.text(max_size=20))
PARAMS = ["start", "end", "sort", "page", "per_page", "year", "month", "paper", "print_page", "source",
          "byline", "column"]
extra_params = st.one_of(st.just({}), st.dictionaries(st.sampled_from(PARAMS), value, max_size=3))


def own_scripts(html: str) -> int:
    return html.lower().count("<script")


def active_markup(html: str) -> list[str]:
    """What in the parsed page could run: event-handler attributes, javascript: URLs,
    scripts and embeds that are not our own files. Escaped text never parses as these."""
    found = []
    for element in html5lib.parse(html, namespaceHTMLElements=False).iter():
        tag = str(element.tag).lower()
        for name, value in element.attrib.items():
            url = name.lower() in ("href", "src", "action", "formaction")
            if name.lower().startswith("on") or (url and value.strip().lower().startswith("javascript:")):
                found.append(f"<{tag} {name}={value!r}>")
        source = element.get("src", "")
        if tag == "script" and not (source.startswith("/static/") or element.get("type") == "application/json"):
            found.append(f"<script src={source!r}>")
        if tag in ("iframe", "object", "embed", "img", "image") and not source.startswith(("/", "data:")):
            found.append(f"<{tag} src={source!r}>")
    return found


class SearchPageFuzzTests(TempIndexClassMixin, HypothesisTestCase):
    """Arbitrary queries and parameters: never a 500, and nothing from the
    request comes back as markup (no `<script` beyond the page's own)."""

    @classmethod
    def setUpTestData(cls):
        import_samples()

    scripts = None

    def get(self, params):
        client = Client()
        if self.scripts is None:
            type(self).scripts = own_scripts(client.get("/search/").content.decode())
        return client.get("/search/", params)

    @settings(max_examples=EXAMPLES * 2, deadline=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
    @given(query, extra_params)
    @example("春耕", {"page": "¹"})  # was a 500: str.isdigit() accepts it, int() does not
    @example("<script>alert(1)</script>", {"per_page": "²"})
    def test_search_page(self, q, params):
        response = self.get({"q": q, **params})
        event(f"status {response.status_code}")
        self.assertLess(response.status_code, 500, (q, params))
        html = response.content.decode("utf-8")
        self.assertEqual(own_scripts(html), self.scripts, (q, params))
        self.assertEqual(active_markup(html), [], (q, params))
        self.assertIn("default-src 'self'", response.headers["Content-Security-Policy"])
