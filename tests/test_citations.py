"""GB/T 7714-2015 newspaper citations, checked by hand against the standard's form
主要责任者. 题名: 其他题名信息[N]. 报纸名, 出版日期(版次)."""
import datetime

from django.test import TestCase

from archive.citations import gbt7714
from archive.models import Article, Issue, Newspaper, Page, Person


class GbT7714Tests(TestCase):
    def setUp(self):
        paper = Newspaper.objects.create(name="清河日报", slug="qinghe-daily")
        self.issue = Issue.objects.create(paper=paper, date=datetime.date(2024, 3, 5))
        self.page = Page.objects.create(issue=self.issue, number=3)

    def article(self, *bylines, **fields):
        article = Article.objects.create(issue=self.issue, seq=Article.objects.count() + 1,
                                         page=self.page, **fields)
        for order, (role, name) in enumerate(bylines):
            person, _ = Person.objects.get_or_create(name=name)
            article.bylines.create(person=person, role=role, order=order)
        return article

    def test_single_author(self):
        article = self.article(("记者", "王小明"), title="河滨公园新添健身步道")
        self.assertEqual(gbt7714(article), "王小明. 河滨公园新添健身步道[N]. 清河日报, 2024-03-05(3).")

    def test_several_authors_keep_byline_order(self):
        article = self.article(("记者", "王小明"), ("通讯员", "李红"), ("摄影", "赵小华"), title="春耕忙")
        self.assertEqual(gbt7714(article), "王小明, 李红, 赵小华. 春耕忙[N]. 清河日报, 2024-03-05(3).")

    def test_more_than_three_authors_become_first_three_and_deng(self):
        article = self.article(("记者", "甲一"), ("记者", "乙二"), ("见习记者", "丙三"), ("通讯员", "丁四"),
                               title="四人合写")
        self.assertEqual(gbt7714(article), "甲一, 乙二, 丙三, 等. 四人合写[N]. 清河日报, 2024-03-05(3).")

    def test_no_author_starts_with_the_title(self):
        article = self.article(title="停水公告")
        self.assertEqual(gbt7714(article), "停水公告[N]. 清河日报, 2024-03-05(3).")

    def test_subtitle_is_other_title_information(self):
        article = self.article(("记者", "陶然"), title="口袋公园月底完工", subtitle="——第二批六个公园利用街角空地")
        self.assertEqual(gbt7714(article),
                         "陶然. 口袋公园月底完工: 第二批六个公园利用街角空地[N]. 清河日报, 2024-03-05(3).")

    def test_editors_are_not_authors_and_names_appear_once(self):
        article = self.article(("记者", "王小明"), ("摄影", "王小明"), ("责任编辑", "周编"), title="一稿两署")
        self.assertEqual(gbt7714(article), "王小明. 一稿两署[N]. 清河日报, 2024-03-05(3).")

    def test_without_a_page_the_page_is_left_out(self):
        article = self.article(title="无版次的稿件")
        article.page = None
        self.assertEqual(gbt7714(article), "无版次的稿件[N]. 清河日报, 2024-03-05.")
