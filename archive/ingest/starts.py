"""The registry of article-start rules, and the decider that applies them.

A run of heading lines (a `cues.Candidate`) starts an article or not. Rules are
tried in this order:

- `never` rules: the run is part of the current article (the first that holds decides);
- `always` rules: the run starts an article;
- otherwise every weighted `cue` adds weight x value to BIAS, and a score above 0
  starts an article.

Each rule has a name; the Decision the decider returns names the rule that made
it, or the cues that weighed most. To add a rule, write its test as a function of
a Candidate (hard_rules.py, cues.py) and list it below; a new cue needs a weight,
refitted with `python bench/fit_segmenter.py` (see docs/parsing.md).

The weights were fitted by logistic regression on the rmrb-dev truth and rounded;
unseen issues are the test. Four are priors rather than fits, because that paper
rarely shows them and a city daily often does: `dateline_follows`,
`editor_note_follows`, `notice_title`, `after_photo_item`. Four are set by hand,
with too few cases to fit and no doubt about their sign: `roundup_item`,
`dash_headline_short` and `next_voice` (any weight from -1 to -3, or -2 to -5,
gives the same rmrb-dev figures), and `quoted_under_feature` (-1.5; -2 and -3
cost one 2020-02 article each, no 2019 figure moves). BIAS is the fitted one plus 0.5: a missed start
costs an article and its title, a false one only splits an article. Refit whenever
the hard rules change what reaches the score: weights fitted before a rule keep
compensating for cases it now decides.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Callable

from . import cues, hard_rules
from .blocks import opens_with_dateline
from .cues import Candidate
from .fields import parse_dateline
from .items import is_photo_item, photo_follows
from .patterns import EDITOR_NOTE, ENUMERATED, NOTICE_TITLE, PHOTO_HEADINGS, QUOTATION, SIDEBAR_TAG
from .roundups import roundup_item
from .topics import cosine, local_overlap, topic_overlap

DATE_LEDE = re.compile(r"^(?:\d{1,2}月\d{1,2}日|近日|日前|当地时间|今年|\d{4}年\d{1,2}月)")
NEWS_VERB = re.compile(r"召开|举行|会见|会谈|强调|指出|发布|印发|开幕|闭幕|出席|签署|通过|宣布|致信|致电|回信|访问|启动|部署|考察|调研|发表|公布|审议|任命|当选")
FEATURE_LEDE = 600  # characters a `——`-subtitled feature runs before its first sub-heading
TOP_CUES = 3  # cues a Decision names


@dataclass(frozen=True)
class Rule:
    name: str
    kind: str  # never | always | cue
    test: Callable[[Candidate], float]
    weight: float | None = None  # cues only


@dataclass(frozen=True)
class Decision:
    start: bool
    rule: str  # the rule that decided, or SCORE when the weighted cues did
    score: float | None = None
    contributions: tuple[tuple[str, float], ...] = ()  # weight x value of every cue, when scored

    @property
    def cues(self) -> list[tuple[str, float]]:
        """The cues that weighed most, with their contributions."""
        weighed = [item for item in self.contributions if item[1]]
        return sorted(weighed, key=lambda item: -abs(item[1]))[:TOP_CUES]


SCORE = "score"
BIAS = -8.2


def never(name, test):
    return Rule(name, "never", test)


def always(name, test):
    return Rule(name, "always", test)


def cue(name, weight, test):
    return Rule(name, "cue", test, weight)


RULES = (
    never("sign_off_date", hard_rules.sign_off_date),
    never("table_caption", hard_rules.table_caption),
    never("roundup_brief", hard_rules.roundup_brief_item),
    never("ends_article", hard_rules.ends_article),
    never("quote_furniture", hard_rules.quote_furniture),
    never("under_box_label", hard_rules.under_box_label),
    never("refers_back", hard_rules.refers_back),
    never("answers_lede", hard_rules.answers_lede),
    never("a_voice", hard_rules.a_voice),
    never("explains_figure", hard_rules.explains_figure),
    never("next_letter", hard_rules.next_letter),
    never("announced_text", hard_rules.announced_text),
    never("further_reading", hard_rules.further_reading),
    never("chronicle_entry", hard_rules.chronicle_entry),
    never("under_editors_intro", hard_rules.under_editors_intro),
    always("after_editors_box", hard_rules.after_editors_box),
    always("editors_intro", hard_rules.heads_editors_intro),
    always("after_sign_off", hard_rules.after_sign_off),
    always("after_photo_report", hard_rules.after_photo_report),
    always("next_dated_report", hard_rules.next_dated_report),
    always("over_key_points", hard_rules.over_key_points),
    always("photo_heading", hard_rules.photo_heading),
    always("notice_heading", hard_rules.notice_heading),
    always("speech_title", hard_rules.speech_title),
    always("presided_meeting", hard_rules.presided_meeting),
    always("subtitled_feature", hard_rules.subtitled_feature),
    always("lead_in_after_report", hard_rules.lead_in_after_report),
    always("over_lead_in", hard_rules.over_lead_in),
    always("series_instalment", hard_rules.series_instalment),
    always("dated_document", hard_rules.dated_document),
    always("signed_below", hard_rules.signed_below),
    always("after_writer_credit", hard_rules.after_writer_credit),
    always("after_pointer_box", hard_rules.after_pointer_box),
    always("heads_pointer_box", hard_rules.heads_pointer_box),
    always("under_column_tag", hard_rules.under_column_tag),
    always("bare_column_box", hard_rules.bare_column_box),
    always("unsigned_brief", hard_rules.unsigned_brief),
    always("self_signed_brief", hard_rules.self_signed_brief),
    always("next_signed_piece", hard_rules.next_signed_piece),
    cue("dateline_follows", 5.5, lambda c: bool(c.after and parse_dateline(c.after.text))),
    cue("byline_follows", -1.6, lambda c: bool(c.after and c.after.kind == "byline" and c.lines[c.end] is c.after)),
    cue("editor_note_follows", 4.0,
        lambda c: c.end < len(c.lines) and bool(EDITOR_NOTE.match(c.lines[c.end].text))),
    cue("after_end_note", 1.0, lambda c: bool(c.before and c.before.kind == "endnote")),
    cue("after_credit", 5.9, lambda c: bool(c.before and c.before.kind == "credit")),
    cue("after_byline", -1.0, lambda c: bool(c.before and c.before.kind == "byline")),
    cue("three_lines", -0.3, lambda c: len(c.run) >= 3),
    cue("dash_subtitle", 3.1, lambda c: cues.dash_subtitled(c.run)),
    cue("news_verb", 1.9,
        lambda c: bool(NEWS_VERB.search(c.run[0].text) or (len(c.run) > 1 and NEWS_VERB.search(c.run[1].text)))),
    cue("long_first", 0.3, lambda c: len(c.run[0].text) >= 14),
    cue("list_continues", -1.3, lambda c: bool(c.before and c.before.text.endswith(("：", ":")))),
    cue("column_tag", 4.9, lambda c: column_tagged(c.run)),
    cue("photo", 3.2, lambda c: photo_follows(c.lines, c.end) or c.run[0].text in PHOTO_HEADINGS),
    cue("notice_title", 4.0, lambda c: any(NOTICE_TITLE.search(line.text) for line in c.run)),
    cue("enumerated", -3.2, lambda c: bool(ENUMERATED.match(c.run[0].text))),
    cue("short_body", -0.5, lambda c: 0 < c.body < 400),
    cue("short_first", -0.4, lambda c: len(c.run[0].text) <= 8),
    cue("subheads_seen", -1.5, lambda c: bool(c.current.subhead_shapes)),
    cue("date_lede", 1.1, lambda c: bool(c.after and DATE_LEDE.match(c.after.text))),
    cue("same_topic", -6.2, lambda c: topic_overlap(c.run, c.after, c.current, c.topics)),
    cue("local_topic", -1.5, lambda c: local_overlap(c.lines, c.i, c.end)),
    # Dated news reports rarely carry sub-headings.
    cue("news_report", 2.2, lambda c: opens_with_dateline(c.current.lines[len(c.current.heads):])),
    cue("since_subhead", -1.1, lambda c: min(cues.lines_since_heading(c.current), 10) / 10),
    cue("same_shape", -0.8, lambda c: cues.same_shape(c.run, c.current)),
    # A stand-alone news photo has no sub-headings.
    cue("after_photo_item", 3.0, lambda c: is_photo_item(c.current)),
    # Articles have a typical length: the longer the current one, the likelier its end.
    cue("body_size", 1.8, lambda c: math.log1p(c.body)),
    cue("subheads", -0.1, lambda c: len(c.current.subhead_shapes)),
    cue("last_head_len", -0.5, lambda c: len(c.run[-1].text) / 10),
    cue("after_paren", 1.4, lambda c: bool(c.before and c.before.text.endswith(("）", ")")))),
    cue("near_similarity", -1.6, lambda c: c.topics.similarity(c.ahead, c.behind)),
    cue("article_similarity", -4.3,
        lambda c: cosine(c.topics.vector(c.ahead), c.topics.opening_vector(c.current))),
    cue("echoes_title", 1.0, lambda c: cues.echoes_title(c)),
    cue("kicker_before", 0.4, lambda c: cues.kicker_before(c.lines, c.i)),
    # 记者手记, 延伸阅读 … are boxes inside an article.
    cue("sidebar_tag", -0.9, lambda c: cues.sidebar_tag(c.run)),
    cue("person_line", -0.9, lambda c: cues.person_line(c.run)),
    # Sub-headings of one article come in series of one look (`城市——`, `春耕，…`).
    cue("series_ahead", -1.3, lambda c: cues.series_ahead(c.run, c.lines, c.end)),
    cue("series_behind", -2.8, lambda c: cues.signature(c.run) in c.current.signatures
        or cues.series_in_headline(c.run, c.current.heads)),
    cue("first_ends_dash", -1.1, lambda c: c.run[0].text.endswith("——")),
    # The items of a roundup (新闻速递, 速览) are headed like its first one.
    cue("roundup_item", -4.0, lambda c: roundup_item(c.run, c.current.heads)),
    # A feature under a `——` subtitle (——记…纪实) opens with a long lede before its first sub-heading.
    cue("dash_headline_short", -2.0, lambda c: cues.dash_headline(c.current) and c.body < FEATURE_LEDE),
    # A forum prints each voice under a title and a name (（英国）某某), its own first too.
    cue("next_voice", -3.0, lambda c: cues.person_line(c.run) and cues.person_line(c.current.heads)),
    # A feature under a `——` subtitle (——记…, ——走近…) heads its parts with what its people said.
    cue("quoted_under_feature", -1.5,
        lambda c: bool(QUOTATION.match(c.run[0].text)) and cues.dash_headline(c.current)),
    # An article the editors open with a note is a feature, with sub-headings.
    cue("editor_note_opened", -1.1, lambda c: cues.opens_with_note(c.current)),
)
HARD_RULES = [rule for rule in RULES if rule.kind == "never"] + [rule for rule in RULES if rule.kind == "always"]
CUES = [rule for rule in RULES if rule.kind == "cue"]
CUE_TESTS = tuple((rule.name, rule.test) for rule in CUES)
WEIGHTS = {"bias": BIAS, **{rule.name: rule.weight for rule in CUES}}


def column_tagged(run) -> bool:
    # A bracket after a name under the title holds a role (王 蒙（原文化部部长）), not a column.
    return any(cues.column_tag(line) and not SIDEBAR_TAG.search(line.text)
               for line in (run[:-1] if cues.person_line(run) else run))


def check_registry(rules=RULES) -> None:
    """Every cue has a weight, no hard rule has one, and no name is used twice."""
    names = [rule.name for rule in rules]
    twice = sorted({name for name in names if names.count(name) > 1} | ({"bias"} & set(names)))
    if twice:
        raise ValueError(f"start rules: names used twice (or reserved): {twice}")
    for rule in rules:
        if rule.kind not in ("never", "always", "cue"):
            raise ValueError(f"start rule {rule.name}: unknown kind {rule.kind!r}")
        if (rule.kind == "cue") != isinstance(rule.weight, (int, float)):
            raise ValueError(f"start rule {rule.name}: a cue needs a weight, a {rule.kind} rule has none")


def check_weights(weights: dict[str, float]) -> None:
    """A weight for every cue and the bias, and no weight without a cue."""
    expected = {"bias"} | {rule.name for rule in CUES}
    missing, unknown = sorted(expected - set(weights)), sorted(set(weights) - expected)
    if missing or unknown:
        raise ValueError(f"start weights: no weight for {missing}, no cue for {unknown}")


check_registry()


class Decider:
    """Decides whether a Candidate starts an article; `weights` (name -> weight,
    "bias" included) replaces the registry's, e.g. while fitting them."""

    def __init__(self, weights: dict[str, float] | None = None):
        self.weights = dict(WEIGHTS if weights is None else weights)
        check_weights(self.weights)

    def decide(self, candidate: Candidate) -> Decision:
        for rule in HARD_RULES:
            if rule.test(candidate):
                return Decision(rule.kind == "always", rule.name)
        return self.score(self.cue_values(candidate))

    def cue_values(self, candidate: Candidate) -> dict[str, float]:
        return {name: test(candidate) for name, test in CUE_TESTS}

    def score(self, values: dict[str, float]) -> Decision:
        weights = self.weights
        contributions = tuple((name, weights[name] * value) for name, value in values.items())
        score = weights["bias"] + sum(value for _, value in contributions)
        return Decision(score > 0, SCORE, score, contributions)


# Starts the segmenter makes before any rule is asked (segment.py, indented.py):
PAGE_TOP = "page_top"  # the first heading run (or untitled text) of a page or of the dump
HEADLINE_TOP = "headline_top"  # a page opens on the top line of a headline, the run is the rest
EDITORS_BOX = "editors_box"  # 编者按 alone after an article's end: a box of its own
STANDALONE_PHOTO = "standalone_photo"  # a picture slot, then a credited caption
INDENT_MARKED = "indent_marked"  # a dump that indents its body: every flush run is a headline
