"""Many files are parsed ahead in worker processes (archive/ahead.py): the archive is the
same as when the importer parses each file itself, and a bad file still fails alone,
named with its line, with nothing of it written."""
import multiprocessing
import pickle
import subprocess
import sys
import time
from pathlib import Path
from unittest import mock

from django.test import SimpleTestCase, TestCase

from archive import ahead, importer, repeats
from archive.models import Article, Issue, Printing, PrintingBand
from tests.archive_helpers import TempDirMixin, run_import
from tests.fiction import fictional_issue

ROOT = Path(__file__).resolve().parents[1]
DAYS = [f"2024-03-{day:02d}" for day in range(1, 1 + ahead.MIN_FILES)]


def printing_rows() -> list[tuple]:
    """Each printing, its story named by the story's (date, seq) (ids differ between imports), and bands."""
    where = {pk: (date, seq) for pk, date, seq in Article.objects.values_list("pk", "issue__date", "seq")}
    rows = Printing.objects.order_by("article__issue__date", "article__seq").values_list(
        "article__issue__date", "article__seq", "digest", "story", "minhash", "scheme")
    return [(*row[:3], where[row[3]], *row[4:]) for row in rows] + sorted(
        PrintingBand.objects.values_list("printing__article__issue__date", "printing__article__seq", "key"))


def archive_rows() -> list[tuple]:
    return list(Article.objects.order_by("issue__date", "seq").values_list(
        "issue__date", "seq", "kicker", "title", "subtitle", "body", "bylines__person__name", "captions__text"))


class ParseAheadTests(TempDirMixin, TestCase):
    def write_issues(self):
        for n, day in enumerate(DAYS):
            self.write(f"{day}.txt", fictional_issue(n, articles=5, photos=True))

    def test_parsed_ahead_gives_the_archive_parsing_in_turn_gives(self):
        self.write_issues()
        with mock.patch.object(ahead, "MIN_FILES", len(DAYS) + 1):  # parsed in turn
            out, err, error = run_import(self.dir)
        self.assertIsNone(error, out + err)
        in_turn = archive_rows()
        Issue.objects.all().delete()
        with mock.patch.object(ahead.ParseAhead, "parse", autospec=True, side_effect=ahead.ParseAhead.parse) as spy:
            out, err, error = run_import(self.dir)
        self.assertIsNone(error, out + err)
        self.assertEqual(spy.call_count, len(DAYS))
        self.assertEqual(archive_rows(), in_turn)
        self.assertIn(f"issues: {len(DAYS)} created", out)

    def test_fingerprints_made_in_the_workers_give_the_printings_made_in_turn(self):
        self.write_issues()
        with mock.patch.object(ahead, "MIN_FILES", len(DAYS) + 1):
            run_import(self.dir)
        in_turn = printing_rows()
        Issue.objects.all().delete()
        with mock.patch.object(repeats, "fingerprint_body", wraps=repeats.fingerprint_body) as made_here:
            out, err, error = run_import(self.dir)
        self.assertIsNone(error, out + err)
        made_here.assert_not_called()  # every body was fingerprinted in a worker
        self.assertGreater(Printing.objects.count(), len(DAYS))
        self.assertEqual(printing_rows(), in_turn)

    def test_a_worker_fingerprints_each_body_as_the_importer_would(self):
        path = self.write("2024-03-04.txt", fictional_issue(1, articles=4))
        parsed, found = ahead.parse_in_worker(path, None)
        bodies = [importer.body_of(a) for a in parsed.articles]
        self.assertEqual(sorted(found), sorted(set(bodies)))
        repeats.made_ahead(pickle.loads(pickle.dumps(found)))
        def plain(made):  # None: a body too short to compare
            return made and (made.digest, repeats.stored(made.hashes), made.keys)
        self.assertTrue(any(found.values()))
        for body in bodies:
            self.assertEqual(plain(repeats.fingerprint(Article(body=body))), plain(repeats.fingerprint_body(body)))
        edited = bodies[0] + "编者又加了一句话。"  # a body the worker did not see is fingerprinted here
        with mock.patch.object(repeats, "fingerprint_body", wraps=repeats.fingerprint_body) as made_here:
            repeats.fingerprint(Article(body=edited))
        made_here.assert_called_once_with(edited)
        self.assertEqual(ahead.parse_in_worker(path, None, fingerprints=False)[1], {})

    def test_unchanged_files_are_not_parsed_again(self):
        self.write_issues()
        run_import(self.dir)
        with mock.patch.object(ahead.ParseAhead, "parse") as parse:
            out, err, error = run_import(self.dir)
        self.assertIsNone(error, out + err)
        parse.assert_not_called()
        self.assertIn(f"issues: {len(DAYS)} unchanged", out)

    def test_a_bad_file_fails_alone_named_with_its_line(self):
        self.write_issues()
        lines = fictional_issue(99, articles=3).encode().split(b"\n")
        bad = self.write("2024-03-03.txt", b"\n".join(lines[:2] + [b"\xff\xfe"] + lines[2:]))
        out, err, error = run_import(self.dir, "--encoding", "utf-8")
        self.assertIsNotNone(error)
        self.assertIn(f"{bad}:3: invalid utf-8 byte sequence", out + err)
        self.assertEqual(sorted(str(d) for d in Issue.objects.values_list("date", flat=True)),
                         [day for day in DAYS if day != "2024-03-03"])

    def test_a_parser_bug_in_a_worker_comes_back_as_its_cause_with_the_workers_traceback(self):
        path = self.write("2024-03-04.txt", fictional_issue(1, articles=3))
        with mock.patch.object(importer, "parse_file", side_effect=KeyError("no such rule")):
            crash = pickle.loads(pickle.dumps(ahead.parse_in_worker(path, None)))
        self.assertIsInstance(crash.cause, KeyError)
        self.assertIn("in a parsing worker", "".join(crash.cause.__notes__))
        error = importer.InternalError(path, crash.cause, "parsing")
        self.assertEqual(str(error), f"{path}: internal error while parsing: KeyError: 'no such rule'")

    def test_when_a_worker_dies_the_importer_parses_the_rest_itself(self):
        self.write_issues()
        files = sorted(self.dir.glob("*.txt"))
        with ahead.ParseAhead(files) as parse:
            self.assertEqual(len(parse(files[0]).articles), 5)
            for child in multiprocessing.active_children():
                child.kill()
            self.assertEqual([len(parse(path).articles) for path in files[1:]], [5] * (len(files) - 1))


class DieWithParentTests(SimpleTestCase):
    """A worker (or a bench's import) started with die_with_parent ends when the process
    that started it is killed outright, instead of running on as an orphan."""

    STARTER = ("import subprocess, sys, time\n"
               "from archive.ahead import die_with_parent\n"
               "child = subprocess.Popen(['sleep', '60'], preexec_fn=die_with_parent)\n"
               "print(child.pid, flush=True)\n"
               "time.sleep(60)\n")

    def test_the_child_ends_when_its_parent_is_killed(self):
        starter = subprocess.Popen([sys.executable, "-c", self.STARTER], cwd=ROOT,
                                   stdout=subprocess.PIPE, text=True)
        child = int(starter.stdout.readline())
        starter.kill()
        starter.wait()
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and alive(child):
            time.sleep(0.05)
        self.assertFalse(alive(child))


def alive(pid: int) -> bool:
    """Running (a zombie that init has not reaped yet has ended)."""
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:
        return False
