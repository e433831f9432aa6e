"""What haystack indexes of an Article. Text fields use our analyzers; the
rest are stored for result lists and kept in columns for facets and sorting."""
import datetime

from haystack import indexes
from haystack.exceptions import SkipDocument

from archive.models import Article, body_and_captions, short_label

from .analysis import GramAnalyzer, WordAnalyzer


def searchable_text(article) -> str:
    """Everything a reader can find an article by, one line per part, so that a
    phrase never runs from one part into the next: the names of its bylines and
    photo credits too, wherever the paper printed them."""
    parts = [article.kicker, article.title, article.subtitle, *article.editor_note,
             article.body, article.sidebar_title, *article.sidebar_items,
             *(c.text for c in article.captions.all()), *names(article)]
    return "\n".join(p for p in parts if p)


def names(article) -> list[str]:
    """Byline names and photo credits as printed (本报记者 于 洋摄: the analyzer joins
    letter-spaced names), one each."""
    found = [b.person.name for b in article.bylines.all()]
    found += [c.credit for c in article.captions.all() if c.credit]
    found += [c.photographer.name for c in article.captions.all() if c.photographer_id]
    return list(dict.fromkeys(found))


def headline_text(article) -> str:
    return "\n".join(p for p in (article.kicker, article.title, article.subtitle) if p)


class ArticleIndex(indexes.SearchIndex, indexes.Indexable):
    text = indexes.CharField(document=True, stored=False, analyzer=WordAnalyzer())
    grams = indexes.CharField(stored=False, analyzer=GramAnalyzer())
    headline_grams = indexes.CharField(stored=False, analyzer=GramAnalyzer())
    # Weights of the BM25F word score (search/weighting.py): a word also in the headline
    # or a name counts this much more than one in the body.
    headline = indexes.CharField(stored=False, analyzer=WordAnalyzer(), boost=2.0)
    names = indexes.CharField(stored=False, analyzer=WordAnalyzer(), boost=2.0)
    # What a list calls an untitled item (search/presenting.py). The body is not stored:
    # snippets are cut from the database's copy (search/highlight.py).
    label = indexes.CharField(indexed=False)

    kicker = indexes.CharField(model_attr="kicker", indexed=False)
    title = indexes.CharField(model_attr="title", indexed=False)
    subtitle = indexes.CharField(model_attr="subtitle", indexed=False)
    seq = indexes.IntegerField(model_attr="seq")
    date = indexes.DateField(model_attr="issue__date")
    paper = indexes.CharField(model_attr="issue__paper__slug")
    paper_name = indexes.CharField(model_attr="issue__paper__name")
    year = indexes.CharField()
    month = indexes.CharField()
    page = indexes.CharField()
    column = indexes.CharField(model_attr="column")
    source = indexes.CharField(model_attr="dateline_source")
    bylines = indexes.MultiValueField()
    story = indexes.IntegerField()  # printings of one text share it (archive/repeats.py)
    # Which import of its issue the indexed text came from: after a dead import, repair
    # re-indexes an article only when the database's stamp differs (search/recovery.py).
    stamp = indexes.IntegerField(indexed=False)

    def get_model(self):
        return Article

    def index_queryset(self, using=None):
        return (Article.objects.select_related("issue__paper", "page", "printing")
                .prefetch_related("captions__photographer", "bylines__person").order_by("pk"))

    def read_queryset(self, using=None):
        return Article.objects.select_related("issue__paper", "page")

    def prepare_text(self, article):
        return searchable_text(article)

    prepare_grams = prepare_text

    def prepare_headline(self, article):
        return headline_text(article)

    prepare_headline_grams = prepare_headline

    def prepare_names(self, article):
        return "\n".join(names(article))

    def prepare_label(self, article):
        return short_label(article.kicker or body_and_captions(article.body, (c.text for c in article.captions.all())))

    def prepare_story(self, article):
        printing = getattr(article, "printing", None)
        return printing.story if printing else article.pk

    def prepare_stamp(self, article):
        return import_stamp(article.issue.imported_at)

    def prepare_year(self, article):
        return f"{article.issue.date:%Y}"

    def prepare_month(self, article):
        return f"{article.issue.date:%Y-%m}"

    def prepare_page(self, article):
        return str(article.page.number) if article.page else ""

    def prepare_bylines(self, article):
        # Names only: the list is stored comma-separated.
        return list(dict.fromkeys(b.person.name.replace(",", " ") for b in article.bylines.all()))


EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.timezone.utc)


def import_stamp(imported_at: datetime.datetime) -> int:
    """Issue.imported_at in whole microseconds (exact: no float on the way)."""
    return (imported_at - EPOCH) // datetime.timedelta(microseconds=1)


def stamps_by_id(pairs) -> dict[int, int | None]:
    """{article id: stamp} from an engine's (django_id, stamp or None) pairs. An id found twice
    gets None, so that repair indexes it again (a write replaces every copy)."""
    found = {}
    for pk, stamp in pairs:
        pk = int(pk)
        found[pk] = None if pk in found else stamp
    return found


def prepared(index, objects):
    """Each object as the index prepares it for any engine; one the index skips is left out."""
    for obj in objects:
        try:
            doc = index.full_prepare(obj)
        except SkipDocument:
            continue
        doc.pop("boost", None)
        yield doc
