import datetime
import json
import traceback
from contextlib import contextmanager

from django.core.management.base import BaseCommand, CommandError

from archive.importer import InternalError, collect_files, import_paths
from archive.ingest import IngestError, explain
from search import indexing, recovery


def iso_date(value):
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise CommandError(f"--date {value!r}: expected YYYY-MM-DD") from None


def add_discard_option(parser):
    parser.add_argument("--discard-corrections", action="store_true",
                        help="overwrite editors' corrections (and undo splits and merges) with the parser's "
                             "values (the only way to); lists what it discarded")


class Command(BaseCommand):
    help = "Import newspaper issue dumps (*.txt files or directories of them) into the archive."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH")
        parser.add_argument("--paper", help="newspaper name, e.g. 清河日报 (required unless --explain)")
        parser.add_argument("--paper-slug", help="ASCII name for URLs (default: pinyin of --paper)")
        parser.add_argument("--date", help="issue date YYYY-MM-DD (default: from the file name)")
        parser.add_argument("--encoding", help="file encoding (default: detected)")
        parser.add_argument("--force", action="store_true",
                            help="re-parse and re-write issues whose file is unchanged (e.g. after a parser fix)")
        parser.add_argument("--dry-run", action="store_true", help="parse only, write nothing")
        parser.add_argument("--json", action="store_true",
                            help="with --dry-run: one JSON line per issue; with --explain: one per article")
        parser.add_argument("--explain", action="store_true",
                            help="print how each article was read (the rule that started it, the role of each "
                                 "headline line and the rule that gave it); touches no database")
        add_discard_option(parser)

    def handle(self, *args, **opts):
        if opts.get("explain"):  # import_articles, a subclass, has no --explain
            return self.explain(opts["paths"], opts["encoding"], opts["json"])
        if not opts["paper"]:
            raise CommandError("--paper is required (except with --explain)")
        if opts["json"] and not opts["dry_run"]:
            raise CommandError("--json needs --dry-run")
        progress = not opts["json"] and opts["verbosity"] > 0  # bars on a terminal only: archive/progress.py
        # One index writer for the whole run.
        with self.tracked(opts["dry_run"]), indexing.batch(progress=progress):
            report = self.run_import(opts, progress)
        if opts["json"]:
            for result in report.results:
                self.stdout.write(json.dumps(result.as_json(), ensure_ascii=False))
        # With --json stdout carries only JSON lines, so the summary goes to stderr.
        out = self.stderr if opts["json"] else self.stdout
        for line in report.summary():
            out.write(line)
        if opts["traceback"]:  # the stack of each internal error (a bug), for its report
            for error in report.errors:
                if isinstance(error, InternalError):
                    self.stderr.write("".join(traceback.format_exception(error.__cause__)))
        if report.errors:
            raise CommandError(self.failure(report))

    def run_import(self, opts, progress):
        date = opts["date"] and iso_date(opts["date"])
        return import_paths(
            opts["paths"], opts["paper"], paper_slug=opts["paper_slug"], encoding=opts["encoding"],
            date=date, dry_run=opts["dry_run"], force=opts["force"], progress=progress,
            discard_corrections=opts["discard_corrections"],
        )

    def failure(self, report) -> str:
        return f"{len(report.errors)} of {len(report.errors) + len(report.results)} files failed"

    def explain(self, paths, encoding, as_json):
        """Parse only, and say why: no database, no index, no files written."""
        failed = []
        for path in collect_files(paths):
            try:
                reading = explain.read_file(path, encoding)
            except IngestError as exc:
                failed.append(str(exc))
                continue
            if as_json:
                for record in explain.explain_records(reading):
                    self.stdout.write(json.dumps({"file": str(path), **record}, ensure_ascii=False))
            else:
                self.stdout.write(f"== {path}")
                for line in explain.explain_lines(reading):
                    self.stdout.write(line)
        if failed:
            raise CommandError("cannot explain: " + "; ".join(failed))

    @contextmanager
    def tracked(self, dry_run):
        """Mark the run, so that a crash is repaired by the next run; repair an
        earlier run that died (its issues may be missing or stale in the index)."""
        if dry_run:
            yield
            return
        with recovery.import_run():
            done = recovery.repair(only_after_crash=True)
            if done.dead_runs:
                self.stderr.write(f"an earlier import died; index repaired: {done.summary()}")
            yield
