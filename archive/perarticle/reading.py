"""Reading per-article files (CSV, JSON, JSONL) into rows that name their file and place."""
from __future__ import annotations

import csv
import io
import json
from dataclasses import dataclass
from pathlib import Path

from archive.ingest import IngestError, read_text

FORMATS = ("csv", "json", "jsonl")
SUFFIXES = {".csv": "csv", ".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl"}


@dataclass
class Row:
    path: str
    line: int | None  # CSV and JSONL: the line the row starts on
    record: int  # 1-based position among the file's rows
    values: dict[str, str]

    def error(self, message: str) -> IngestError:
        where = "" if self.line else f"record {self.record}: "
        return IngestError(where + message, self.path, self.line)


def collect_files(paths) -> list[Path]:
    """Directories are searched recursively for the known suffixes; plain paths are kept as
    given, so that a missing file is reported as an error rather than skipped."""
    files = []
    for path in map(Path, paths):
        if path.is_dir():
            files += sorted(p for p in path.rglob("*") if p.suffix.lower() in SUFFIXES and p.is_file())
        else:
            files.append(path)
    return files


def file_format(path: Path, forced: str | None) -> str:
    fmt = forced or SUFFIXES.get(path.suffix.lower())
    if fmt not in FORMATS:
        raise IngestError(f"unknown format {path.suffix!r}: name it .csv, .json or .jsonl, "
                          "or give --format", str(path))
    return fmt


def read_rows(path: Path, forced_format: str | None = None) -> tuple[list[str], list[Row]]:
    """(column names, rows). UTF-8 with or without BOM, or GB18030 (read_text decides);
    an empty file, bad bytes or bad syntax raise IngestError naming the file and line."""
    fmt = file_format(path, forced_format)
    text, _ = read_text(path)
    reader = {"csv": _csv_rows, "json": _json_rows, "jsonl": _jsonl_rows}[fmt]
    columns, rows = reader(text, str(path))
    if not rows:
        raise IngestError("no rows, only a header" if columns else "no rows", str(path))
    return columns, rows


def _csv_rows(text: str, path: str) -> tuple[list[str], list[Row]]:
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        columns = next(reader, [])
        rows, start = [], reader.line_num + 1
        for cells in reader:
            if any(c.strip() for c in cells):
                if len(cells) > len(columns):
                    raise IngestError(f"{len(cells)} cells under {len(columns)} columns", path, start)
                values = dict(zip(columns, cells + [""] * (len(columns) - len(cells))))
                rows.append(Row(path, start, len(rows) + 1, values))
            start = reader.line_num + 1
    except csv.Error as exc:
        raise IngestError(f"bad CSV: {exc}", path, reader.line_num) from exc
    return [c for c in columns], rows


def _jsonl_rows(text: str, path: str) -> tuple[list[str], list[Row]]:
    rows = []
    for number, line in enumerate(text.splitlines(), 1):
        if line.strip():
            rows.append(Row(path, number, len(rows) + 1, _record(_loads(line, path, number), path, number)))
    return _columns(rows), rows


def _json_rows(text: str, path: str) -> tuple[list[str], list[Row]]:
    data = _loads(text, path, None)
    if isinstance(data, dict):  # {"articles": [...]}: an export wrapping its one list
        lists = [v for v in data.values() if isinstance(v, list)]
        data = lists[0] if len(lists) == 1 else data
    if not isinstance(data, list):
        raise IngestError("expected a list of objects, one per article", path)
    rows = [Row(path, None, n, _record(item, path, None, n)) for n, item in enumerate(data, 1)]
    return _columns(rows), rows


def _loads(text: str, path: str, line: int | None):
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise IngestError(f"bad JSON: {exc.msg} (column {exc.colno})", path, line or exc.lineno) from exc


def _record(item, path: str, line: int | None, number: int | None = None) -> dict[str, str]:
    if not isinstance(item, dict):
        where = "" if line else f"record {number}: "
        raise IngestError(f"{where}expected an object, found {type(item).__name__}", path, line)
    return {str(k): _text(v) for k, v in item.items()}


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, list):  # paragraphs or authors given as a list
        return "\n".join(_text(v) for v in value)
    return str(value)


def _columns(rows: list[Row]) -> list[str]:
    seen: dict[str, None] = {}
    for row in rows:
        seen.update(dict.fromkeys(row.values))
    return list(seen)
