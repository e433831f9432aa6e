"""Snippets: cut between words and clauses, never inside a number, a Latin word or a
marked span; and the 引题 and 副题 of a hit marked like its title."""
import re

from django.test import SimpleTestCase, TestCase

from search.highlight import mark_headings, snippet
from search.searching import search
from tests.archive_helpers import TempDirMixin, run_import
from tests.search_helpers import TempIndexMixin

FILLER = "街道两侧新栽了梧桐树，附近居民说出行更方便了。"
NUMBERS = "全县共有500多家企业参加招聘，岗位增长了3.5%，其中COVID-19检测岗位12,800个。"
TEXT = FILLER * 4 + NUMBERS + FILLER * 4
RUNS = ("500", "3.5%", "covid-19", "12,800")


def visible(marked: str) -> str:
    return re.sub(r"</?mark>", "", str(marked)).strip("…")


def edges(marked: str) -> tuple[int, int]:
    """Where the snippet's text starts and ends in TEXT."""
    shown = visible(marked)
    start = TEXT.find(shown)
    assert start >= 0, shown
    return start, start + len(shown)


class CutTests(SimpleTestCase):
    def test_never_cut_inside_a_number_or_latin_word(self):
        inside = {i for run in RUNS for m in re.finditer(re.escape(run), TEXT.lower())
                  for i in range(m.start() + 1, m.end())}
        for size in range(20, 130, 3):
            for term in ("企业", "岗位", "招聘"):
                start, end = edges(snippet(TEXT, [term], size))
                self.assertNotIn(start, inside, (size, term, TEXT[start:end]))
                self.assertNotIn(end, inside, (size, term, TEXT[start:end]))

    def test_never_cut_inside_a_word(self):
        # Each of these is one word to the analyzer, whatever the text around it.
        words = ("梧桐树", "居民", "方便", "企业", "招聘", "岗位")
        inside = {i for word in words for m in re.finditer(word, TEXT) for i in range(m.start() + 1, m.end())}
        for size in range(20, 130, 3):
            start, end = edges(snippet(TEXT, ["企业"], size))
            self.assertNotIn(start, inside, (size, TEXT[start:end]))
            self.assertNotIn(end, inside, (size, TEXT[start:end]))

    def test_a_cut_prefers_the_end_of_a_clause(self):
        marked = snippet(TEXT, ["企业"], 60)
        self.assertTrue(visible(marked).startswith("全县共有500多家"), marked)

    def test_a_highlight_is_never_split(self):
        long_term = "共有500多家企业参加招聘"
        for size in range(6, 40, 2):
            marked = str(snippet(TEXT, [long_term], size))
            self.assertIn(f"<mark>{long_term}</mark>", marked, size)

    def test_the_size_is_kept_within_a_few_characters(self):
        for size in (40, 80, 120):
            self.assertLessEqual(len(visible(snippet(TEXT, ["企业"], size))), size + 28)

    def test_short_text_is_whole_and_escaped(self):
        self.assertEqual(snippet("<b>企业</b>", ["企业"]), "&lt;b&gt;<mark>企业</mark>&lt;/b&gt;")

    def test_a_term_is_marked_across_layout_spaces(self):
        # Search finds 于洋 in a letter-spaced credit and 稳价惠及 across a headline's halves,
        # so the marks must cover them too: from the first character to the last.
        self.assertEqual(str(snippet("本报记者 于 洋摄", ["于洋"])), "本报记者 <mark>于 洋</mark>摄")
        self.assertEqual(str(snippet("保供稳价  惠及万家", ["稳价惠及"])), "保供<mark>稳价  惠及</mark>万家")
        self.assertEqual(str(snippet("于洋 于 洋", ["于洋"])), "<mark>于洋</mark> <mark>于 洋</mark>")


ISSUE = """\
清河县推进老街改造

老街换新颜

本报讯（记者 周明）清河县老街改造工程近日完工。

街面拓宽了两米。

快·准·暖

——清河县便民热线一年回访记

本报讯（记者 周明）便民热线开通一年来，回访群众三千多人次。
"""


class HeadingHighlightTests(TempIndexMixin, TempDirMixin, TestCase):
    def setUp(self):
        super().setUp()
        _, _, error = run_import(str(self.write("2024-03-05.txt", ISSUE)))
        self.assertIsNone(error)

    def test_kicker_and_subtitle_are_marked(self):
        [hit] = search("改造").hits
        self.assertEqual(hit.kicker, "清河县推进老街改造")
        self.assertEqual(hit.highlighted["kicker"], ["清河县推进老街<mark>改造</mark>"])
        [hit] = search("回访记").hits
        self.assertIn("<mark>回访记</mark>", hit.highlighted["subtitle"][0])

    def test_the_search_page_shows_them_marked(self):
        response = self.client.get("/search/", {"q": "清河县"})
        self.assertContains(response, '<p class="kicker"><mark>清河县</mark>推进老街改造</p>', html=True)
        self.assertContains(response, "——<mark>清河县</mark>便民热线一年回访记")

    def test_the_api_gives_them_marked(self):
        [hit] = self.client.get("/api/v1/search", {"q": "改造"}).json()["hits"]
        self.assertEqual(hit["kicker_html"], "清河县推进老街<mark>改造</mark>")
        [hit] = self.client.get("/api/v1/search", {"q": "回访记"}).json()["hits"]
        self.assertIn("<mark>回访记</mark>", hit["subtitle_html"])

    def test_headings_escape_what_they_hold(self):
        [hit] = search("改造").hits
        hit.kicker = "<i>老街改造</i>"
        mark_headings(hit, ["改造"])
        self.assertEqual(hit.highlighted["kicker"], ["&lt;i&gt;老街<mark>改造</mark>&lt;/i&gt;"])


class EdgeTests(SimpleTestCase):
    def test_no_paragraph_break_at_the_edges(self):
        text = "第一段写城南老街的梧桐树。\n" * 6 + "第二段写企业招聘。\n" + "第三段写城东社区的步道。\n" * 6
        marked = str(snippet(text, ["企业"], 40))
        self.assertRegex(marked, r"^…\S")
        self.assertNotRegex(marked, r"\s…$")

    def test_no_ellipsis_for_trailing_space(self):
        self.assertEqual(snippet("企业招聘。\n", ["企业"]), "<mark>企业</mark>招聘。")
