"""Snippets with the query's words marked: the text is escaped, only our <mark> is HTML."""
from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from .analysis import fold, query_words

SNIPPET_CHARS = 120


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
    folding keeps the length."""
    folded, marked = fold(text), []
    for term in terms:
        start = folded.find(term)
        while start != -1:
            marked.append((start, start + len(term)))
            start = folded.find(term, start + 1)
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


def snippet(text: str, terms, size: int = SNIPPET_CHARS) -> SafeString:
    text = text or ""
    marks = spans(text, terms)
    begin, end = best_window(text, marks, size)
    out, pos = [], begin
    for start, stop in marks:
        if stop <= begin or start >= end:
            continue
        start, stop = max(start, begin), min(stop, end)
        out.append(escape(text[pos:start]))
        out.append(f"<mark>{escape(text[start:stop])}</mark>")
        pos = stop
    out.append(escape(text[pos:end]))
    prefix = "…" if begin > 0 else ""
    suffix = "…" if end < len(text) else ""
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
