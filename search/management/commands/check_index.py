from django.core.management.base import BaseCommand, CommandError

from search import checks, recovery


class Command(BaseCommand):
    help = ("Compare the search index with the database by article id, and look for imports that died; "
            "--repair fixes both.")

    def add_arguments(self, parser):
        parser.add_argument("--repair", action="store_true",
                            help="index what is missing or stale, drop what is gone")

    def handle(self, *args, **options):
        mismatch = checks.analyzer_mismatch()
        missing, extra = checks.differences()
        dead, edits = recovery.dead_run_count(), len(recovery.waiting())
        self.stdout.write(f"missing from the index: {len(missing)}; in the index but not the database: "
                          f"{len(extra)}; imports that died: {dead}; edits waiting for the index: {edits}")
        if (missing or extra or dead or edits) and options["repair"]:
            done = recovery.repair()
            self.stdout.write(f"repaired: {done.summary()}")
            missing, extra, dead, edits = set(), set(), 0, 0
        if mismatch:
            raise CommandError(mismatch)
        if missing or extra or dead or edits:
            raise CommandError("the index differs from the database: run check_index --repair")
        self.stdout.write("the index matches the database")
