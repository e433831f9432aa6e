from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from archive.backup import BackupError, backup


class Command(BaseCommand):
    help = ("Back up the database and the source texts into DEST/archive-<time>/, while the site runs. "
            "The search index is rebuilt on restore.")

    def add_arguments(self, parser):
        parser.add_argument("dest", nargs="?", default="backups", help="folder for backups (default: backups)")

    def handle(self, *args, **options):
        try:
            manifest = backup(Path(options["dest"]))
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        counts = ", ".join(f"{n} {name}" for name, n in manifest["counts"].items())
        self.stdout.write(f"{manifest['path']}: {counts}; {manifest['sources']} source texts")
        if manifest["missing_sources"]:
            self.stderr.write(f"no source text kept for {len(manifest['missing_sources'])} issues: "
                              + ", ".join(manifest["missing_sources"][:10]))
