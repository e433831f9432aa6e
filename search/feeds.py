"""Atom feeds (Django's syndication framework): any search, newest first, so
that a journalist subscribed to a query sees new coverage at the top; and each
person's bylined articles. Entries link to article permalinks and carry the
issue date as their date."""
import datetime
from typing import NamedTuple
from urllib.parse import urlencode

from django.conf import settings
from django.contrib.syndication.views import Feed
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed

from api.errors import param_error
from archive.models import Article, Person

from .highlight import hit_texts
from .params import ParamError, SearchParams
from .searching import search
from .validate import searchable

FEED_ITEMS = 50
SUMMARY_CHARS = 200


def issue_time(date) -> datetime.datetime:
    """Midnight of the issue date in the site's time zone: Atom needs a time."""
    if isinstance(date, datetime.datetime):
        date = date.date()
    return timezone.make_aware(datetime.datetime.combine(date, datetime.time()))


class FeedSearch(NamedTuple):
    params: SearchParams
    hits: list
    path: str  # the feed's own address, query included: readers know a subscription by it


class ArchiveFeed(Feed):
    feed_type = Atom1Feed
    def author_name(self):
        # Atom wants an author for every entry; unsigned articles inherit this one.
        return settings.SITE_NAME

    def __call__(self, request, *args, **kwargs):
        try:
            return super().__call__(request, *args, **kwargs)
        except ParamError as exc:
            return param_error(exc)


class SearchFeed(ArchiveFeed):
    def get_object(self, request):
        asked = searchable(request.GET)
        params = asked.with_changes(sort="newest", page=1, per_page=FEED_ITEMS)
        results = search(params.q, **params.search_kwargs(), facets=False, highlight=False)
        if results.error:
            raise ParamError("q", f"q：{results.error}")
        path = f"{request.path}?{urlencode(asked.to_query(page=None, per_page=None))}"
        texts = hit_texts(results.hits)
        for hit in results.hits:
            hit.text = texts.get(int(hit.pk), "")
        return FeedSearch(params, results.hits, path)

    def feed_url(self, obj):
        return obj.path

    def title(self, obj):
        params = obj.params
        words = params.q.strip() or "、".join(params.filters.values())
        return f"{settings.SITE_NAME}检索：{words}"

    def subtitle(self, obj):
        return "按日期从新到旧的检索结果"

    def link(self, obj):
        params = obj.params
        return f"{reverse('search:search')}?{urlencode(params.to_query(sort='newest', page=None, per_page=None))}"

    def items(self, obj):
        return obj.hits

    def item_title(self, hit):
        return " ".join(part for part in (hit.kicker, hit.title, hit.subtitle) if part) or f"#{hit.seq}"

    def item_link(self, hit):
        return reverse("archive:article", args=[hit.paper, f"{hit.date:%Y-%m-%d}", hit.seq])

    def item_description(self, hit):
        text = " ".join(hit.text.split())
        return text[:SUMMARY_CHARS] + ("…" if len(text) > SUMMARY_CHARS else "")

    def item_author_name(self, hit):
        return "、".join(hit.bylines or ()) or None

    def item_pubdate(self, hit):
        return issue_time(hit.date)

    item_updateddate = item_pubdate

    def item_categories(self, hit):
        return [hit.paper_name]


class PersonFeed(ArchiveFeed):
    def get_object(self, request, slug):
        return get_object_or_404(Person, slug=slug)

    def title(self, person):
        return f"{person.name}的文章 - {settings.SITE_NAME}"

    def link(self, person):
        return person.get_absolute_url()

    def items(self, person):
        return Article.objects.by_person(person).with_issue().with_bylines().newest_first()[:FEED_ITEMS]

    def item_title(self, article):
        return article.headline or f"#{article.seq}"

    def item_description(self, article):
        text = " ".join(article.body.split())
        return text[:SUMMARY_CHARS] + ("…" if len(text) > SUMMARY_CHARS else "")

    def item_author_name(self, article):
        return "、".join(dict.fromkeys(b.person.name for b in article.bylines.all())) or None

    def item_pubdate(self, article):
        return issue_time(article.issue.date)

    item_updateddate = item_pubdate

    def item_categories(self, article):
        return [article.issue.paper.name]
