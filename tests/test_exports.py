"""Exports of every hit: CSV (UTF-8 with a byte-order mark) and JSON Lines,
streamed, from the search page's URL and from the API, capped by
EXPORT_MAX_ROWS, with the full text on request."""
import csv
import io
import json
from unittest import mock

from django.core.signals import request_finished
from django.test import TestCase, override_settings

from archive.models import Article
from search import indexing
from search.backend import ArchiveWhooshBackend
from search.exports import COLUMNS, batches, records
from search.params import from_query
from search.searching import build, search
from tests.search_helpers import TempIndexMixin
from tests.tools_helpers import ToolsTestCase

HEADER = ["paper", "date", "page", "seq", "kicker", "title", "subtitle", "bylines", "source", "permalink"]


class ExportTests(ToolsTestCase):
    def export(self, fmt="csv", url="/search/export", **query):
        response = self.client.get(f"{url}.{fmt}", query)
        self.assertEqual(response.status_code, 200, getattr(response, "content", b"")[:300])
        self.assertTrue(response.streaming)
        self.assertIn(f'filename="archive-search.{fmt}"', response["Content-Disposition"])
        return response, b"".join(response.streaming_content)

    def csv_rows(self, **query):
        response, body = self.export("csv", **query)
        self.assertEqual(response["Content-Type"], "text/csv; charset=utf-8")
        self.assertTrue(body.startswith(b"\xef\xbb\xbf"), "Excel needs the byte-order mark")
        return response, list(csv.reader(io.StringIO(body.decode("utf-8-sig"), newline="")))

    def test_chinese_csv_round_trips_with_the_right_row_count(self):
        response, rows = self.csv_rows(q="开放 OR 梧桐")
        total = search("开放 OR 梧桐").total
        self.assertEqual(total, 4)
        self.assertEqual(rows[0], HEADER)
        self.assertEqual(len(rows), total + 1)
        self.assertEqual(response["X-Total-Count"], "4")
        by_title = {row[5]: dict(zip(HEADER, row)) for row in rows[1:]}
        two = by_title["城南老街改造完工"]
        self.assertEqual(two, {"paper": "清河日报", "date": "2024-03-05", "page": "1", "seq": "2", "kicker": "",
                               "title": "城南老街改造完工", "subtitle": "——两侧新栽梧桐一百多棵",
                               "bylines": "李红、赵小华、陈晨、孙悦", "source": "本报",
                               "permalink": "http://testserver/qinghe-daily/2024-03-05/2/"})
        self.assertEqual(self.client.get(two["permalink"]).status_code, 200)

    def test_rows_follow_the_sort_and_filters(self):
        _, rows = self.csv_rows(q="开放", sort="newest")
        self.assertEqual([row[1] for row in rows[1:]], ["2024-04-02", "2024-03-05", "2024-03-05"])
        _, rows = self.csv_rows(q="开放", start="2024-04-01")
        self.assertEqual([row[5] for row in rows[1:]], ["河滨公园新添健身步道"])

    def test_full_text_is_a_last_column(self):
        _, rows = self.csv_rows(q="梧桐", full_text="1")
        self.assertEqual(rows[0], HEADER + ["text"])
        body = Article.objects.get(title="城南老街改造完工").body
        self.assertEqual(rows[1][-1], body)

    def test_jsonl_has_one_object_per_hit(self):
        response, body = self.export("jsonl", q="开放", full_text="yes")
        self.assertEqual(response["Content-Type"], "application/x-ndjson; charset=utf-8")
        lines = [json.loads(line) for line in body.decode().splitlines()]
        self.assertEqual(len(lines), 3)
        self.assertEqual(set(lines[0]), set(COLUMNS) | {"text"})
        self.assertIsInstance(lines[0]["bylines"], list)

    def test_api_export_is_the_same_as_the_pages(self):
        for fmt in ("csv", "jsonl"):
            _, page = self.export(fmt, q="开放", sort="oldest")
            _, api = self.export(fmt, url="/api/v1/search/export", q="开放", sort="oldest")
            self.assertEqual(page, api, fmt)

    @override_settings(EXPORT_MAX_ROWS=2)
    def test_rows_stop_at_the_cap(self):
        response, rows = self.csv_rows(q="开放")
        self.assertEqual(len(rows), 3)
        self.assertEqual((response["X-Total-Count"], response["X-Export-Limit"]), ("3", "2"))

    def test_batches_give_the_same_hits_as_one_search(self):
        params = from_query({"q": "开放", "sort": "newest"})
        one = [hit.pk for batch in batches(params, 100) for hit in batch]
        self.assertEqual([len(batch) for batch in batches(params, 100, size=1)], [1, 1, 1])
        self.assertEqual([hit.pk for batch in batches(params, 100, size=2) for hit in batch], one)
        self.assertEqual([hit.pk for batch in batches(params, 2, size=1) for hit in batch], one[:2])
        self.assertEqual(len(list(records(batches(params, 1), "http://x/"))), 1)

    def test_rows_are_in_the_order_of_the_search_pages(self):
        for sort in ("relevance", "newest", "oldest"):
            params = from_query({"q": "开放 OR 核酸", "sort": sort})
            exported = [hit.pk for batch in batches(params, 100, size=2) for hit in batch]
            self.assertEqual(exported, [hit.pk for hit in build(params.q, sort=params.sort)[:100]], sort)

    def test_an_index_commit_mid_export_neither_repeats_nor_drops_rows(self):
        params = from_query({"q": "开放", "sort": "newest"})
        before = [hit.pk for batch in batches(params, 100) for hit in batch]
        export = batches(params, 100, size=1)
        first = next(export)
        # Searching again per batch, the removal moved the third hit into the second batch.
        indexing.backend().remove(indexing.identifier(before[1]))
        self.assertEqual([hit.pk for batch in [first, *export] for hit in batch], before)
        self.assertEqual(len([hit for batch in batches(params, 100) for hit in batch]), 2)

    def test_the_export_closes_its_searcher_also_when_the_client_leaves(self):
        opened, own_searcher = [], ArchiveWhooshBackend.own_searcher

        def recording(backend):
            opened.append(own_searcher(backend))
            return opened[-1]

        with mock.patch.object(ArchiveWhooshBackend, "own_searcher", recording):
            self.export(q="开放")
            response = self.client.get("/search/export.jsonl", {"q": "开放"})
            next(iter(response.streaming_content))
            self.assertFalse(opened[-1].is_closed)
            # Closing a response sends request_finished, whose close_old_connections would close
            # the test's database connection on PostgreSQL (the test client's own wrapper
            # reconnects that receiver while the response closes), so the signal stays unsent.
            with mock.patch.object(request_finished, "send"):
                response.close()
        self.assertEqual([searcher.is_closed for searcher in opened], [True, True])

    def test_bad_parameters_are_400_json_before_streaming(self):
        for query, param in (({}, "q"), ({"q": "县", "full_text": "maybe"}, "full_text"),
                             ({"q": "县", "end": "2024-99"}, "end"), ({"q": "县", "sort": "size"}, "sort"),
                             ({"q": "县" * 10240}, "q")):
            for url in ("/search/export.csv", "/api/v1/search/export.jsonl"):
                response = self.client.get(url, query)
                self.assertEqual(response.status_code, 400, (url, query))
                self.assertEqual(response.json()["param"], param, (url, query))

    def test_unknown_format_is_404(self):
        self.assertEqual(self.client.get("/search/export.xlsx", {"q": "县"}).status_code, 404)

    @override_settings(API_RATE_LIMIT="2/min")
    def test_page_exports_share_the_rate_limit(self):
        for _ in range(2):
            self.export(q="县")
        response = self.client.get("/search/export.csv", {"q": "县"})
        self.assertEqual(response.status_code, 429)
        self.assertEqual(response.json()["status"], 429)


class EmptyIndexExportTests(TempIndexMixin, TestCase):
    def test_an_empty_index_exports_the_header_alone(self):
        for sort in ("relevance", "newest"):
            response = self.client.get("/search/export.csv", {"q": "开放", "sort": sort})
            self.assertEqual((response.status_code, response["X-Total-Count"]), (200, "0"))
            self.assertEqual(b"".join(response.streaming_content).decode("utf-8-sig").splitlines(), [",".join(HEADER)])
