"""The read-only JSON API, /api/v1/ (django-ninja): OpenAPI schema at
/api/v1/schema, interactive docs at /api/v1/docs with ninja's bundled
Swagger UI (no CDN). Every error is JSON: {"status", "error", "param"?}."""
import logging

from django.conf import settings
from django.http import Http404
from django.urls import reverse
from ninja import NinjaAPI
from ninja.errors import HttpError, ValidationError
from ninja.renderers import JSONRenderer

from search.params import ParamError

from . import archive, search
from .errors import json_error, param_error
from .throttle import AnonymousLimit

logger = logging.getLogger(__name__)


class Renderer(JSONRenderer):
    # Chinese as itself, not \uXXXX: readable in curl and half the bytes.
    json_dumps_params = {"ensure_ascii": False}


api = NinjaAPI(
    title="报纸档案 API",
    version="1",
    description="Read-only access to the newspaper archive: papers, issues, articles, people, search, "
                "exports. Anonymous clients are limited to API_RATE_LIMIT requests (429 beyond it).",
    urls_namespace="api",
    openapi_url="/schema",
    docs_url="/docs",
    renderer=Renderer(),
    throttle=[AnonymousLimit()],
)
api.add_router("", archive.router)
api.add_router("", search.router)


@api.get("/", url_name="index", summary="Where to start", tags=["index"])
def index(request):
    links = {"docs": "api:openapi-view", "schema": "api:openapi-json", "papers": "api:papers",
             "people": "api:people", "search": "api:search"}
    return {name: request.build_absolute_uri(reverse(url_name)) for name, url_name in links.items()}


@api.exception_handler(ParamError)
def bad_parameter(request, exc):
    return param_error(exc)


@api.exception_handler(ValidationError)
def invalid(request, exc):
    # ninja's own checks (path parameters such as a date): name the parameter, as ParamError does.
    first = exc.errors[0] if exc.errors else {}
    param = str(first.get("loc", ("", "?"))[-1])
    return json_error(400, f"{param}：无效的值（{first.get('msg', '')}）", param)


@api.exception_handler(Http404)
def not_found(request, exc):
    return json_error(404, "没有这个对象")


@api.exception_handler(HttpError)
def http_error(request, exc):
    message = "请求过于频繁，请稍后再试" if exc.status_code == 429 else str(exc)
    return json_error(exc.status_code, message)


@api.exception_handler(Exception)
def internal(request, exc):
    if settings.DEBUG:
        raise exc  # the debug page is more use to a developer
    logger.exception("API error on %s", request.get_full_path(), exc_info=exc)
    return json_error(500, "服务器内部错误")
