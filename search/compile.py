"""The parsed query language as a Whoosh query over the fields of ArticleIndex."""
import datetime

from whoosh import query as wq

from . import analysis
from .query import And, DateRange, Not, Or, Term

HEADLINE_BOOST = 3.0
INDEX_FIELDS = {"byline": "bylines"}


def substring(fieldname: str, text: str) -> wq.Query:
    """Exact substring match through the character-pair field."""
    parts = [p for p in text.split() if p]
    queries = []
    for part in parts:
        grams = analysis.phrase_grams(part)
        queries.append(wq.Term(fieldname, grams[0]) if len(grams) == 1 else wq.Phrase(fieldname, grams))
    return queries[0] if len(queries) == 1 else wq.And(queries)


def all_words(fieldname: str, text: str) -> wq.Query | None:
    words = analysis.query_words(text)
    if not words:
        return None
    return wq.Term(fieldname, words[0]) if len(words) == 1 else wq.And([wq.Term(fieldname, w) for w in words])


def text_query(term: Term) -> wq.Query:
    """Quoted: the exact string. Unquoted: the exact string, or all its words
    anywhere in the article. Either way a headline match ranks higher."""
    exact = substring("grams", term.text)
    loose = None if term.quoted else all_words("text", term.text)
    found = exact if loose is None else wq.Or([exact, loose])
    bonus = all_words("headline", term.text)
    if bonus is None:
        return found
    return wq.AndMaybe(found, _boosted(bonus))


def _boosted(q: wq.Query) -> wq.Query:
    q = q.copy()
    q.boost = HEADLINE_BOOST
    return q


def keyword_contains(fieldname: str, text: str) -> wq.Query:
    return wq.Wildcard(fieldname, f"*{_wild_escape(analysis.fold(text).strip())}*")


def _wild_escape(text: str) -> str:
    # Whoosh wildcards have no escape; a literal * or ? is matched by ? instead.
    return text.replace("*", "?")


def field_query(term: Term) -> wq.Query:
    value = term.text.strip()
    if term.field == "title":
        return substring("headline_grams", value)
    if term.field == "page":
        return wq.Term("page", str(int(value)))
    name = INDEX_FIELDS.get(term.field, term.field)
    if term.quoted:  # a facet value: exactly this one
        return wq.Or([wq.Term(name, value), wq.Term(name, analysis.fold(value))])
    if term.field == "byline":
        return wq.Prefix(name, analysis.fold(value))
    if term.field == "paper":
        return wq.Or([wq.Term("paper", value), keyword_contains("paper_name", value)])
    return keyword_contains(name, value)  # column, source


def date_query(node: DateRange) -> wq.Query:
    start = datetime.datetime.combine(node.start, datetime.time.min) if node.start else None
    end = datetime.datetime.combine(node.end, datetime.time.max) if node.end else None
    return wq.DateRange("date", start, end)


def to_whoosh(node) -> wq.Query:
    if isinstance(node, Term):
        return text_query(node) if node.field == "text" else field_query(node)
    if isinstance(node, DateRange):
        return date_query(node)
    if isinstance(node, Or):
        return wq.Or([to_whoosh(it) for it in node.items])
    if isinstance(node, Not):
        return wq.AndNot(wq.Every(), to_whoosh(node.item))
    if isinstance(node, And):
        wanted = [to_whoosh(it) for it in node.items if not isinstance(it, Not)]
        unwanted = [to_whoosh(it.item) for it in node.items if isinstance(it, Not)]
        base = wanted[0] if len(wanted) == 1 else wq.And(wanted) if wanted else wq.Every()
        return wq.AndNot(base, wq.Or(unwanted)) if unwanted else base
    raise TypeError(f"not a query node: {node!r}")
