"""How a word of an unquoted query is scored: BM25F over the word fields.

A word is looked up in every field of `WORD_FIELDS`. Its frequency in each field is
normalised by that field's length (BM25's b), the field's weight applied, and the sum
saturated once (k1), times the word's idf in `text`, which holds every part of the article.
Per-field BM25 summed (Whoosh's own BM25F) lets a short field score as much as the whole
article: a word in a headline outweighed three marking words of the body, and a known-item
test (make eval-rank) ranked below plain FTS5 bm25.

The weights are the fields' haystack `boost=` (search/search_indexes.py): Whoosh multiplies
every posting's weight by its field's boost when it writes it. k1 and b are the searcher's
BM25F parameters (Whoosh's defaults, 1.2 and 0.75), except where FIELD_B and WORD_K1 say.
"""
from whoosh import query as wq

# `text` holds the whole article; `headline` (引题, title, 副题) and `names` (bylines, photo
# credits) add weight (their boost=, 2: three times a body word, as in the FTS5 peer) where a
# word is also there. Once a byline name is levelled (ByName) and k1 is low, a headline word
# no longer outranks three marking words: make eval-rank, seeds 20190201 / 7 (k1 0.6, pairs
# unscored), with the headline field: words 0.928 / 0.930 -> 0.930 / 0.932, name 0.886 / 0.885
# -> 0.888 / 0.892, headline 0.985 / 0.983 -> 0.987 / 0.985.
WORD_FIELDS = ("text", "headline", "names")
IDF_FIELD = "text"
# The exact-string (character pair) branch of an unquoted term: it finds what jieba cut
# differently, but pairs are not words, so they only break ties between word scores.
# Unscored (0) they rank as well (make eval-rank, seeds 3 / 20190201 / 7, all classes within
# 0.005 of 0.1 either way); a tie-break stays for a string jieba cuts unlike the text.
GRAM_BOOST = 0.1
# BM25F's length normalisation per field (b), where it differs from the searcher's 0.75.
# A byline is not diluted by its co-authors: the sixth name of a team report is as much
# that reporter's byline as a lone one (make eval-rank: name class +0.005 on two seeds).
# The whole article (text) is normalised by half its length over the average: fully (0.75),
# a short brief outranked the long report that uses the query's words most, for a name
# with a word of the reporter's beat as for three marking words.
FIELD_B = {"names": 0.0, "text": 0.5}
# The word score's saturation (k1), a quarter of Whoosh's 1.2: every query word found counts
# for more than repeats of one. A known-item query names words that mark the article, and an
# article that repeats one of them many times (a long report on the same beat) outranked the
# short one all three mark. make eval-rank MRR@20 words, seeds 20190201 / 7 (levelled names,
# headline field, pairs unscored): k1 0.6: 0.930 / 0.932, 0.4: 0.931 / 0.933, 0.3: 0.932 / 0.934,
# name 0.888 / 0.892 throughout. Left one month out, a fit on the other two picks 0.3 in four
# of six cases; held out, 2019-10 and 2020-02 gain by it, 2019-02 loses 0.002-0.003
# (docs/search-quality.md).
WORD_K1 = 0.3
# A headline typed as the query: an article whose headline (引题, title, 副题) holds every
# string of the query, as typed, gains this much of that match's BM25 over the headline's
# character pairs, which favours the headline that is most nearly the query. A headline
# that shares one word with the query gains nothing, so three marking words of a body or a
# name with a word are ranked as before (make eval-rank, seeds 20190201 / 7: headline
# 0.981 / 0.978 -> 0.987 / 0.983).
HEADLINE_BOOST = 0.2
# A typed string that is one of the article's byline names, whole (the `bylines` keyword
# field; search/compile.py byline_bonus), adds this constant. A name jieba does not know is
# cut into characters (赵成 -> 赵, 成) that also score in any text holding them, most in a
# short one; present-or-absent is what a byline is. make eval-rank, seeds 20190201 / 7,
# name MRR@20: 0 -> 0.8865 / 0.8676; 1 -> 0.8865 / 0.8687; 2.5 or 5 -> 0.8865 / 0.8721;
# headline and words identical at every value.
NAME_BONUS = 2.5
# A typed string that is one of an article's bylines scores in it as in the best-scoring
# article it signs (ByName): jieba cuts an unknown name into characters (王珏 -> 王, 珏)
# that score by each article's length and by co-authors sharing a character (王瑨), so the
# reporter's short brief or team report outranked the article the other query word marks.
# make eval-rank, name MRR@20, seeds 20190201 / 7 / 3: 0.878 / 0.874 / 0.909 -> 0.879 / 0.889 / 0.908.
LEVEL_NAMES = True


class Word(wq.Query):
    """One word of the query, scored by BM25F over WORD_FIELDS (search/engine/matching.py)."""

    def __init__(self, text: str, fieldnames=WORD_FIELDS, boost: float = 1.0):
        self.text, self.fieldnames, self.boost = text, tuple(fieldnames), boost

    def __repr__(self):
        return f"Word({self.text!r}, {self.fieldnames!r}, boost={self.boost})"

    def __eq__(self, other):
        return (type(other) is Word and (self.text, self.fieldnames, self.boost)
                == (other.text, other.fieldnames, other.boost))

    def __hash__(self):
        return hash((self.text, self.fieldnames, self.boost))

    def terms(self, phrases=True):
        return [(name, self.text) for name in self.fieldnames]

    def as_terms(self, schema) -> wq.Query:
        """The same hits as Whoosh terms (scored Whoosh's way), for anything that is not our matcher."""
        found = [wq.Term(name, self.text, boost=self.boost) for name in self.fieldnames if name in schema]
        return found[0] if len(found) == 1 else wq.Or(found)

    def estimate_size(self, ixreader):
        return sum(ixreader.doc_frequency(name, self.text) for name in self.fieldnames if name in ixreader.schema)

    def matcher(self, searcher, context=None):
        return self.as_terms(searcher.schema).matcher(searcher, context)


class ByName(wq.AndMaybe):
    """A typed string's query `a`, scored alike in every article where the string is one of
    the bylines (`b`): as in the best of them (search/engine/matching.py)."""


def explain(searcher, q, docnum: int) -> list[str]:
    """What each leaf of the Whoosh query `q` gives one document (global `docnum`), as the
    array matcher (search/engine/matching.py) scores it: a diagnosis, not a second scorer to keep
    in step (bench/eval_rank.py --why)."""
    lines = []
    _explain(searcher, q, docnum, 1.0, "", lines)
    return lines


def _explain(searcher, q, docnum, scale, indent, lines) -> None:
    boost = scale * getattr(q, "boost", 1.0)
    if isinstance(q, Word):
        parts, weighted = [], 0.0
        for name in q.fieldnames:
            tf = _frequency(searcher, name, q.text, docnum)
            if tf:
                length = searcher.doc_field_length(docnum, name) or 0
                avg = searcher.avg_field_length(name) or 1
                b = FIELD_B.get(name, getattr(searcher.weighting, "B", 0.75))
                weighted += tf / ((1 - b) + b * length / avg)
                parts.append(f"{name} tf {tf:g} len {length}/{avg:.0f}")
        idf = word_idf(searcher, q.text)
        score = saturate(weighted, idf, WORD_K1, boost) if weighted else 0.0
        lines.append(f"{indent}word {q.text!r}: {score:.2f} (idf {idf:.2f}; {', '.join(parts) or 'absent'})")
    elif isinstance(q, (wq.Term, wq.Phrase)):
        found = q.matcher(searcher)
        if found.is_active():
            found.skip_to(docnum)
        hit = found.is_active() and found.id() == docnum
        text = q.text if isinstance(q, wq.Term) else "".join(w[0] for w in q.words) + q.words[-1][1:]
        lines.append(f"{indent}{q.fieldname} {text!r} ×{boost:g}: {'found' if hit else 'absent'}")
    elif isinstance(q, wq.ConstantScoreQuery):
        lines.append(f"{indent}constant {q.score:g} if")
        _explain(searcher, q.child, docnum, 1.0, indent + "  ", lines)
    elif hasattr(q, "subqueries"):
        lines.append(f"{indent}{type(q).__name__}" + (f" ×{boost:g}" if boost != 1 else ""))
        for sub in q.subqueries:
            _explain(searcher, sub, docnum, boost, indent + "  ", lines)
    else:
        lines.append(f"{indent}{q!r}")


def _frequency(searcher, fieldname: str, text: str, docnum: int) -> float:
    if fieldname not in searcher.schema or (fieldname, text) not in searcher.reader():
        return 0.0
    found = searcher.postings(fieldname, text)
    found.skip_to(docnum)  # its weight carries the field's boost, as the index stores it
    return found.weight() if found.is_active() and found.id() == docnum else 0.0


def word_idf(searcher, text: str) -> float:
    """A word's idf: Whoosh's, from its document frequency in IDF_FIELD."""
    return searcher.idf(IDF_FIELD, text)


def saturate(weighted_tf, idf: float, k1: float, boost: float = 1.0):
    """BM25's saturation of a length-normalised, weighted term frequency."""
    return boost * idf * weighted_tf * (k1 + 1) / (weighted_tf + k1)
