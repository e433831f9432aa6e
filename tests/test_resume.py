"""An import killed part way resumes (issue #7): run again on the same folder, it skips the
issues committed before the kill as unchanged, imports the rest, and brings the search index,
which the killed run never wrote, in line with the database."""
import datetime
import signal
import subprocess
import tempfile
import time
from pathlib import Path

from django.test import SimpleTestCase

from tests import archive_state as state
from tests.fiction import fictional_issue
from tests.scratch import ROOT, manage, manage_cmd, scratch_database, site_env

DATES = [str(datetime.date(2024, 6, 1) + datetime.timedelta(days=n)) for n in range(8)]
# Big enough that each issue takes a while to store (~0.12 s each here, on SQLite and PostgreSQL),
# so that the kill lands after the second issue and well before the eighth.
ARTICLES = 120
KILL_AFTER = 2
IMPORT = ("import_issue", "--paper", "清河日报", "--paper-slug", "qinghe-daily")


def stored(url) -> dict[str, tuple]:
    """{date: (id, imported_at)}: a re-imported issue keeps its id but not its import time."""
    return {str(date): (pk, at) for date, pk, at in state.query(url, "SELECT date, id, imported_at FROM archive_issue")}


class ResumeTests(SimpleTestCase):
    def setUp(self):
        tmp = tempfile.TemporaryDirectory(prefix="resume-")
        self.addCleanup(tmp.cleanup)
        self.tmp = Path(tmp.name)
        self.files = self.tmp / "issues"
        self.files.mkdir()
        for day in DATES:
            (self.files / f"{day}.txt").write_text(fictional_issue(day, ARTICLES, pages=4), encoding="utf-8")

    def site(self, name):
        folder = self.tmp / name
        folder.mkdir()
        env = site_env(folder, self.enterContext(scratch_database(folder)))
        manage(env, "migrate", "--noinput")
        return env

    def kill_after(self, env, issues: int):
        """Start the import and SIGKILL it as soon as `issues` issues are stored."""
        url = env["DATABASE_URL"]
        proc = subprocess.Popen(manage_cmd(*IMPORT, self.files), cwd=ROOT, env=env,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.addCleanup(proc.kill)
        while proc.poll() is None and state.query(url, "SELECT count(*) FROM archive_issue")[0][0] < issues:
            time.sleep(0.005)
        proc.send_signal(signal.SIGKILL)  # nothing, if it has finished
        proc.wait()
        self.assertEqual(proc.returncode, -signal.SIGKILL, "the import finished before the kill: bigger issues")

    def test_a_killed_import_resumes_skipping_the_issues_it_completed(self):
        clean = self.site("clean")
        manage(clean, *IMPORT, self.files)
        expected = state.issues(clean["DATABASE_URL"])  # {date: (checksum, articles, bylines, pages)}
        self.assertEqual(len(expected), len(DATES))

        env = self.site("killed")
        url, index = env["DATABASE_URL"], Path(env["INDEX_PATH"])
        self.kill_after(env, KILL_AFTER)
        done = stored(url)
        self.assertTrue(KILL_AFTER <= len(done) < len(DATES), f"{len(done)} issues stored at the kill")
        self.assertEqual(state.issues(url), {day: expected[day] for day in done})  # whole, or absent
        self.assertEqual(state.index_differences(url, index)["missing"], sum(expected[d][1] for d in done))

        run = manage(env, *IMPORT, self.files)
        self.assertIn(f"issues: {len(DATES) - len(done)} created, {len(done)} unchanged", run.stdout)
        self.assertIn("an earlier import died; index repaired", run.stderr)
        self.assertEqual(state.issues(url), expected)
        now = stored(url)
        self.assertEqual({day: now[day] for day in done}, done)  # the same rows, not written again
        self.assertEqual(state.index_differences(url, index), {"missing": 0, "extra": 0, "stale": 0})
        manage(env, "check_index")
