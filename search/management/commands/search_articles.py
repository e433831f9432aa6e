import json

from django.core.management.base import BaseCommand, CommandError

from search.query import QueryError, parse, quote
from search.searching import SORTS, build


class Command(BaseCommand):
    help = "Search the archive; with --json, one line per query: {query, total, results}."

    def add_arguments(self, parser):
        parser.add_argument("queries", nargs="+", metavar="QUERY")
        parser.add_argument("--json", action="store_true", help="print JSON lines")
        parser.add_argument("--limit", type=int, default=10, help="hits per query; 0 means all")
        parser.add_argument("--phrase", action="store_true", help="take each QUERY as one exact phrase")
        parser.add_argument("--sort", choices=SORTS, default="relevance")

    def handle(self, *args, **options):
        if options["limit"] < 0:
            raise CommandError("--limit must be 0 (all) or more")
        failed = False
        for text in options["queries"]:
            q = quote(text) if options["phrase"] else text
            line = run(q, options["limit"], options["sort"])
            line["query"] = text
            failed |= bool(line.get("error"))
            self.stdout.write(json.dumps(line, ensure_ascii=False) if options["json"] else human(line))
        if failed:
            raise CommandError("some queries could not be run")


def run(q: str, limit: int, sort: str) -> dict:
    try:
        parse(q)
        sqs = build(q, sort=sort)
        total = sqs.count()
        hits = list(sqs[:limit or total]) if total else []
    except QueryError as exc:
        return {"query": q, "total": 0, "results": [], "error": str(exc)}
    return {"query": q, "total": total, "results": [
        {"paper": hit.paper_name, "paper_slug": hit.paper, "date": f"{hit.date:%Y-%m-%d}",
         "seq": hit.seq, "title": hit.title or "", "score": round(hit.score or 0, 4)} for hit in hits]}


def human(line: dict) -> str:
    if line.get("error"):
        return f"{line['query']}: {line['error']}"
    rows = [f"{line['query']}: {line['total']} hit(s)"]
    rows += [f"  {r['date']} {r['paper']} #{r['seq']} {r['title']} ({r['score']})" for r in line["results"]]
    return "\n".join(rows)
