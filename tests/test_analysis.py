"""The analyzer: one tokenisation for index, query and highlight."""
import json
import os
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

from django.test import SimpleTestCase, override_settings
from hypothesis import given, settings, strategies as st

from search import analysis
from search.analysis import fold, grams, phrase_grams, query_words, words

CORPUS = Path(__file__).resolve().parent.parent.parent / "shared" / "corpus"
SAMPLES = Path(__file__).resolve().parent.parent / "samples"


class FoldTests(SimpleTestCase):
    def test_traditional_full_width_and_case_fold_one_for_one(self):
        self.assertEqual(fold("問題ＡＢＣ１２３，COVID"), "问题abc123,covid")

    def test_the_table_is_zhconvs_without_importing_it(self):
        from zhconv.zhconv import getdict

        self.assertEqual(analysis.zhconv_hans(), getdict("zh-hans"))

    @given(st.text(max_size=200))
    @settings(max_examples=300, deadline=None)
    def test_length_never_changes_and_folding_is_stable(self, text):
        folded = fold(text)
        self.assertEqual(len(folded), len(text))
        self.assertEqual(fold(folded), folded)


class WordTests(SimpleTestCase):
    def test_positions_count_words_not_characters(self):
        found = [(w, pos) for w, pos, _, _ in words("核酸检测点在海淀区")]
        self.assertEqual(found, [("核酸", 0), ("检测点", 1), ("在", 2), ("海淀区", 3)])

    def test_subwords_only_on_the_index_side_at_their_parents_position(self):
        indexed = [(w, pos) for w, pos, _, _ in words("核酸检测点", subwords=True)]
        self.assertIn(("检测", 1), indexed)
        self.assertNotIn("检测", query_words("核酸检测点"))

    def test_offsets_point_into_the_original_text(self):
        text = "排队問題已解决"
        for word, _, start, end in words(text):
            self.assertEqual(fold(text[start:end]), word)

    def test_punctuation_and_spaces_are_not_words(self):
        self.assertEqual(query_words("疫情，防控！  "), ["疫情", "防控"])

    def test_traditional_query_gives_the_simplified_tokens(self):
        self.assertEqual(query_words("問題"), query_words("问题"))


class GramTests(SimpleTestCase):
    def test_characters_and_pairs_numbered_by_character(self):
        self.assertEqual([(g, pos) for g, pos, _, _ in grams("核酸检")],
                         [("核", 0), ("核酸", 0), ("酸", 1), ("酸检", 1), ("检", 2)])

    def test_no_pair_across_a_line_break(self):
        self.assertNotIn("尾开", [g for g, *_ in grams("结尾\n开头")])

    def test_phrase_grams_spell_the_phrase(self):
        self.assertEqual(phrase_grams("核酸检测"), ["核酸", "酸检", "检测"])
        self.assertEqual(phrase_grams("核"), ["核"])


def stream_postings(stream, text, mode):
    found = {}
    for token, pos, _, _ in stream(text, mode):
        found.setdefault(token, []).append(pos)
    return found


class PostingsTests(SimpleTestCase):
    """The direct postings of the index side are the analyzer's streams, exactly."""

    @settings(max_examples=300, deadline=None)
    @given(st.text(alphabet=st.sampled_from("市民公园開放問題　 \n\tＡＢab12，。哈哈哈中华人民共和国图书馆"), max_size=60))
    def test_postings_equal_the_streams(self, text):
        for analyzer in (analysis.GramAnalyzer(), analysis.WordAnalyzer()):
            for mode in ("index", "query"):
                self.assertEqual(analysis.postings(analyzer, text, mode), stream_postings(analyzer.stream, text, mode))

    def test_postings_of_a_real_sized_text(self):
        from tests import fiction

        text = "\n".join(fiction.SENTENCES * 3)
        for analyzer in (analysis.GramAnalyzer(), analysis.WordAnalyzer()):
            self.assertEqual(analysis.postings(analyzer, text), stream_postings(analyzer.stream, text, "index"))


class UserDictionaryTests(SimpleTestCase):
    def setUp(self):
        handle, path = tempfile.mkstemp(suffix=".txt")
        os.write(handle, "云岭湾区 20\n".encode())
        os.close(handle)
        self.addCleanup(os.unlink, path)
        self.path = path

    def test_user_words_are_kept_whole_and_change_the_signature(self):
        self.assertNotIn("云岭湾区", query_words("云岭湾区开通地铁"))
        plain = analysis.signature()
        with override_settings(SEARCH_USER_DICT=self.path):
            self.assertIn("云岭湾区", query_words("云岭湾区开通地铁"))
            self.assertNotEqual(analysis.signature(), plain)


def corpus_texts():
    files = sorted(CORPUS.glob("rmrb-dev/*.txt")) + sorted(CORPUS.glob("seed/*.txt"))
    return [f.read_text(encoding="utf-8") for f in files]


class AcceleratorTests(SimpleTestCase):
    """rjieba may replace jieba only where it gives the same tokens: the same
    words, and the same dictionary sub-words (index side) within them."""

    def assert_same_tokens(self, texts, user_dict=None):
        slow = analysis.Segmenter(user_dict, accelerate=False)
        fast = analysis.Segmenter(user_dict, accelerate=True)
        self.assertIsNone(fast._jieba, "the accelerated segmenter builds no Python jieba")
        for text in texts:
            for line in fold(text).splitlines():
                self.assertEqual(fast.cut(line), slow.cut(line), line[:40])
                for size in (2, 3):
                    for i in range(len(line) - size + 1):
                        part = line[i:i + size]
                        self.assertEqual(fast.in_dictionary(part), slow.in_dictionary(part), part)

    def user_dict(self, text):
        with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False, encoding="utf-8") as handle:
            handle.write(text)
        self.addCleanup(os.unlink, handle.name)
        return handle.name

    def samples(self):
        return [p.read_text(encoding="utf-8-sig", errors="replace") for p in SAMPLES.rglob("*.txt")]

    def test_same_tokens_on_the_bundled_samples(self):
        self.assert_same_tokens(self.samples())

    def test_same_tokens_when_the_user_dictionary_removes_words(self):
        # Frequency 0 is jieba's way to take a word out; a later line can put it back.
        path = self.user_dict("检测点 0\n开发区 0\n记者 0\n记者 30\n云岭湾区 0\n")
        texts = self.samples() + ["核酸检测点在经济开发区，记者到云岭湾区"]
        self.assert_same_tokens(texts, path)
        with override_settings(SEARCH_USER_DICT=path):
            subwords = [w for w, *_ in words("经济技术开发区检测点", subwords=True)]
        self.assertNotIn("开发区", subwords)

    @unittest.skipUnless(CORPUS.exists(), "needs ../shared/corpus")
    def test_same_tokens_on_the_corpus_with_a_user_dictionary(self):
        path = self.user_dict("核酸检测点 50\n卢东亮 20\n人民日报社\n")
        texts = corpus_texts()
        self.assert_same_tokens(texts)
        self.assert_same_tokens(texts, path)


FOOTPRINT = """
import json, sys, django
django.setup()
from search.searching import search
search("档案 OR 問題").total
print(json.dumps(sorted(m for m in ("pypinyin", "jieba", "rjieba", "zhconv", "pkg_resources", "datasketch", "scipy") if m in sys.modules)))
"""


class FootprintTests(SimpleTestCase):
    """What a searching process loads: each of these dictionaries is tens of MB
    in every web worker (docs/performance.md, export memory)."""

    def test_a_search_loads_rjieba_alone(self):
        with tempfile.TemporaryDirectory() as data:
            env = {**os.environ, "DATA_DIR": data, "INDEX_PATH": str(Path(data) / "index"),
                   "SEARCH_ACCELERATE": "1", "DATABASE_URL": f"sqlite:///{data}/db.sqlite3"}
            run = subprocess.run([sys.executable, "-c", FOOTPRINT], cwd=Path(__file__).resolve().parents[1],
                                 env=env, capture_output=True, text=True, timeout=120)
        self.assertEqual(run.returncode, 0, run.stderr[-2000:])
        self.assertEqual(json.loads(run.stdout.splitlines()[-1]), ["rjieba"])
