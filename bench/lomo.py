"""Leave one month out: fit on the other months, score the month left out.

The issues of one month share layouts and events, so halves of a month-mixed
set flatter a rule read off it; a month the fit never saw does not.
"""
from __future__ import annotations

from collections.abc import Callable, Iterable


def by_month(issues: Iterable) -> dict[str, list]:
    """Issues grouped by their `month` (`YYYY-MM`, "" when undated), months in order."""
    groups: dict[str, list] = {}
    for issue in issues:
        groups.setdefault(issue.month, []).append(issue)
    return dict(sorted(groups.items()))


def folds(issues: Iterable) -> list[tuple[str, list, list]]:
    """(month, the other months' issues, that month's issues) for each dated month;
    none unless there are two dated months at least."""
    groups = {month: group for month, group in by_month(issues).items() if month}
    if len(groups) < 2:
        return []
    return [(month, [i for other, group in groups.items() if other != month for i in group], held)
            for month, held in groups.items()]


def leave_one_month_out(issues: Iterable, fit: Callable, score: Callable) -> dict[str, object]:
    """For each month: `score(held_out, fit(other_months))`."""
    return {month: score(held, fit(train)) for month, train, held in folds(issues)}
