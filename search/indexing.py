"""Keeping the index in step with the database.

Every change names article ids; the index is then made to agree with the
database for those ids (indexed if the row exists, removed if not), so the
order in which changes arrive does not matter. Outside a batch this happens
when the transaction commits; inside `batch()` (an import) it happens once,
with one writer, at the end.
"""
import threading
from contextlib import contextmanager

from django.db import transaction
from haystack import connections

from archive.models import Article

_local = threading.local()
CHUNK = 500


def backend():
    return connections["default"].get_backend()


def article_index():
    return connections["default"].get_unified_index().get_index(Article)


def identifier(pk) -> str:
    return f"archive.article.{pk}"


def reconcile(ids) -> tuple[int, int]:
    """Index the articles that exist and drop the rest; returns (indexed, removed)."""
    ids = sorted(set(ids))
    index, indexed, removed = article_index(), 0, 0
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start:start + CHUNK]
        articles = list(index.index_queryset().filter(pk__in=chunk))
        gone = set(chunk) - {a.pk for a in articles}
        backend().write(index, articles, [identifier(pk) for pk in gone])
        indexed, removed = indexed + len(articles), removed + len(gone)
    return indexed, removed


def changed(ids):
    ids = set(ids)
    if not ids:
        return
    pending = getattr(_local, "pending", None)
    if pending is not None:
        pending.update(ids)
    else:
        transaction.on_commit(lambda: reconcile(ids))


@contextmanager
def batch(optimize: bool = True):
    """Collect changes and index them together when the block ends, even if it
    ends with an error: what was committed before the error is indexed."""
    if getattr(_local, "pending", None) is not None:
        yield
        return
    _local.pending = set()
    try:
        yield
    finally:
        pending, _local.pending = _local.pending, None
        if pending:
            reconcile(pending)
            if optimize:
                backend().optimize()
