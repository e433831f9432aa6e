"""Our analyzer's tokens as Solr's pre-analyzed JSON (solr.PreAnalyzedField, JSON parser).

Solr then indexes exactly the tokens, positions and offsets that search/analysis.py
gives the embedded engine: folded jieba words with their sub-words at the parent's
position, and character grams (each character and each pair). The schema is
solr/configsets/archive/conf/schema.xml.
"""
import json

from search import analysis

# Each Solr text field and the token stream of search/analysis.py that fills it
# (the same pairs as search/search_indexes.py's analyzers).
STREAMS = {
    "text": lambda value: analysis.words(value, subwords=True),
    "grams": analysis.grams,
    "headline": lambda value: analysis.words(value, subwords=True),
    "headline_grams": analysis.grams,
    "names": lambda value: analysis.words(value, subwords=True),
}


def tokens(stream) -> list[dict]:
    """Solr's token objects: t(erm), s(tart), e(nd) and i, the increment from the
    previous token's position. Tokens sharing a position (a word and its sub-words,
    a character and its pair) are ordered by offset, since Lucene refuses offsets
    that go backwards; their positions stay the analyzer's."""
    found, last = [], -1
    for text, pos, start, end in sorted(stream, key=lambda t: (t[1], t[2], t[3])):
        found.append({"t": text, "s": start, "e": end, "i": pos - last})
        last = pos
    return found


def encode(stream) -> str:
    """The JSON value of one pre-analyzed field (indexed, not stored: the schema keeps
    the text readers see in separate stored fields)."""
    return json.dumps({"v": "1", "tokens": tokens(stream)}, ensure_ascii=False)


def field_value(name: str, value: str) -> str:
    """The pre-analyzed JSON of field `name` (one of STREAMS) for `value`."""
    return encode(STREAMS[name](value))
