"""How the words of a query are weighed (search/weighting.py), against an invented issue."""
from unittest import mock

from django.test import TestCase

from search.searching import search
from tests.archive_helpers import TempDirMixin, run_import
from tests.search_helpers import TempIndexMixin, separate_segments

ISSUE = """\
河滨公园东门添新绿

本报讯（记者 王小明）河滨公园东门昨日新栽梧桐四十棵，园林部门说，入夏前还将在湖边补种月季和迎春花草。

城南小学开设围棋课

本报讯（记者 王小明 李红 陈晨 赵小华 刘洋 孙伟）城南小学本学期开设围棋课，操场边的梧桐下摆了十张棋桌。
"""

# The third article repeats the second's headline words in a short body; only the second
# has them as its headline.
HEADLINES = """\
城南小学开设围棋课

本报讯（记者 李红）城南小学本学期开设围棋课，操场边的梧桐下摆了十张棋桌。每周三下午，两位退休教师轮流来上课，先讲规则和礼仪，再让学生对弈。学校还打算在秋天举办一次校内比赛，邀请家长观看，并把优秀棋谱贴在走廊里。

棋桌旁的笑声

本报讯（记者 陈晨）城南小学开设围棋课以后，城南小学的围棋课天天满员，老师说开设围棋课是好事。
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


class HeadlineBonusTests(TempIndexMixin, TempDirMixin, TestCase):
    def setUp(self):
        super().setUp()
        _, _, error = run_import(str(self.write("2024-05-07.txt", HEADLINES)))
        self.assertIsNone(error)

    def test_an_article_whose_headline_is_the_query_comes_first(self):
        # The third article repeats the headline's words in a short body; only the second
        # has them as its headline.
        self.assertEqual(search("城南小学开设围棋课").hits[0].title, "城南小学开设围棋课")
        with mock.patch("search.compile.HEADLINE_BOOST", 0.0):
            self.assertEqual(search("城南小学开设围棋课").hits[0].title, "棋桌旁的笑声")

    def test_a_headline_sharing_one_word_with_the_query_gains_nothing(self):
        from search.backend import whoosh_query

        self.assertEqual(
            [h.title for h in search("城南小学 笑声").hits], ["棋桌旁的笑声"])
        bonus = whoosh_query("城南小学 笑声").b.subqueries[0]  # every string of the query, in one headline
        self.assertEqual({q.fieldname for q in bonus.leaves()}, {"headline_grams"})
        self.assertEqual(len(bonus.subqueries), 2)


# 赵成 is not in jieba's dictionary: a query cuts it into 赵 and 成. The second article
# is short and has both characters (and the other word) in its text, not in a byline.
BYLINES = """\
外宾来访

本报讯（记者 赵成）市长昨日会见来访的外宾，双方就城市绿化、公园建设和河道整治交换了意见，并商定明年继续互派人员学习交流，推动两市在文化、教育和旅游方面的合作。外宾一行还参观了新建的图书馆、博物馆和科技园，察看了老城区的改造工地，对当地保护老建筑的做法很感兴趣。

老街新貌

赵家老店成了老街的招牌。赵老板成天会见老主顾，成日里会见，会见新客人，会见之后总送一杯茶，赵老板说这是祖上的规矩。
"""


class BylineBonusTests(TempIndexMixin, TempDirMixin, TestCase):
    def setUp(self):
        super().setUp()
        _, _, error = run_import(str(self.write("2024-05-08.txt", BYLINES)))
        self.assertIsNone(error)

    def test_a_typed_byline_name_counts_whole_however_jieba_cuts_it(self):
        self.assertEqual(search("赵成 会见").hits[0].title, "外宾来访")
        with mock.patch("search.weighting.NAME_BONUS", 0.0):
            self.assertEqual(search("赵成 会见").hits[0].title, "老街新貌")

    def test_the_bonus_is_one_constant_for_each_typed_string_found_whole_in_a_byline(self):
        from search.backend import whoosh_query

        bonus = whoosh_query("赵成 会见").b.subqueries[1:]
        self.assertEqual([q.child.text for q in bonus], ["赵成", "会见"])
        self.assertEqual({q.child.fieldname for q in bonus}, {"bylines"})

    def test_the_explanation_shows_the_name_bonus(self):
        from search.backend import whoosh_query
        from search.indexing import identifier
        from search.weighting import NAME_BONUS, explain

        hit = search("赵成 会见").hits[0]
        searcher = self.backend().searcher()
        lines = explain(searcher, whoosh_query("赵成 会见"), searcher.document_number(id=identifier(hit.pk)))
        at = lines.index(next(line for line in lines if f"constant {NAME_BONUS:g}" in line))
        self.assertIn("bylines '赵成'", lines[at + 1])
        self.assertIn("found", lines[at + 1])


SHORT_BYLINE = """\
外宾来访

本报讯（记者 赵成）市长昨日会见来访的外宾，双方就城市绿化交换了意见。
"""

# A longer article, a co-author sharing a character of the name, and the name mentioned
# in another article's text, not as its byline.
LONG_BYLINE = """\
老城改造有序推进

本报讯（记者 赵成 赵小华 成林）老城区改造工程进入第二阶段，施工单位在河道两岸同步开工，新铺的石板路连通了三条老街。区里说，改造期间老街的店铺照常营业，居民出行的临时通道每天有人清扫，夜间施工不超过十点。改造完成后，老街将恢复原有的格局，并新增两处街心花园和一座社区图书室。

读者来信

上周读到赵成的报道，我们才知道老街要改造了，希望施工时多照顾老人出行。
"""


class ByNameTests(TempIndexMixin, TempDirMixin, TestCase):
    def setUp(self):
        super().setUp()
        with separate_segments():  # one segment per issue
            for day, text in (("2024-05-09", SHORT_BYLINE), ("2024-05-10", LONG_BYLINE)):
                _, _, error = run_import(str(self.write(f"{day}.txt", text)))
                self.assertIsNone(error)
        self.assertGreater(len(self.backend().searcher().reader().leaf_readers()), 1)

    def test_a_name_scores_alike_in_every_article_it_signs_across_segments(self):
        scores = {hit.title: hit.score for hit in search("赵成").hits}
        self.assertEqual(set(scores), {"外宾来访", "老城改造有序推进", "读者来信"})
        # Unlevelled, the short article's length and the co-authors' characters part them.
        self.assertAlmostEqual(scores["外宾来访"], scores["老城改造有序推进"], places=4)
        self.assertLess(scores["读者来信"], scores["外宾来访"])

    def test_unlevelled_the_signed_articles_score_apart(self):
        with mock.patch("search.weighting.LEVEL_NAMES", False):
            scores = {hit.title: hit.score for hit in search("赵成").hits}
        self.assertNotAlmostEqual(scores["外宾来访"], scores["老城改造有序推进"], places=2)

    def test_the_word_beside_the_name_ranks_the_signed_articles(self):
        self.assertEqual([hit.title for hit in search("赵成 老街").hits][:1], ["老城改造有序推进"])
