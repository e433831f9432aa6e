"""A search that can run, read from a query string: parameters by
`search.params.from_query`, then the query itself parsed. Every failure is a
ParamError naming its parameter, raised before a feed or an export starts
streaming, when a 400 can still be sent."""
from .params import ParamError, SearchParams, from_query
from .query import QueryError, parse

FLAG_VALUES = {"": False, "0": False, "false": False, "no": False, "off": False,
               "1": True, "true": True, "yes": True, "on": True}


def searchable(query) -> SearchParams:
    params = from_query(query)
    if params.is_empty:
        raise ParamError("q", "q：请输入检索词，或至少一个筛选条件")
    if params.q.strip():
        try:
            parse(params.q)
        except QueryError as exc:
            raise ParamError("q", f"q：{exc}") from None
    return params


def flag(query, name: str) -> bool:
    value = (query.get(name, "") or "").strip().lower()
    if value not in FLAG_VALUES:
        raise ParamError(name, f"{name}：“{value[:20]}”应为 1 或 0")
    return FLAG_VALUES[value]
