from django.core.management.base import BaseCommand, CommandError

from search import checks, indexing


class Command(BaseCommand):
    help = "Compare the search index with the database by article id; --repair fixes any difference."

    def add_arguments(self, parser):
        parser.add_argument("--repair", action="store_true", help="index what is missing, drop what is gone")

    def handle(self, *args, **options):
        mismatch = checks.analyzer_mismatch()
        missing, extra = checks.differences()
        self.stdout.write(f"missing from the index: {len(missing)}; in the index but not the database: {len(extra)}")
        if (missing or extra) and options["repair"]:
            indexed, removed = indexing.reconcile(missing | extra)
            self.stdout.write(f"repaired: {indexed} indexed, {removed} removed")
            missing = extra = set()
        if mismatch:
            raise CommandError(mismatch)
        if missing or extra:
            raise CommandError("the index differs from the database: run check_index --repair")
        self.stdout.write("the index matches the database")
