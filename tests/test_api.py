"""The JSON API at /api/v1/: each endpoint's shape and status codes, search
agreeing with the search page's entry point, bad parameters as 400 JSON naming
the parameter, the rate limit, read-only methods, the schema and the docs."""
import re
from urllib.parse import urlsplit

from django.contrib.auth.models import User
from django.contrib.staticfiles import finders
from django.test import override_settings
from openapi_spec_validator import validate

from search.params import from_query
from search.searching import search
from tests.tools_helpers import ToolsTestCase

ARTICLE = "/api/v1/papers/qinghe-daily/issues/2024-03-05/articles/2"


class ApiTestCase(ToolsTestCase):
    def get_json(self, url, status=200, **params):
        response = self.client.get(url, params)
        self.assertEqual(response.status_code, status, response.content[:300])
        self.assertTrue(response["Content-Type"].startswith("application/json"), response["Content-Type"])
        return response.json()


class ArchiveEndpointTests(ApiTestCase):
    def test_index_links_to_everything(self):
        data = self.get_json("/api/v1/")
        for name in ("docs", "schema", "papers", "people", "search"):
            self.assertTrue(data[name].startswith("http://testserver/api/v1/"), name)

    def test_papers(self):
        [paper] = self.get_json("/api/v1/papers")
        self.assertEqual(paper["slug"], "qinghe-daily")
        self.assertEqual(paper["name"], "清河日报")
        self.assertEqual((paper["issues"], paper["first_issue"], paper["last_issue"]), (2, "2024-03-05", "2024-04-02"))
        self.assertEqual(self.get_json(paper["api_url"])["slug"], "qinghe-daily")

    def test_issues_of_a_paper_by_year_with_paging(self):
        data = self.get_json("/api/v1/papers/qinghe-daily/issues", year="2024", per_page="1")
        self.assertEqual((data["total"], data["pages"], data["prev"]), (2, 2, None))
        self.assertEqual([i["date"] for i in data["issues"]], ["2024-03-05"])
        self.assertEqual(data["issues"][0]["articles"], 3)
        following = self.get_json(data["next"])
        self.assertEqual([i["date"] for i in following["issues"]], ["2024-04-02"])
        self.assertEqual(self.get_json("/api/v1/papers/qinghe-daily/issues", year="2023")["total"], 0)

    def test_issue_with_table_of_contents(self):
        data = self.get_json("/api/v1/papers/qinghe-daily/issues/2024-03-05")
        self.assertEqual(data["pages"], [{"number": 1, "name": "要闻"}, {"number": 2, "name": "社会"}])
        self.assertEqual([a["seq"] for a in data["articles"]], [1, 2, 3])
        self.assertEqual([a["page"] for a in data["articles"]], [1, 1, 2])
        self.assertEqual(data["articles"][1]["title"], "城南老街改造完工")
        self.assertEqual(data["url"], "http://testserver/qinghe-daily/2024-03-05/")

    def test_article_has_every_field(self):
        data = self.get_json(ARTICLE)
        self.assertEqual((data["title"], data["subtitle"]), ("城南老街改造完工", "——两侧新栽梧桐一百多棵"))
        self.assertEqual([(b["name"], b["role"]) for b in data["bylines"]],
                         [("李红", "记者"), ("赵小华", "记者"), ("陈晨", "通讯员"), ("孙悦", "通讯员")])
        self.assertEqual(data["dateline"]["source"], "本报")
        self.assertIn("一百多棵梧桐树", data["body"])
        self.assertEqual(data["paragraphs"], data["body"].split("\n"))
        self.assertEqual(data["url"], "http://testserver/qinghe-daily/2024-03-05/2/")
        self.assertEqual(self.client.get(data["url"]).status_code, 200)
        for key in ("captions", "editor_note", "sidebar", "char_count", "page_name", "kind", "column", "citations"):
            self.assertIn(key, data)

    def test_people_and_their_articles_newest_first(self):
        people = self.get_json("/api/v1/people", per_page="100")
        self.assertEqual(people["total"], 5)
        wang = next(p for p in people["people"] if p["name"] == "王小明")
        self.assertEqual(wang["articles"], 2)
        person = self.get_json(wang["api_url"])
        self.assertEqual([(a["date"], a["title"]) for a in person["articles"]],
                         [("2024-04-02", "河滨公园新添健身步道"), ("2024-03-05", "清河县核酸检测点调整开放时间")])
        self.assertTrue(person["feed_url"].endswith("/people/wang-xiao-ming/feed/"))

    def test_missing_objects_are_404_json(self):
        for url in ("/api/v1/papers/nowhere", "/api/v1/papers/qinghe-daily/issues/2024-03-06",
                    "/api/v1/papers/qinghe-daily/issues/2024-03-05/articles/99", "/api/v1/people/nobody",
                    "/api/v1/no-such-thing"):
            self.assertEqual(self.get_json(url, status=404)["status"], 404, url)


class SearchEndpointTests(ApiTestCase):
    def test_shape_totals_facets_months_and_highlights(self):
        data = self.get_json("/api/v1/search", q="核酸")
        self.assertEqual(data["total"], 2)
        self.assertEqual(set(data["facets"]), {"year", "month", "paper", "print_page", "source", "byline", "column"})
        self.assertIn({"value": "王小明", "count": 2}, data["facets"]["byline"])
        self.assertEqual(data["months"], [{"month": "2024-03", "count": 1}, {"month": "2024-04", "count": 1}])
        for hit in data["hits"]:
            self.assertIn("<mark>核酸</mark>", hit["snippet_html"] + hit["title_html"])
            self.assertEqual(self.client.get(hit["url"]).status_code, 200)
        self.assertEqual(self.client.get(data["csv_url"]).status_code, 200)
        self.assertEqual(self.client.get(data["feed_url"]).status_code, 200)

    CASES = [{"q": "开放"}, {"q": "核酸", "sort": "newest"}, {"q": "县", "start": "2024-03", "end": "2024-03-31"},
             {"q": "开放", "per_page": "1", "page": "2", "sort": "oldest"}, {"byline": "王小明"},
             {"q": "开放 OR 公园", "paper": "qinghe-daily", "year": "2024"}, {"q": "梧桐", "month": "2024-03"},
             {"q": "开放", "print_page": "2"}]

    def test_same_articles_and_total_as_the_search_page(self):
        for query in self.CASES:
            page = self.client.get("/search/", query)
            self.assertEqual(page.status_code, 200, query)
            results = page.context["results"]
            data = self.get_json("/api/v1/search", **query)
            self.assertGreater(data["total"], 0, query)
            self.assertEqual(data["total"], results.total, query)
            # The page's links add ?hl= (the words to mark); the articles are what must agree.
            self.assertEqual([urlsplit(h["url"]).path for h in data["hits"]],
                             [urlsplit(url).path for _, url, _ in page.context["hits"]], query)

    def test_same_as_the_shared_entry_point(self):
        for query in self.CASES:
            params = from_query(query)
            results = search(params.q, **params.search_kwargs())
            data = self.get_json("/api/v1/search", **query)
            self.assertEqual(data["total"], results.total, query)
            self.assertEqual([(h["date"], h["seq"]) for h in data["hits"]],
                             [(f"{h.date:%Y-%m-%d}", h.seq) for h in results.hits], query)

    def test_paging_links(self):
        data = self.get_json("/api/v1/search", q="开放", per_page="1")
        self.assertEqual((data["total"], data["pages"]), (3, 3))
        self.assertIn("per_page=1", data["next"])
        self.assertIsNone(data["prev"])


class BadParameterTests(ApiTestCase):
    def assert_bad(self, param, url="/api/v1/search", **query):
        data = self.get_json(url, status=400, **query)
        self.assertEqual(data["param"], param, data)
        self.assertIn(param, data["error"])

    def test_each_bad_parameter_is_named(self):
        self.assert_bad("start", q="县", start="2024-13-45")
        self.assert_bad("end", q="县", end="yesterday")
        self.assert_bad("page", q="县", page="0")
        self.assert_bad("per_page", q="县", per_page="10000")
        self.assert_bad("sort", q="县", sort="random")
        self.assert_bad("q", q="县" * 10240)
        self.assert_bad("q")
        self.assert_bad("month", q="县", month="March")
        self.assert_bad("date", url="/api/v1/papers/qinghe-daily/issues/2024-02-30")
        self.assert_bad("seq", url="/api/v1/papers/qinghe-daily/issues/2024-03-05/articles/first")
        self.assert_bad("year", url="/api/v1/papers/qinghe-daily/issues", year="24")
        self.assert_bad("per_page", url="/api/v1/people", per_page="101")
        self.assert_bad("fmt", url="/api/v1/search/export.xlsx", q="县")

    def test_odd_queries_never_fail_with_500(self):
        for q in ('"', "(", ")", "OR", "-", "date:2099-99", "标题:", "作者:\"", "\x00", "县 " * 900):
            response = self.client.get("/api/v1/search", {"q": q})
            self.assertIn(response.status_code, (200, 400), q)
            self.assertTrue(response["Content-Type"].startswith("application/json"), q)


class RateLimitTests(ApiTestCase):
    @override_settings(API_RATE_LIMIT="3/min")
    def test_anonymous_clients_get_429_beyond_the_limit(self):
        for _ in range(3):
            self.get_json("/api/v1/papers")
        data = self.get_json("/api/v1/papers", status=429)
        self.assertEqual(data["status"], 429)
        response = self.client.get("/api/v1/search", {"q": "县"})
        self.assertEqual(response.status_code, 429)
        self.assertGreater(int(response["Retry-After"]), 0)

    @override_settings(API_RATE_LIMIT="2/min")
    def test_the_limit_is_per_client_address(self):
        for _ in range(2):
            self.get_json("/api/v1/papers")
        self.get_json("/api/v1/papers", status=429)
        self.assertEqual(self.client.get("/api/v1/papers", REMOTE_ADDR="10.0.0.9").status_code, 200)

    @override_settings(API_RATE_LIMIT="1/min")
    def test_signed_in_editors_are_not_limited(self):
        self.client.force_login(User.objects.create_user("editor"))
        for _ in range(3):
            self.get_json("/api/v1/papers")

    @override_settings(API_RATE_LIMIT="")
    def test_an_empty_setting_turns_the_limit_off(self):
        for _ in range(70):
            self.get_json("/api/v1/papers")


class ProtocolTests(ApiTestCase):
    def test_read_only(self):
        for method in ("post", "put", "patch", "delete"):
            response = getattr(self.client, method)("/api/v1/papers")
            self.assertEqual(response.status_code, 405, method)
            self.assertEqual(response.json()["status"], 405)
            self.assertEqual(response["Allow"], "GET, HEAD, OPTIONS")
        export = self.client.head("/api/v1/search/export.csv", {"q": "县"})
        self.assertEqual((export.status_code, b"".join(export.streaming_content)), (200, b""))
        self.assertEqual(export["X-Total-Count"], "2")
        head = self.client.head("/api/v1/papers")
        self.assertEqual((head.status_code, head.content), (200, b""))
        options = self.client.options("/api/v1/papers")
        self.assertEqual(options.status_code, 204)
        self.assertEqual(options["Allow"], "GET, HEAD, OPTIONS")

    def test_openapi_schema_validates_and_documents_every_endpoint(self):
        schema = self.get_json("/api/v1/schema")
        validate(schema)
        self.assertTrue({"/api/v1/papers", "/api/v1/papers/{paper}/issues/{date}",
                         "/api/v1/papers/{paper}/issues/{date}/articles/{seq}", "/api/v1/people/{slug}",
                         "/api/v1/search", "/api/v1/search/export.{fmt}"} <= set(schema["paths"]))
        search_params = {p["name"] for p in schema["paths"]["/api/v1/search"]["get"]["parameters"]}
        self.assertEqual(search_params, {"q", "year", "month", "paper", "print_page", "source", "byline",
                                         "column", "start", "end", "sort", "page", "per_page", "collapse"})

    def test_docs_page_uses_bundled_assets_only(self):
        response = self.client.get("/api/v1/docs")
        self.assertEqual(response.status_code, 200)
        html = response.content.decode()
        self.assertNotRegex(html, r"https?://")
        self.assertNotIn("cdn", html.lower())
        assets = re.findall(r'(?:src|href)="/static/([^"]+)"', html)
        self.assertIn("ninja/swagger-ui-bundle.js", assets)
        for asset in assets:
            self.assertIsNotNone(finders.find(asset), asset)
