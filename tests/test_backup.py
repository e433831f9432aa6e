"""Backup and restore: a backup of a running archive restores into an empty
directory and database with the same counts, the same text byte for byte, its
source texts, and an index rebuilt from the database."""
import io
import json
import subprocess
import tempfile
from pathlib import Path
from unittest import mock

from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import TransactionTestCase, override_settings

from archive import sources
from archive.backup import TABLES, unused_name
from archive.ingest import parse_text
from archive.models import Article, Issue
from tests import archive_state as state
from tests.archive_helpers import EXTRA, ISSUE, TempDirMixin, run_import
from tests.fiction import fictional_issue
from tests.scratch import ROOT, manage, manage_cmd, scratch_database, site_env
from tests.search_helpers import TempIndexMixin


class BackupTests(TempIndexMixin, TempDirMixin, TransactionTestCase):
    def setUp(self):
        super().setUp()
        self.data = self.dir / "data"
        override = override_settings(DATA_DIR=self.data)
        override.enable()
        self.addCleanup(override.disable)
        self.issues = {"2024-03-05.txt": ISSUE, "2024-03-12.txt": ISSUE + EXTRA, "2024-04-02.txt": fictional_issue(1)}
        for name, text in self.issues.items():
            run_import(self.write(name, text))

    def backup(self) -> Path:
        call_command("backup_archive", str(self.dir / "backups"), stdout=io.StringIO())
        (folder,) = (self.dir / "backups").iterdir()
        return folder

    def test_two_backups_in_one_second_both_land(self):
        dest = self.dir / "backups"
        first = self.backup()
        with mock.patch("archive.backup.unused_name", wraps=unused_name) as naming:
            naming.side_effect = lambda folder, name: unused_name(folder, first.name)
            call_command("backup_archive", str(dest), stdout=io.StringIO())
        self.assertEqual(sorted(p.name for p in dest.iterdir()), [first.name, f"{first.name}-2"])
        self.assertTrue((dest / f"{first.name}-2" / "manifest.json").exists())

    def test_restore_into_an_empty_directory(self):
        folder = self.backup()
        manifest = json.loads((folder / "manifest.json").read_text())
        self.assertEqual((manifest["sources"], manifest["missing_sources"]), (3, []))
        target = self.dir / "restored"
        target.mkdir()
        with scratch_database(target) as url:
            env = site_env(target, url)
            manage(env, "restore_archive", folder)
            restored = {name: state.query(url, f"SELECT count(*) FROM {table}")[0][0]
                        for name, table in TABLES.items()}
            self.assertEqual(restored, manifest["counts"])
            self.assertEqual(restored["articles"], Article.objects.count())
            article = Article.objects.order_by("-char_count").first()
            (body,) = state.query(url, f"SELECT body FROM archive_article WHERE id = {article.pk}")[0]
            self.assertEqual(body.encode("utf-8"), article.body.encode("utf-8"))
            self.assertEqual(state.index_differences(url, target / "index"),
                             {"missing": 0, "extra": 0, "stale": 0})
            manage(env, "check_index")
        for name, text in self.issues.items():
            self.assertEqual((target / "sources" / "qinghe-daily" / name).read_bytes(), text.encode())

    def test_restore_refuses_to_overwrite_an_archive(self):
        folder = self.backup()
        with self.assertRaisesMessage(CommandError, "already holds issues"):
            call_command("restore_archive", str(folder))
        self.assertEqual(Issue.objects.count(), 3)

    def test_a_missing_source_is_reported(self):
        sources.source_path("qinghe-daily", Issue.objects.first().date).unlink()
        manifest = json.loads((self.backup() / "manifest.json").read_text())
        self.assertEqual(manifest["sources"], 2)
        self.assertEqual(len(manifest["missing_sources"]), 1)

    def test_not_a_backup(self):
        with self.assertRaisesMessage(CommandError, "not a backup"):
            call_command("restore_archive", str(self.dir))


class LiveBackupTests(TempDirMixin, TransactionTestCase):
    """Backups taken while an import writes: each holds the first k issues whole
    (they are imported in order), never part of one."""

    def test_backup_during_an_import(self):
        texts = [fictional_issue(day, 20) for day in range(1, 9)]
        for day, text in enumerate(texts, 1):
            self.write(f"issues/2024-06-{day:02d}.txt", text)
        whole = [0]  # articles in the first k issues
        for text in texts:
            whole.append(whole[-1] + len(parse_text(text).articles))
        site = self.dir / "site"
        site.mkdir()
        with scratch_database(site) as url:
            env = site_env(site, url)
            manage(env, "migrate", "--noinput")
            importer = subprocess.Popen(manage_cmd("import_issue", self.dir / "issues", "--paper", "清河日报"),
                                        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            taken = 0
            while importer.poll() is None and taken < 4:
                manage(env, "backup_archive", self.dir / "backups")
                taken += 1
            self.assertEqual(importer.wait(), 0, importer.stderr.read())
        self.assertGreater(taken, 0)
        for folder in (self.dir / "backups").iterdir():
            manifest = json.loads((folder / "manifest.json").read_text())
            counts = manifest["counts"]
            self.assertEqual(counts["articles"], whole[counts["issues"]], manifest)
            self.assertEqual(manifest["sources"] + len(manifest["missing_sources"]), counts["issues"])
