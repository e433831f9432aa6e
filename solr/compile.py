"""The parsed query language (search/query.py) as a Solr query of the standard parser.

It asks for the same documents as search/compile.py asks Whoosh for: the text of a
query is analysed here, by search/analysis.py, and reaches Solr as the analyser's
tokens (the schema's query analyser only splits them on whitespace). A phrase of
character pairs finds an exact string; words are looked up in every word field.
Boosts only order the hits; which documents match never depends on them.
"""
import re

from search import analysis
from search.compile import INDEX_FIELDS
from search.query import And, DateRange, Not, Or, Term
from search.search_indexes import ArticleIndex
from search.weighting import GRAM_BOOST, WORD_FIELDS

EVERYTHING = "*:*"
# The word fields' boost= in search/search_indexes.py, read from there so the two cannot drift.
FIELD_BOOST = {name: ArticleIndex.fields[name].boost for name in WORD_FIELDS if ArticleIndex.fields[name].boost != 1.0}
# The standard parser's syntax characters (and whitespace), escaped in a bare value.
_SYNTAX = re.compile(r'([+\-&|!(){}\[\]^"~:\\/\s])')


def phrase(tokens) -> str:
    """Tokens as one quoted value: a phrase of several, a term of one."""
    joined = " ".join(tokens)
    return '"' + joined.replace("\\", "\\\\").replace('"', '\\"') + '"'


def bare(text: str, keep: str = "") -> str:
    """A value for a prefix or wildcard query: syntax escaped except the characters in `keep`."""
    escaped = _SYNTAX.sub(r"\\\1", text)
    return escaped if "*" in keep else escaped.replace("*", "\\*").replace("?", "\\?")


def any_of(queries) -> str:
    queries = list(queries)
    return queries[0] if len(queries) == 1 else "(" + " OR ".join(queries) + ")"


def all_of(queries) -> str:
    queries = list(queries)
    return queries[0] if len(queries) == 1 else "(" + " AND ".join(queries) + ")"


def substring(fieldname: str, text: str) -> str:
    """Exact substring match: each part of the text a phrase of its character pairs."""
    return all_of(f"{fieldname}:{phrase(analysis.phrase_grams(part))}" for part in analysis.compact(text).split())


def word(text: str) -> str:
    """A word in any of the word fields (search/weighting.py WORD_FIELDS)."""
    boosted = (f"{name}:{phrase([text])}" + (f"^{FIELD_BOOST[name]}" if name in FIELD_BOOST else "")
               for name in WORD_FIELDS)
    return any_of(boosted)


def spelled_query(term: Term) -> str:
    """Quoted: the exact string. Unquoted: the exact string, or all its words anywhere."""
    exact = substring("grams", term.text)
    words = [] if term.quoted else analysis.query_words(term.text)
    if not words:
        return exact
    return f"({exact}^{GRAM_BOOST} OR {all_of(word(w) for w in words)})"


def text_query(term: Term) -> str:
    """As the user spelled it, or in mainland spelling where that differs from folding."""
    mainland = analysis.mainland(term.text)
    if analysis.fold(mainland) == analysis.fold(term.text):
        return spelled_query(term)
    return any_of([spelled_query(term), spelled_query(Term(mainland, term.field, term.quoted))])


def field_query(term: Term) -> str:
    value = term.text.strip()
    if term.field == "title":
        return substring("headline_grams", value)
    if term.field == "page":
        return f"page:{phrase([str(int(value))])}"
    name = INDEX_FIELDS.get(term.field, term.field)
    if term.quoted:  # a facet value: exactly this one
        return any_of([f"{name}:{phrase([value])}", f"{name}:{phrase([analysis.fold(value)])}"])
    if term.field == "byline":
        return f"{name}:{bare(analysis.fold(value))}*"
    contains = f"*{bare(analysis.fold(value).strip().replace('*', '?'), keep='*?')}*"
    if term.field == "paper":
        return any_of([f"paper:{phrase([value])}", f"paper_name:{contains}"])
    return f"{name}:{contains}"  # column, source


def date_query(node: DateRange) -> str:
    start = f"{node.start.isoformat()}T00:00:00Z" if node.start else "*"
    end = f"{node.end.isoformat()}T00:00:00Z" if node.end else "*"
    return f"date:[{start} TO {end}]"


def to_solr(node) -> str:
    if isinstance(node, Term):
        return text_query(node) if node.field == "text" else field_query(node)
    if isinstance(node, DateRange):
        return date_query(node)
    if isinstance(node, Or):
        return "(" + " OR ".join(to_solr(it) for it in node.items) + ")"
    if isinstance(node, Not):
        return f"({EVERYTHING} -{to_solr(node.item)})"
    if isinstance(node, And):
        wanted = [f"+{to_solr(it)}" for it in node.items if not isinstance(it, Not)]
        unwanted = [f"-{to_solr(it.item)}" for it in node.items if isinstance(it, Not)]
        return "(" + " ".join((wanted or [EVERYTHING]) + unwanted) + ")"
    raise TypeError(f"not a query node: {node!r}")
