"""Citations as downloads and in the API: GB/T 7714-2015 (newspaper), RIS and
BibTeX, checked against strings written out by hand from the invented issue
(清河日报 2024-03-05: #1 one reporter, #2 four people, #3 unsigned)."""
from archive.citations import bibtex, ris
from archive.models import Article
from tests.tools_helpers import ToolsTestCase

ONE = "王小明. 清河县核酸检测点调整开放时间[N]. 清河日报, 2024-03-05(1)."
SEVERAL = "李红, 赵小华, 陈晨, 等. 城南老街改造完工: 两侧新栽梧桐一百多棵[N]. 清河日报, 2024-03-05(1)."
NONE = "县图书馆延长开放时间[N]. 清河日报, 2024-03-05(2)."

RIS_SEVERAL = (
    "TY  - NEWS\r\n"
    "AU  - 李红\r\nAU  - 赵小华\r\nAU  - 陈晨\r\nAU  - 孙悦\r\n"
    "TI  - 城南老街改造完工: 两侧新栽梧桐一百多棵\r\n"
    "T2  - 清河日报\r\n"
    "PY  - 2024\r\n"
    "DA  - 2024/03/05\r\n"
    "SP  - 1\r\n"
    "UR  - http://testserver/qinghe-daily/2024-03-05/2/\r\n"
    "LA  - zh\r\n"
    "ER  - \r\n"
)

BIB_ONE = """\
@article{qinghe-daily-20240305-1,
  entrysubtype = {newspaper},
  author = {{王小明}},
  title = {清河县核酸检测点调整开放时间},
  journal = {清河日报},
  date = {2024-03-05},
  year = {2024},
  month = {3},
  pages = {1},
  url = {http://testserver/qinghe-daily/2024-03-05/1/},
  langid = {chinese},
}
"""


def article(seq):
    return Article.objects.with_issue().select_related("page").get(seq=seq, issue__date="2024-03-05")


class CitationDownloadTests(ToolsTestCase):
    def download(self, seq, fmt):
        response = self.client.get(f"/qinghe-daily/2024-03-05/{seq}/cite.{fmt}")
        self.assertEqual(response.status_code, 200)
        self.assertIn("attachment", response["Content-Disposition"])
        self.assertIn(f"qinghe-daily-20240305-{seq}.{fmt}", response["Content-Disposition"])
        return response

    def test_gbt7714_one_several_and_no_author(self):
        for seq, expected in ((1, ONE), (2, SEVERAL), (3, NONE)):
            response = self.download(seq, "txt")
            self.assertEqual(response["Content-Type"], "text/plain; charset=utf-8")
            self.assertEqual(response.content.decode(), expected + "\n")

    def test_ris_lists_every_creator_in_byline_order(self):
        response = self.download(2, "ris")
        self.assertTrue(response["Content-Type"].startswith("application/x-research-info-systems"))
        self.assertEqual(response.content.decode(), RIS_SEVERAL)

    def test_ris_without_author_or_page_leaves_those_lines_out(self):
        text = ris(article(3))
        self.assertNotIn("AU  -", text)
        self.assertIn("SP  - 2\r\n", text)
        found = article(3)
        found.page = None
        self.assertNotIn("SP  -", ris(found))

    def test_bibtex_single_author(self):
        response = self.download(1, "bib")
        self.assertTrue(response["Content-Type"].startswith("application/x-bibtex"))
        self.assertEqual(response.content.decode(), BIB_ONE)

    def test_bibtex_several_and_no_author(self):
        self.assertIn("  author = {{李红} and {赵小华} and {陈晨} and {孙悦}},\n", bibtex(article(2)))
        self.assertNotIn("author", bibtex(article(3)))

    def test_bibtex_escapes_tex_specials(self):
        found = article(3)
        found.title = "利率 5% & 手续费_#1 {新}"
        self.assertIn(r"  title = {利率 5\% \& 手续费\_\#1 \{新\}},", bibtex(found))

    def test_unknown_article_or_format_is_404(self):
        self.assertEqual(self.client.get("/qinghe-daily/2024-03-05/99/cite.ris").status_code, 404)
        self.assertEqual(self.client.get("/qinghe-daily/2024-03-05/1/cite.pdf").status_code, 404)

    def test_api_article_carries_the_citation_and_its_downloads(self):
        data = self.client.get("/api/v1/papers/qinghe-daily/issues/2024-03-05/articles/2").json()
        self.assertEqual(data["citations"]["gbt7714"], SEVERAL)
        for key in ("txt_url", "ris_url", "bibtex_url"):
            self.assertEqual(self.client.get(data["citations"][key]).status_code, 200, key)
