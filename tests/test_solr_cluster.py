"""The archive's collection on a real SolrCloud (make test-solr starts one and sets
SOLR_URL): documents carrying our own analyzer's tokens as pre-analyzed JSON
(solr/preanalyzed.py) answer phrase queries and facets as the embedded index does.

Only collected when SOLR_URL is set (tests/conftest.py); run on its own without it,
it fails instead of skipping."""
import json
import os
import time
import urllib.parse
import urllib.request

import pytest
from django.test import SimpleTestCase

from search import analysis
from solr import preanalyzed

SOLR_URL = os.environ.get("SOLR_URL", "").rstrip("/")
if not SOLR_URL:
    pytest.fail("SOLR_URL is not set: run `make test-solr`, which starts a SolrCloud for this test",
                pytrace=False)
NODES = [u.rstrip("/") for u in os.environ.get("SOLR_URLS", SOLR_URL).split(",")]
COLLECTION = os.environ.get("SOLR_COLLECTION", "archive")
RUN = os.environ.get("SOLR_RUN", "")  # the launcher's control folder (solr/cloud)
KIND = "tests.solr_cluster"  # django_ct of this module's documents, removed after each test

# Invented articles (never corpus text).
ARTICLES = [
    {"id": f"{KIND}.1", "paper": "east-daily", "date": "2021-03-04T00:00:00Z", "month": "2021-03",
     "title": "公交新线", "bylines": ["林晓"],
     "body": "市政府今天召开新闻发布会，介绍城市公共交通建设的进展。\n中华人民共和国成立纪念日前夕，新线开通。"},
    {"id": f"{KIND}.2", "paper": "west-evening", "date": "2021-04-10T00:00:00Z", "month": "2021-04",
     "title": "图书馆", "bylines": ["林晓", "周明"],
     "body": "公共图书馆周末延长开放时间，读者可以在线预约座位。"},
]


def request(path, data=None, node=SOLR_URL, collection=COLLECTION):
    body = None if data is None else json.dumps(data, ensure_ascii=False).encode("utf-8")
    req = urllib.request.Request(f"{node}/{collection}/{path}", data=body,
                                 headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=30) as response:
        return json.load(response)


def select(node=SOLR_URL, **params):
    params.setdefault("fl", "id")
    return request("select?" + urllib.parse.urlencode(params), node=node)


def facet_counts(node=SOLR_URL, **params) -> dict:
    response = select(node, rows=0, **params, **{"json.facet": json.dumps({
        "paper": {"type": "terms", "field": "paper"},
        "bylines": {"type": "terms", "field": "bylines"},
        "month": {"type": "terms", "field": "month", "sort": "index asc"}})})
    facets = response["facets"]
    counts = {name: {b["val"]: b["count"] for b in facets[name]["buckets"]}
              for name in ("paper", "bylines", "month")}
    return {"count": facets["count"], **counts}


def solr_document(article) -> dict:
    headline = article["title"]
    text = "\n".join((headline, article["body"]))
    return {
        "id": article["id"], "django_ct": KIND, "django_id": article["id"].rsplit(".", 1)[1],
        "text": preanalyzed.field_value("text", text),
        "grams": preanalyzed.field_value("grams", text),
        "headline": preanalyzed.field_value("headline", headline),
        "headline_grams": preanalyzed.field_value("headline_grams", headline),
        "title": headline,
        "paper": article["paper"], "date": article["date"], "month": article["month"],
        "year": article["month"][:4], "bylines": article["bylines"],
    }


def gram_phrase(text: str) -> str:
    return 'grams:"%s"' % " ".join(analysis.phrase_grams(text))


def word_phrase(text: str) -> str:
    return 'text:"%s"' % " ".join(analysis.query_words(text))


def ids(response) -> set[str]:
    return {doc["id"] for doc in response["response"]["docs"]}


class PreAnalyzedFieldTests(SimpleTestCase):
    """Solr indexes exactly our analyzer's tokens, positions and offsets."""

    def indexed(self, field, value):
        params = {"analysis.fieldname": field, "wt": "json",
                  "analysis.fieldvalue": preanalyzed.field_value(field, value)}
        response = request("analysis/field?" + urllib.parse.urlencode(params))
        steps = response["analysis"]["field_names"][field]["index"]
        # Solr counts positions from 1.
        return sorted((t["text"], t["position"] - 1, t["start"], t["end"]) for t in steps[-1])

    def test_words_with_sub_words_at_the_parents_position(self):
        text = "中華人民共和國成立紀念日前夕 新線開通"
        self.assertEqual(self.indexed("text", text), sorted(analysis.words(text, subwords=True)))

    def test_character_grams_with_the_gap_of_a_space(self):
        text = "公共交通 建設ABC"
        self.assertEqual(self.indexed("grams", text), sorted(analysis.grams(text)))


class ArticlesInSolr(SimpleTestCase):
    """ARTICLES indexed and committed for each test, removed after it."""

    def setUp(self):
        self.clear()
        request("update?commit=true", [solr_document(a) for a in ARTICLES])
        self.addCleanup(self.clear)

    def clear(self):
        request("update?commit=true", {"delete": {"query": f'django_ct:"{KIND}"'}})


class SolrClusterTests(ArticlesInSolr):
    def test_a_phrase_of_characters_matches_only_where_they_stand_together(self):
        self.assertEqual(ids(select(q=gram_phrase("公共交通"))), {f"{KIND}.1"})
        self.assertEqual(ids(select(q=gram_phrase("公共"))), {f"{KIND}.1", f"{KIND}.2"})
        # Both characters are in article 2, but not side by side.
        self.assertEqual(ids(select(q=gram_phrase("共时"))), set())

    def test_a_phrase_of_words_needs_the_words_in_order(self):
        self.assertEqual(ids(select(q=word_phrase("召开新闻发布会"))), {f"{KIND}.1"})
        self.assertEqual(ids(select(q='text:"%s"' % " ".join(["发布会", "新闻"]))), set())

    def test_a_sub_word_stands_at_its_parents_position(self):
        # 人民 is indexed inside 中华人民共和国, at that word's position, so it is
        # found alone and directly before the next word.
        self.assertEqual(ids(select(q="text:人民")), {f"{KIND}.1"})
        self.assertEqual(ids(select(q='text:"人民 成立"')), {f"{KIND}.1"})

    def test_traditional_characters_fold_like_the_embedded_engine(self):
        self.assertEqual(ids(select(q=gram_phrase("公共圖書館"))), {f"{KIND}.2"})

    def test_facet_counts_come_back_from_both_shards(self):
        self.assertEqual(facet_counts(q=gram_phrase("公共")), {
            "count": 2, "paper": {"east-daily": 1, "west-evening": 1},
            "bylines": {"林晓": 2, "周明": 1}, "month": {"2021-03": 1, "2021-04": 1}})

    def test_every_node_answers_the_same(self):
        for node in NODES:
            with self.subTest(node=node):
                self.assertEqual(ids(select(node, q=gram_phrase("公共交通"))), {f"{KIND}.1"})


def cluster_status(node) -> dict:
    return request(f"collections?action=CLUSTERSTATUS&collection={COLLECTION}", node=node,
                   collection="admin")["cluster"]


def serving(node, replicas_per_shard: int) -> bool:
    """Every shard has a leader and `replicas_per_shard` active replicas on live nodes."""
    status = cluster_status(node)
    live = set(status["live_nodes"])
    for shard in status["collections"][COLLECTION]["shards"].values():
        up = [r for r in shard["replicas"].values()
              if r["state"] == "active" and r["node_name"] in live]
        if len(up) != replicas_per_shard or not any(r.get("leader") == "true" for r in up):
            return False
    return True


def wait_for(condition, what, timeout=120):
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"not {what} after {timeout}s")
        time.sleep(0.5)


def order_node(number: int, action: str):
    """Asks the launcher (solr/launcher LocalCloud) to stop or start a node; waits until done."""
    order = os.path.join(RUN, f"node-{number}.{action}")
    open(order, "w").close()
    wait_for(lambda: not os.path.exists(order), f"node {number} {action}ed")


class FailoverTests(ArticlesInSolr):
    """With the node of one replica of each shard stopped, searches answer the same."""

    def setUp(self):
        if len(NODES) < 2 or not RUN:
            self.fail("the failover test needs the cluster of `make test-solr` (SOLR_URLS, SOLR_RUN)")
        super().setUp()

    def searches(self, node):
        return {"phrase": ids(select(node, q=gram_phrase("公共交通"))),
                "words": ids(select(node, q=word_phrase("召开新闻发布会"))),
                "facets": facet_counts(node, q=gram_phrase("公共"))}

    def test_searches_answer_the_same_with_one_node_stopped(self):
        survivor = NODES[1]
        before = self.searches(survivor)
        order_node(1, "stop")
        self.addCleanup(wait_for, lambda: serving(survivor, 2), "all replicas active again")
        self.addCleanup(order_node, 1, "start")
        wait_for(lambda: serving(survivor, 1), "a leader for every shard on the surviving node")
        self.assertEqual(len(cluster_status(survivor)["live_nodes"]), 1)
        self.assertEqual(self.searches(survivor), before)
