"""The archive's search engine on a SolrCloud collection (SEARCH_ENGINE=solr, SOLR_URL).

haystack's Solr backend (pysolr) turns Solr's answers into search results; what it
cannot do the archive's way is done here, behind the interface of search/backend.py:

* documents carry our analyzer's tokens (solr/preanalyzed.py); queries are our query
  language compiled by solr/compile.py;
* facets are Solr JSON facets, and count every hit as the embedded engine's do;
* repeats are folded by Solr's collapse filter on `story`. A document's id begins with
  its story as a route prefix (`<story>!archive.article.<pk>`), so that every printing
  of a story lives on one shard and the fold is exact across shards. A write therefore
  first deletes the article by `django_id`, wherever its story used to send it;
* highlights are search/highlight.py's, on the stored text;
* the analyzer that built the collection is kept on a document of its own (SIGNATURE_ID).

A request Solr does not answer (or refuses) raises IndexUnavailable naming the collection;
a write's first request is the one that finds out, so nothing of it is indexed then.
"""
import datetime
import json

import requests
from haystack.backends import BaseEngine
from haystack.backends.solr_backend import SolrSearchBackend
from haystack.constants import DJANGO_CT, DJANGO_ID, ID
from haystack.utils import get_identifier
from pysolr import Results

from search import analysis
from search.backend import STAMP_FIELD, STORY_FIELD, ArchiveSearchQuery, highlight_terms, sort_keys
from search.highlight import highlight_page
from search.indexing import IndexUnavailable
from search.search_indexes import prepared, stamps_by_id
from search.query import parse

from . import preanalyzed
from .compile import EVERYTHING, to_solr

ARTICLES = "archive.article"  # the django_ct of every searchable document
SIGNATURE_ID = "archive-analyzer"
CHUNK = 500  # documents a request
FOLD_TAG = "fold"
TIMEOUT = 60


def solr_query(query_string: str) -> str:
    return to_solr(parse(query_string, limited=False).tree) if query_string.strip() else EVERYTHING


def solr_sort(sort_by) -> str:
    """The order of hits; ties go by id, so that every page and an export agree."""
    keys = [f"{name} {'desc' if reverse else 'asc'}" for name, reverse in sort_keys(sort_by)] or ["score desc"]
    return ",".join(keys + [f"{ID} asc"])


def json_facets(names, collapse: bool) -> dict:
    """Every value of each facet, counted over all hits (the folded repeats too)."""
    domain = {"domain": {"excludeTags": FOLD_TAG}} if collapse else {}
    facets = {name: {"type": "terms", "field": name, "limit": -1, "mincount": 1, **domain} for name in names}
    if collapse:
        facets["unfolded"] = {"type": "query", "q": EVERYTHING, **domain}
    return facets


def facet_counts(response: dict, names) -> dict:
    found = response.get("facets", {})
    counts = {}
    for name in names:
        buckets = found.get(name, {}).get("buckets", [])
        pairs = [(str(b["val"]), b["count"]) for b in buckets if str(b["val"])]
        counts[name] = sorted(pairs, key=lambda kv: (-kv[1], kv[0]))
    return counts


def routed_id(doc: dict) -> str:
    return f"{doc[STORY_FIELD]}!{doc[ID]}" if doc.get(STORY_FIELD) else doc[ID]


def ids_query(pks) -> str:
    return f"{DJANGO_ID}:(" + " OR ".join(f'"{pk}"' for pk in pks) + ")"


def signature_command() -> str:
    doc = {ID: SIGNATURE_ID, DJANGO_CT: "search.signature", "signature": analysis.signature()}
    return '"add":' + json.dumps({"doc": doc}, ensure_ascii=False)


class SolrCount:
    """What the site asks a Whoosh searcher for (health check, warm-up)."""

    def __init__(self, backend):
        self.backend = backend

    def doc_count(self) -> int:
        return self.backend.select({"q": EVERYTHING, "rows": 0})["response"]["numFound"]


class ArchiveSolrBackend(SolrSearchBackend):
    def __init__(self, connection_alias, **options):
        options.setdefault("TIMEOUT", TIMEOUT)
        super().__init__(connection_alias, **options)
        self.url = options["URL"].rstrip("/")
        self.http = requests.Session()
        self._signed = False

    # -- talking to Solr ---------------------------------------------------------

    def call(self, method: str, path: str, **kwargs) -> dict:
        """One request to the collection; any failure is IndexUnavailable naming the URL."""
        try:
            response = self.http.request(method, f"{self.url}/{path}", timeout=self.timeout, **kwargs)
        except requests.RequestException as exc:
            raise IndexUnavailable(f"the Solr collection {self.url} does not answer: {exc}") from exc
        if response.status_code != 200:
            try:
                message = response.json()["error"]["msg"]
            except (ValueError, KeyError, TypeError):
                message = response.text[:300]
            raise IndexUnavailable(f"the Solr collection {self.url} refused {path.split('?')[0]} "
                                   f"({response.status_code}): {message}")
        return response.json()

    def select(self, params: dict) -> dict:
        params = {"wt": "json", **params, "fq": [f"{DJANGO_CT}:{ARTICLES}", *params.get("fq", [])]}
        return self.call("post", "select", data=params)

    def post(self, body: str, **params) -> dict:
        return self.call("post", "update", params={"wt": "json", **params}, data=body.encode("utf-8"),
                         headers={"Content-Type": "application/json"})

    def commit(self):
        self.post("{}", commit="true", waitSearcher="true")

    # -- the analyzer that built the collection ----------------------------------

    def stored_signature(self) -> str | None:
        found = self.call("get", "select", params={"q": f'id:"{SIGNATURE_ID}"', "fl": "signature", "wt": "json"})
        docs = found["response"]["docs"]
        if docs:
            return docs[0].get("signature")
        return analysis.signature() if not self.doc_ids(limit=1) else None

    def _signature_command(self) -> list[str]:
        """Names the running analyzer as the collection's when the collection is empty."""
        if self._signed:
            return []
        total = self.call("get", "select", params={"q": EVERYTHING, "rows": 0, "wt": "json"})["response"]["numFound"]
        self._signed = True
        return [] if total else [signature_command()]

    # -- writing -------------------------------------------------------------------

    def update(self, index, iterable, commit=True):
        self.write(index, iterable, ())

    def remove(self, obj_or_string, commit=True):
        self.write(None, (), [get_identifier(obj_or_string)])

    def write(self, index, objects, remove_identifiers=(), size: int = 0, timeout: float | None = None):
        """Index `objects` and delete `remove_identifiers`, then commit once. Solr is asked
        first whether it answers, so an unreachable one fails before anything is sent."""
        commands = self._signature_command()
        gone = [identifier.rsplit(".", 1)[1] for identifier in remove_identifiers]
        for start in range(0, len(gone), CHUNK):
            commands.append('"delete":' + json.dumps({"query": ids_query(gone[start:start + CHUNK])}))
        docs = []
        for doc in self._documents(index, objects):
            docs.append(doc)
            if len(docs) == CHUNK:
                self._send(commands, docs)
                commands, docs = [], []
        self._send(commands, docs)
        self.commit()

    def _send(self, commands: list[str], docs: list[dict]):
        if docs:  # the article may have lived under another story's route: delete it there
            commands = commands + ['"delete":' + json.dumps({"query": ids_query(d[DJANGO_ID] for d in docs)})]
            commands += ['"add":' + json.dumps({"doc": d}, ensure_ascii=False) for d in docs]
        if commands:
            self.post("{" + ",".join(commands) + "}")

    def _documents(self, index, objects):
        for doc in prepared(index, objects):
            yield self.solr_document(doc)

    def solr_document(self, doc: dict) -> dict:
        out = {}
        for name, value in doc.items():
            if value in ("", None, []):
                continue
            if name in preanalyzed.STREAMS:
                out[name] = preanalyzed.field_value(name, value)
            elif isinstance(value, (list, tuple)):
                out[name] = [self.conn._from_python(v) for v in value]
            elif isinstance(value, int):
                out[name] = value
            else:
                out[name] = self.conn._from_python(value)
        out[ID] = routed_id(doc)
        return out

    def clear(self, models=None, commit=True):
        self.post("{" + ",".join(['"delete":' + json.dumps({"query": EVERYTHING}), signature_command()]) + "}")
        self._signed = True
        self.commit()

    def optimize(self):
        """Solr merges segments itself."""

    # -- reading -------------------------------------------------------------------

    def ping(self):
        """Raises IndexUnavailable unless the collection answers a search."""
        self.searcher().doc_count()

    def searcher(self) -> SolrCount:
        return SolrCount(self)

    def reset_searcher(self):
        """Nothing is held open: each search is a request."""

    def doc_ids(self, limit: int | None = None) -> set[str]:
        """Every indexed article's django_id."""
        return {doc[DJANGO_ID] for doc in self._every(DJANGO_ID, limit)}

    def stamps(self) -> dict[int, int | None]:
        """{article id: the stamp its document was indexed with}, None where it has none."""
        return stamps_by_id((doc[DJANGO_ID], doc.get(STAMP_FIELD)) for doc in self._every(f"{DJANGO_ID},{STAMP_FIELD}"))

    def _every(self, fields: str, limit: int | None = None):
        """These fields of every article document (at least `limit`), paged through Solr's cursor."""
        cursor, seen = "*", 0
        while True:
            rows = min(limit or 10000, 10000)
            response = self.select({"q": EVERYTHING, "fl": fields, "sort": f"{ID} asc", "rows": rows,
                                    "cursorMark": cursor})
            docs = response["response"]["docs"]
            yield from docs
            seen += len(docs)
            if response["nextCursorMark"] == cursor or (limit and seen >= limit):
                return
            cursor = response["nextCursorMark"]

    def version(self) -> str:
        """The number of articles and the newest write's version: every write changes one."""
        response = self.call("get", "select", params={"q": EVERYTHING, "rows": 1, "sort": "_version_ desc",
                                                      "fl": "_version_", "wt": "json"})
        docs = response["response"]["docs"]
        return f"{response['response']['numFound']}-{docs[0]['_version_'] if docs else 0}"

    # -- searching -----------------------------------------------------------------

    def search(self, query_string, sort_by=None, start_offset=0, end_offset=None, highlight=False,
               facets=None, result_class=None, collapse=False, **kwargs):
        """`collapse`: one hit per story (archive/repeats.py); "folded" counts the others."""
        start = start_offset or 0
        rows = max(0, end_offset - start) if end_offset is not None else 10
        order = solr_sort(sort_by)
        params = {"q": solr_query(query_string), "fl": "*,score", "start": start, "rows": rows, "sort": order}
        if collapse:  # the group's head: the best hit (by score, or first in the sort order)
            head = f" sort='{order}'" if sort_by else ""
            params["fq"] = [f"{{!collapse tag={FOLD_TAG} field={STORY_FIELD}{head}}}"]
        names = list(facets or ())
        if names or collapse:
            params["json.facet"] = json.dumps(json_facets(names, collapse))
        response = self.select(params)
        results = self._results(response, highlight, query_string, result_class)
        total = response["response"]["numFound"]
        results["folded"] = response["facets"]["unfolded"]["count"] - total if collapse and total else 0
        if names:
            results["facets"] = {"fields": facet_counts(response, names), "dates": {}, "queries": {}}
        return results

    def _results(self, response, highlight, query_string, result_class) -> dict:
        for doc in response["response"]["docs"]:
            doc[ID] = doc[ID].split("!", 1)[-1]
        results = self._process_results(Results(response), result_class=result_class)
        for result in results["results"]:  # a datetime, as the embedded engine's results have it
            if type(getattr(result, "date", None)) is datetime.date:
                result.date = datetime.datetime.combine(result.date, datetime.time.min)
        if highlight:  # snippets cut from the bodies in the database, as the embedded engine does
            highlight_page(results["results"], highlight_terms(query_string))
        return results

    def export_hits(self, query_string: str, sort_by, limit: int):
        from .exports import SolrHits  # it builds on this module

        return SolrHits(self, query_string, sort_by, limit)

    def more_like_this(self, model_instance, additional_query_string=None, start_offset=0, end_offset=None,
                       result_class=None, **kwargs):
        """Articles sharing the most of this one's words (headline and text), scored by Solr."""
        pk = str(model_instance.pk)
        found = self.select({"q": ids_query([pk]), "fl": "title", "rows": 1})["response"]["docs"]
        if not found:
            return {"results": [], "hits": 0}
        body = type(model_instance).objects.filter(pk=model_instance.pk).bodies_and_captions()
        text = "\n".join((found[0].get("title") or "", body.get(model_instance.pk, "")))
        counts = {}
        for word in analysis.query_words(text):
            if len(word) > 1:
                counts[word] = counts.get(word, 0) + 1
        words = sorted(counts, key=lambda w: (-counts[w], w))[:12]
        if not words:
            return {"results": [], "hits": 0}
        query = " OR ".join(f'text:"{w}"' for w in words)
        response = self.select({"q": query, "fq": [f"-{ids_query([pk])}"], "fl": "*,score",
                                "rows": end_offset or 10})
        return self._results(response, False, "", result_class)


class ArchiveSolrSearchQuery(ArchiveSearchQuery):
    """The same query building as the embedded engine: our query language, parsed by the backend."""


class ArchiveSolrEngine(BaseEngine):
    backend = ArchiveSolrBackend
    query = ArchiveSolrSearchQuery

