"""The batch analysis (search/engine/batch.py) gives the per-document analyzer's postings exactly."""
import sys
from unittest import mock

import numpy as np
from django.test import SimpleTestCase
from hypothesis import given, settings, strategies as st

from search import analysis
from search.engine import batch
from search.engine.batch import FIELDS, analyse_batch, analyse_in_processes
from search.search_indexes import ArticleIndex

# Invented text: 繁體 and full-width forms, letter-spaced names, numbers, Latin words,
# long words with dictionary sub-words, a repeated sub-word, punctuation only.
SAMPLES = [
    "本報訊 記者 王 小明報道：中華人民共和國國務院新聞辦公室今日舉行發佈會。",
    "核酸检测点在海淀区，COVID-19 疫情防控 ＡＢＣ１２３ 增长3.5%，500多家企业",
    "保供稳价 惠及万家\n编者按：哈哈哈哈哈，北京大学生命科学学院",
    "，。！？  \n\t\u3000",
    "",
    "于 洋摄\n张明\n本报记者 李 华",
    "北京市人民政府办公厅关于进一步加强农村公路建设的通知 第七条  机关",
]
HAN = st.characters(min_codepoint=0x4E00, max_codepoint=0x4FFF)
# Text read as UTF-8 has no lone surrogates.
ANY = st.characters(exclude_categories=("Cs",))
MIXED = st.one_of(HAN, st.sampled_from("".join(SAMPLES)), st.sampled_from("問題國華發體與這個 \n\t\u3000，。ＡＢａｂAb1２%.-"), ANY)
TEXT = st.text(MIXED, max_size=60)
DOC = st.fixed_dictionaries({}, optional={name: st.one_of(st.none(), TEXT) for name in FIELDS})


def expected(docs):
    """Per field, per document: the per-document analyzer's postings."""
    analyzers = {"words": analysis.WordAnalyzer(), "grams": analysis.GramAnalyzer()}
    return {name: [analysis.postings(analyzers[kind], doc.get(name) or "") for doc in docs]
            for name, kind in FIELDS.items()}


class BatchEqualsPerDocument(SimpleTestCase):
    def assert_same_postings(self, docs, found):
        for name, per_doc in expected(docs).items():
            field = found[name]
            self.assertEqual(field.terms, sorted(set(field.terms)), name)
            for doc, postings in enumerate(per_doc):
                self.assertEqual(field.doc_postings(doc), postings, (name, docs[doc].get(name)))
                self.assertEqual(field.lengths[doc], sum(map(len, postings.values())))
            self.assertEqual(len(field.term_starts), len(field.terms) + 1)
            self.assertEqual(len(field.pos_starts), len(field.docs) + 1)
            self.assertEqual(field.docs.dtype, np.int32)

    def test_invented_samples(self):
        docs = [{"text": t, "grams": t, "headline": t[:12], "headline_grams": t[:12], "names": t[-6:]}
                for t in SAMPLES]
        self.assert_same_postings(docs, analyse_batch(docs))

    def test_batches_after_the_first_reuse_the_words_met_and_add_new_ones(self):
        seg = analysis.Segmenter()  # its own vocabulary, empty
        docs = [{"text": t, "headline": t[:12]} for t in SAMPLES]
        fields = {"text": "words", "headline": "words"}
        first = analyse_batch(docs[:3], fields, seg)
        met = len(batch._vocabulary(seg).number)
        self.assertGreater(met, 0)
        again = analyse_batch(docs[:3], fields, seg)  # nothing new
        self.assertEqual(len(batch._vocabulary(seg).number), met)
        self.assertEqual((again["text"].terms, again["text"].positions.tolist()),
                         (first["text"].terms, first["text"].positions.tolist()))
        later = docs[3:] + docs[:2]  # new words and known ones
        found = analyse_batch(later, fields, seg)
        self.assertGreater(len(batch._vocabulary(seg).number), met)
        for name in fields:
            per_doc = expected(later)[name]
            self.assertEqual([found[name].doc_postings(i) for i in range(len(later))], per_doc)

    def test_a_full_vocabulary_starts_again(self):
        seg = analysis.Segmenter()
        analyse_batch([{"text": SAMPLES[0]}], {"text": "words"}, seg)
        full = batch._vocabulary(seg)
        with mock.patch.object(batch.Vocabulary, "LIMIT", 1):
            self.assertIsNot(batch._vocabulary(seg), full)
            docs = [{"text": SAMPLES[2]}]
            self.assertEqual(analyse_batch(docs, {"text": "words"}, seg)["text"].doc_postings(0),
                             expected(docs)["text"][0])

    def test_a_document_alone_and_in_a_batch_has_the_same_postings(self):
        docs = [{"text": t, "grams": t} for t in SAMPLES]
        alone = analyse_batch(docs[1:2])["grams"]
        self.assertEqual(analyse_batch(docs)["grams"].doc_postings(1), alone.doc_postings(0))

    @given(st.lists(DOC, max_size=6))
    @settings(max_examples=300, deadline=None)
    def test_generated_batches(self, docs):
        self.assert_same_postings(docs, analyse_batch(docs))

    def test_terms_ending_in_nul_are_kept(self):
        docs = [{"grams": "a\x00 \x00"}]
        self.assert_same_postings(docs, analyse_batch(docs))

    def test_space_table_is_str_isspace_over_all_of_unicode(self):
        codes = np.arange(sys.maxunicode + 1)
        table = batch._SPACE[np.minimum(codes, len(batch._SPACE) - 1)]
        self.assertEqual(np.flatnonzero(table).tolist(),
                         [c for c in range(sys.maxunicode + 1) if chr(c).isspace()])

    def test_fields_are_the_search_indexs_analysed_fields(self):
        kinds = [(analysis.WordAnalyzer(), "words"), (analysis.GramAnalyzer(), "grams")]
        analysed = {name: kind for name, field in ArticleIndex.fields.items()
                    for analyzer, kind in kinds if getattr(field, "analyzer", None) == analyzer}
        self.assertEqual(analysed, FIELDS)

    def test_processes_give_the_same_postings_in_order(self):
        batches = [[{"text": t, "grams": t}] for t in SAMPLES[:3]]
        found = list(analyse_in_processes(batches, processes=2))
        self.assertEqual(len(found), len(batches))
        for docs, got in zip(batches, found):
            self.assert_same_postings(docs, got)

    def test_keys_too_wide_to_sort_with_their_numbers_sort_stably_too(self):
        keys = np.array([1 << 62, 5, 1 << 62, 5, 0], dtype=np.uint64)
        found, order = batch._stable_sort(keys)
        self.assertEqual(order.tolist(), np.argsort(keys, kind="stable").tolist())
        self.assertEqual(found.tolist(), sorted(keys.tolist()))
