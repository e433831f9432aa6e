"""bench/eval_rank.py's arithmetic: MRR and the margin's interval."""
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))

from eval_rank import margin_interval, measure  # noqa: E402


def test_mrr_counts_a_miss_as_zero():
    assert measure([1, 2, None, 4])["mrr"] == (1 + 0.5 + 0 + 0.25) / 4


def test_the_same_ranks_have_no_margin():
    assert margin_interval([1, 3, None, 2], [1, 3, None, 2]) == (0.0, 0.0)


def test_a_margin_every_query_shares_is_the_whole_interval():
    assert margin_interval([1] * 50, [2] * 50) == (0.5, 0.5)


def test_the_interval_holds_the_margin_and_narrows_with_more_queries():
    ours, theirs = [1, 1, 2, 1, None, 1, 3, 1, 1, 2], [2, 1, 1, 1, 1, 4, 3, None, 1, 1]
    margin = measure(ours)["mrr"] - measure(theirs)["mrr"]
    lo, hi = margin_interval(ours, theirs)
    assert lo < margin < hi
    lo10, hi10 = margin_interval(ours * 10, theirs * 10)
    assert lo < lo10 < margin < hi10 < hi


def test_ranks_of_other_queries_are_refused():
    with pytest.raises(ValueError):
        margin_interval([1, 2], [1])


def test_only_the_make_defaults_rewrite_the_main_section(tmp_path):
    from argparse import Namespace

    from eval_rank import SAMPLE, SEED, write_report

    page = tmp_path / "quality.md"
    for seed, sample in ((SEED, SAMPLE), (7, SAMPLE), (SEED, 0)):
        write_report(Namespace(corpus="corpus", sample=sample, seed=seed, out=str(page)), 10, [f"| row {seed} {sample} |"])
    text = page.read_text(encoding="utf-8")
    assert "by `make eval-rank`, i.e. `bench/eval_rank.py corpus --sample 500 --seed 20190201`" in text
    assert "<!-- eval-rank-seed-7 -->" in text and "| row 7 500 |" in text
    assert "<!-- eval-rank-all -->" in text and "every eligible story" in text and "--sample 0" in text
    assert text.count("## Known-item ranking\n") == 1
