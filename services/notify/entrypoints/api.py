"""notify's API: thin routes that validate, call a handler, and map the result."""
from __future__ import annotations

from datetime import date

from flask import Blueprint, jsonify, request

from shared.auth.guards import current_principal, require
from shared.web.bodies import load
from shared.web.openapi import doc
from shared.web.problem import Problem
from shared.web.app import deps
from services.notify.handlers import accounts, mail
from services.notify.entrypoints import schemas

api = Blueprint("notify", __name__, url_prefix="/api/v1")


@api.put("/regions/<code>/contacts")
@require("admin")
@doc("Set a province's or kabupaten/kota's contact addresses, language and digest choice",
     body=schemas.Contacts, response=schemas.ContactsView, errors=(400, 401, 403, 404, 415, 422))
def put_contacts(code):
    fields = load(schemas.Contacts())
    return jsonify(mail.put_contacts(deps(), code, fields, current_principal().sub))


@api.get("/regions/<code>/contacts")
@require("admin")
@doc("Read a region's contacts", response=schemas.ContactsView, errors=(401, 403, 404, 422))
def get_contacts(code):
    return jsonify(mail.get_contacts(deps(), code))


@api.get("/deliveries")
@require("ministry", "admin")
@doc("The delivery log, newest first", query=schemas.DeliveryQuery, response=schemas.DeliveryPage,
     errors=(401, 403, 422))
def list_deliveries():
    q = load(schemas.DeliveryQuery(), request.args.to_dict())
    return jsonify(mail.list_deliveries(deps(), q.get("entry_id"), q.get("region"), q.get("status"),
                                            q["limit"], q.get("cursor")))


@api.get("/deliveries/<ident>")
@require("ministry", "admin")
@doc("One delivery", response=schemas.Delivery, errors=(401, 403, 404))
def get_delivery(ident):
    return jsonify(mail.get_delivery(deps(), ident))


@api.get("/templates/<name>/preview")
@require("admin")
@doc("Render a template with sample data (subject, plain text, HTML)", query=schemas.PreviewQuery,
     response=schemas.Preview, errors=(401, 403, 404, 422))
def preview(name):
    q = load(schemas.PreviewQuery(), request.args.to_dict())
    return jsonify(mail.preview(deps(), name, q["lang"]))


@api.put("/accounts/<email>")
@require("admin")
@doc("Create or change a person's account (the address signs in by e-mailed link); their sessions everywhere end",
     body=schemas.AccountFields, response=schemas.Account, errors=(400, 401, 403, 415, 422),
     description="A region account names its province or kabupaten/kota (region), a judge account its registry id "
                 "(judge_id; review's registry makes these by itself). active=false closes the account.")
def put_account(email):
    return jsonify(accounts.put_account(deps(), email, load(schemas.AccountFields())))


@api.get("/accounts")
@require("admin")
@doc("People's accounts in address order", query=schemas.AccountQuery, response=schemas.AccountPage,
     errors=(401, 403, 422))
def list_accounts():
    q = load(schemas.AccountQuery(), request.args.to_dict())
    return jsonify(accounts.list_accounts(deps(), q.get("role"), q["limit"], q.get("cursor")))


@api.get("/accounts/<email>")
@require("admin")
@doc("One account", response=schemas.Account, errors=(401, 403, 404))
def get_account(email):
    return jsonify(accounts.get_account(deps(), email))


@api.post("/digests/<day>/close")
@require("admin")
@doc("Queue the daily digests of every change up to this day (YYYY-MM-DD) now", response=schemas.DigestClosed,
     errors=(401, 403, 422), description="The worker does this by itself each morning for the day before.")
def close_digests(day):
    try:
        parsed = date.fromisoformat(day)
    except ValueError:
        raise Problem(422, detail="day must be a date such as 2026-03-10", errors={"day": ["not a YYYY-MM-DD date"]}) from None
    return jsonify(mail.close_digests_through(deps(), parsed))
