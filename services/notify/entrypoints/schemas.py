"""marshmallow schemas for notify's HTTP bodies and query strings (the edge only)."""
from marshmallow import Schema, fields, validate

from shared.auth.tokens import REGION_CODE, ROLES
from shared.web.fields import SINGLE_LINE, Paged, page_of, reply
from services.notify.domain.deliveries import STATUSES
from services.notify.domain.labels import LANGUAGES
from services.notify.domain.recipients import DIGEST_CHOICES


def _addresses(**options):
    return fields.List(fields.Email(validate=validate.Length(max=254)), validate=validate.Length(max=50), **options)


class Contacts(Schema):
    addresses = _addresses(required=True)
    language = fields.String(load_default="id", validate=validate.OneOf(LANGUAGES))
    digest = fields.String(load_default="immediate", validate=validate.OneOf(DIGEST_CHOICES))


class ContactsView(Schema):
    region_code = fields.String()
    region_name = fields.String()
    level = fields.String()
    addresses = fields.List(fields.String())
    language = fields.String()
    digest = fields.String()
    configured = fields.Boolean()
    updated_at = fields.String(allow_none=True)


class DeliveryQuery(Paged):
    entry_id = fields.String(validate=validate.Length(1, 200))
    region = fields.String(validate=validate.Regexp(REGION_CODE, error="must be a code such as 73 or 73.71"))
    status = fields.String(validate=validate.OneOf(STATUSES))


# one row of the delivery log, as services/notify/domain/deliveries.view builds it: every field is there,
# null when the delivery has no such fact yet
Delivery = reply("Delivery", "id", "event_id event_type template language recipient status entry_id competition_id "
                 "message_id smtp_reply error created_at sent_at failed_at next_attempt_at updated_at",
                 attempts=fields.Integer(allow_none=True), entry_ids=fields.List(fields.String(), allow_none=True),
                 regions=fields.List(fields.String(), allow_none=True))


DeliveryPage = page_of(Delivery, "DeliveryPage")


class PreviewQuery(Schema):
    lang = fields.String(load_default="id", validate=validate.OneOf(LANGUAGES))


Preview = reply("Preview", "template lang subject text html")

class DigestClosed(Schema):
    day = fields.String()
    queued = fields.Integer()


class AccountFields(Schema):
    """An account's claims: a region user's code, a judge's registry id; what its mail is written in."""
    role = fields.String(required=True, validate=validate.OneOf(ROLES))
    region = fields.String(allow_none=True, validate=validate.Regexp(REGION_CODE, error="must be a code such as 73 or 73.71"))
    judge_id = fields.String(allow_none=True, validate=[validate.Length(1, 200), SINGLE_LINE])
    name = fields.String(validate=[validate.Length(1, 200), SINGLE_LINE])
    language = fields.String(load_default="id", validate=validate.OneOf(LANGUAGES))
    active = fields.Boolean(load_default=True)


Account = reply("Account", "email role name language", "region judge_id", active=fields.Boolean())

class AccountQuery(Paged):
    role = fields.String(validate=validate.OneOf(ROLES))


AccountPage = page_of(Account, "AccountPage")
