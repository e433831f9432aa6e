"""import_issue's progress bars: parsing and indexing, on a terminal only, never with -v 0
or --json, and never in what a script reads from stdout."""
import io
from unittest import mock

from django.core.management import call_command
from django.test import TestCase

from search.searching import search
from tests.archive_helpers import PAPER, SLUG, TempDirMixin
from tests.search_helpers import TempIndexMixin


class Terminal(io.StringIO):
    def isatty(self):
        return True


class ProgressTests(TempIndexMixin, TempDirMixin, TestCase):
    def setUp(self):
        super().setUp()
        for day in range(1, 6):
            self.write(f"2024-03-0{day}.txt")

    def run_import(self, terminal: bool, **options) -> tuple[str, str]:
        """(the bars written to sys.stderr, the command's stdout)."""
        screen, out = (Terminal() if terminal else io.StringIO()), io.StringIO()
        with mock.patch("sys.stderr", screen):
            call_command("import_issue", str(self.dir), paper=PAPER, paper_slug=SLUG,
                         stdout=out, stderr=io.StringIO(), **options)
        return screen.getvalue(), out.getvalue()

    def test_a_terminal_sees_parsing_and_indexing(self):
        bars, out = self.run_import(terminal=True)
        self.assertIn("解析", bars)
        self.assertIn("5/5", bars)
        self.assertIn("索引", bars)
        self.assertIn("15/15", bars)  # five issues of three articles
        self.assertNotIn("索引", out)
        self.assertEqual(search("梧桐树").total, 5)

    def test_quiet_when_not_a_terminal(self):
        bars, _ = self.run_import(terminal=False)
        self.assertEqual(bars, "")
        self.assertEqual(search("梧桐树").total, 5)

    def test_quiet_with_verbosity_zero(self):
        bars, _ = self.run_import(terminal=True, verbosity=0)
        self.assertEqual(bars, "")
        self.assertEqual(search("梧桐树").total, 5)

    def test_quiet_with_json(self):
        bars, out = self.run_import(terminal=True, dry_run=True, json=True)
        self.assertEqual(bars, "")
        self.assertEqual(len(out.splitlines()), 5)
