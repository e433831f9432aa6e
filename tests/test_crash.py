"""Crash safety: an import killed with SIGKILL at random points leaves every issue
whole or absent, and the index is brought back in line with the database, by
`check_index --repair` or by the next import_issue."""
import datetime
import hashlib
import io
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from unittest import mock

from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import SimpleTestCase, TestCase, override_settings
from django.utils import timezone

from archive.models import Article, Issue
from search import recovery
from search.searching import search

from tests import archive_state as state
from tests.archive_helpers import EXTRA, TempDirMixin, run_import
from tests.fiction import fictional_issue
from tests.scratch import ROOT, manage, manage_cmd, scratch_database, site_env
from tests.search_helpers import TempIndexMixin, dead_marker

RUNS = int(os.environ.get("CRASH_RUNS", 24))
SEED = int(os.environ.get("CRASH_SEED", 6))
DATES = [str(datetime.date(2024, 5, 1) + datetime.timedelta(days=n)) for n in range(6)]
VARIANTS = {"a": 14, "b": 18}  # articles per issue in each version of an issue
IMPORT = ("import_issue", "--paper", "清河日报", "--paper-slug", "qinghe-daily")


class KillTests(SimpleTestCase):
    def setUp(self):
        tmp = tempfile.TemporaryDirectory(prefix="crash-")
        self.addCleanup(tmp.cleanup)
        self.tmp = Path(tmp.name)
        self.texts = {(day, v): fictional_issue(f"{day}-{v}", n) for day in DATES for v, n in VARIANTS.items()}
        self.variant_of = {hashlib.sha256(t.encode()).hexdigest(): key for key, t in self.texts.items()}

    def site(self, name):
        folder = self.tmp / name
        folder.mkdir()
        database = self.enterContext(scratch_database(folder))
        env = site_env(folder, database)
        manage(env, "migrate", "--noinput")
        return env

    def files(self, name, choice: dict) -> Path:
        folder = self.tmp / name
        folder.mkdir()
        for day, variant in choice.items():
            (folder / f"{day}.txt").write_text(self.texts[day, variant], encoding="utf-8")
        return folder

    def clean_counts(self) -> tuple[dict, callable]:
        """Per (date, version): what a clean import stores; and how long an import that
        changes n issues takes, from timed runs that change all, none and one of them."""
        env, counts, took = self.site("clean"), {}, []
        last = [*VARIANTS][-1]
        runs = [dict.fromkeys(DATES, v) for v in VARIANTS] + [dict.fromkeys(DATES, last), {DATES[0]: "a"}]
        for choice in runs:
            started = time.monotonic()
            manage(env, *IMPORT, self.files(f"clean-{len(took)}", choice))
            took.append(time.monotonic() - started)
            for day, (checksum, *numbers) in state.issues(env["DATABASE_URL"]).items():
                counts[self.variant_of[checksum]] = tuple(numbers)
        self.assertEqual(len(counts), len(self.texts))
        every, none, one = took[len(VARIANTS) - 1:]
        per_issue = max(0.02, (every - one) / (len(DATES) - 1))
        return counts, lambda n: none if n == 0 else one + per_issue * (n - 1)

    def assert_whole_or_absent(self, url, expected):
        for day, (checksum, *numbers) in state.issues(url).items():
            self.assertIn(checksum, self.variant_of, f"{day}: an issue no file had")
            key = self.variant_of[checksum]
            self.assertEqual(key[0], day)
            self.assertEqual(tuple(numbers), expected[key], f"{key}: articles, bylines, pages")

    def assert_index_matches(self, env):
        diff = state.index_differences(env["DATABASE_URL"], Path(env["INDEX_PATH"]))
        self.assertEqual(diff, {"missing": 0, "extra": 0, "stale": 0})

    def test_sigkill_at_random_points(self):
        expected, duration = self.clean_counts()
        env, rng = self.site("crash"), random.Random(SEED)
        stats = {"killed": 0, "finished": 0, "killed between issues": 0, "index behind before repair": 0}
        for run in range(RUNS):
            choice = {day: rng.choice("aab") for day in DATES if rng.random() < 0.8}
            before = state.issues(env["DATABASE_URL"])
            planned = {day for day, v in choice.items() if self.variant_of.get(before.get(day, ("",))[0]) != (day, v)}
            proc = subprocess.Popen(manage_cmd(*IMPORT, self.files(f"run-{run}", choice)), cwd=ROOT, env=env,
                                    stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            # From inside Django's start-up to just past the expected end of this run: a window
            # scaled to the issues it changes, since unchanged issues are skipped in no time.
            time.sleep(rng.uniform(0.3 * duration(0), 1.1 * duration(len(planned))))
            killed = proc.poll() is None
            if killed:
                proc.send_signal(signal.SIGKILL)
            proc.wait()
            stats["killed" if killed else "finished"] += 1
            self.assert_whole_or_absent(env["DATABASE_URL"], expected)
            after = state.issues(env["DATABASE_URL"])
            changed = {day for day in after if after[day] != before.get(day)}
            stats["killed between issues"] += killed and 0 < len(changed) < len(planned)
            diff = state.index_differences(env["DATABASE_URL"], Path(env["INDEX_PATH"]))
            stats["index behind before repair"] += any(diff.values())
            if run % 2:  # on even runs the next import_issue must repair on its start
                manage(env, "check_index", "--repair")
                self.assert_index_matches(env)
                manage(env, "check_index")
        manage(env, *IMPORT, self.files("final", dict.fromkeys(DATES, "a")))
        self.assert_whole_or_absent(env["DATABASE_URL"], expected)
        self.assertEqual({self.variant_of[c] for c, *_ in state.issues(env["DATABASE_URL"]).values()},
                         {(day, "a") for day in DATES})
        self.assert_index_matches(env)
        manage(env, "check_index")
        print(f"\nkill test: {RUNS} runs, seed {SEED}, import of 0/1/{len(DATES)} issues {duration(0):.2f}/{duration(1):.2f}/{duration(len(DATES)):.2f} s: {stats}")
        self.assertGreaterEqual(stats["killed"], RUNS // 2)


class RecoveryTests(TempIndexMixin, TempDirMixin, TestCase):
    """What a dead run leaves, made by hand: its marker, and an index that missed its last changes."""

    def setUp(self):
        super().setUp()
        run_import(self.write("2024-03-05.txt"))

    def check_index(self, *args):
        out = io.StringIO()
        call_command("check_index", *args, stdout=out)
        return out.getvalue()

    def test_stale_text_after_a_dead_run_is_reindexed(self):
        marker = dead_marker(self, timezone.now())
        article = Article.objects.get(title="城南老街改造完工")
        Article.objects.filter(pk=article.pk).update(title="城南老街改造工程完工")  # no signal: as if killed
        Issue.objects.filter(pk=article.issue_id).update(imported_at=timezone.now())
        with self.assertRaisesMessage(CommandError, "check_index --repair"):
            self.check_index()
        self.assertIn("repaired: 3 indexed", self.check_index("--repair"))  # the whole issue
        self.assertFalse(marker.exists())
        self.assertEqual({h.title for h in search("标题:工程完工").hits}, {"城南老街改造工程完工"})
        self.assertIn("the index matches", self.check_index())

    def test_the_next_import_repairs_first(self):
        dead_marker(self, timezone.now() - datetime.timedelta(minutes=1))
        gone = Article.objects.get(title="城南老街改造完工")
        Article.objects.filter(pk=gone.pk).delete()  # no signal: still in the index
        out, err, error = run_import(self.write("2024-03-12.txt", EXTRA))
        self.assertIsNone(error, out + err)
        self.assertIn("an earlier import died; index repaired", err)
        self.assertEqual(self.indexed_ids(), set(Article.objects.values_list("pk", flat=True)))
        self.assertEqual(recovery.dead_run_count(), 0)

    def test_a_live_import_is_left_alone(self):
        code = ("import django, os, sys, time; django.setup(); from search import recovery\n"
                "with recovery.import_run():\n    print('running', flush=True); time.sleep(30)")
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings"}
        proc = subprocess.Popen([sys.executable, "-c", code], cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True)
        self.addCleanup(proc.wait)
        self.addCleanup(proc.kill)
        self.assertEqual(proc.stdout.readline().strip(), "running")
        self.assertEqual(recovery.dead_run_count(), 0)
        self.assertEqual(recovery.repair(only_after_crash=True).dead_runs, 0)
        proc.kill()
        proc.wait()
        self.assertEqual(recovery.dead_run_count(), 1)  # the same marker, now nobody's
        self.assertEqual(recovery.repair().dead_runs, 1)
        self.assertEqual(recovery.dead_run_count(), 0)


class WaitingEditTests(TempIndexMixin, TempDirMixin, TestCase):
    """An edit while an import holds the index writer: the request does not wait
    for the import, and its articles are indexed by the next writer."""

    def setUp(self):
        super().setUp()
        run_import(self.write("2024-03-05.txt"))
        self.article = Article.objects.get(title="城南老街改造完工")

    def hold_writer(self, seconds):
        code = ("import sys, time; from whoosh.index import open_dir\n"
                "w = open_dir(sys.argv[1]).writer(); print('locked', flush=True); time.sleep(float(sys.argv[2])); w.cancel()")
        holder = subprocess.Popen([sys.executable, "-c", code, self.index_path, str(seconds)],
                                  stdout=subprocess.PIPE, text=True)
        self.addCleanup(holder.wait)
        self.assertEqual(holder.stdout.readline().strip(), "locked")
        return holder

    def edit(self, title):
        with self.captureOnCommitCallbacks(execute=True):
            self.article.title = title
            self.article.save()

    @override_settings(SEARCH_WRITE_WAIT=0.3)
    def test_busy_writer_leaves_the_edit_waiting_then_the_next_write_takes_it(self):
        holder = self.hold_writer(2)
        started = time.monotonic()
        with self.assertLogs("search.indexing", "WARNING"):
            self.edit("城南老街改造工程完工")
        self.assertLess(time.monotonic() - started, 1.5)
        self.assertEqual(len(recovery.waiting()), 1)
        with self.assertRaisesMessage(CommandError, "check_index --repair"):
            call_command("check_index", stdout=io.StringIO())
        holder.wait()
        other = Article.objects.exclude(pk=self.article.pk).first()
        with self.captureOnCommitCallbacks(execute=True):
            other.save()  # any later index write takes the waiting ids along
        self.assertEqual(recovery.waiting(), [])
        self.assertEqual({h.title for h in search("标题:工程完工").hits}, {"城南老街改造工程完工"})

    def test_a_worker_killed_before_the_index_write_leaves_its_note(self):
        with mock.patch("search.indexing.drain", side_effect=SystemExit("killed")), \
                self.assertRaises(SystemExit):
            self.edit("城南老街改造工程完工")
        self.assertEqual(len(recovery.waiting()), 1)
        self.assertIn("edits waiting for the index: 1", self.check_index_repair())
        self.assertEqual({h.title for h in search("标题:工程完工").hits}, {"城南老街改造工程完工"})
        self.assertEqual(recovery.waiting(), [])

    def check_index_repair(self):
        out = io.StringIO()
        call_command("check_index", "--repair", stdout=out)
        return out.getvalue()
