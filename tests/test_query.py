"""The query language parser, alone and fuzzed end to end."""
import datetime

from django.test import SimpleTestCase
from hypothesis import HealthCheck, example, given, settings, strategies as st
from hypothesis.extra.django import TestCase

from search.compile import to_whoosh
from search.query import MAX_LENGTH, And, DateRange, Not, Or, QueryError, Term, parse, unparse
from search.searching import search
from tests.archive_helpers import TempDirMixin, run_import
from tests.search_helpers import TempIndexMixin


class ParserTests(SimpleTestCase):
    def tree(self, text):
        return parse(text).tree

    def test_words_are_and_by_default(self):
        self.assertEqual(self.tree("疫情 防控"), And([Term("疫情"), Term("防控")]))
        self.assertEqual(self.tree("疫情 AND 防控"), And([Term("疫情"), Term("防控")]))

    def test_quotes_of_both_kinds_make_phrases(self):
        self.assertEqual(self.tree('"疫情 防控"'), Term("疫情 防控", quoted=True))
        self.assertEqual(self.tree("“疫情防控”"), Term("疫情防控", quoted=True))

    def test_or_binds_looser_than_and(self):
        self.assertEqual(self.tree("a b OR c"), Or([And([Term("a"), Term("b")]), Term("c")]))
        self.assertEqual(self.tree("疫情 或 核酸"), Or([Term("疫情"), Term("核酸")]))

    def test_or_must_be_upper_case(self):
        self.assertEqual(self.tree("a or b"), And([Term("a"), Term("or"), Term("b")]))

    def test_exclusion(self):
        self.assertEqual(self.tree("核酸 -广告"), And([Term("核酸"), Not(Term("广告"))]))
        self.assertEqual(self.tree("核酸 NOT 广告"), And([Term("核酸"), Not(Term("广告"))]))
        self.assertEqual(self.tree("新冠-19"), Term("新冠-19"))

    def test_fields_in_both_languages(self):
        self.assertEqual(self.tree("标题:疫情"), Term("疫情", "title"))
        self.assertEqual(self.tree("作者：卢东亮"), Term("卢东亮", "byline"))
        self.assertEqual(self.tree("版:2"), Term("2", "page"))
        self.assertEqual(self.tree('栏目:"一线调研"'), Term("一线调研", "column", quoted=True))
        self.assertEqual(self.tree("title:(a OR b)"), Or([Term("a", "title"), Term("b", "title")]))

    def test_unknown_prefix_is_part_of_the_word(self):
        self.assertEqual(self.tree("10:30"), Term("10:30"))

    def test_date_ranges(self):
        self.assertEqual(self.tree("date:2022-05-01..2022-05-31"),
                         DateRange(datetime.date(2022, 5, 1), datetime.date(2022, 5, 31)))
        self.assertEqual(self.tree("date:2022-02"), DateRange(datetime.date(2022, 2, 1), datetime.date(2022, 2, 28)))
        self.assertEqual(self.tree("date:2022.."), DateRange(datetime.date(2022, 1, 1), None))
        for bad in ("date:2022-05-31..2022-05-01", "date:..", "date:昨天", "date:2022-02-30"):
            with self.assertRaises(QueryError, msg=bad):
                parse(bad)

    def test_forgiven_mistakes_leave_notices(self):
        for text in ('"未闭合', "(未闭合", "多余)", "OR 开头", "结尾 OR", "- 孤立", "NOT", "标题:"):
            try:
                parsed = parse(text)
            except QueryError:
                continue  # nothing left to search
            self.assertTrue(parsed.notices, text)

    def test_refusals(self):
        for text in ("", "  ", "，", "x" * (MAX_LENGTH + 1), " ".join(["词"] * 100)):
            with self.assertRaises(QueryError, msg=text[:20]):
                parse(text)

    @given(st.text(max_size=300))
    @settings(max_examples=400, deadline=None)
    @example('"a" OR (b -"c" 标题:(d')
    @example("date:2022..2023 -(-(-x))")
    def test_any_text_parses_or_is_refused_politely(self, text):
        try:
            tree = parse(text).tree
        except QueryError as exc:
            self.assertTrue(str(exc))
            return
        to_whoosh(tree)
        self.assertEqual(parse(unparse(tree)).tree, tree)


QUERY_PIECES = st.sampled_from(['"', "“", "”", "(", ")", "（", "）", "OR", "或", "NOT", "-", "AND", ":",
                                "标题:", "作者:", "版:", "date:", "..", "2024-03", "核酸", "梧桐", " ", "\\", "*", "?"])


class FuzzSearchTests(TempIndexMixin, TempDirMixin, TestCase):
    """Whatever a visitor types, search() answers: hits or a message, never an exception."""

    def setUp(self):
        super().setUp()
        run_import(str(self.write("2024-03-05.txt")))

    @given(st.one_of(st.text(max_size=200), st.lists(QUERY_PIECES, max_size=30).map("".join)))
    @settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    def test_search_never_raises(self, text):
        results = search(text)
        self.assertTrue(results.error or results.total >= 0)

    def test_ten_kilobytes(self):
        for text in ("核" * 10_000, "a OR " * 2_000, '"' * 10_000, "(" * 10_000):
            results = search(text)
            self.assertTrue(results.error)
