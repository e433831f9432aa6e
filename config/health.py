"""/healthz for load balancers and monitoring: can we read the database and the index?"""
import logging

from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

log = logging.getLogger(__name__)


def database() -> dict:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        cursor.fetchone()
    return {"ok": True}


def index() -> dict:
    from search import indexing

    return {"ok": True, "documents": indexing.backend().searcher().doc_count()}


@never_cache
@require_safe
def healthz(request):
    """200 when both answer, else 503 naming what failed (the details go to the log only)."""
    report, ok = {}, True
    for name, probe in (("database", database), ("index", index)):
        try:
            report[name] = probe()
        except Exception:
            log.exception("health check failed: %s", name)
            report[name], ok = {"ok": False}, False
    report["status"] = "ok" if ok else "error"
    return JsonResponse(report, status=200 if ok else 503)
