"""import_issue --dry-run parses and prints without touching the database."""
import json
import tempfile
from pathlib import Path

from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext

from tests.archive_helpers import ISSUE, PAPER, TempDirMixin, run_import
from tests.scratch import manage, scratch_database, site_env


WRITES = ("INSERT", "UPDATE", "DELETE", "CREATE", "DROP", "ALTER")


class DryRunQueriesTests(TempDirMixin, TestCase):
    """A dry run writes nothing; it reads at most the stored issue's hand corrections
    (to say which it would keep, archive/corrections.py) and never the unchanged check."""

    def assert_read_only(self, queries):
        sqls = [q["sql"] for q in queries.captured_queries]
        self.assertLessEqual(len(sqls), 1, sqls)
        self.assertFalse([sql for sql in sqls if sql.lstrip().upper().startswith(WRITES)])
        self.assertFalse([sql for sql in sqls if '"checksum" =' in sql])  # no unchanged-file check

    def test_dry_run_reads_at_most_the_corrections(self):
        path = self.write("2022-05-21.txt")
        with CaptureQueriesContext(connection) as queries:
            out, _, error = run_import(path, "--dry-run")
        self.assertIsNone(error)
        self.assertIn("1 dry-run", out)
        self.assert_read_only(queries)

    def test_dry_run_json_reads_at_most_the_corrections(self):
        path = self.write("2022-05-21.txt")
        with CaptureQueriesContext(connection) as queries:
            out, _, error = run_import(path, "--dry-run", "--json")
        self.assertIsNone(error)
        self.assertEqual(json.loads(out)["date"], "2022-05-21")
        self.assert_read_only(queries)


class DryRunUnmigratedTests(TestCase):
    """In another process, on a database where `migrate` never ran."""

    def test_dry_run_before_migrate_prints_the_parse(self):
        with tempfile.TemporaryDirectory() as tmp:
            folder = Path(tmp)
            issue = folder / "2022-05-21.txt"
            issue.write_text(ISSUE, encoding="utf-8")
            with scratch_database(folder) as url:
                env = site_env(folder / "site", url)
                run = manage(env, "import_issue", issue, "--paper", PAPER, "--dry-run", "--json", check=False)
                self.assertEqual(run.returncode, 0, run.stderr)
                parsed = json.loads(run.stdout)
                self.assertEqual(parsed["paper"], PAPER)
                self.assertIn("城南老街改造完工", [a["title"] for a in parsed["articles"]])
                self.assertIn("1 dry-run", run.stderr)
                self.assertNotIn("no such table", run.stderr)
                # …and the same file without --dry-run says the database is not ready.
                real = manage(env, "import_issue", issue, "--paper", PAPER, check=False)
                self.assertNotEqual(real.returncode, 0)
