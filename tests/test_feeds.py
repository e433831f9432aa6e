"""Atom feeds: a search's and a person's. Parsed as XML and checked against
the structure RFC 4287 requires; a newly imported match comes first."""
import datetime
import xml.etree.ElementTree as ET

from tests.tools_helpers import ToolsTestCase

ATOM = "{http://www.w3.org/2005/Atom}"

MAY = """\
第01版：要闻

清河县新增三处核酸采样点

本报讯（记者 李红）为方便群众，清河县本周新增三处核酸采样点。
"""


def parse_atom(response) -> ET.Element:
    """The feed, after checking what RFC 4287 requires of it: the feed has one
    id, title and updated; every entry has those, a link, and an author of its
    own or from the feed; every date is RFC 3339."""
    assert response["Content-Type"].startswith("application/atom+xml"), response["Content-Type"]
    feed = ET.fromstring(response.content)
    assert feed.tag == f"{ATOM}feed", feed.tag
    for name in ("id", "title", "updated"):
        assert len(feed.findall(f"{ATOM}{name}")) == 1, name
    feed_author = feed.find(f"{ATOM}author/{ATOM}name") is not None
    assert feed.find(f"{ATOM}link[@rel='self']") is not None
    for element in feed.iter(f"{ATOM}updated"):
        datetime.datetime.fromisoformat(element.text)
    for entry in feed.findall(f"{ATOM}entry"):
        for name in ("id", "title", "updated"):
            assert len(entry.findall(f"{ATOM}{name}")) == 1, name
        assert entry.find(f"{ATOM}link[@rel='alternate']").get("href")
        assert feed_author or entry.find(f"{ATOM}author/{ATOM}name") is not None
    return feed


def entries(feed) -> list[tuple[str, str, str]]:
    """(link path, title, updated date) per entry, in feed order."""
    return [(e.find(f"{ATOM}link").get("href").removeprefix("http://testserver"), e.find(f"{ATOM}title").text,
             e.find(f"{ATOM}updated").text[:10]) for e in feed.findall(f"{ATOM}entry")]


class SearchFeedTests(ToolsTestCase):
    def feed(self, **query):
        response = self.client.get("/search/feed/", query)
        self.assertEqual(response.status_code, 200, response.content[:300])
        return parse_atom(response)

    def test_newest_first_with_permalinks_and_issue_dates(self):
        feed = self.feed(q="核酸")
        self.assertEqual(entries(feed), [
            ("/qinghe-daily/2024-04-02/1/", "河滨公园新添健身步道", "2024-04-02"),
            ("/qinghe-daily/2024-03-05/1/", "清河县核酸检测点调整开放时间", "2024-03-05"),
        ])
        self.assertTrue(feed.find(f"{ATOM}updated").text.startswith("2024-04-02"))
        self.assertIn("核酸", feed.find(f"{ATOM}title").text)
        self.assertEqual(feed.find(f"{ATOM}entry/{ATOM}author/{ATOM}name").text, "王小明")

    def test_a_newly_imported_match_appears_at_the_top(self):
        before = entries(self.feed(q="核酸"))
        self.import_issue("2024-05-06.txt", MAY)
        after = entries(self.feed(q="核酸"))
        self.assertEqual(after[0], ("/qinghe-daily/2024-05-06/1/", "清河县新增三处核酸采样点", "2024-05-06"))
        self.assertEqual(after[1:], before)

    def test_same_filters_as_the_search_page(self):
        self.assertEqual([e[0] for e in entries(self.feed(q="核酸", start="2024-04"))], ["/qinghe-daily/2024-04-02/1/"])
        self.assertEqual(len(entries(self.feed(byline="王小明"))), 2)
        self.assertEqual(entries(self.feed(q="核酸", paper="elsewhere")), [])

    def test_sort_is_newest_whatever_was_asked(self):
        self.assertEqual(entries(self.feed(q="核酸", sort="oldest")), entries(self.feed(q="核酸")))

    def test_links_to_the_search_page_and_itself(self):
        feed = self.feed(q="核酸", paper="qinghe-daily")
        alternate = feed.find(f"{ATOM}link[@rel='alternate']").get("href")
        self.assertTrue(alternate.startswith("http://testserver/search/?"), alternate)
        self.assertIn("sort=newest", alternate)
        self_link = feed.find(f"{ATOM}link[@rel='self']").get("href")
        self.assertEqual(self.client.get(self_link).status_code, 200)

    def test_bad_parameters_are_400_json(self):
        for query, param in (({"q": "县", "start": "2024-02-30"}, "start"), ({}, "q"),
                             ({"q": "县" * 10240}, "q"), ({"q": "县", "page": "0"}, "page")):
            response = self.client.get("/search/feed/", query)
            self.assertEqual(response.status_code, 400, query)
            self.assertEqual(response.json()["param"], param)


class PersonFeedTests(ToolsTestCase):
    def test_a_reporters_articles_newest_first(self):
        response = self.client.get("/people/wang-xiao-ming/feed/")
        self.assertEqual(response.status_code, 200)
        feed = parse_atom(response)
        self.assertEqual([e[0] for e in entries(feed)], ["/qinghe-daily/2024-04-02/1/", "/qinghe-daily/2024-03-05/1/"])
        self.assertIn("王小明", feed.find(f"{ATOM}title").text)
        self.assertEqual(feed.find(f"{ATOM}link[@rel='alternate']").get("href"),
                         "http://testserver/people/wang-xiao-ming/")

    def test_new_article_by_the_reporter_comes_first(self):
        self.import_issue("2024-05-06.txt", MAY)
        feed = parse_atom(self.client.get("/people/li-hong/feed/"))
        self.assertEqual([e[0] for e in entries(feed)], ["/qinghe-daily/2024-05-06/1/", "/qinghe-daily/2024-03-05/2/"])

    def test_unknown_person_is_404(self):
        self.assertEqual(self.client.get("/people/nobody/feed/").status_code, 404)
