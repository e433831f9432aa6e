"""A fresh, empty search index per test."""
import contextlib
import io
import json
import tempfile
from unittest import mock

from django.conf import settings
from django.core.management import call_command
from django.test import override_settings
from haystack import connections

from search import indexing, recovery


class TempIndexMixin:
    """With SEARCH_ENGINE=solr (make test-solr) the index is the Solr collection, emptied instead."""

    def setUp(self):
        super().setUp()
        tmp = tempfile.TemporaryDirectory()
        self.addCleanup(tmp.cleanup)
        self.index_path = tmp.name
        if settings.SEARCH_ENGINE == "solr":
            config = {"default": dict(settings.HAYSTACK_CONNECTIONS["default"])}
        else:
            config = {"default": {"ENGINE": "search.backend.ArchiveWhooshEngine", "PATH": tmp.name}}
        override = override_settings(HAYSTACK_CONNECTIONS=config)
        override.enable()
        self.addCleanup(override.disable)
        self._use_connections(config)
        self.addCleanup(self._use_connections, None)
        if settings.SEARCH_ENGINE == "solr":
            self.backend().clear()

    @staticmethod
    def _use_connections(config):
        from django.conf import settings

        connections.connections_info = config or settings.HAYSTACK_CONNECTIONS
        connections.reload("default")

    def backend(self):
        return indexing.backend()

    def indexed_ids(self) -> set[int]:
        return {int(pk) for pk in self.backend().doc_ids()}


def dead_marker(test, started):
    """The marker of an import that died (search/recovery.py): nobody holds its lock."""
    path = recovery.runs_dir() / f"{recovery.PREFIX}dead-{started:%H%M%S%f}.json"
    path.write_text(json.dumps({"pid": 1, "started": started.isoformat()}))
    test.addCleanup(path.unlink, missing_ok=True)
    return path


def search_json(*queries, **options) -> list[dict]:
    out = io.StringIO()
    call_command("search_articles", *queries, json=True, stdout=out, **options)
    return [json.loads(line) for line in out.getvalue().splitlines()]


@contextlib.contextmanager
def separate_segments():
    """Each commit to the index writes a segment of its own (no merging, no optimize)."""
    from whoosh.writing import SegmentWriter

    from search.backend import ArchiveWhooshBackend

    commit = SegmentWriter.commit
    with mock.patch.object(SegmentWriter, "commit", lambda w, **kw: commit(w, **{**kw, "merge": False})), \
            mock.patch.object(ArchiveWhooshBackend, "optimize", lambda backend: None):
        yield
