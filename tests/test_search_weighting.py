"""How the words of a query are weighed (search/weighting.py), against an invented issue."""
from django.test import TestCase

from search.searching import search
from tests.archive_helpers import TempDirMixin, run_import
from tests.search_helpers import TempIndexMixin

ISSUE = """\
河滨公园东门添新绿

本报讯（记者 王小明）河滨公园东门昨日新栽梧桐四十棵，园林部门说，入夏前还将在湖边补种月季和迎春花草。

城南小学开设围棋课

本报讯（记者 王小明 李红 陈晨 赵小华 刘洋 孙伟）城南小学本学期开设围棋课，操场边的梧桐下摆了十张棋桌。
"""


class BylineWeightTests(TempIndexMixin, TempDirMixin, TestCase):
    def setUp(self):
        super().setUp()
        _, _, error = run_import(str(self.write("2024-05-06.txt", ISSUE)))
        self.assertIsNone(error)

    def test_a_name_weighs_the_same_in_a_team_byline_as_alone(self):
        scores = {hit.title: hit.score for hit in search("王小明 梧桐").hits}
        alone, team = scores["河滨公园东门添新绿"], scores["城南小学开设围棋课"]
        # Only the text's length differs (five more names); the byline itself is not diluted.
        self.assertAlmostEqual(team / alone, 1.0, delta=0.05)

    def test_the_explanation_gives_each_word_its_fields_and_the_score_the_matcher_summed(self):
        from search.backend import whoosh_query
        from search.indexing import identifier
        from search.weighting import explain

        hit = search("梧桐").hits[0]
        searcher = self.backend().searcher()
        lines = explain(searcher, whoosh_query("梧桐"), searcher.document_number(id=identifier(hit.pk)))
        word = next(line for line in lines if "word '梧桐'" in line)
        self.assertIn("text tf 1", word)
        self.assertNotIn("names", word)
        self.assertTrue(any("grams '梧桐'" in line and "found" in line for line in lines))
        # The hit's score is the word's plus the exact string's (weighted GRAM_BOOST), no less.
        self.assertLessEqual(float(word.split(": ")[1].split()[0]), hit.score + 0.01)
