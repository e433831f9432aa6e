"""Importing per-article sources: CSV, JSON or JSONL files with one row per article
(crawls of a paper's e-paper site, CMS or CNKI exports). Rows are grouped by date into
issues, which are written exactly as import_issue writes them (importer.write_issue).

Every file is read before anything is written: one date's rows may stand in several
files, so writing the good files beside a bad one could leave half an issue."""
from __future__ import annotations

from pathlib import Path

from archive.importer import ImportReport, InternalError, IssueResult, is_unchanged, write_issue
from archive.ingest import IngestError

from .build import group_by_date
from .columns import resolve
from .reading import collect_files, read_rows


def import_article_files(paths, paper: str, *, mapping: dict | None = None, file_format: str | None = None,
                         dry_run=False, force=False, paper_slug=None, **write_options) -> ImportReport:
    report = ImportReport()
    rows = []
    for path in collect_files(paths):
        try:
            columns, found = read_rows(path, file_format)
            fields = resolve(columns, mapping or {}, str(path))
            rows += [(row, fields) for row in found]
        except IngestError as exc:
            report.errors.append(exc)
    if report.errors:
        return report
    try:
        issues = group_by_date(rows)
    except IngestError as exc:
        report.errors.append(exc)
        return report
    people = {}
    for issue in issues:
        path = Path(issue.path)
        try:
            if not (dry_run or force) and is_unchanged(paper, issue.date, issue.data):
                report.results.append(IssueResult(str(path), paper, issue.date, "unchanged"))
                continue
            report.results.append(write_issue(issue.parsed, path, issue.data, paper, issue.date,
                                              dry_run=dry_run, paper_slug=paper_slug, people=people,
                                              **write_options))
        except IngestError as exc:
            report.errors.append(exc)
        except Exception as exc:  # a bug, e.g. in saving: that issue is rolled back, the others go on
            report.errors.append(InternalError(path, exc, "importing"))
    return report

