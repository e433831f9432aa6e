"""The one Chinese analyzer: indexing, querying, highlighting and tests all use it.

Text is first *folded* (繁→简, full-width→half-width, ASCII lower case) one
character for one character, so every offset into the folded text is also an
offset into the original and highlights land on the right characters.

Two token streams are built from the folded text:

* words: jieba with HMM off (its HMM guesses depend on context, so index and
  query would disagree), numbered by word so that phrase queries work; on the
  index side the dictionary sub-words of a long word (cut_for_search) are added
  at the position of their parent word;
* grams: every character and every pair of adjacent characters, numbered by
  character. A phrase of n characters is then n-1 consecutive pairs, which is
  exact substring matching whatever jieba made of the text.
"""
import hashlib
import importlib.util
import json
import logging
import re
import threading
import unicodedata
from functools import lru_cache
from pathlib import Path

from whoosh.analysis import Token, Tokenizer

# Bump when tokens change, so that an index built by an older analyzer is reported.
ANALYZER_VERSION = "4"


def zhconv_table(*names: str) -> dict[str, str]:
    """zhconv's conversion tables, merged in order, read from its data file (see zhconv_hans)."""
    spec = importlib.util.find_spec("zhconv")  # finds the package without running it
    data = json.loads(Path(spec.origin).with_name("zhcdict.json").read_bytes())
    return {k: v for name in names for k, v in data[name].items()}


def zhconv_hans() -> dict[str, str]:
    """zhconv's traditional-to-simplified table (what its getdict("zh-hans") gives),
    read from its data file. Importing zhconv would keep all its tables (~6 MB) and
    import pkg_resources (~15 MB) in every process, for the single characters folding needs."""
    return zhconv_table("zh2Hans")


def _fold_table() -> dict[int, str]:
    table = {}
    for trad, simp in zhconv_hans().items():
        if len(trad) == 1 and len(simp) == 1:
            table[ord(trad)] = simp
    for code in range(0xFF01, 0xFF5F):  # full-width ASCII block
        table[code] = chr(code - 0xFEE0)
    table[0x3000] = " "
    for code in range(ord("A"), ord("Z") + 1):
        table[code] = chr(code + 32)
    for code in range(0xFF21, 0xFF3B):  # full-width capitals fold to lower case too
        table[code] = chr(code - 0xFEE0 + 32)
    return table


FOLD = _fold_table()


def fold(text: str) -> str:
    """Same length as `text`, so offsets carry over."""
    return text.translate(FOLD)


# Spaces between two Chinese characters are layout, not word breaks: letter-spaced names
# (张 明, credits 于 洋摄), headlines printed in two halves (保供稳价 惠及万家), 第七条  机关.
_HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
LAYOUT_SPACE = re.compile(f"(?<=[{_HAN}])[ \t]+(?=[{_HAN}])")


def without_layout(folded: str) -> tuple[str, list[int] | None]:
    """The folded text with layout spaces dropped, and the offset in `folded` of each of
    its characters (None when nothing was dropped: offsets are then the same)."""
    if " " not in folded and "\t" not in folded or not LAYOUT_SPACE.search(folded):
        return folded, None
    offsets, last = [], 0
    for match in LAYOUT_SPACE.finditer(folded):
        offsets.extend(range(last, match.start()))
        last = match.end()
    offsets.extend(range(last, len(folded)))
    return LAYOUT_SPACE.sub("", folded), offsets


def compact(text: str) -> str:
    """`text` folded, without layout spaces: what phrases and names are matched on."""
    return without_layout(fold(text))[0]


@lru_cache(maxsize=1)
def _mainland_table() -> tuple[dict[str, str], int]:
    table = zhconv_table("zh2Hans", "zh2CN")  # what zhconv.convert(text, "zh-cn") uses
    return table, max(map(len, table))


@lru_cache(maxsize=4096)
def mainland(text: str) -> str:
    """`text` in mainland simplified spelling, converted phrase by phrase as zhconv's
    convert(text, "zh-cn") does (longest match first, with zhconv's own table): Taiwan and
    Hong Kong words too (吉里巴斯 -> 基里巴斯), which one-character folding cannot reach.
    The table is read on the first query (~12,000 entries), without importing zhconv."""
    table, longest = _mainland_table()
    out, i = [], 0
    while i < len(text):
        for size in range(min(longest, len(text) - i), 0, -1):
            found = table.get(text[i:i + size])
            if found is not None:
                out.append(found)
                i += size
                break
        else:
            out.append(text[i])
            i += 1
    return "".join(out)


@lru_cache(maxsize=1 << 18)
def is_wordlike(token: str) -> bool:
    """Letters, digits and CJK count; punctuation and spaces are not searchable words."""
    return any(unicodedata.category(ch)[0] in "LN" for ch in token)


class Segmenter:
    """jieba with HMM off and an optional newsroom user dictionary.

    One implementation, not both: rjieba when accelerated (tests/test_analysis.py
    proves its tokens the same), Python jieba otherwise. Each holds its own copy of
    jieba's dictionary; building both cost ~110 MB in every searching process."""

    def __init__(self, user_dict: str | None = None, accelerate: bool = False):
        self.user_dict = user_dict
        self._subwords = {}
        words = read_user_dict(user_dict)
        if accelerate:
            self._cut, self._has_word = rjieba_functions(words)
            # A user word of frequency 0 takes a word out of jieba's dictionary
            # (jieba's del_word); rjieba then cuts the same but still has_word()s it.
            self._removed = removed_words(words)
            self._jieba = None
        else:
            self._jieba = make_jieba(words)
            self._lock = threading.Lock()

    def cut(self, folded: str) -> list[str]:
        if self._jieba is None:
            return self._cut(folded, False)
        with self._lock:  # jieba's lazy structures are not thread-safe
            return list(self._jieba.cut(folded, HMM=False))

    def subwords(self, word: str) -> tuple[tuple[str, int], ...]:
        """(part, offset) of the dictionary words of 2 and 3 characters inside a
        longer word: what jieba's cut_for_search adds. Kept per word: an index
        load asks for the same words again and again."""
        found = self._subwords.get(word)
        if found is None:
            found = self._subwords[word] = tuple(
                (word[i:i + size], i) for size in (2, 3) for i in range(len(word) - size + 1)
                if size < len(word) and self.in_dictionary(word[i:i + size]))
        return found

    def in_dictionary(self, word: str) -> bool:
        if self._jieba is None:
            return word not in self._removed and self._has_word(word)
        return bool(self._jieba.FREQ.get(word))


def read_user_dict(path) -> list[tuple[str, int | None]]:
    """jieba's format: `word [freq] [tag]` per line; the words are folded like the text."""
    if not path:
        return []
    words = []
    with open(path, encoding="utf-8-sig") as handle:
        for line in handle:
            parts = line.split()
            if parts:
                freq = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else None
                words.append((fold(parts[0]), freq))
    return words


def removed_words(words) -> set[str]:
    """Words whose last user-dictionary line gives frequency 0."""
    removed = set()
    for word, freq in words:
        if freq == 0:
            removed.add(word)
        else:
            removed.discard(word)
    return removed


def make_jieba(words):
    import jieba

    # jieba logs its loading at DEBUG through a stderr handler of its own;
    # the site's logging (config/logs.py) decides where its records go.
    jieba.default_logger.handlers.clear()
    jieba.setLogLevel(logging.INFO)
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    for word, freq in words:
        tokenizer.add_word(word, freq)
    return tokenizer


def rjieba_functions(words):
    """(cut, has_word) of an rjieba with the user's words. Importing rjieba builds
    a default instance (~25 MB); without user words that one serves, another
    instance would be a second copy of the same dictionary."""
    import rjieba

    if not words:
        return rjieba.cut, rjieba.has_word
    fast = rjieba.Jieba()
    for word, freq in words:
        fast.add_word(word, freq, None)
    return fast.cut, fast.has_word


def dictionary_digest(path) -> str:
    if not path:
        return "none"
    with open(path, "rb") as handle:
        return hashlib.sha256(handle.read()).hexdigest()[:16]


@lru_cache(maxsize=None)
def _segmenter(user_dict, accelerate) -> Segmenter:
    return Segmenter(user_dict, accelerate)


def segmenter() -> Segmenter:
    from django.conf import settings

    return _segmenter(getattr(settings, "SEARCH_USER_DICT", None),
                      getattr(settings, "SEARCH_ACCELERATE", False))


def signature() -> str:
    """What built an index: compared with the running code by check_index. An index of
    another format (search/engine/README.md) is read, but converted by rebuild_index."""
    from django.conf import settings

    from .engine.codec import FORMAT_NAME

    return (f"analyzer {ANALYZER_VERSION}; dictionary {dictionary_digest(getattr(settings, 'SEARCH_USER_DICT', None))}; "
            f"format {FORMAT_NAME}")


def words(text: str, subwords: bool = False):
    """(text, position, start, end) for every searchable word of `text`."""
    seg = segmenter()
    folded, offsets = without_layout(fold(text))
    at = (lambda k: k) if offsets is None else offsets.__getitem__
    start, pos = 0, 0
    for word in seg.cut(folded):
        end = start + len(word)
        if is_wordlike(word):
            yield word, pos, at(start), at(end - 1) + 1
            if subwords and len(word) > 2:
                for part, i in seg.subwords(word):
                    yield part, pos, at(start + i), at(start + i + len(part) - 1) + 1
            pos += 1
        start = end


def query_words(text: str) -> list[str]:
    return [w for w, *_ in words(text)]


def grams(text: str):
    """(text, position, start, end): each character, and each pair not broken by a space
    (a layout space between two Chinese characters does not count)."""
    folded, offsets = without_layout(fold(text))
    at = (lambda k: k) if offsets is None else offsets.__getitem__
    for k, ch in enumerate(folded):
        if ch.isspace():
            continue  # a gap in the positions, so that a phrase cannot reach across it
        yield ch, k, at(k), at(k) + 1
        if k + 1 < len(folded) and not folded[k + 1].isspace():
            yield folded[k:k + 2], k, at(k), at(k + 1) + 1


def phrase_grams(text: str) -> list[str]:
    """The consecutive pairs that spell `text`; a single character stands for itself."""
    folded = compact(text)
    if len(folded) == 1:
        return [folded]
    return [folded[i:i + 2] for i in range(len(folded) - 1)]


class StreamTokenizer(Tokenizer):
    """A Whoosh tokenizer over one of the streams above."""

    def __init__(self, stream):
        self.stream = stream

    def __eq__(self, other):
        return type(self) is type(other) and self.stream == other.stream

    def __call__(self, value, positions=False, chars=False, keeporiginal=False,
                 removestops=True, start_pos=0, start_char=0, mode="", **kwargs):
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        for text, pos, start, end in self.stream(value, mode):
            token.text = text
            token.boost = 1.0
            token.stopped = False
            if keeporiginal:
                token.original = text
            if positions:
                token.pos = start_pos + pos
            if chars:
                token.startchar, token.endchar = start_char + start, start_char + end
            yield token


def _word_stream(value, mode):
    return words(value, subwords=(mode != "query"))


def _gram_stream(value, mode):
    return grams(value)


def WordAnalyzer():
    return StreamTokenizer(_word_stream)


def GramAnalyzer():
    return StreamTokenizer(_gram_stream)


def postings(analyzer, value: str, mode: str = "index") -> dict[str, list[int]]:
    """Positions of each token: what the index stores, built without Whoosh's
    per-token objects (the bulk of indexing time otherwise). The two streams
    have direct versions (tests/test_analysis.py checks them against the streams)."""
    if analyzer.stream is _gram_stream:
        return gram_postings(value)
    if analyzer.stream is _word_stream:
        return word_postings(value, subwords=(mode != "query"))
    found = {}
    for text, pos, _, _ in analyzer.stream(value, mode):
        found.setdefault(text, []).append(pos)
    return found


def gram_postings(text: str) -> dict[str, list[int]]:
    """grams() as positions: a character's position is its offset in the compact text."""
    folded = compact(text)
    found = {}
    get = found.get
    for i, (ch, after) in enumerate(zip(folded, folded[1:] + " ")):
        if ch.isspace():
            continue
        at = get(ch)
        if at is None:
            found[ch] = [i]
        else:
            at.append(i)
        if not after.isspace():
            pair = ch + after
            at = get(pair)
            if at is None:
                found[pair] = [i]
            else:
                at.append(i)
    return found


def word_postings(text: str, subwords: bool) -> dict[str, list[int]]:
    """words() as positions."""
    seg = segmenter()
    found = {}
    get = found.get
    pos = 0
    for word in seg.cut(compact(text)):
        if not is_wordlike(word):
            continue
        parts = seg.subwords(word) if subwords and len(word) > 2 else ()
        for token in (word, *(part for part, _ in parts)):
            at = get(token)
            if at is None:
                found[token] = [pos]
            else:
                at.append(pos)
        pos += 1
    return found
