"""Sections of a docs page that one benchmark owns, so that two benchmarks can write
the same page (docs/search-quality.md) without erasing each other's figures."""
import re
from pathlib import Path


def _marks(name: str) -> tuple[str, str]:
    return f"<!-- {name} -->", f"<!-- /{name} -->"


def write_section(path, name: str, lines: list[str]) -> None:
    """Replace the section `name` of the page (or append it)."""
    path = Path(path)
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    start, end = _marks(name)
    block = "\n".join([start, *lines, end])
    pattern = re.compile(re.escape(start) + ".*?" + re.escape(end), re.S)
    text = pattern.sub(lambda _: block, text) if pattern.search(text) else text.rstrip("\n") + "\n\n" + block
    path.write_text(text.rstrip("\n") + "\n", encoding="utf-8")


def other_sections(path, own: str = "") -> list[str]:
    """The marked sections of the page, to keep when a benchmark rewrites the rest."""
    path = Path(path)
    if not path.exists():
        return []
    found = re.findall(r"(<!-- ([\w-]+) -->.*?<!-- /\2 -->)", path.read_text(encoding="utf-8"), re.S)
    return [block for block, name in found if name != own]
