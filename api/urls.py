"""/api/v1/: the API's routes, read-only. HEAD is answered as GET without a
body and OPTIONS with the allowed methods (ninja answers only the methods of
its operations, all GET here); every other method gets a JSON 405."""
from functools import wraps

from django.http import HttpResponse
from django.urls import URLPattern, include, path, re_path

from .errors import json_error
from .main import api

ALLOWED = ("GET", "HEAD", "OPTIONS")


def read_only(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method not in ALLOWED:
            response = json_error(405, f"只读接口：只接受 {'、'.join(ALLOWED)}")
            response["Allow"] = ", ".join(ALLOWED)
            return response
        if request.method == "OPTIONS":
            response = HttpResponse(status=204)
            response["Allow"] = ", ".join(ALLOWED)
            return response
        head = request.method == "HEAD"
        if head:
            request.method = "GET"
        response = view(request, *args, **kwargs)
        if head and response.streaming:
            response.streaming_content = ()  # an export's headers, without running it
        elif head:
            response["Content-Length"] = str(len(response.content))
            response.content = b""
        return response

    return wrapper


def _read_only(patterns):
    return [URLPattern(p.pattern, read_only(p.callback), p.default_args, p.name) for p in patterns]


_patterns, _app_name, _namespace = api.urls
def unknown(request, rest=""):
    return json_error(404, "没有这个接口，见 /api/v1/docs")


urlpatterns = [
    path("api/v1/", include((_read_only(_patterns), _app_name), namespace=_namespace)),
    re_path(r"^api/(?P<rest>.*)$", unknown),
]
