"""A batch of articles analysed into postings arrays, for the vectorised writer (#23).

The postings are exactly those of the per-document analyzer (search/analysis.py;
tests/test_engine_batch.py compares them on generated and invented text), built
without Python running per posting or per position:

* grams: the batch's compact texts (folded, layout spaces dropped) joined into one
  string, read as uint32 codepoints; every character and every pair of characters
  not broken by a space gets a uint64 key, (first + 1) << 21 | (second + 1 or 0), so
  that sorting keys sorts the terms as their UTF-8 bytes sort;
* words: rjieba's cut of each text (one call a document), words numbered through the
  process's `Vocabulary`; whether a word is searchable and its dictionary sub-words are
  looked up once per distinct word in the process, then expanded to every occurrence with
  numpy, sub-words at their parent's position.

Then one stable sort of the keys per field groups the occurrences into terms and
postings, with positions in order.
"""
from __future__ import annotations

import multiprocessing
import os
import weakref
from dataclasses import dataclass
from itertools import repeat

import numpy as np

from .. import analysis

# The indexed text fields of an article (search/search_indexes.py) and their analyzer.
FIELDS = {"text": "words", "grams": "grams", "headline": "words",
          "headline_grams": "grams", "names": "words"}

# Every codepoint str.isspace() accepts is below U+3001 (tests/test_engine_batch.py checks
# all of Unicode); anything above looks up the last entry, which is False.
_SPACE = np.array([chr(c).isspace() for c in range(0x3001)] + [False])
_BITS = 21  # a codepoint fits in 21 bits


@dataclass
class FieldPostings:
    """One field's postings for a batch, in CSR form: term i's postings are
    docs[term_starts[i]:term_starts[i + 1]], posting j's positions are
    positions[pos_starts[j]:pos_starts[j + 1]]."""
    terms: list[bytes]        # sorted, unique, UTF-8
    term_starts: np.ndarray   # int64, len(terms) + 1
    docs: np.ndarray          # int32, the document's number in the batch, increasing within a term
    pos_starts: np.ndarray    # int64, len(docs) + 1
    positions: np.ndarray     # int32, increasing within a posting (a repeated sub-word repeats)
    lengths: np.ndarray       # int32 per document: its number of positions, Whoosh's field length

    def doc_postings(self, doc: int) -> dict[str, list[int]]:
        """One document's postings as analysis.postings() gives them (for tests and checks)."""
        found = {}
        for i, term in enumerate(self.terms):
            lo, hi = self.term_starts[i], self.term_starts[i + 1]
            at = lo + np.searchsorted(self.docs[lo:hi], doc)
            if at < hi and self.docs[at] == doc:
                found[term.decode("utf-8")] = self.positions[self.pos_starts[at]:self.pos_starts[at + 1]].tolist()
        return found


def analyse_batch(docs, fields=FIELDS, seg=None) -> dict[str, FieldPostings]:
    """`docs`: one mapping of field name to text per article (a missing or None
    field is empty). Returns each field's postings, documents numbered 0.. in order."""
    seg = seg or analysis.segmenter()
    compacts = [{} for _ in docs]
    out = {}
    for name, kind in fields.items():
        texts = [_compact(memo, doc.get(name) or "") for memo, doc in zip(compacts, docs)]
        out[name] = gram_postings(texts) if kind == "grams" else word_postings(texts, seg)
    return out


def _compact(memo: dict, text: str) -> str:
    # The text field and the grams field of an article are the same text.
    found = memo.get(text)
    if found is None:
        found = memo[text] = analysis.compact(text)
    return found


def _doc_numbers(counts: np.ndarray) -> np.ndarray:
    return np.repeat(np.arange(len(counts), dtype=np.int32), counts)


def gram_postings(texts: list[str]) -> FieldPostings:
    """Postings of compact texts' characters and pairs (analysis.gram_postings)."""
    lengths = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
    # One space between documents: a pair never spans two of them.
    joined = " ".join(texts)
    cps = np.frombuffer(joined.encode("utf-32-le", "surrogatepass"), dtype=np.uint32)
    doc = _doc_numbers(lengths + 1)[:len(cps)]
    pos = np.arange(len(cps), dtype=np.int64) - (np.cumsum(lengths + 1) - lengths - 1)[doc]
    space = _SPACE[np.minimum(cps, len(_SPACE) - 1)]
    chars = np.flatnonzero(~space)
    pairs = chars[~space[np.minimum(chars + 1, len(cps) - 1)] & (chars + 1 < len(cps))]
    first = (cps.astype(np.uint64) + 1) << _BITS
    keys = np.concatenate([first[chars], first[pairs] | (cps[pairs + 1].astype(np.uint64) + 1)])
    at = np.concatenate([chars, pairs])
    grouped, term_keys = _group(keys, doc[at], pos[at].astype(np.int32), len(texts))
    return FieldPostings(_gram_terms(term_keys), *grouped)


def _gram_terms(keys: np.ndarray) -> list[bytes]:
    """Term bytes of gram keys, encoded in one call: the terms' codepoints one after
    the other, each followed by a lone surrogate, which text never holds and whose
    UTF-8 bytes no other character's contain."""
    table = np.empty((len(keys), 3), dtype=np.uint32)
    table[:, 0] = (keys >> _BITS) - 1
    second = keys & ((1 << _BITS) - 1)
    table[:, 1] = second - 1
    table[:, 2] = _SEPARATOR
    used = np.ones(table.shape, dtype=bool)
    used[:, 1] = second > 0
    return _split(table[used][:-1].tobytes().decode("utf-32-le", "surrogatepass"), len(keys))


_SEPARATOR = 0xD800


def _split(joined: str, count: int) -> list[bytes]:
    if not count:
        return []
    return joined.encode("utf-8", "surrogatepass").split(chr(_SEPARATOR).encode("utf-8", "surrogatepass"))


def word_postings(texts: list[str], seg) -> FieldPostings:
    """Postings of compact texts' words, with sub-words (analysis.word_postings)."""
    words, counts = [], np.zeros(len(texts), dtype=np.int64)
    for i, text in enumerate(texts):
        cut = seg.cut(text)
        words.extend(cut)
        counts[i] = len(cut)
    vocabulary = _vocabulary(seg)
    ids = vocabulary.numbers(words)
    # A word's position counts the searchable words before it in its document.
    searchable = vocabulary.wordlike[ids]
    before = np.concatenate([[0], np.cumsum(searchable)])
    doc = _doc_numbers(counts)
    pos = before[:-1] - before[np.cumsum(counts) - counts][doc]
    # Each occurrence expanded to its word's tokens (the word, then its sub-words).
    tok_starts = vocabulary.tok_starts
    per_word = np.diff(tok_starts)[ids]
    occurrence = np.repeat(np.arange(len(ids)), per_word)
    within = np.arange(len(occurrence)) - np.repeat(np.cumsum(per_word) - per_word, per_word)
    tokens = vocabulary.tok_ids[tok_starts[ids[occurrence]] + within]
    # The batch's tokens renumbered in the order of their bytes, which the terms are sorted by.
    present = np.flatnonzero(np.bincount(tokens, minlength=len(vocabulary.tokens)))
    names = [vocabulary.tokens[t] for t in present.tolist()]
    order = sorted(range(len(names)), key=names.__getitem__)  # str order is UTF-8 byte order
    rank = np.zeros(len(vocabulary.tokens), dtype=np.int64)
    rank[present[order]] = np.arange(len(order))
    grouped, term_ids = _group(rank[tokens], doc[occurrence], pos[occurrence].astype(np.int32), len(texts))
    terms = _split(chr(_SEPARATOR).join(names[i] for i in order), len(order))
    return FieldPostings([terms[t] for t in term_ids], *grouped)


class Vocabulary:
    """The words a segmenter has cut in this process, numbered in the order first met: whether
    each is searchable and its tokens (the word, then its dictionary sub-words) as numbers of
    `tokens`. A load meets the same words batch after batch: each is looked up once, not
    once a batch (that was a quarter of the analysis)."""

    LIMIT = 1_000_000  # words kept at most; then it starts again (a long-lived process's memory)

    def __init__(self, seg):
        self.seg, self.number, self.tokens, self.token_number = seg, {}, [], {}
        self.wordlike = np.zeros(0, dtype=bool)
        self.tok_starts = np.zeros(1, dtype=np.int64)  # CSR: word i's tokens are tok_ids[tok_starts[i]:tok_starts[i + 1]]
        self.tok_ids = np.zeros(0, dtype=np.int64)

    def numbers(self, words: list[str]) -> np.ndarray:
        """Each word's number, new words numbered first (one look-up an occurrence)."""
        found = np.fromiter(map(self.number.get, words, repeat(-1)), dtype=np.int64, count=len(words))
        missing = np.flatnonzero(found < 0).tolist()
        if missing:
            new = list(dict.fromkeys(words[i] for i in missing))
            self._add(new)
            found[missing] = [self.number[words[i]] for i in missing]
        return found

    def _add(self, words: list[str]):
        wordlike = np.fromiter(map(analysis.is_wordlike, words), dtype=bool, count=len(words))
        seg, token_number = self.seg, self.token_number
        per_word = [((w, *(p for p, _ in seg.subwords(w))) if len(w) > 2 else (w,)) if ok else ()
                    for w, ok in zip(words, wordlike)]
        for token in (t for found in per_word for t in found):
            if token not in token_number:
                token_number[token] = len(self.tokens)
                self.tokens.append(token)
        ids = np.fromiter((token_number[t] for found in per_word for t in found), dtype=np.int64)
        ends = self.tok_starts[-1] + np.cumsum([len(found) for found in per_word], dtype=np.int64)
        self.tok_starts = np.concatenate([self.tok_starts, ends])
        self.tok_ids = np.concatenate([self.tok_ids, ids])
        self.wordlike = np.concatenate([self.wordlike, wordlike])
        self.number.update(zip(words, range(len(self.number), len(self.number) + len(words))))


_VOCABULARIES = weakref.WeakKeyDictionary()  # segmenter -> its Vocabulary


def _vocabulary(seg) -> Vocabulary:
    found = _VOCABULARIES.get(seg)
    if found is None or len(found.number) > Vocabulary.LIMIT:
        found = _VOCABULARIES[seg] = Vocabulary(seg)
    return found


def _group(keys, docs, positions, ndocs):
    """Occurrences (in document and position order) grouped by key, then document.
    Returns ((term_starts, docs, pos_starts, positions, lengths), the sorted distinct keys)."""
    keys, order = _stable_sort(keys)
    docs, positions = docs[order].astype(np.int32), positions[order]
    new_term = np.ones(len(keys), dtype=bool)
    new_term[1:] = keys[1:] != keys[:-1]
    new_posting = new_term.copy()
    new_posting[1:] |= docs[1:] != docs[:-1]
    posting_at = np.flatnonzero(new_posting)
    term_at = np.flatnonzero(new_term)
    term_starts = np.append(np.cumsum(new_posting)[term_at] - 1, len(posting_at)).astype(np.int64)
    pos_starts = np.append(posting_at, len(keys)).astype(np.int64)
    lengths = np.bincount(docs, minlength=ndocs).astype(np.int32)
    return (term_starts, docs[posting_at], pos_starts, positions, lengths), keys[term_at]


def _stable_sort(keys):
    """(sorted keys, the order that sorts them), equal keys in their first order. When
    the key and the occurrence's number fit in 64 bits together, one plain sort of
    both (numpy sorts integers with SIMD, ~20x faster than a stable argsort)."""
    count = len(keys)
    index_bits = max(1, (count - 1).bit_length())
    key_bits = int(keys.max()).bit_length() if count else 0
    if key_bits + index_bits > 64:
        order = np.argsort(keys, kind="stable")
        return keys[order], order
    both = np.sort((keys.astype(np.uint64) << np.uint64(index_bits)) | np.arange(count, dtype=np.uint64))
    return both >> np.uint64(index_bits), (both & np.uint64((1 << index_bits) - 1)).astype(np.int64)


def _init_worker(user_dict, accelerate):
    global _WORKER_SEGMENTER
    _WORKER_SEGMENTER = analysis.Segmenter(user_dict, accelerate)


_WORKER_SEGMENTER = None


def _analyse_in_worker(docs):
    return analyse_batch(docs, seg=_WORKER_SEGMENTER)


def analyse_in_processes(batches, processes: int | None = None):
    """analyse_batch() of each batch, in order, over one process per core. The workers
    build the segmenter the site's settings describe (user dictionary, rjieba)."""
    from django.conf import settings

    processes = processes or os.cpu_count() or 1
    init = (getattr(settings, "SEARCH_USER_DICT", None), getattr(settings, "SEARCH_ACCELERATE", False))
    with multiprocessing.get_context("spawn").Pool(processes, _init_worker, init) as pool:
        yield from pool.imap(_analyse_in_worker, batches)
