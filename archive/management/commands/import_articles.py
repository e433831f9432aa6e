from django.core.management.base import CommandError

from archive.perarticle import import_article_files
from archive.perarticle.columns import parse_mapping
from archive.perarticle.reading import FORMATS

from .import_issue import Command as ImportIssueCommand
from .import_issue import add_discard_option


class Command(ImportIssueCommand):
    """Reports, --json, crash recovery and index batching as import_issue; only the reading differs."""
    help = "Import per-article files (CSV, JSON, JSONL; one row per article) into the archive, by date."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="*", metavar="FILE", help="CSV, JSON or JSONL files, or directories of them")
        parser.add_argument("--paper", required=True, help="newspaper name, e.g. 清河日报")
        parser.add_argument("--paper-slug", help="ASCII name for URLs (default: pinyin of --paper)")
        parser.add_argument("--map", nargs="+", action="extend", default=[], metavar="FIELD=COLUMN",
                            help="the column of a field, e.g. --map body=正文内容 page=版号")
        parser.add_argument("--format", choices=FORMATS, help="file format (default: from the extension)")
        parser.add_argument("--force", action="store_true", help="re-write issues whose rows are unchanged")
        parser.add_argument("--dry-run", action="store_true", help="read only, write nothing")
        parser.add_argument("--json", action="store_true", help="with --dry-run: one JSON line per issue")
        add_discard_option(parser)

    def run_import(self, opts, progress):  # rows need no parsing bar; indexing shows its own
        # `--map a=x b=y FILE`: the FILE (it has no "=") is not one of the pairs.
        paths = opts["paths"] + [item for item in opts["map"] if "=" not in item]
        if not paths:
            raise CommandError("give at least one FILE")
        try:
            mapping = parse_mapping([item for item in opts["map"] if "=" in item])
        except ValueError as exc:
            raise CommandError(str(exc)) from None
        return import_article_files(paths, opts["paper"], mapping=mapping, file_format=opts["format"],
                                    paper_slug=opts["paper_slug"], dry_run=opts["dry_run"], force=opts["force"],
                                    discard_corrections=opts["discard_corrections"])

    def failure(self, report) -> str:
        if not report.results:  # bad input: every file was read before anything was written
            return f"{len(report.errors)} bad input: nothing imported"
        return f"{len(report.errors)} of {len(report.errors) + len(report.results)} issues failed"
