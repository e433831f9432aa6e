"""Repeats: one text printed twice is one story, found at import (exactly or nearly, within
an issue, across issues and papers), folded to one hit in search and marked on the issue
page. Invented issues only."""
import io
import json

from django.core.management import call_command
from django.test import TestCase

from archive import repeats
from archive.models import Article, Printing
from search.searching import search
from tests.archive_helpers import TempDirMixin, run_import
from tests.search_helpers import TempIndexMixin

STORY = ("本报讯（记者 王小明）清河县今年新建的十二座口袋公园日前全部开放，附近居民步行五分钟就能走进绿地。"
         "县园林部门介绍，这些公园利用街角空地和闲置地块改造而成，种植了樱花、海棠和桂花等一百多个品种，"
         "还配建了儿童游乐设施和健身步道。")
OTHER = ("本报讯（记者 李红）县图书馆从下月起延长开放时间，每天开放到晚上九点，周末照常开放，"
         "读者可以在服务台办理借书证，也可以在网上预约借阅，图书馆还将增设自习座位和少儿阅读区。")

FRONT = f"""\
第01版：要闻

清河县口袋公园全部开放

{STORY}

县图书馆延长开放时间

{OTHER}

第04版：城事

口袋公园全部开放

{STORY}
"""

# The next day, the same story again with one word changed: a near copy.
NEXT_DAY = f"""\
第02版：综合

清河口袋公园迎来首批游客

{STORY.replace("日前", "近日")}

城南菜场恢复营业

本报讯 城南菜场改造完工，昨天恢复营业。
"""


class RepeatTestCase(TempIndexMixin, TempDirMixin, TestCase):
    def setUp(self):
        super().setUp()
        for name, text in (("2024-03-05.txt", FRONT), ("2024-03-06.txt", NEXT_DAY)):
            _, _, error = run_import(str(self.write(name, text)))
            self.assertIsNone(error)

    def article(self, title) -> Article:
        return Article.objects.get(title=title)

    def story(self, title) -> int:
        return self.article(title).printing.story


class DetectionTests(RepeatTestCase):
    def test_a_copy_in_the_same_issue_joins_the_first_printing(self):
        first = self.article("清河县口袋公园全部开放")
        self.assertEqual(self.story("口袋公园全部开放"), first.pk)
        self.assertEqual(first.printing.story, first.pk)

    def test_a_near_copy_on_another_day_is_the_same_story(self):
        self.assertEqual(self.story("清河口袋公园迎来首批游客"), self.article("清河县口袋公园全部开放").pk)

    def test_different_texts_and_short_ones_stand_alone(self):
        library = self.article("县图书馆延长开放时间")
        self.assertEqual(library.printing.story, library.pk)
        self.assertFalse(Printing.objects.filter(article__title="城南菜场恢复营业").exists())

    def test_an_edit_that_changes_the_text_leaves_the_story(self):
        copy = self.article("口袋公园全部开放")
        copy.body = OTHER.replace("图书馆", "博物馆")
        copy.save()
        copy.refresh_from_db()
        self.assertNotEqual(copy.printing.story, self.article("清河县口袋公园全部开放").pk)

    def test_candidates_come_from_shared_bands_not_a_scan(self):
        hashes = repeats.minhash(repeats.compact_body(self.article("县图书馆延长开放时间")))
        keys = repeats.band_keys(hashes)
        self.assertEqual(len(keys), repeats.BANDS)
        sharing = Printing.objects.filter(bands__key__in=keys).distinct().count()
        self.assertEqual(sharing, 1)  # only itself

    def test_find_repeats_fingerprints_articles_imported_before(self):
        Printing.objects.all().delete()
        out = io.StringIO()
        call_command("find_repeats", "--dry-run", stdout=out)
        self.assertIn(f"{Article.objects.count()} articles to fingerprint", out.getvalue())
        self.assertFalse(Printing.objects.exists())
        call_command("find_repeats", stdout=out)
        self.assertIn("2 repeat an earlier one", out.getvalue())
        self.assertEqual(self.story("口袋公园全部开放"), self.article("清河县口袋公园全部开放").pk)


class FoldingTests(RepeatTestCase):
    def test_search_shows_one_hit_per_story_and_counts_the_rest(self):
        results = search("口袋公园")
        self.assertEqual(results.total, 1)
        self.assertEqual(results.folded, 2)
        hit = results.hits[0]
        labels = {a.title for a in results.twins[int(hit.pk)]}
        self.assertEqual(len(labels), 2)

    def test_collapse_off_shows_every_printing(self):
        results = search("口袋公园", collapse=False)
        self.assertEqual((results.total, results.folded), (3, 0))

    def test_folding_applies_to_sorted_searches_too(self):
        results = search("口袋公园", sort="newest")
        self.assertEqual((results.total, results.folded), (1, 2))

    def test_the_page_links_the_other_printings_and_can_show_all(self):
        page = self.client.get("/search/", {"q": "口袋公园"}).content.decode()
        self.assertIn("也见于", page)
        self.assertIn("第4版", page)
        self.assertIn("2024-03-06 第2版", page)
        self.assertIn("collapse=0", page)
        everything = self.client.get("/search/", {"q": "口袋公园", "collapse": "0"}).content.decode()
        self.assertEqual(everything.count('class="hit"'), 3)
        self.assertIn('<input type="hidden" name="collapse" value="0">', everything)  # kept by the form

    def test_the_api_folds_and_lists_also_in(self):
        data = json.loads(self.client.get("/api/v1/search", {"q": "口袋公园"}).content)
        self.assertEqual((data["total"], data["folded"]), (1, 2))
        self.assertEqual(len(data["hits"][0]["also_in"]), 2)
        data = json.loads(self.client.get("/api/v1/search", {"q": "口袋公园", "collapse": "0"}).content)
        self.assertEqual((data["total"], data["folded"], len(data["hits"])), (3, 0, 3))

    def test_a_bad_collapse_value_is_a_clear_400(self):
        response = self.client.get("/api/v1/search", {"q": "口袋公园", "collapse": "yes"})
        self.assertEqual(response.status_code, 400)
        self.assertIn("collapse", response.content.decode())

    def test_the_issue_page_marks_a_repeat_and_links_its_twin(self):
        page = self.client.get("/qinghe-daily/2024-03-05/").content.decode()
        self.assertIn("重复刊登", page)
        copy = self.article("口袋公园全部开放")
        self.assertIn(copy.get_absolute_url(), page)
