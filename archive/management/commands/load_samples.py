from django.core.management.base import BaseCommand

from archive.samples import load_samples


class Command(BaseCommand):
    help = "Import the fictional sample papers (samples/) if the archive has no papers yet."

    def add_arguments(self, parser):
        parser.add_argument("--always", action="store_true",
                            help="import them beside existing papers too (make run SAMPLES=1)")

    def handle(self, *args, **opts):
        loaded = load_samples(always=opts["always"], stdout=self.stdout, stderr=self.stderr)
        if not loaded:
            self.stdout.write("the archive has papers: samples not loaded (SAMPLES=1 loads them)")
