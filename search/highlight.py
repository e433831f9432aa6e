"""Snippets with the query's words marked: the text is escaped, only our <mark> is HTML.

A snippet is cut where a reader would cut: after a clause's punctuation when one is
near, else between two of the analyzer's words, never inside a number or a Latin word
(`500多家`, `3.5%`, `COVID-19`) and never inside a marked span."""
import re

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .analysis import fold, query_words, segmenter, without_layout

SNIPPET_CHARS = 120
# How far a cut may move to land on a clean break; the snippet stays within size + 2 * SLACK.
SLACK = 14
CLAUSE_END = re.compile(r"[。！？；，、：!?;,:\n\s）】」』”)]")  # a cut may follow these
# Digits and Latin letters read as one unit with their decimal points, separators and signs.
RUN = re.compile(r"[0-9a-z]+(?:[.,:/%\-·][0-9a-z]+)*%?")


def terms_for(terms) -> list[str]:
    """What to mark for the query's positive terms: each typed string, and the
    words of an unquoted one, since those match apart too. Folded, longest first."""
    found = set()
    for term in terms:
        if term.field not in ("text", "title"):
            continue
        text = fold(term.text)
        found.update(part for part in text.split() if part)
        if not term.quoted:
            found.update(w for w in query_words(term.text) if len(w) > 1 or len(text) == 1)
    return sorted(found, key=lambda t: (-len(t), t))


def spans(text: str, terms) -> list[tuple[int, int]]:
    """Non-overlapping (start, end) of every occurrence; offsets in `text`, since
    folding keeps the length. Terms match across layout spaces as search does
    (`于洋` marks `于 洋`), so they are found in the text without them."""
    compacted, offsets = without_layout(fold(text))
    marked = []
    for term in terms:
        term = without_layout(term)[0]
        start = compacted.find(term) if term else -1
        while start != -1:
            end = start + len(term)
            marked.append((start, end) if offsets is None else (offsets[start], offsets[end - 1] + 1))
            start = compacted.find(term, start + 1)
    merged = []
    for start, end in sorted(marked):
        if merged and start < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def best_window(text: str, marks, size: int) -> tuple[int, int]:
    """The stretch of `size` characters holding the most marks, starting a little
    before the first of them."""
    if not marks or len(text) <= size:
        return 0, min(len(text), size)
    best, best_count, j = 0, -1, 0
    for i, (start, _) in enumerate(marks):
        while j < len(marks) and marks[j][1] <= start + size:
            j += 1
        if j - i > best_count:
            best, best_count = start, j - i
    begin = max(0, min(best - size // 6, len(text) - size))
    return begin, begin + size


def cut_points(text: str, lo: int, hi: int, marks) -> tuple[set[int], set[int]]:
    """(clause breaks, word breaks) in [lo, hi]: offsets where a snippet may start or
    end. Words are the analyzer's, cut from a little more text than asked for so
    that the edges of the piece do not decide them."""
    lo, hi = max(0, lo), min(len(text), hi)
    pad_lo, pad_hi = max(0, lo - SLACK), min(len(text), hi + SLACK)
    folded = fold(text[pad_lo:pad_hi])
    words, pos = set(), pad_lo
    for word in segmenter().cut(folded):
        pos += len(word)
        words.add(pos)
    words.add(pad_lo)
    inside = set()
    for run in RUN.finditer(folded):
        inside.update(range(pad_lo + run.start() + 1, pad_lo + run.end()))
    for start, stop in marks:
        inside.update(range(start + 1, stop))
    words = {p for p in words if lo <= p <= hi and p not in inside}
    clauses = {pad_lo + m.end() for m in CLAUSE_END.finditer(folded)} | {0, len(text)}
    return {p for p in clauses if lo <= p <= hi and p not in inside}, words


def nearest(points: set[int], target: int, default: int) -> int:
    return min(points, key=lambda p: (abs(p - target), p)) if points else default


def clean_start(text: str, marks, begin: int) -> int:
    """`begin` moved to a clause or word break, never past the first marked span it shows."""
    if begin <= 0:
        return 0
    limit = min([start for start, stop in marks if stop > begin] + [begin + SLACK])
    clauses, words = cut_points(text, begin - SLACK, limit, marks)
    return nearest(clauses, begin, nearest(words, begin, begin))


def clean_end(text: str, marks, end: int, begin: int) -> int:
    """`end` moved to a clause or word break; a marked span it cuts is shown whole."""
    if end >= len(text):
        return len(text)
    end = max([stop for start, stop in marks if start < end < stop] + [end])
    floor = max([stop for start, stop in marks if stop <= end] + [begin + 1, end - SLACK])
    clauses, words = cut_points(text, floor, end + SLACK, marks)
    if not (clauses or words):
        return end
    below = {p for p in clauses if p <= end}
    return max(below) if below else nearest(words, end, nearest(clauses, end, end))


def snippet(text: str, terms, size: int = SNIPPET_CHARS) -> SafeString:
    text = text or ""
    marks = spans(text, terms)
    begin, end = best_window(text, marks, size)
    begin = clean_start(text, marks, begin)
    end = clean_end(text, marks, end, begin)
    while begin < end and text[begin].isspace():  # a paragraph's break is not shown at the edges
        begin += 1
    while end > begin and text[end - 1].isspace():
        end -= 1
    out, pos = [], begin
    for start, stop in marks:
        if stop <= begin or start >= end:
            continue
        start, stop = max(start, begin), min(stop, end)
        out.append(escape(text[pos:start]))
        out.append(f"<mark>{escape(text[start:stop])}</mark>")
        pos = stop
    out.append(escape(text[pos:end]))
    prefix = "…" if text[:begin].strip() else ""
    suffix = "…" if text[end:].strip() else ""
    return mark_safe(prefix + "".join(out).replace("\n", " ") + suffix)


def mark_all(text: str, terms) -> SafeString:
    """The whole text, escaped, with every occurrence of the terms marked."""
    out, pos = [], 0
    for start, stop in spans(text or "", terms):
        out.append(escape(text[pos:start]))
        out.append(f"<mark>{escape(text[start:stop])}</mark>")
        pos = stop
    out.append(escape((text or "")[pos:]))
    return mark_safe("".join(out))


def hit_texts(hits) -> dict[int, str]:
    """{pk: body and captions} of a page of hits, in one query (the index keeps no copy)."""
    from archive.models import Article

    return Article.objects.filter(pk__in=[int(hit.pk) for hit in hits]).bodies_and_captions() if hits else {}


def highlight_page(hits, terms) -> None:
    """Sets each hit's `highlighted` title and snippet, the snippet cut from its body and captions."""
    texts = hit_texts(hits)
    for hit in hits:
        hit.highlighted = {"snippet": [snippet(texts.get(int(hit.pk), ""), terms)],
                           "title": [snippet(hit.title or "", terms)]}


HEADINGS = ("kicker", "subtitle")  # short: marked whole; the title and the text are snippets


def mark_headings(hit, terms) -> None:
    """Adds the marked 引题 and 副题 to a hit's `highlighted`, next to its title and snippet."""
    marked = getattr(hit, "highlighted", None) or {}
    marked.update({name: [mark_all(getattr(hit, name, "") or "", terms)] for name in HEADINGS})
    hit.highlighted = marked
