"""The parsed query language as a Whoosh query over the fields of ArticleIndex."""
import datetime

from whoosh import query as wq

from . import analysis
from .query import And, DateRange, Not, Or, Term
from . import weighting
from .weighting import GRAM_BOOST, HEADLINE_BOOST, Word

INDEX_FIELDS = {"byline": "bylines"}


def substring(fieldname: str, text: str) -> wq.Query:
    """Exact substring match through the character-pair field."""
    parts = analysis.compact(text).split()
    queries = []
    for part in parts:
        grams = analysis.phrase_grams(part)
        queries.append(wq.Term(fieldname, grams[0]) if len(grams) == 1 else wq.Phrase(fieldname, grams))
    return queries[0] if len(queries) == 1 else wq.And(queries)


def text_query(term: Term) -> wq.Query:
    """The term as the user spelled it, or in mainland spelling when a phrase-level
    conversion (著眼於 -> 着眼于, 吉里巴斯 -> 基里巴斯) differs from folding characters."""
    mainland = analysis.mainland(term.text)
    if analysis.fold(mainland) == analysis.fold(term.text):
        return spelled_query(term)
    return wq.Or([spelled_query(term), spelled_query(Term(mainland, term.field, term.quoted))])


def spelled_query(term: Term) -> wq.Query:
    """Quoted: the exact string. Unquoted: the exact string, or all its words
    anywhere in the article, scored as words over the text and the names
    (search/weighting.py; a headline is favoured by ranked()'s bonus instead)."""
    exact = substring("grams", term.text)
    words = [] if term.quoted else analysis.query_words(term.text)
    if not words:
        return exact
    loose = wq.And([Word(w) for w in words]) if len(words) > 1 else Word(words[0])
    return wq.Or([_boosted(exact, GRAM_BOOST), loose])


def _boosted(q: wq.Query, boost: float) -> wq.Query:
    q = q.copy()
    q.boost = boost
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


def ranked(tree) -> wq.Query:
    """The query, scored with a bonus for an article whose headline holds every string
    the query asks for (search/weighting.py, HEADLINE_BOOST); the hits are to_whoosh's."""
    found = to_whoosh(tree)
    typed = list(_required_strings(tree))
    if not typed:
        return found
    headline = [substring("headline_grams", text) for text in typed]
    bonuses = [_boosted(headline[0] if len(headline) == 1 else wq.And(headline), HEADLINE_BOOST)]
    if weighting.NAME_BONUS:
        bonuses += [byline_bonus(text) for text in typed]
    return wq.AndMaybe(found, bonuses[0] if len(bonuses) == 1 else wq.Or(bonuses))


def byline_bonus(text: str) -> wq.Query:
    """A typed string that is one of the article's byline names, whole: a constant
    (search/weighting.py NAME_BONUS), however jieba cuts the name and however long the article."""
    return wq.ConstantScoreQuery(byline(text), weighting.NAME_BONUS)


def byline(text: str) -> wq.Query:
    """The articles of which the typed string is a byline name, as typed or folded."""
    value = text.strip()
    spellings = list(dict.fromkeys((value, analysis.fold(value))))
    return wq.Term("bylines", spellings[0]) if len(spellings) == 1 else wq.Or([wq.Term("bylines", v) for v in spellings])


def _required_strings(node):
    """The text terms every hit must match: the query's own, and those of an And inside it."""
    if isinstance(node, Term) and node.field == "text" and analysis.compact(node.text).strip():
        yield node.text
    elif isinstance(node, And):
        for item in node.items:
            yield from _required_strings(item)


def to_whoosh(node) -> wq.Query:
    if isinstance(node, Term):
        if node.field != "text":
            return field_query(node)
        return weighting.ByName(text_query(node), byline(node.text)) if weighting.LEVEL_NAMES else text_query(node)
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
