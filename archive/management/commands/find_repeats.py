from django.core.management.base import BaseCommand

from archive import repeats
from archive.models import Article, Printing
from search import indexing


class Command(BaseCommand):
    help = ("Find the stories printed more than once among articles without a fingerprint "
            "(imports and edits find them as they go: this is for articles imported before), "
            "and make again the fingerprints of an older scheme.")

    def add_arguments(self, parser):
        parser.add_argument("--all", action="store_true", help="every article, not only those without one")
        parser.add_argument("--dry-run", action="store_true", help="count the articles, write nothing")

    def handle(self, *args, **opts):
        articles = Article.objects.order_by("pk").only("pk", "body")
        if not opts["all"]:
            articles = articles.filter(printing__isnull=True)
        if opts["dry_run"]:
            stale = Printing.objects.exclude(scheme=repeats.SCHEME).count()
            self.stdout.write(f"{articles.count()} articles to fingerprint, {stale} fingerprints of an older scheme")
            return
        remade = repeats.refingerprint()
        with indexing.batch():  # the repeats' index entries name their story
            done = repeats.record_all(articles)
            indexing.changed(done.repeat_ids)
        self.stdout.write(f"{done.articles} articles fingerprinted, {len(done.repeat_ids)} repeat an earlier one, "
                          f"{remade} fingerprints of an older scheme made again")
