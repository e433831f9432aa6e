"""Every hit of a search for an export (search/exports.py), from Solr.

The ids of the hits are read first, in the search's order, through Solr's cursor (a
page of ids a request); the stored fields then a batch at a time. Solr keeps no
snapshot between requests, so a hit deleted during the export is left out (never
repeated), and one edited meanwhile goes out as edited."""
from haystack.constants import ID

from search.exports import BATCH

from .backend import solr_query, solr_sort

ID_PAGE = 5000


class SolrHits:
    """The interface of search.exports.Hits: `total`, `rows`, batches(size), close()."""

    def __init__(self, backend, query_string: str, sort_by, limit: int):
        self.backend = backend
        self.ids, cursor, self.total = [], "*", 0
        query, order = solr_query(query_string), solr_sort(sort_by)
        while True:
            rows = max(0, min(ID_PAGE, limit - len(self.ids)))
            response = backend.select({"q": query, "fl": ID, "sort": order, "rows": rows, "cursorMark": cursor})
            self.total = response["response"]["numFound"]
            self.ids += [doc[ID] for doc in response["response"]["docs"]]
            if not rows or response["nextCursorMark"] == cursor or len(self.ids) >= min(limit, self.total):
                break
            cursor = response["nextCursorMark"]
        self.rows = len(self.ids)

    def batches(self, size: int = BATCH):
        for start in range(0, self.rows, size):
            wanted = self.ids[start:start + size]
            response = self.backend.select({"q": "{!terms f=%s}%s" % (ID, ",".join(wanted)), "fl": "*,score",
                                            "rows": len(wanted)})
            place = {doc_id: n for n, doc_id in enumerate(wanted)}
            response["response"]["docs"].sort(key=lambda doc: place[doc[ID]])
            yield self.backend._results(response, False, "", None)["results"]

    def close(self):
        """Nothing is held open between requests."""
