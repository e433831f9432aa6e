"""Errors as JSON: `{"status": 400, "error": message, "param": name}`, the one
shape of every API error and of bad parameters to feeds and exports."""
from django.http import JsonResponse

from search.params import ParamError


def json_error(status: int, message: str, param: str | None = None) -> JsonResponse:
    data = {"status": status, "error": message}
    if param:
        data["param"] = param
    return JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})


def param_error(exc: ParamError) -> JsonResponse:
    return json_error(400, exc.message, exc.param)
