"""Reading issue files: encoding detection, and the issue date from a file name."""
from __future__ import annotations

import codecs
import datetime
import re
from pathlib import Path

from .records import IngestError

# GB18030 is a superset of GBK and GB2312, so one decoder covers all three.
FALLBACK_ENCODINGS = ("utf-8", "gb18030")
ENCODING_ALIASES = {"gbk": "gb18030", "gb2312": "gb18030", "cp936": "gb18030"}
# A sniff of the head is enough to spot binary files without scanning 20 MB.
SNIFF_BYTES = 64 * 1024
FILENAME_DATE = re.compile(r"(?<!\d)(\d{4})[-_.]?(\d{2})[-_.]?(\d{2})(?!\d)")


def read_text(path, encoding: str | None = None) -> tuple[str, str]:
    """Return (text, encoding used). Raises IngestError naming the file and line."""
    name = str(path)
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise IngestError(f"cannot read file: {exc.strerror or exc}", name) from exc
    if not data.strip():
        raise IngestError("empty file", name)
    if _looks_binary(data[:SNIFF_BYTES]):
        raise IngestError("binary file, not text", name)
    if data.startswith(codecs.BOM_UTF8):
        return _decode(data[len(codecs.BOM_UTF8):], "utf-8", name), "utf-8-sig"
    if encoding:
        encoding = _known_encoding(encoding, name)
        return _decode(data, encoding, name), encoding
    for candidate in FALLBACK_ENCODINGS:
        try:
            return data.decode(candidate), candidate
        except UnicodeDecodeError:
            continue
    # Neither fits: report where UTF-8 (the likelier intent) first breaks.
    return _decode(data, "utf-8", name), "utf-8"


def _looks_binary(head: bytes) -> bool:
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    return controls > len(head) // 100


def _known_encoding(encoding: str, name: str) -> str:
    encoding = ENCODING_ALIASES.get(encoding.lower(), encoding)
    try:
        return codecs.lookup(encoding).name
    except LookupError:
        raise IngestError(f"unknown encoding {encoding!r}", name) from None


def _decode(data: bytes, encoding: str, name: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        what = "truncated" if exc.start >= len(data) - 4 else "invalid"
        raise IngestError(
            f"{what} {encoding} byte sequence at byte {exc.start}; "
            "is the file cut short or in another encoding? (try --encoding)",
            name, line,
        ) from exc


def date_from_filename(name) -> datetime.date | None:
    """2022-05-21.txt, 20220521.txt, 大同日报-2022-05-21.txt → date; else None."""
    for match in FILENAME_DATE.finditer(Path(str(name)).name):
        try:
            return datetime.date(*map(int, match.groups()))
        except ValueError:
            continue
    return None
