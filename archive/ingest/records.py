"""Plain data produced by the parser: no Django here, so the parser can be
tested and benchmarked on its own."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass
class Dateline:
    source: str  # 本报, 新华社, 中新社 ...
    place: str = ""
    date: str = ""  # as printed, e.g. 5月20日


@dataclass
class Byline:
    name: str
    role: str  # 记者, 通讯员, 摄影, 见习记者, 作者 ...


@dataclass
class Caption:
    text: str
    credit: str = ""  # as printed, e.g. 本报记者 戎禹仁摄


@dataclass
class Sidebar:
    title: str
    items: list[str]


@dataclass
class ParsedArticle:
    seq: int  # 1-based order in the issue, photo items included
    line: int  # 1-based line number in the source file of the article's first line
    page: int | None = None  # None when the dump has no page markers
    page_name: str = ""  # 要闻, 综合 ... when the marker names it
    kind: str = "article"  # article | photo | notice
    column: str = ""
    kicker: str = ""
    title: str = ""
    subtitle: str = ""
    dateline: Dateline | None = None
    bylines: list[Byline] = field(default_factory=list)  # each (name, role) once, photographers last
    captions: list[Caption] = field(default_factory=list)
    editor_note: list[str] = field(default_factory=list)
    sidebar: Sidebar | None = None
    paragraphs: list[str] = field(default_factory=list)
    dropped_duplicates: list[str] = field(default_factory=list)

    def as_json(self) -> dict:
        """The `--dry-run --json` shape (same field names as the truth files)."""
        data = asdict(self)
        del data["line"], data["page_name"]
        return data


@dataclass
class Page:
    number: int
    name: str = ""


@dataclass
class ParsedIssue:
    articles: list[ParsedArticle]
    pages: list[Page] = field(default_factory=list)
    encoding: str = "utf-8"


class IngestError(Exception):
    """Bad input: names the file and, where it makes sense, the line."""

    def __init__(self, message: str, path: str = "", line: int | None = None):
        super().__init__(message)
        self.message = message
        self.path = path
        self.line = line

    def __str__(self) -> str:
        where = self.path or "<input>"
        if self.line:
            where += f":{self.line}"
        return f"{where}: {self.message}"
