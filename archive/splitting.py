"""Splitting an article in two and merging it with the next: the parser's commonest errors,
mended by staff in the admin. Both are corrections (archive/corrections.py), so a re-import keeps
them, and no permalink breaks: a split keeps the article's URL on its first part and gives the
second a seq from SPLIT_SEQ_BASE on, never used before in the issue; a merged-away article's
URL answers 301 to the survivor (ArticleAlias). The search index follows through the models'
signals, in transaction.on_commit like every edit."""
from __future__ import annotations

import re

from django.db import transaction
from django.db.models import Max, Q

from .corrections import BYLINES, CAPTIONS, SPLIT_FROM, note, note_edit, value
from .models import SPLIT_SEQ_BASE, Article, ArticleAlias, Byline

# A first paragraph this short, not ending a sentence, was the next article's headline.
HEADLINE = re.compile(r"^[^。！？；…]{2,40}$")


class RestructureError(ValueError):
    pass


def print_key(article: Article) -> float:
    return article.position if article.position is not None else float(article.seq)


def neighbour(article: Article, after: bool = True) -> Article | None:
    """The article printed right after (or before) this one in its issue."""
    key = print_key(article)
    siblings = Article.objects.filter(issue_id=article.issue_id).in_print_order()
    if after:
        return siblings.filter(Q(print_key__gt=key) | Q(print_key=key, seq__gt=article.seq)).first()
    return siblings.filter(Q(print_key__lt=key) | Q(print_key=key, seq__lt=article.seq)).last()


def next_split_seq(issue) -> int:
    """A seq no article, alias or past version of the issue ever had, from SPLIT_SEQ_BASE on."""
    used = [Article.objects.filter(issue=issue).aggregate(n=Max("seq"))["n"],
            ArticleAlias.objects.filter(issue=issue).aggregate(n=Max("seq"))["n"],
            Article.history.filter(issue_id=issue.pk).aggregate(n=Max("seq"))["n"]]
    return max([SPLIT_SEQ_BASE] + [n for n in used if n is not None]) + 1


def body(paragraphs: list[str]) -> dict:
    return {"body": "\n".join(paragraphs), "char_count": sum(map(len, paragraphs))}


@transaction.atomic
def split(article: Article, at: int, user=None) -> Article:
    """Split before paragraph `at` (1-based, 2..n): the article keeps paragraphs 1..at-1 and its
    URL; a new article gets the rest, its first paragraph as title when it reads as a headline."""
    paragraphs = article.paragraphs
    if not 2 <= at <= len(paragraphs):
        raise RestructureError(f"split before paragraph {at}: choose 2 to {len(paragraphs)}")
    stored = Article.objects.select_related("page", "issue").get(pk=article.pk)
    first, rest = paragraphs[:at - 1], paragraphs[at - 1:]
    title = rest.pop(0) if len(rest) > 1 and HEADLINE.match(rest[0]) else ""
    after = neighbour(article)
    for name, text in body(first).items():
        setattr(article, name, text)
    note_edit(article, stored, user)
    article.save()
    second = Article(issue=article.issue, seq=next_split_seq(article.issue), page=article.page, kind=article.kind,
                     title=title, corrected_fields={SPLIT_FROM: article.seq}, **body(rest),
                     position=(print_key(article) + print_key(after)) / 2 if after else print_key(article) + 0.5)
    second._history_user = user
    second._change_reason = f"拆分自 #{article.seq}"
    second.save()
    return second


@transaction.atomic
def merge_next(article: Article, user=None) -> Article:
    """Merge the next article into this one: its headline lines and paragraphs follow this one's,
    its bylines and captions move here, and its URL answers 301 here. Returns the survivor."""
    other = neighbour(article)
    if other is None:
        raise RestructureError("the last article of the issue has no next one to merge")
    stored = Article.objects.select_related("page", "issue").get(pk=article.pk)
    credits = {name: value(article, name) for name in (BYLINES, CAPTIONS)}
    heads = [line for line in (other.kicker, other.title, other.subtitle) if line]
    for name, text in body(article.paragraphs + heads + other.paragraphs).items():
        setattr(article, name, text)
    note_edit(article, stored, user)
    article.save()
    move_credits(other, article)
    for name, before in credits.items():
        note(article.corrected_fields, name, before, value(article, name))
    Article.objects.filter(pk=article.pk).update(corrected_fields=article.corrected_fields)
    ArticleAlias.objects.filter(article=other).update(article=article)  # older merges follow
    ArticleAlias.objects.create(issue=article.issue, seq=other.seq, article=article)
    other._history_user = user
    other._change_reason = f"并入 #{article.seq}"
    other.delete()
    return article


def move_credits(source: Article, target: Article) -> None:
    have = set(target.bylines.values_list("person_id", "role"))
    order = target.bylines.count()
    for byline in source.bylines.order_by("order", "pk"):
        if (byline.person_id, byline.role) not in have:
            Byline.objects.create(article=target, person_id=byline.person_id, role=byline.role, order=order)
            order += 1
    offset = target.captions.count()
    for caption in source.captions.order_by("order", "pk"):
        caption.article, caption.order = target, caption.order + offset
        caption.save()
