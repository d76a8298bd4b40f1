"""Entries over HTTP (DESIGN §4 intake): thin routes that validate, call a handler and map the result."""
from __future__ import annotations

import io

from flask import Blueprint, g, jsonify, request, send_file

from shared.auth.guards import current_principal, require
from shared.paging import decode_cursor, is_id, reply
from shared.web.bodies import load
from shared.web.idempotency import idempotent, keyed_id
from shared.web.openapi import doc
from shared.web.problem import Problem, invalid
from shared.web.app import deps
from services.intake.handlers import attachments, entries as entry_handlers
from services.intake.domain.attachments import MAX_BYTES
from services.intake.entrypoints import schemas

api = Blueprint("entries", __name__, url_prefix="/api/v1")
READERS = ("region", "ministry", "admin")
FIELD_RULES = ("No text may hold a control character (a section or reason may hold tab and line breaks). The "
               "agency's region_code must be a real Kemendagri code of the cluster's level inside the caller's "
               "region, and group, category, cluster, sections, implemented_since and title must keep the "
               "competition's rules (DESIGN §6), as on submit; a refusal is 422 naming each rule and field, and "
               "nothing is stored. Completeness (every section filled) is checked on submit only.")


@api.post("/competitions/<cid>/entries")
@require("region")
@idempotent("intake:entries")
@doc("Create a draft entry (honours Idempotency-Key)", body=schemas.EntryDraft, response=schemas.Entry, status=201,
     errors=(400, 401, 403, 404, 409, 413, 415, 422, 503), description=FIELD_RULES)
def create_entry(cid):
    fields = schemas.as_fields(load(schemas.EntryDraft()))
    return jsonify(entry_handlers.create_entry(deps(), cid, fields, current_principal(), keyed_id())), 201


@api.get("/competitions/<cid>/entries")
@require(*READERS)
@doc("List the entries the caller may see", query=schemas.EntryListQuery, response=schemas.EntryPage,
     errors=(401, 403, 404, 422, 503))
def list_entries(cid):
    query = load(schemas.EntryListQuery(), request.args.to_dict())
    items, last = entry_handlers.list_entries(deps(), cid, current_principal(), query.get("status"),
                                        decode_cursor(query.get("cursor"), is_id), query["limit"])
    return jsonify(reply(items, last))


@api.get("/entries/<entry_id>")
@require(*READERS)
@doc("Read an entry", response=schemas.Entry, errors=(401, 403, 404, 503))
def get_entry(entry_id):
    return jsonify(entry_handlers.read_entry(deps(), entry_id, current_principal()))


@api.patch("/entries/<entry_id>")
@require("region")
@doc("Edit a draft: fields are replaced whole, sections merge by key", body=schemas.EntryDraft,
     response=schemas.Entry, errors=(400, 401, 403, 404, 409, 413, 415, 422, 503),
     description=FIELD_RULES + " A PATCH is held to them for the fields it sends.")
def patch_entry(entry_id):
    changes = schemas.as_fields(load(schemas.EntryDraft(), partial=schemas.PATCHABLE))
    if not changes:
        raise invalid({"_schema": ["send at least one field to change"]})
    return jsonify(entry_handlers.patch_entry(deps(), entry_id, changes, current_principal()))


@api.post("/entries/<entry_id>/attachments")
@require("region")
@doc("Attach a PDF (multipart field 'file', at most 1 MiB)", body=schemas.AttachmentUpload,
     content_type="multipart/form-data", response=schemas.Attachment, status=201,
     errors=(401, 403, 404, 409, 413, 415, 422, 503),
     description="The part's declared type must be application/pdf, its file name must end in .pdf and its "
                 "bytes must begin with %PDF-; anything else is 415 naming the rule (declared-type-not-pdf, "
                 "name-not-pdf, not-a-pdf) and nothing is stored. The name is kept in a safe form: its last "
                 "path part, without control characters or <>:\"/\\|?*, at most 120 characters.")
def add_attachment(entry_id):
    if request.mimetype != "multipart/form-data":
        raise Problem(415, detail="Send the file as multipart/form-data in the field 'file'.")
    upload = request.files.get("file")
    if upload is None:
        raise invalid({"file": ["a PDF file is required"]})
    data = upload.stream.read(MAX_BYTES + 1)
    return jsonify(attachments.add_attachment(deps(), entry_id, current_principal(), upload.filename, data,
                                              upload.mimetype)), 201


@api.get("/entries/<entry_id>/attachments/<attachment_id>")
@require(*READERS)
@doc("Download an attachment", errors=(401, 403, 404, 503))
def read_attachment(entry_id, attachment_id):
    meta, data = attachments.read_attachment(deps(), entry_id, attachment_id, current_principal())
    return send_file(io.BytesIO(data), mimetype="application/pdf", as_attachment=True,
                     download_name=meta["filename"])


@api.delete("/entries/<entry_id>/attachments/<attachment_id>")
@require("region")
@doc("Remove an attachment from a draft", status=204, errors=(401, 403, 404, 409, 503))
def remove_attachment(entry_id, attachment_id):
    attachments.remove_attachment(deps(), entry_id, attachment_id, current_principal())
    return "", 204


@api.post("/entries/<entry_id>/submit")
@require("region")
@doc("Submit a draft after the eligibility checks (DESIGN §6); submitting again returns the same entry",
     response=schemas.Entry, errors=(401, 403, 404, 409, 422, 503),
     description="Repeating a submit is safe and answers the entry's state: an entry already submitted is "
                 "answered 200 as it is, once, with one kipp.entry.submitted event. So after a 503 (its `part` "
                 "names what did not answer; the submit may or may not have been applied) or a lost "
                 "connection, send the same submit again.")
def submit_entry(entry_id):
    return jsonify(entry_handlers.submit_entry(deps(), entry_id, current_principal(), g.request_id))


@api.post("/entries/<entry_id>/withdraw")
@require("region")
@doc("Withdraw a submitted entry before screening; emits kipp.entry.withdrawn", body=schemas.Withdrawal,
     response=schemas.Entry, errors=(400, 401, 403, 404, 409, 413, 415, 422, 503))
def withdraw_entry(entry_id):
    reason = load(schemas.Withdrawal())["reason"]
    return jsonify(entry_handlers.withdraw_entry(deps(), entry_id, reason, current_principal(), g.request_id))
