"""Admin edits and imports reach the index through here (HAYSTACK_SIGNAL_PROCESSOR)."""
from django.db.models import signals
from haystack.signals import BaseSignalProcessor

from archive.models import Article, Byline, Caption, Issue, Newspaper, Page, Person
from archive.signals import articles_written

from . import indexing


def _article(sender, instance, **kwargs):
    indexing.changed([instance.pk])


def _credit(sender, instance, **kwargs):
    indexing.changed([instance.article_id])


def _person(sender, instance, **kwargs):
    indexing.changed(Byline.objects.filter(person=instance).values_list("article_id", flat=True))


def _issue(sender, instance, **kwargs):
    indexing.changed(Article.objects.filter(issue=instance).values_list("pk", flat=True))


def _page(sender, instance, **kwargs):
    indexing.changed(Article.objects.filter(page=instance).values_list("pk", flat=True))


def _paper(sender, instance, **kwargs):
    indexing.changed(Article.objects.filter(issue__paper=instance).values_list("pk", flat=True))


def _written(sender, ids, **kwargs):
    indexing.changed(ids)


HANDLERS = [(Article, _article), (Byline, _credit), (Caption, _credit), (Person, _person),
            (Issue, _issue), (Page, _page), (Newspaper, _paper)]


class ArchiveSignalProcessor(BaseSignalProcessor):
    def setup(self):
        for model, handler in HANDLERS:
            signals.post_save.connect(handler, sender=model)
        for model, handler in HANDLERS[:3]:  # the rest cascade to their articles
            signals.post_delete.connect(handler, sender=model)
        articles_written.connect(_written, sender=Article)

    def teardown(self):
        for model, handler in HANDLERS:
            signals.post_save.disconnect(handler, sender=model)
            signals.post_delete.disconnect(handler, sender=model)
        articles_written.disconnect(_written, sender=Article)
