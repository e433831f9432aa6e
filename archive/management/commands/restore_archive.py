from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from archive.backup import BackupError
from archive.restore import restore


class Command(BaseCommand):
    help = ("Restore a backup made by backup_archive into this site's (empty) database and DATA_DIR, "
            "then rebuild the search index.")

    def add_arguments(self, parser):
        parser.add_argument("backup", help="a folder archive-<time>/ made by backup_archive")
        parser.add_argument("--force", action="store_true", help="replace an archive that already has issues")

    def handle(self, *args, **options):
        try:
            counts = restore(Path(options["backup"]), force=options["force"])
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        self.stdout.write("restored: " + ", ".join(f"{n} {name}" for name, n in counts.items())
                          + "; search index rebuilt")
