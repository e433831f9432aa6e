"""How the parser read an issue, article by article: the rule that started each
article (with the cues that weighed most when the weighted score decided) and
the role of each headline line with the rule that gave it. For tracing a wrong
cut at a glance (`manage.py import_issue --explain FILE`)."""
from __future__ import annotations

from .parser import Reading, read_issue
from .source import read_text
from .starts import RULES, SCORE, Decision

KINDS = {rule.name: rule.kind for rule in RULES}


def read_file(path, encoding: str | None = None) -> Reading:
    """Read and parse one issue file, keeping what explains it; raises IngestError naming the file."""
    text, _ = read_text(path, encoding)
    return read_issue(text, path=str(path))


def explain_lines(reading: Reading) -> list[str]:
    """Readable lines: one header per article, then one line per heading."""
    out: list[str] = []
    for article, block, headline in zip(reading.issue.articles, reading.blocks, reading.headlines):
        page = "-" if article.page is None else article.page
        out.append(f"#{article.seq}  page {page}  line {article.line}  started by {describe(block.started_by)}")
        for heading in headline.headings:
            out.append(f"    {heading.role:<9} {heading.text}    [{heading.rule}]")
        if not headline.headings:
            out.append("    (no headline)")
    return out


def explain_records(reading: Reading) -> list[dict]:
    """The same, one dict per article (for JSON lines)."""
    return [{
        "seq": article.seq,
        "page": article.page,
        "line": article.line,
        "started_by": decision_record(block.started_by),
        "headings": [{"role": h.role, "text": h.text, "rule": h.rule} for h in headline.headings],
    } for article, block, headline in zip(reading.issue.articles, reading.blocks, reading.headlines)]


def describe(decision: Decision) -> str:
    """`score +4.88 (column_tag +4.90, …)`, `next_dated_report (always rule)` or `page_top`."""
    if decision.rule == SCORE:
        cues = ", ".join(f"{name} {value:+.2f}" for name, value in decision.cues)
        return f"score {decision.score:+.2f} ({cues})"
    kind = KINDS.get(decision.rule)
    return f"{decision.rule} ({kind} rule)" if kind else decision.rule


def decision_record(decision: Decision) -> dict:
    if decision.rule != SCORE:
        return {"rule": decision.rule, "kind": KINDS.get(decision.rule, "segmenter")}
    return {"rule": decision.rule, "kind": "weighted", "score": round(decision.score, 3),
            "cues": [[name, round(value, 3)] for name, value in decision.cues]}
