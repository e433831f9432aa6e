"""Every name findable by a plain query: bylines, photo credits (letter-spaced too),
headlines printed in halves, and traditional spellings folded phrase by phrase.
Invented issues only."""
from django.test import SimpleTestCase, TestCase

from search import analysis
from search.searching import search
from tests.archive_helpers import TempDirMixin, run_import
from tests.search_helpers import TempIndexMixin

ISSUE = """\
清河县春耕备耕有序推进

本报讯　眼下正值春耕时节，清河县各乡镇抢抓农时，田间地头一派繁忙景象。

县农业农村局组织技术人员深入田间指导，帮助农户解决生产难题。

图为农户在田间移栽秧苗。

本报记者 于 洋摄

保供稳价 惠及万家

本报讯（记者 赵小华）县市场监管局着眼于节日市场，组织力量检查农贸市场的菜价。

基里巴斯客人参观清河茶园

本报讯（记者 钱多多）来自基里巴斯的客人昨天参观了清河县的茶园，品尝了新茶。
"""


class LayoutSpaceTests(SimpleTestCase):
    def test_a_space_between_two_chinese_characters_joins_pairs(self):
        pairs = {text for text, *_ in analysis.grams("于 洋摄")}
        self.assertIn("于洋", pairs)
        self.assertEqual(analysis.phrase_grams("稳价 惠及"), analysis.phrase_grams("稳价惠及"))

    def test_positions_run_on_across_it_and_offsets_stay_in_the_original(self):
        found = {text: (pos, start, end) for text, pos, start, end in analysis.grams("稳价  惠及")}
        self.assertEqual(found["价惠"], (1, 1, 5))
        self.assertEqual(found["惠及"][0], 2)

    def test_words_are_cut_as_if_the_space_were_not_there(self):
        spaced = [w for w, *_ in analysis.words("保供稳价 惠及万家")]
        self.assertEqual(spaced, [w for w, *_ in analysis.words("保供稳价惠及万家")])
        text = "记者 于 洋"
        for word, _, start, end in analysis.words(text):
            self.assertEqual(analysis.compact(text[start:end]), word)

    def test_a_space_next_to_latin_letters_or_digits_still_breaks(self):
        self.assertNotIn("5g", {text for text, *_ in analysis.grams("第 5 g")})
        self.assertNotIn("a中", {text for text, *_ in analysis.grams("a 中")})

    def test_postings_equal_the_streams_with_layout_spaces(self):
        text = "本报记者 于 洋摄\n第七条  机关 and 5 G"
        grams = {}
        for token, pos, *_ in analysis.grams(text):
            grams.setdefault(token, []).append(pos)
        self.assertEqual(analysis.gram_postings(text), grams)


class MainlandSpellingTests(SimpleTestCase):
    def test_phrases_convert_where_characters_alone_do_not(self):
        self.assertEqual(analysis.mainland("著眼於"), "着眼于")
        self.assertEqual(analysis.mainland("吉里巴斯"), "基里巴斯")
        self.assertEqual(analysis.fold("著眼於"), "著眼于")  # folding one character for one misses it


class NameSearchTests(TempIndexMixin, TempDirMixin, TestCase):
    def setUp(self):
        super().setUp()
        _, _, error = run_import(str(self.write("2024-03-05.txt", ISSUE)))
        self.assertIsNone(error)

    def titles(self, q):
        return {hit.title for hit in search(q, per_page=100).hits}

    def test_a_photographer_is_found_by_name_plain_spaced_or_quoted(self):
        for q in ("于洋", '"于洋"', "于 洋", "于洋摄"):
            self.assertEqual(self.titles(q), {"清河县春耕备耕有序推进"}, q)

    def test_a_byline_name_is_found(self):
        self.assertEqual(self.titles("赵小华"), {"保供稳价 惠及万家"})

    def test_a_quoted_phrase_matches_a_headline_printed_in_halves(self):
        self.assertEqual(self.titles('"稳价惠及万家"'), {"保供稳价 惠及万家"})
        self.assertEqual(self.titles('"保供稳价 惠及万家"'), {"保供稳价 惠及万家"})

    def test_traditional_queries_fold_phrase_by_phrase(self):
        self.assertEqual(self.titles("著眼於"), {"保供稳价 惠及万家"})
        self.assertEqual(self.titles("吉里巴斯"), {"基里巴斯客人参观清河茶园"})
        self.assertEqual(self.titles('"吉里巴斯"'), {"基里巴斯客人参观清河茶园"})
