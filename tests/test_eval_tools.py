"""bench/eval_parser.py's month table and leave-one-month-out folds, bench/fit_segmenter.py's
refit and bench/logreg.py, on small invented issues written to a temporary directory.
Plain pytest, no Django, no corpus text."""
import json
import sys
from pathlib import Path

import numpy as np
import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
import eval_parser  # noqa: E402
import fit_segmenter  # noqa: E402
from fit_segmenter import Decider, Issue, issues_in  # noqa: E402
from lomo import by_month, folds, leave_one_month_out  # noqa: E402
from logreg import fit_logistic, predict  # noqa: E402

from archive.ingest import parse_file, segment, starts  # noqa: E402
from archive.ingest.lines import split_lines  # noqa: E402

PLACES = ["清河县", "松溪镇", "柳湾村", "南山乡", "白沙镇", "河口镇"]
WORKS = ["春耕生产", "老街改造", "河道清淤", "农贸市场搬迁", "社区食堂开业", "体育公园开工"]
SENTENCES = ["据有关部门介绍，这项工作今年计划投入资金三百万元，预计年底前全部完成。",
             "附近居民表示，工程完工后出行更方便了，生活环境也越来越好。",
             "记者在现场看到，工人们正在紧张施工，各项工作井然有序。"]
DAYS = ["2031-01-04", "2031-01-11", "2031-02-03", "2031-02-17", "2031-03-09", "2031-03-23"]


def invented_issue(day: int) -> tuple[str, list[dict]]:
    """An issue of four stories, the second and fourth with a sub-heading inside, and its truth."""
    blocks, truth = [], []
    for n in range(4):
        title = f"{PLACES[(day + n) % 6]}{WORKS[(day * 2 + n) % 6]}顺利推进"
        paragraphs = [f"本报讯（记者 周明）{PLACES[n]}{WORKS[n]}进展顺利。" + SENTENCES[n % 3], SENTENCES[(n + 1) % 3]]
        if n % 2:
            paragraphs += ["下一步怎么走", SENTENCES[(n + 2) % 3]]
        blocks += [title, *paragraphs]
        truth.append({"page": "01", "seq": n + 1, "kicker": "", "title": title, "subtitle": "",
                      "paragraphs": paragraphs})
    return "\n\n".join(blocks) + "\n", truth


@pytest.fixture
def corpus(tmp_path):
    """Six invented issues over three months, and one whose name carries no date."""
    for n, name in enumerate(DAYS + ["extra"]):
        text, truth = invented_issue(n)
        (tmp_path / f"{name}.txt").write_text(text, encoding="utf-8")
        (tmp_path / f"{name}.truth.jsonl").write_text(
            "".join(json.dumps(a, ensure_ascii=False) + "\n" for a in truth), encoding="utf-8")
    return tmp_path


def test_issues_group_by_the_month_in_their_names(corpus):
    groups = by_month(issues_in(corpus))
    assert list(groups) == ["", "2031-01", "2031-02", "2031-03"]
    assert [i.text.name for i in groups["2031-02"]] == ["2031-02-03.txt", "2031-02-17.txt"]
    assert [i.text.name for i in groups[""]] == ["extra.txt"]


def test_each_fold_is_fitted_on_the_other_months_and_scored_on_its_own(corpus):
    fitted, scored = [], []

    def fit(train):
        fitted.append({i.text.name for i in train})
        return len(fitted)

    def score(held, weights):
        scored.append(({i.text.name for i in held}, weights))
        return {i.month for i in held}

    result = leave_one_month_out(issues_in(corpus), fit, score)
    assert result == {"2031-01": {"2031-01"}, "2031-02": {"2031-02"}, "2031-03": {"2031-03"}}
    dated = {f"{day}.txt" for day in DAYS}
    for train, (held, weights) in zip(fitted, scored):
        assert not train & held  # never scored on an issue it was fitted on
        assert train | held == dated  # the undated issue is in no fold
        assert fitted[weights - 1] is train  # each month is scored with its own fold's fit
    assert [sorted(h) for h, _ in scored] == [sorted(f"{d}.txt" for d in DAYS[k:k + 2]) for k in (0, 2, 4)]


def test_one_month_makes_no_fold(corpus):
    january = [i for i in issues_in(corpus) if i.month in ("2031-01", "")]
    assert folds(january) == []


def test_the_refit_on_two_months_scores_the_third(corpus, monkeypatch):
    fitted = []
    real_fit = fit_segmenter.fit_weights
    monkeypatch.setattr(fit_segmenter, "fit_weights", lambda train: fitted.append(train) or real_fit(train))
    shipped = dict(starts.WEIGHTS)
    issues = [i for i in issues_in(corpus) if i.month]
    result = leave_one_month_out(issues, fit_segmenter.fit_weights, eval_parser.score_with)
    assert [len(train) for train in fitted] == [4, 4, 4]
    assert {month: t["issues"] for month, t in result.items()} == {"2031-01": 2, "2031-02": 2, "2031-03": 2}
    assert all(t["truth"] == 8 and t["matched"] <= 8 for t in result.values())
    assert starts.WEIGHTS == shipped and starts.Decider().weights == shipped  # no fold leaves its weights behind


def test_a_fit_gives_every_weight_and_keeps_the_priors(corpus):
    weights = fit_segmenter.fit_weights(issues_in(corpus)[:4], decimals=fit_segmenter.DECIMALS)  # as printed
    assert set(weights) == set(starts.WEIGHTS)
    assert all(weights[name] == starts.WEIGHTS[name] for name in fit_segmenter.PRIORS)
    assert all(round(value, 1) == value for value in weights.values())


def test_the_decider_with_the_shipped_weights_parses_as_the_segmenter_does(corpus):
    issue = issues_in(corpus)[1]
    cache: dict = {}
    expected = [a.as_json() for a in parse_file(issue.text).articles]
    for _ in range(2):  # the second pass reads every feature from the cache
        assert [a.as_json() for a in parse_file(issue.text, decider=Decider(cache=cache)).articles] == expected
    assert cache


def test_cached_features_are_the_features_computed_afresh(corpus):
    issue = Issue(corpus / "2031-02-03.txt", corpus / "2031-02-03.truth.jsonl")
    fresh = fit_segmenter.samples(issue, starts.WEIGHTS)
    fit_segmenter.feature_cache(issue).clear()
    fit_segmenter.steered_samples(issue)  # fills the cache along the truth's decisions
    again = fit_segmenter.samples(issue, starts.WEIGHTS)
    assert fresh[:2] == again[:2] and fresh[1].count(False) == 2  # two sub-headings: two runs to keep


def test_logistic_regression_recovers_the_weights_that_made_the_labels():
    rng = np.random.default_rng(7)
    X = rng.normal(size=(20000, 3))
    true_w, true_b = np.array([2.0, -1.0, 0.5]), -0.3
    y = rng.random(20000) < 1 / (1 + np.exp(-(X @ true_w + true_b)))
    coef, intercept = fit_logistic(X, y, C=1e6)
    assert np.allclose(coef, true_w, atol=0.1) and abs(intercept - true_b) < 0.1


def test_logistic_regression_minimises_the_penalised_loss():
    """At the optimum of 0.5|w|^2 + C * log-loss the gradient vanishes (intercept unpenalised)."""
    rng = np.random.default_rng(3)
    X = rng.normal(size=(300, 4))
    y = X[:, 0] - X[:, 2] > 0  # separable: only the penalty keeps the weights finite
    coef, intercept = fit_logistic(X, y, C=1.0)
    p = 1 / (1 + np.exp(-(X @ coef + intercept)))
    assert np.allclose(coef + X.T @ (p - y), 0, atol=1e-6) and abs(np.sum(p - y)) < 1e-6
    assert (predict(X, coef, intercept) == y).mean() > 0.97
    assert np.all(np.isfinite(coef))


def test_a_refit_pulled_toward_a_fit_of_the_same_data_returns_that_fit():
    rng = np.random.default_rng(5)
    X = rng.normal(size=(400, 3))
    y = X @ np.array([1.5, -1.0, 0.2]) + rng.normal(size=400) > 0
    coef, intercept = fit_logistic(X, y)
    again, again_b = fit_logistic(X, y, center=[*coef, intercept], strength=30.0)
    assert np.allclose(again, coef, atol=1e-8) and abs(again_b - intercept) < 1e-8


def test_a_pulled_refit_moves_less_when_the_data_change_and_nan_leaves_a_weight_free():
    rng = np.random.default_rng(6)
    X = rng.normal(size=(300, 3))
    y = X @ np.array([1.0, -1.0, 0.5]) + rng.normal(size=300) > 0
    coef, intercept = fit_logistic(X, y)
    changed = y.copy()
    changed[:30] = ~changed[:30]  # a rule that changes a tenth of the runs
    plain, _ = fit_logistic(X, changed)
    pulled, _ = fit_logistic(X, changed, center=[*coef, intercept], strength=30.0)
    assert np.abs(pulled - coef).sum() < 0.75 * np.abs(plain - coef).sum()
    free, _ = fit_logistic(X, changed, center=[np.nan, *coef[1:], intercept], strength=1e6)
    assert np.allclose(free[1:], coef[1:], atol=1e-3) and abs(free[0] - coef[0]) > 0.2  # pinned, and free
    with pytest.raises(ValueError):
        fit_logistic(X, y, center=[0.0, 0.0])


def test_folds_refitted_toward_their_file_keep_their_weights(corpus, tmp_path_factory):
    issues = [i for i in issues_in(corpus) if i.month]
    path = tmp_path_factory.mktemp("folds") / "fold_weights.json"
    written = fit_segmenter.refit_folds(issues, path)
    assert set(written) == {"2031-01+2031-02", "2031-01+2031-03", "2031-02+2031-03"}
    fit = fit_segmenter.fold_fitter(fit_segmenter.load_folds(path))
    for month, train, _ in folds(issues):
        pulled, plain = fit(train), fit_segmenter.fit_weights(train)
        assert all(abs(pulled[name] - plain[name]) < 1e-6 for name in plain), month
    again = fit_segmenter.refit_folds(issues, path)  # a second refit holds still
    assert all(again[key]["coef"] == pytest.approx(fold["coef"]) for key, fold in written.items())


def test_logistic_regression_rejects_mismatched_rows():
    with pytest.raises(ValueError):
        fit_logistic([[1.0, 2.0]], [True, False])


class NotingDecider(Decider):
    def decide(self, c):
        self.decisions = getattr(self, "decisions", []) + [super().decide(c)]
        return self.decisions[-1]


def test_a_rule_left_out_is_not_applied(corpus):
    text = ((corpus / "2031-01-04.txt").read_text(encoding="utf-8")
            + "\n在信中他这样写道——\n\n" + SENTENCES[0] + "\n")  # a dash line alone: never a headline
    shipped, without = NotingDecider(), NotingDecider(off=frozenset({"quote_furniture"}))
    segment.segment(split_lines(text), shipped)
    segment.segment(split_lines(text), without)
    assert (shipped.decisions[-1].rule, shipped.decisions[-1].start) == ("quote_furniture", False)
    assert without.decisions[-1].rule == "score"
    with pytest.raises(ValueError):
        Decider(off=frozenset({"no_such_rule"}))


def test_a_fit_without_a_cue_gives_it_no_weight(corpus):
    weights = fit_segmenter.fit_weights(issues_in(corpus)[:4], off=frozenset({"body_size", "dateline_follows"}))
    assert weights["body_size"] == 0.0 and weights["dateline_follows"] == 0.0


def article(kicker, title, subtitle, *paragraphs):
    return {"kicker": kicker, "title": title, "subtitle": subtitle, "paragraphs": list(paragraphs),
            "captions": [], "sidebar": None, "editor_note": []}


def test_failures_name_merged_split_swapped_and_wrong_headings():
    a, b, c = SENTENCES
    x, y, z = "东关街道的社区食堂开业了。", "老人们在这里吃上了热乎饭。", "志愿者每天上门送餐到家。"
    d, e = "体育公园开工仪式在南山乡举行。", "白沙镇的河道清淤工程已经过半。"
    truth = [article("", "甲", "乙", a), article("", "丙", "", b * 3), article("", "戊", "", c),
             article("", "丁", "", x, y, z), article("引", "己", "", d), article("引", "辛", "", e)]
    parsed = [article("甲", "乙", "", a),  # two lines read the other way round
              article("", "丙", "", b * 3, c),  # 戊 joined to 丙
              article("", "丁", "", x), article("", "一", "", y), article("", "二", "", z),  # 丁 cut in three
              article("", "庚", "", d), article("", "辛", "", e)]
    found = eval_parser.failures(parsed, truth, eval_parser.match(parsed, truth))
    assert found == {"merged": 1, "split": 1, "swapped": 1, "title_wrong": 1, "roles_wrong": 1}


def test_eval_prints_month_rows_and_left_out_rows_only_for_sets_spanning_months(corpus, tmp_path_factory,
                                                                                 monkeypatch, capsys):
    single = tmp_path_factory.mktemp("single") / "one-month"
    single.mkdir()
    for name in DAYS[:2]:
        for suffix in (".txt", ".truth.jsonl"):
            (single / f"{name}{suffix}").write_bytes((corpus / f"{name}{suffix}").read_bytes())
    for path, name, months, left_out in ((corpus, corpus.name, ["2031-01", "2031-02", "2031-03", "undated"], True),
                                         (single.parent, "one-month", [], False)):
        monkeypatch.setattr(sys, "argv", ["eval_parser.py", str(path)])
        assert eval_parser.main() == 0
        out = capsys.readouterr().out
        rows = [line.split(" | ")[0].lstrip("| ") for line in out.splitlines() if line.startswith("| 20")]
        assert [m for m in months if f"| {m} |" in out] == months
        assert ("| left out, pooled |" in out) is left_out
        assert all(row[:7] in months for row in rows)
        assert f"{name}: articles parsed" in out


def test_eval_says_so_when_the_corpus_is_absent(tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(sys, "argv", ["eval_parser.py", str(tmp_path / "nowhere")])
    assert eval_parser.main() == 2
    assert "absent" in capsys.readouterr().err
