"""Turn plain-text issue dumps into structured articles. Pure Python: no Django."""
from .records import (  # noqa: F401
    Byline, Caption, Dateline, IngestError, Page, ParsedArticle, ParsedIssue, Sidebar,
)
from .source import date_from_filename, read_text  # noqa: F401
from .parser import parse_text  # noqa: F401


def parse_file(path, encoding: str | None = None, decider=None) -> ParsedIssue:
    """Read and parse one issue file; raises IngestError naming the file."""
    text, used = read_text(path, encoding)
    issue = parse_text(text, path=str(path), decider=decider)
    issue.encoding = used
    return issue
