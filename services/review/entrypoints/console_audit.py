"""The console's audit trail (/konsol/<cid>/audit): who decided what, when and why, filtered by actor and
kind, and exported as CSV (UTF-8 with a BOM, formula-proof, streamed)."""
from __future__ import annotations

from flask import Response, request, stream_with_context

from shared.csv_export import csv_stream
from shared.errors import NotFound
from shared.web import language, people
from shared.web.app import deps
from services.review.entrypoints.console import blueprint, handled, missing, wib
from services.review.entrypoints.console_words import words
from services.review.handlers import trail

audit = blueprint("console_audit", __name__)
PAGE = 100


@people.page(audit.get("/<cid>/audit"), "admin",
             "Secretariat console: the audit trail, filtered by actor and kind", errors=(404,))
def records(cid):
    actor, kind = request.args.get("pelaku") or None, request.args.get("jenis") or None
    after = request.args.get("setelah") or None
    return handled(lambda: trail.page(deps().store, cid, actor, kind, PAGE, after), "audit.html")


@people.page(audit.get("/<cid>/audit.csv"), "admin",
             "Secretariat console: the audit trail as CSV (UTF-8 with BOM, formula-proof), under the page's filters",
             errors=(404,), content_type="text/csv")
def export(cid):
    actor, kind = request.args.get("pelaku") or None, request.args.get("jenis") or None
    try:
        rows = trail.every(deps().store, cid, actor, kind)
    except NotFound as exc:
        return missing(exc)
    t = words(language.current())
    header = [t["csv"][key] for key in trail.NAMED] + [t["csv"]["details"]]
    cells = ([wib(r["at"]), r["by"], r["role"], t["actions"].get(r["action"], r["action"])] +
             [r[key] for key in trail.NAMED[4:]] + [r["details"]] for r in rows)
    safe = "".join(ch if ch.isalnum() or ch in "-_" else "-" for ch in f"audit-{cid}")
    return Response(stream_with_context(csv_stream(header, cells)), mimetype="text/csv",
                    headers={"Content-Disposition": f'attachment; filename="{safe}.csv"'})
