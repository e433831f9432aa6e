"""What a database and an index hold, read directly (SQL, Whoosh) so that tests
can look at another process's archive without starting Django there."""
import sqlite3
from contextlib import closing
from pathlib import Path

from whoosh.index import exists_in, open_dir

ISSUES = """SELECT i.date, i.checksum, count(DISTINCT a.id), count(DISTINCT b.id), count(DISTINCT p.id)
FROM archive_issue i LEFT JOIN archive_article a ON a.issue_id = i.id
LEFT JOIN archive_byline b ON b.article_id = a.id LEFT JOIN archive_page p ON p.issue_id = i.id
GROUP BY i.id, i.date, i.checksum"""
ARTICLES = "SELECT id, title, kicker, body FROM archive_article"
CAPTIONS = 'SELECT article_id, text FROM archive_caption ORDER BY article_id, "order", id'


def query(url: str, sql: str) -> list[tuple]:
    if url.startswith("sqlite:///"):
        with closing(sqlite3.connect(url.removeprefix("sqlite:///"))) as conn:
            return conn.execute(sql).fetchall()
    import psycopg

    with psycopg.connect(url) as conn:
        return conn.execute(sql).fetchall()


def issues(url: str) -> dict[str, tuple]:
    """{date: (checksum, articles, bylines, pages)}"""
    return {str(date): tuple(rest) for date, *rest in query(url, ISSUES)}


def articles(url: str) -> dict[int, tuple[str, str]]:
    """{id: (title, label)} as the index stores them (search_indexes.py)."""
    from archive.models import body_and_captions, short_label

    captions = {}
    for article_id, text in query(url, CAPTIONS):
        captions.setdefault(article_id, []).append(text)
    return {pk: (title, short_label(kicker or body_and_captions(body, captions.get(pk, []))))
            for pk, title, kicker, body in query(url, ARTICLES)}


def indexed(index_path: Path) -> dict[int, tuple[str, str]]:
    """{id: (title, label)} from the index's stored fields."""
    if not exists_in(str(index_path)):
        return {}
    with open_dir(str(index_path)).searcher() as searcher:
        return {int(doc["django_id"]): (doc.get("title", ""), doc.get("label", ""))
                for doc in searcher.all_stored_fields()}


def index_differences(url: str, index_path: Path) -> dict[str, int]:
    """Counts of ids missing from the index, ids it has that are gone, and stale entries."""
    db, index = articles(url), indexed(index_path)
    return {"missing": len(db.keys() - index.keys()), "extra": len(index.keys() - db.keys()),
            "stale": sum(db[pk] != index[pk] for pk in db.keys() & index.keys())}
