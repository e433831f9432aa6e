"""Editors' corrections, which a re-import never loses.

The one decision: an article's field is *corrected* when staff saved a value other than the
parser's. `Article.corrected_fields` maps each corrected field to the parser's value (the
original); "bylines" stands for the article's byline list. Only staff writes (the admin, split
and merge) go through `note_edit`; the importer's own writes never mark anything. A re-import
keeps each corrected field's value and only refreshes its original (`keep`), unless told to
discard the corrections (`discard`).

Who changed what when is the article's history (django-simple-history, staff saves only). The
first edit adds the version as imported to that history, so the admin can show it and revert to it.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from django.db import DatabaseError, transaction

from .models import SPLIT_SEQ_BASE, Article, ArticleAlias, Byline, Caption, Person

FIELDS = ("page", "kind", "column", "kicker", "title", "subtitle", "dateline_source", "dateline_place",
          "dateline_date", "editor_note", "sidebar_title", "sidebar_items", "body")
BYLINES = "bylines"
CAPTIONS = "captions"  # marked by a merge, which moves the captions of the merged-away article
CREDITS = (BYLINES, CAPTIONS)
# An article made by staff (a split's later part): every field is theirs, none the parser's.
SPLIT_FROM = "split_from"
IMPORTED = "导入时的版本"  # the change reason of the history's imported version


def value(article: Article, field: str):
    """A field's value as corrected_fields stores it (JSON; a page by its number)."""
    if field == "page":
        return article.page.number if article.page_id else None
    if field == BYLINES:
        return [[b.person.name, b.role] for b in article.bylines.select_related("person").order_by("order", "pk")]
    if field == CAPTIONS:
        return [[c.text, c.credit] for c in article.captions.order_by("order", "pk")]
    return getattr(article, field)


def note(corrected: dict, field: str, old, new) -> None:
    """Staff changed `field` from `old` to `new`: keep the parser's value, or forget it when
    `new` is the parser's value again (a revert)."""
    if old == new:
        return
    original = corrected[field] if field in corrected else old
    if new == original:
        corrected.pop(field, None)
    else:
        corrected[field] = original


def note_edit(article: Article, stored: Article, user=None) -> list[str]:
    """Before staff save `article`: mark the fields that differ from `stored` (the row as it is
    in the database); returns the fields changed."""
    corrected = dict(stored.corrected_fields)
    changed = [f for f in FIELDS if value(article, f) != value(stored, f)]
    for field in changed:
        note(corrected, field, value(stored, field), value(article, field))
    article.corrected_fields = corrected
    remember_imported(stored)
    article._history_user = user
    article._change_reason = "更正: " + ", ".join(changed) if changed else ""
    return changed


def credits(article: Article) -> dict:
    return {name: value(article, name) for name in CREDITS}


def note_credits(article: Article, before: dict, user=None, in_article_form=True) -> list[str]:
    """After staff changed the article's bylines or captions (`before`: its credits() before);
    marks them and returns which changed. Saved with the article's form, they amend that save's
    history entry; saved on their own (the byline or caption admin), they make an entry."""
    changed = [name for name in CREDITS if value(article, name) != before[name]]
    if not changed:
        return []
    corrected = dict(article.corrected_fields)
    for name in changed:
        note(corrected, name, before[name], value(article, name))
    if in_article_form:
        Article.objects.filter(pk=article.pk).update(corrected_fields=corrected)
        article.corrected_fields = corrected
        record = article.history.order_by("-history_date", "-history_id").first()
        if record:
            reason, names = record.history_change_reason, ", ".join(changed)
            record.history_change_reason = f"{reason}, {names}" if reason else f"更正: {names}"
            record.corrected_fields = corrected
            record.save(update_fields=["history_change_reason", "corrected_fields"])
        return changed
    remember_imported(article)
    article.corrected_fields = corrected
    article._history_user = user
    article._change_reason = "更正: " + ", ".join(changed)
    article.save()
    return changed


def remember_imported(stored: Article) -> None:
    """Put the version as imported into the history before its first staff edit."""
    if not stored.corrected_fields and not stored.history.exists():
        Article.history.bulk_history_create([stored], default_change_reason=IMPORTED,
                                            default_date=stored.issue.imported_at)


def is_corrected(article: Article) -> bool:
    return bool(article.corrected_fields)


def keep(article: Article, values: dict, credits: dict, pages: dict, page_now: int | None) -> list[str]:
    """A re-import is about to write the parser's `values` over `article`: take out the corrected
    fields (their value stays) and make the parser's values their originals; returns them.
    `credits`: the parser's {"bylines": [[name, role]], "captions": [[text, credit]]};
    `page_now`: the number of the article's page before the import made the pages anew."""
    corrected = article.corrected_fields
    if SPLIT_FROM in corrected:
        values.clear()
        values["page"] = pages.get(page_now)
        return [SPLIT_FROM]
    kept = [f for f in corrected if f in FIELDS or f in CREDITS]
    for name in kept:
        if name in CREDITS:
            corrected[name] = credits[name]
            continue
        parsed = values.pop(name)
        corrected[name] = (parsed.number if parsed else None) if name == "page" else parsed
    if "page" in kept:
        values["page"] = pages.get(page_now)
    return kept


def describe(article: Article, fields) -> str:
    return f"{article.issue.paper.name} {article.issue.date} #{article.seq} ({', '.join(fields)})"


@transaction.atomic
def revert(article: Article, user=None) -> list[str]:
    """Give every corrected field its parser's value back; returns the fields reverted."""
    corrected = dict(article.corrected_fields)
    if SPLIT_FROM in corrected:
        return []  # staff made all of it: there is no parser's version
    remember_imported(article)
    for field, original in corrected.items():
        if field == "page":
            article.page = article.issue.pages.filter(number=original).first()
        elif field == BYLINES:
            set_bylines(article, original)
        elif field == CAPTIONS:
            article.captions.all().delete()
            Caption.objects.bulk_create(Caption(article=article, text=text, credit=credit, order=i)
                                        for i, (text, credit) in enumerate(original))
        else:
            setattr(article, field, original)
    article.corrected_fields = {}
    article._history_user = user
    article._change_reason = "恢复原值: " + ", ".join(corrected)
    article.save()
    return list(corrected)


def set_bylines(article: Article, bylines: list) -> None:
    article.bylines.all().delete()
    for order, (name, role) in enumerate(bylines):
        person = Person.objects.filter(name=name).first() or Person.objects.create(name=name)
        Byline.objects.get_or_create(article=article, person=person, role=role, defaults={"order": order})


# ---------------------------------------------------------------- what a re-import does with them

@dataclass
class Corrections:
    """What one issue's re-import did with editors' corrections (each entry describes an article)."""
    kept: list[str] = field(default_factory=list)
    orphans: list[str] = field(default_factory=list)  # kept, though the new parse has nothing there
    discarded: list[str] = field(default_factory=list)


def corrections_summary(outcomes: list[Corrections]) -> list[str]:
    kept = [k for o in outcomes for k in o.kept]
    orphans = [k for o in outcomes for k in o.orphans]
    discarded = [k for o in outcomes for k in o.discarded]
    lines = []
    if kept:
        lines.append(f"kept {len(kept)} corrected articles (--discard-corrections overwrites them)")
    lines += [f"  kept, though the new parse has no article there: {k}" for k in orphans]
    if discarded:
        lines.append(f"discarded the corrections of {len(discarded)} articles:")
        lines += [f"  {d}" for d in discarded]
    return lines


def parsed_credits(parsed_article) -> dict:
    """The parser's credits as corrected_fields stores them (it names each (name, role) once)."""
    return {BYLINES: [[b.name, b.role] for b in parsed_article.bylines],
            CAPTIONS: [[c.text, c.credit] for c in parsed_article.captions]}


def reconcile_article(article, values, parsed_article, pages, page_now, outcome: Corrections, discard: bool):
    """The parser has an article where `article` stands: keep its corrections, or discard them."""
    if not article.corrected_fields:
        return
    if discard:
        outcome.discarded.append(describe(article, article.corrected_fields))
        article.corrected_fields = {}
        return
    kept = keep(article, values, parsed_credits(parsed_article), pages, page_now)
    outcome.kept.append(describe(article, kept))


def reconcile_surplus(issue, surplus, pages, page_now, outcome: Corrections, discard: bool) -> list:
    """The new parse has no article where these stand: the corrected ones are kept (and reported;
    a split's later part is expected there), the others go. With `discard` they go too, a split
    part's URL then answering 301 to the part it was split from."""
    kept = []
    for article in sorted(surplus, key=lambda a: a.seq):
        corrected = article.corrected_fields
        if not corrected:
            continue
        if discard:
            outcome.discarded.append(describe(article, corrected))
            if SPLIT_FROM in corrected:
                target = issue.articles.filter(seq=corrected[SPLIT_FROM]).first()
                if target:
                    ArticleAlias.objects.update_or_create(issue=issue, seq=article.seq, defaults={"article": target})
            continue
        article.page = pages.get(page_now[article.seq])
        kept.append(article)
        outcome.kept.append(describe(article, list(corrected)))
        if SPLIT_FROM not in corrected:
            outcome.orphans.append(describe(article, list(corrected)))
    return kept


def merged_seqs(issue, outcome: Corrections, discard: bool) -> set[int]:
    """Seqs of articles staff merged into others: the parser's articles there are not written back,
    unless the merges are discarded."""
    merges = issue.aliases.filter(seq__lt=SPLIT_SEQ_BASE).select_related("article")
    if not discard:
        return {alias.seq for alias in merges}
    for alias in merges:
        outcome.discarded.append(f"{issue.paper.name} {issue.date} #{alias.seq} (merged into #{alias.article.seq})")
    merges.delete()
    return set()


def preview_corrections(paper: str, date, parsed, outcome: Corrections, discard: bool) -> None:
    """What writing `parsed` would do with the stored issue's corrections (for --dry-run)."""
    seqs = {a.seq for a in parsed.articles}
    try:
        corrected = list(Article.objects.filter(issue__paper__name=paper, issue__date=date)
                         .exclude(corrected_fields={}).select_related("issue__paper").order_by("seq"))
    except DatabaseError:  # a dry run before `migrate`: nothing stored, nothing to keep
        return
    for article in corrected:
        entry = describe(article, list(article.corrected_fields))
        (outcome.discarded if discard else outcome.kept).append(entry)
        if not discard and article.seq not in seqs and SPLIT_FROM not in article.corrected_fields:
            outcome.orphans.append(entry)


def keep_credits(articles) -> tuple[set[int], set[int]]:
    """Ids of the articles whose (bylines, captions) a re-import leaves as they are."""
    articles = list(articles)
    staff_made = {a.pk for a in articles if SPLIT_FROM in a.corrected_fields}
    return ({a.pk for a in articles if BYLINES in a.corrected_fields} | staff_made,
            {a.pk for a in articles if CAPTIONS in a.corrected_fields} | staff_made)
