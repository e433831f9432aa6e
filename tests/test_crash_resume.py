"""A big import killed in its index write resumes where the write's last commit left off:
the next run indexes only what is missing, and of the articles the dead run imported only
those whose indexed stamp is not their issue's (search/recovery.py). The index write commits
every SEARCH_SEGMENT_DOCS articles, set small here so that a kill lands between commits.
The writer processes of a killed write end with it, so that its run marker is a dead run's."""
import datetime
import os
import signal
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

from django.test import SimpleTestCase, override_settings
from whoosh.index import LockError, open_dir

from search import recovery
from search.backend import whoosh_query
from search.engine import matching

from tests import archive_state as state
from tests.fiction import fictional_issue
from tests.scratch import ROOT, manage, manage_cmd, scratch_database, site_env

DATES = [str(datetime.date(2024, 7, 1) + datetime.timedelta(days=n)) for n in range(4)]
ARTICLES = 60  # an issue
TOTAL = ARTICLES * len(DATES)
SEGMENT_DOCS = 30  # the index write commits this many at a time: 8 commits for the 240 articles
IMPORT = ("import_issue", "--paper", "清河日报", "--paper-slug", "qinghe-daily")
OLD, NEW = "梧桐巷", "银杏巷"  # in the last article of each issue, before and after its re-import


def issue_text(day: str, variant: str) -> str:
    street = OLD if variant == "a" else NEW
    return fictional_issue(f"{day}-{variant}", ARTICLES, pages=4) + f"\n{street}的路灯已经全部换新。\n"


def generation(index: Path) -> int:
    """The index's last commit (Whoosh's table of contents), -1 before the index exists."""
    return max((int(toc.stem.rsplit("_", 1)[1]) for toc in index.glob("_MAIN_*.toc")), default=-1)


def finds(index: Path, query: str) -> set[int]:
    """The ids of the articles the index finds for `query` (our query language)."""
    with open_dir(str(index)).searcher() as searcher:
        found = matching.find(searcher, whoosh_query(query), limit=TOTAL)
        return {int(searcher.stored_fields(n)["django_id"]) for n in found.docnums}


class ResumeIndexTests(SimpleTestCase):
    def setUp(self):
        tmp = tempfile.TemporaryDirectory(prefix="resume-index-")
        self.addCleanup(tmp.cleanup)
        self.tmp = Path(tmp.name)

    def site(self):
        folder = self.tmp / "site"
        folder.mkdir()
        env = site_env(folder, self.enterContext(scratch_database(folder)))
        manage(env, "migrate", "--noinput")
        manage(env, "check_index")  # creates the empty index
        return env, env["DATABASE_URL"], Path(env["INDEX_PATH"])

    def files(self, variant: str) -> Path:
        folder = self.tmp / f"issues-{variant}"
        folder.mkdir(exist_ok=True)
        for day in DATES:
            (folder / f"{day}.txt").write_text(issue_text(day, variant), encoding="utf-8")
        return folder

    def kill_at_first_commit(self, env, *args):
        """Run manage.py `args` and SIGKILL it as soon as it has committed to the index."""
        index, before = Path(env["INDEX_PATH"]), generation(Path(env["INDEX_PATH"]))
        proc = subprocess.Popen(manage_cmd(*args), cwd=ROOT, env={**env, "SEARCH_SEGMENT_DOCS": str(SEGMENT_DOCS)},
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        self.addCleanup(proc.kill)
        while proc.poll() is None and generation(index) == before:
            time.sleep(0.002)
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        self.assertEqual(proc.returncode, -signal.SIGKILL, "it finished before the kill")

    def resume(self, env, folder) -> str:
        run = manage(env, *IMPORT, folder)
        self.assertIn(f"issues: {len(DATES)} unchanged", run.stdout)
        return run.stderr

    def assert_index_matches(self, env, url, index):
        self.assertEqual(state.index_differences(url, index), {"missing": 0, "extra": 0, "stale": 0})
        manage(env, "check_index")

    def test_the_next_import_indexes_only_what_the_killed_write_had_not_committed(self):
        env, url, index = self.site()
        self.kill_at_first_commit(env, *IMPORT, self.files("a"))
        self.assertEqual(len(state.issues(url)), len(DATES))  # the index write comes after every issue
        committed = len(state.indexed(index))
        self.assertTrue(SEGMENT_DOCS <= committed < TOTAL, committed)
        self.assertEqual(state.index_differences(url, index), {"missing": TOTAL - committed, "extra": 0, "stale": 0})

        self.assertIn(f"an earlier import died; index repaired: {TOTAL - committed} indexed, 0 removed; "
                      f"of the {TOTAL} articles imported since the first dead run started, 0 were stale",
                      self.resume(env, self.files("a")))
        self.assert_index_matches(env, url, index)

    def test_articles_rewritten_in_place_by_the_killed_run_are_indexed_again_with_their_new_text(self):
        env, url, index = self.site()
        manage(env, *IMPORT, self.files("a"))
        old_street = finds(index, OLD)
        self.assertEqual(len(old_street), len(DATES))  # the last article of each issue

        self.kill_at_first_commit(env, *IMPORT, self.files("b"))  # every article's text changes, ids kept
        stale = state.index_differences(url, index)
        self.assertEqual((stale["missing"], stale["extra"]), (0, 0))
        self.assertTrue(0 < stale["stale"] <= TOTAL - SEGMENT_DOCS, stale)
        last = max(old_street)  # the write goes by id: the last article was not reached
        self.assertIn(last, finds(index, OLD))

        out = manage(env, "check_index", "--repair").stdout
        self.assertIn(f"repaired: {stale['stale']} indexed, 0 removed; of the {TOTAL} articles imported "
                      f"since the first dead run started, {stale['stale']} were stale", out)
        self.assertEqual(finds(index, OLD), set())
        self.assertEqual(finds(index, NEW), old_street)
        self.assert_index_matches(env, url, index)

    def test_a_repair_killed_in_its_write_is_resumed_by_the_third_run(self):
        env, url, index = self.site()
        self.kill_at_first_commit(env, *IMPORT, self.files("a"))
        first = len(state.indexed(index))
        self.kill_at_first_commit(env, *IMPORT, self.files("a"))  # killed in the repair it starts with
        second = len(state.indexed(index))
        self.assertTrue(first < second < TOTAL, (first, second))

        self.assertIn(f"an earlier import died; index repaired: {TOTAL - second} indexed, 0 removed; "
                      f"of the {TOTAL} articles imported since the first dead run started, 0 were stale",
                      self.resume(env, self.files("a")))
        self.assert_index_matches(env, url, index)
        self.assertEqual(list((Path(env["DATA_DIR"]) / "runs").glob("import-*")), [])


# An import's index write on more than one core, stopped after its writer processes started.
BIG_WRITE = textwrap.dedent("""
    import time, django
    django.setup()
    from search import indexing, recovery
    from search.engine.bulkwriting import BulkMpWriter
    with recovery.import_run():
        backend = indexing.backend()
        backend.setup()
        writer = BulkMpWriter(backend.index, procs=2, batchsize=1)
        for pk in (1, 2):
            writer.add_document(id=f"archive.article.{pk}", django_ct="archive.article", django_id=str(pk))
        print(*(task.pid for task in writer.tasks), flush=True)
        time.sleep(60)
""")


class KilledWriterProcessesTests(SimpleTestCase):
    def test_the_writer_processes_of_a_killed_import_end_with_it_and_unlock_the_marker_and_index(self):
        tmp = self.enterContext(tempfile.TemporaryDirectory(prefix="killed-writer-"))
        env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings", "DATA_DIR": tmp,
               "INDEX_PATH": f"{tmp}/index"}
        proc = subprocess.Popen([sys.executable, "-c", BIG_WRITE], cwd=ROOT, env=env, stdout=subprocess.PIPE,
                                text=True)
        self.addCleanup(proc.wait)
        self.addCleanup(proc.kill)
        tasks = [int(pid) for pid in proc.stdout.readline().split()]
        self.addCleanup(lambda: [os.kill(pid, signal.SIGKILL) for pid in tasks if alive(pid)])
        self.assertEqual(len(tasks), 2)
        time.sleep(0.3)
        self.assertTrue(all(alive(pid) for pid in tasks))
        proc.kill()
        proc.wait()
        deadline = time.monotonic() + 10
        while any(alive(pid) for pid in tasks) and time.monotonic() < deadline:
            time.sleep(0.05)
        self.assertFalse([pid for pid in tasks if alive(pid)], "orphaned writer processes")
        with override_settings(DATA_DIR=tmp):
            self.assertEqual(recovery.dead_run_count(), 1)
        try:
            open_dir(f"{tmp}/index").writer(timeout=0).cancel()
        except LockError:
            self.fail("the index is still locked")


def alive(pid: int) -> bool:
    """Running (not a zombie waiting for its parent)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False
