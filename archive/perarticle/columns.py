"""Which column of a per-article file holds which field: the common names, or --map."""
from __future__ import annotations

from archive.ingest import IngestError

# The names crawls and exports commonly use, compared without case or surrounding space.
COLUMN_NAMES = {
    "kicker": ("引题", "肩题", "special_title", "kicker"),
    "title": ("标题", "主题", "title"),
    "subtitle": ("副题", "subtitle"),
    "author": ("作者", "署名", "author", "byline"),
    "body": ("正文", "内容", "content", "text", "body"),
    "date": ("日期", "出版日期", "date"),
    "page": ("版次", "版名", "版面", "ban", "page"),
    "column": ("栏目", "column"),
    "url": ("链接", "url"),
}
FIELDS = tuple(COLUMN_NAMES)


def parse_mapping(items) -> dict[str, str]:
    """`--map body=正文内容 page=版号` -> {"body": "正文内容", "page": "版号"}; ValueError if malformed."""
    mapping = {}
    for item in items or ():
        field, sep, column = item.partition("=")
        field = field.strip().lower()
        if not sep or not column.strip():
            raise ValueError(f"--map {item!r}: expected FIELD=COLUMN")
        if field not in COLUMN_NAMES:
            raise ValueError(f"--map {item!r}: unknown field {field!r} (fields: {', '.join(FIELDS)})")
        mapping[field] = column.strip()
    return mapping


def resolve(columns: list[str], mapping: dict[str, str], path: str) -> dict[str, list[str]]:
    """{field: [columns]} for the file's columns. A page may be given as two columns
    (版次 and 版名), so each field may have several; a mapped one has exactly its own."""
    by_name: dict[str, list[str]] = {}
    for column in columns:
        by_name.setdefault(column.strip().lower(), []).append(column)
    found: dict[str, list[str]] = {}
    for field, names in COLUMN_NAMES.items():
        if field in mapping:
            wanted = mapping[field].strip().lower()
            if wanted not in by_name:
                raise IngestError(f"--map {field}={mapping[field]}: no such column "
                                  f"(columns: {', '.join(columns)})", path, 1)
            found[field] = by_name[wanted]
        else:
            found[field] = [c for name in names for c in by_name.get(name, [])]
    require(found, columns, path)
    return found


def require(found: dict[str, list[str]], columns: list[str], path: str) -> None:
    if not found["date"]:
        raise IngestError(f"missing required column date (one of {', '.join(COLUMN_NAMES['date'])}, "
                          f"or --map date=COLUMN; columns: {', '.join(columns)})", path, 1)
    if not (found["title"] or found["body"]):
        raise IngestError(f"missing required column title or body (one of "
                          f"{', '.join(COLUMN_NAMES['title'] + COLUMN_NAMES['body'])}, or --map; "
                          f"columns: {', '.join(columns)})", path, 1)
