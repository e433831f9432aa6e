"""Invented issues for the API, feed, export and citation tests, imported into
a fresh database and a temporary search index; the rate-limit cache is emptied
so that no test inherits another's request count."""
from django.core.cache import cache
from django.test import TestCase

from tests.archive_helpers import TempDirMixin, run_import
from tests.search_helpers import TempIndexMixin

MARCH = """\
第01版：要闻

清河县核酸检测点调整开放时间

本报讯（记者 王小明）清河县疫情防控指挥部昨日发布通知，全县核酸检测点从下周起调整开放时间。

城南老街改造完工
——两侧新栽梧桐一百多棵

本报讯（记者 李红 赵小华 通讯员 陈晨 孙悦）城南老街改造工程日前完工，街道两侧新栽了一百多棵梧桐树。

第02版：社会

县图书馆延长开放时间

从下月起，县图书馆每天开放到晚上九点，周末照常开放，读者可以在服务台办理借书证。
"""

APRIL = """\
第01版：要闻

河滨公园新添健身步道

本报讯（记者 王小明）河滨公园新修的健身步道近日开放，全长三公里，沿途设有核酸采样亭改建的休息站。
"""


class ToolsTestCase(TempIndexMixin, TempDirMixin, TestCase):
    issues = (("2024-03-05.txt", MARCH), ("2024-04-02.txt", APRIL))

    def setUp(self):
        super().setUp()
        cache.clear()
        self.addCleanup(cache.clear)
        for name, text in self.issues:
            self.import_issue(name, text)

    def import_issue(self, name, text):
        _, err, error = run_import(str(self.write(name, text)))
        self.assertIsNone(error, err)
