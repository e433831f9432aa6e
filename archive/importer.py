"""Write parsed issues into the database.

One file is one issue and one transaction. Issues are keyed on (paper, date)
and updated in place, matching articles by seq, so article ids and URLs stay
stable across re-imports. A file that fails, even through a bug (any Exception),
is rolled back and reported, and the other files go on.
"""
from __future__ import annotations

import datetime
import hashlib
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

from django.db import DataError, transaction

from archive import sources
from archive.corrections import (Corrections, corrections_summary, keep_credits, merged_seqs, preview_corrections,
                                 reconcile_article, reconcile_surplus)
from archive.progress import progress as progress_bar
from archive.ingest import IngestError, ParsedArticle, ParsedIssue, date_from_filename, parse_file
from archive.ingest.fields import PHOTOGRAPHER
from archive.signals import articles_written
from archive.models import SPLIT_SEQ_BASE, Article, Byline, Caption, Issue, Newspaper, Page, Person, pinyin_slug

ARTICLE_FIELDS = [
    "page", "kind", "column", "kicker", "title", "subtitle", "dateline_source", "dateline_place",
    "dateline_date", "editor_note", "sidebar_title", "sidebar_items", "body", "dropped_duplicates",
    "char_count", "source_line", "source_url",
]
BATCH = 500


class InternalError(IngestError):
    """An unexpected exception (a bug, not bad input); the original is its __cause__."""

    def __init__(self, path, exc: Exception, during: str):
        super().__init__(f"internal error while {during}: {type(exc).__name__}: {exc}", str(path))
        self.__cause__ = exc  # also when recorded rather than raised


@dataclass
class IssueResult:
    path: str
    paper: str
    date: datetime.date
    status: str  # created | updated | unchanged | dry-run
    parsed: ParsedIssue | None = None  # None when unchanged: the file was not parsed
    articles: int = 0
    bylines: int = 0
    duplicates: int = 0
    corrections: Corrections = field(default_factory=Corrections)

    def as_json(self) -> dict:
        return {
            "paper": self.paper,
            "date": self.date.isoformat(),
            "articles": [a.as_json() for a in self.parsed.articles],
        }


@dataclass
class ImportReport:
    results: list[IssueResult] = field(default_factory=list)
    errors: list[IngestError] = field(default_factory=list)  # InternalError for bugs

    def count(self, status: str) -> int:
        return sum(r.status == status for r in self.results)

    def total(self, attr: str) -> int:
        return sum(getattr(r, attr) for r in self.results)

    def summary(self) -> list[str]:
        statuses = ("created", "updated", "unchanged", "dry-run")
        issues = ", ".join(f"{self.count(s)} {s}" for s in statuses if self.count(s))
        lines = [
            f"issues: {issues or 'none'}",
            # Unchanged files are skipped unparsed, so they add nothing here.
            f"articles: {self.total('articles')}, bylines: {self.total('bylines')}, "
            f"duplicates dropped: {self.total('duplicates')} (in files parsed)",
        ]
        lines += corrections_summary([r.corrections for r in self.results])
        if self.errors:
            lines.append(f"errors: {len(self.errors)}")
            lines += [str(e) for e in self.errors]
        return lines


def collect_files(paths) -> list[Path]:
    """Directories are searched recursively for *.txt; plain paths are kept as given
    so that a missing file is reported as an error rather than skipped."""
    files = []
    for path in map(Path, paths):
        files += sorted(path.rglob("*.txt")) if path.is_dir() else [path]
    return files


def import_paths(paths, paper: str, *, date=None, progress: bool = False, **options) -> ImportReport:
    """Import every file; a bad file is recorded and the others go on.

    Not BaseException: Ctrl-C (KeyboardInterrupt) still stops the run, after
    rolling back the file in progress; files already done stay imported."""
    from archive.ahead import parse_ahead  # it builds on this module

    report, people, done = ImportReport(), {}, {}
    files = collect_files(paths)
    show = progress and len(files) > 3
    wanted = partial(will_parse, paper=paper, date=date, **options)
    with parse_ahead(files, options.get("encoding"), wanted, fingerprints=not options.get("dry_run")) as parser:
        for path in progress_bar(files, show, unit="file", desc="解析"):
            try:
                day = issue_date(path, date)
                # Two files of one date would silently overwrite each other's issue.
                if day in done:
                    raise IngestError(f"same issue date {day} as {done[day]}", str(path))
                report.results.append(import_file(path, paper, date=day, people=people, parser=parser, **options))
                done[day] = path
            except IngestError as exc:
                report.errors.append(exc)
            except Exception as exc:  # a bug outside the parser, e.g. in saving
                report.errors.append(InternalError(path, exc, "importing"))
    return report


def will_parse(path, paper: str, *, date=None, dry_run=False, force=False, **options) -> bool:
    """Whether import_file will parse this file: not when it is unchanged, nor when it
    cannot be read or dated (import_file reports that)."""
    if dry_run or force:
        return True
    try:
        return not is_unchanged(paper, issue_date(Path(path), date), read_bytes(Path(path)))
    except IngestError:
        return False


def issue_date(path: Path, date=None) -> datetime.date:
    date = date or date_from_filename(path.name)
    if date is None:
        raise IngestError("no date: give --date or name the file like 2022-05-21.txt", str(path))
    return date


def import_file(path, paper: str, *, date=None, encoding=None, dry_run=False, force=False,
                paper_slug=None, people: dict | None = None, discard_corrections=False,
                parser=None) -> IssueResult:
    """Import one issue file. `people` caches Person rows by name across calls; `parser`
    stands in for parse() (archive/ahead.py parses in other processes).

    An unchanged file (same SHA-256 as stored) is skipped unless `force`, which
    re-parses and re-writes it, e.g. after a parser fix."""
    path = Path(path)
    date = issue_date(path, date)
    data = read_bytes(path)
    # A dry run reads no table, so it works before `migrate` and on a read-only database.
    if not (dry_run or force) and is_unchanged(paper, date, data):
        return IssueResult(str(path), paper, date, "unchanged")
    parsed = (parser or parse)(path, encoding)
    return write_issue(parsed, path, data, paper, date, dry_run=dry_run, paper_slug=paper_slug, people=people,
                       discard_corrections=discard_corrections)


def is_unchanged(paper: str, date, data: bytes) -> bool:
    """The stored issue was imported from these very bytes."""
    checksum = hashlib.sha256(data).hexdigest()
    return Issue.objects.filter(paper__name=paper, date=date, checksum=checksum).exists()


def write_issue(parsed: ParsedIssue, path: Path, data: bytes, paper: str, date, *, dry_run=False,
                paper_slug=None, people: dict | None = None, discard_corrections=False) -> IssueResult:
    """Write one parsed issue in one transaction, whichever importer read it: `data` is its
    source (kept, and its SHA-256 tells an unchanged re-import), `path` names it in errors."""
    if len(parsed.articles) >= SPLIT_SEQ_BASE:  # seqs from there on are for split articles
        raise IngestError(f"{len(parsed.articles)} articles in one issue: at most {SPLIT_SEQ_BASE - 1}", str(path))
    result = IssueResult(str(path), paper, date, "dry-run", parsed)
    result.articles = len(parsed.articles)
    result.duplicates = sum(len(a.dropped_duplicates) for a in parsed.articles)
    # The parser names each (name, role) once per article (ingest.fields.unique_bylines).
    result.bylines = sum(len(a.bylines) for a in parsed.articles)
    if dry_run:
        preview_corrections(paper, date, parsed, result.corrections, discard_corrections)
        return result
    people = {} if people is None else people
    new_people = {}
    try:
        with transaction.atomic():
            issue, created = save_issue(path, paper, paper_slug, date, hashlib.sha256(data).hexdigest())
            articles = save_articles(issue, parsed, result.corrections, discard_corrections)
            save_credits(articles, parsed, people, new_people)
            articles_written.send(sender=Article, ids=[a.pk for a in articles.values()])
            # Kept only once the issue is committed: a rolled-back file leaves no source behind.
            transaction.on_commit(partial(sources.keep, data, issue.paper.slug, date))
    except DataError as exc:  # e.g. a "title" longer than the column allows
        raise IngestError(f"cannot store: {exc}", str(path)) from exc
    # Only rows that survived the commit may be reused by later files.
    people.update(new_people)
    result.status = "created" if created else "updated"
    return result


def read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except OSError as exc:
        raise IngestError(f"cannot read: {exc.strerror or exc}", str(path)) from exc


def parse(path: Path, encoding: str | None) -> ParsedIssue:
    """parse_file, with anything but an IngestError turned into one naming the file."""
    try:
        return parse_file(path, encoding)
    except IngestError:
        raise
    # LookupErrors too, but from the parser itself they are bugs.
    except (KeyError, IndexError) as exc:
        raise InternalError(path, exc, "parsing") from exc
    except (UnicodeError, LookupError) as exc:  # e.g. --encoding rot13: not a text codec
        raise IngestError(f"cannot decode: {exc}", str(path)) from exc
    except OSError as exc:
        raise IngestError(f"cannot read: {exc.strerror or exc}", str(path)) from exc
    except Exception as exc:
        raise InternalError(path, exc, "parsing") from exc


def get_paper(name: str, slug: str | None, path: Path) -> Newspaper:
    paper = Newspaper.objects.filter(name=name).first()
    if paper:
        return paper
    slug = slug or pinyin_slug(name, "paper")
    if Newspaper.objects.filter(slug=slug).exists():
        raise IngestError(f"paper slug {slug!r} is already taken: give another with --paper-slug", str(path))
    return Newspaper.objects.create(name=name, slug=slug)


def save_issue(path: Path, paper: str, paper_slug, date, checksum) -> tuple[Issue, bool]:
    newspaper = get_paper(paper, paper_slug, path)
    return Issue.objects.update_or_create(
        paper=newspaper, date=date, defaults={"source_name": path.name, "checksum": checksum}
    )


def save_pages(issue: Issue, parsed: ParsedIssue) -> dict[int, Page]:
    names = {p.number: p.name for p in parsed.pages}
    for a in parsed.articles:
        if a.page is not None:
            names[a.page] = names.get(a.page) or a.page_name
    issue.pages.all().delete()
    pages = Page.objects.bulk_create(Page(issue=issue, number=n, name=names[n]) for n in sorted(names))
    return {p.number: p for p in pages}


def body_of(a: ParsedArticle) -> str:
    return "\n".join(a.paragraphs)


def article_values(a: ParsedArticle, pages: dict[int, Page]) -> dict:
    dateline, sidebar = a.dateline, a.sidebar
    return {
        "page": pages.get(a.page),
        "kind": a.kind,
        "column": a.column,
        "kicker": a.kicker,
        "title": a.title,
        "subtitle": a.subtitle,
        "dateline_source": dateline.source if dateline else "",
        "dateline_place": dateline.place if dateline else "",
        "dateline_date": dateline.date if dateline else "",
        "editor_note": list(a.editor_note),
        "sidebar_title": sidebar.title if sidebar else "",
        "sidebar_items": list(sidebar.items) if sidebar else [],
        "body": body_of(a),
        "dropped_duplicates": list(a.dropped_duplicates),
        "char_count": sum(len(p) for p in a.paragraphs),
        "source_line": a.line,
        # Per-article sources (archive/perarticle) carry each article's link; text dumps have none.
        "source_url": getattr(a, "url", ""),
    }


def save_articles(issue: Issue, parsed: ParsedIssue, corrections: Corrections | None = None,
                  discard=False) -> dict[int, Article]:
    """Update articles in place by seq; returns the articles written, by seq. Editors'
    corrections are kept (or discarded) as archive/corrections.py decides, into `corrections`."""
    corrections = Corrections() if corrections is None else corrections
    existing = {a.seq: a for a in issue.articles.select_related("page")}
    page_now = {seq: a.page.number if a.page else None for seq, a in existing.items()}
    pages = save_pages(issue, parsed)  # the old pages go: articles' page links are set again below
    merged = merged_seqs(issue, corrections, discard)
    to_update, to_create = [], []
    for parsed_article in parsed.articles:
        if parsed_article.seq in merged:
            continue  # merged into another article by staff: its URL answers 301 there
        values = article_values(parsed_article, pages)
        article = existing.get(parsed_article.seq)
        if article:
            reconcile_article(article, values, parsed_article, pages, page_now[article.seq], corrections, discard)
            for name, value in values.items():
                setattr(article, name, value)
            to_update.append(article)
        else:
            to_create.append(Article(issue=issue, seq=parsed_article.seq, **values))
    surplus = [existing[seq] for seq in set(existing) - {a.seq for a in parsed.articles}]
    kept = reconcile_surplus(issue, surplus, pages, page_now, corrections, discard)
    issue.articles.filter(pk__in=[a.pk for a in surplus if a not in kept]).delete()
    Article.objects.bulk_update(to_update + kept, ARTICLE_FIELDS + ["corrected_fields"], batch_size=BATCH)
    created = Article.objects.bulk_create(to_create, batch_size=BATCH)
    return {a.seq: a for a in to_update + created + kept}


def save_credits(articles: dict[int, Article], parsed: ParsedIssue, people: dict, new_people: dict):
    """Replace the bylines and captions of the issue's articles, except those editors corrected."""
    written = [(pa, articles[pa.seq]) for pa in parsed.articles if pa.seq in articles]
    keep_bylines, keep_captions = keep_credits(article for _, article in written)
    Byline.objects.filter(article_id__in=[a.pk for _, a in written if a.pk not in keep_bylines]).delete()
    Caption.objects.filter(article_id__in=[a.pk for _, a in written if a.pk not in keep_captions]).delete()
    names = {b.name for pa, a in written if a.pk not in keep_bylines for b in pa.bylines}
    persons = resolve_people(names, people, new_people)
    bylines, captions = [], []
    for pa, article in written:
        credited = [] if article.pk in keep_bylines else pa.bylines
        bylines += [Byline(article=article, person=persons[b.name], role=b.role, order=i)
                    for i, b in enumerate(credited)]
        if article.pk in keep_captions:
            continue
        photographers = [persons[b.name] for b in credited if b.role == PHOTOGRAPHER]
        captions += [Caption(article=article, text=c.text, credit=c.credit, order=i,
                             photographer=next((p for p in photographers if p.name in c.credit), None))
                     for i, c in enumerate(pa.captions)]
    Byline.objects.bulk_create(bylines, batch_size=BATCH)
    Caption.objects.bulk_create(captions, batch_size=BATCH)


def resolve_people(names, people: dict, new_people: dict) -> dict[str, Person]:
    """Person rows by name, created when missing; lookups hit the run's cache first."""
    wanted = {n: people.get(n) or new_people.get(n) for n in names}
    missing = [n for n, p in wanted.items() if p is None]
    for person in Person.objects.filter(name__in=missing):
        wanted[person.name] = new_people[person.name] = person
    for name in sorted(n for n in missing if wanted[n] is None):
        wanted[name] = new_people[name] = Person.objects.create(name=name)
    return wanted
