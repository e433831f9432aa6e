"""Keeping the index in step with the database.

Every change names article ids; the index is then made to agree with the
database for those ids (indexed if the row exists, removed if not), so the
order in which changes arrive does not matter. Outside a batch this happens
when the transaction commits; inside `batch()` (an import) it happens once,
with one writer, at the end.
"""
import logging
import threading
from contextlib import contextmanager

from django.conf import settings
from django.core.management.base import CommandError
from django.db import transaction
from haystack import connections
from whoosh.index import LockError

from archive.models import Article
from archive.progress import progress as progress_bar

from . import recovery

log = logging.getLogger(__name__)
_local = threading.local()
CHUNK = 500


class IndexUnavailable(CommandError):
    """The search engine does not answer (a Solr cluster that is down or unreachable):
    nothing was written to it. A command fails with this message; an edit leaves its
    articles to the next write (after_commit)."""


def backend():
    return connections["default"].get_backend()


def article_index():
    return connections["default"].get_unified_index().get_index(Article)


def identifier(pk) -> str:
    return f"archive.article.{pk}"


def reconcile(ids, timeout: float | None = None, progress: bool = False) -> tuple[int, int]:
    """Index the articles that exist and drop the rest, in one commit; returns
    (indexed, removed). `timeout`: seconds to wait for another writer (default: the backend's);
    `progress`: a bar of the articles indexed, on a terminal."""
    ids = sorted(set(ids))
    index = article_index()
    existing = set()
    for start in range(0, len(ids), CHUNK):
        existing.update(Article.objects.filter(pk__in=ids[start:start + CHUNK]).values_list("pk", flat=True))
    gone = [identifier(pk) for pk in ids if pk not in existing]
    articles = progress_bar(_articles(index, sorted(existing)), progress and bool(existing),
                            total=len(existing), unit="篇", desc="索引")
    backend().write(index, articles, gone, size=len(existing), timeout=timeout)
    return len(existing), len(gone)


def _articles(index, ids):
    for start in range(0, len(ids), CHUNK):
        yield from index.index_queryset().filter(pk__in=ids[start:start + CHUNK])


def changed(ids):
    ids = set(ids)
    if not ids:
        return
    pending = getattr(_local, "pending", None)
    if pending is not None:
        pending.update(ids)
    else:
        transaction.on_commit(lambda: after_commit(ids))


@contextmanager
def batch(optimize: bool = True, progress: bool = False):
    """Collect changes and index them together when the block ends, even if it
    ends with an error: what was committed before the error is indexed.
    `progress`: show the indexing's progress (see archive/progress.py)."""
    if getattr(_local, "pending", None) is not None:
        yield
        return
    ping = getattr(backend(), "ping", None)  # a remote engine: fail before the database changes
    if ping:
        ping()
    _local.pending = set()
    try:
        yield
    finally:
        pending, _local.pending = _local.pending, None
        if pending or recovery.waiting():
            drain(pending, progress=progress)
            if optimize:
                backend().optimize()


def drain(ids=(), timeout: float | None = None, progress: bool = False) -> tuple[int, int]:
    """Reconcile `ids` and every edit's ids still waiting on disk (search/recovery.py)."""
    notes, waiting = recovery.waiting_ids()
    done = reconcile(set(ids) | waiting, timeout, progress)
    recovery.forget(notes)
    return done


def after_commit(ids):
    """An edit's index update. Its ids are noted on disk first, so that a process
    killed before the write (a gunicorn worker past its timeout) leaves them to
    the next writer. A writer held by an import is waited for only
    SEARCH_WRITE_WAIT seconds: the request goes on, and the import's end, the
    next edit or check_index --repair indexes them."""
    recovery.note(ids)
    try:
        drain(ids, timeout=settings.SEARCH_WRITE_WAIT)
    except LockError:
        log.warning("search index busy (an import?): %d edited articles left for the next index write", len(ids))
    except IndexUnavailable as exc:
        log.warning("%s: %d edited articles left for the next index write", exc, len(ids))
