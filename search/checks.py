"""Is the index the one this code would build, and does it hold what the database holds?"""
import logging

from django.core import checks

from archive.models import Article

from . import analysis, indexing

log = logging.getLogger(__name__)


def analyzer_mismatch() -> str:
    """Empty when the index was built by the running analyzer and dictionary."""
    stored = indexing.backend().stored_signature()
    current = analysis.signature()
    if stored == current:
        return ""
    return (f"the search index was built by {stored or 'an unknown analyzer'}, but this code uses "
            f"{current}: run `manage.py rebuild_index`")


def differences(in_index=None) -> tuple[set[int], set[int]]:
    """(ids in the database but not the index, ids in the index but not the database).
    `in_index`: the indexed ids, when the caller has read them already."""
    in_db = set(Article.objects.values_list("pk", flat=True))
    in_index = {int(pk) for pk in indexing.backend().doc_ids()} if in_index is None else set(in_index)
    return in_db - in_index, in_index - in_db


@checks.register("search")
def check_analyzer(app_configs=None, **kwargs):
    try:
        problem = analyzer_mismatch()
    except Exception as exc:  # an unreadable index is worth a warning, not a crash
        problem = f"cannot read the search index: {exc}"
    return [checks.Warning(problem, id="search.W001")] if problem else []


def warn_if_stale():
    """For servers, which do not run system checks."""
    for warning in check_analyzer():
        log.warning(warning.msg)
