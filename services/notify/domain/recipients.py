"""Who hears about an entry: its region's contacts, its province's contacts, its contact person."""
from __future__ import annotations

from dataclasses import dataclass

from shared import regions

DIGEST_CHOICES = ("immediate", "daily")


@dataclass(frozen=True)
class Recipient:
    """One address to write to, in its language, now or in tomorrow's digest."""

    address: str
    name: str
    language: str = "id"
    daily: bool = False


def normalise_address(address: str) -> str:
    return address.strip().lower()


def contact_codes(entry: dict) -> list[str]:
    """The region codes whose contacts receive this entry's mail: its own, then its province."""
    own = (entry.get("agency") or {}).get("region_code") or ""
    province = entry.get("province_code") or regions.province_of(own)
    return [code for code in dict.fromkeys([own, province]) if code]


def entry_recipients(entry: dict, contacts: dict[str, dict]) -> list[Recipient]:
    """Every distinct address for an entry's mail; an address listed twice keeps its first setting."""
    found: dict[str, Recipient] = {}
    configured = [contacts[code] for code in contact_codes(entry) if code in contacts]
    for record in configured:
        greeting = "Admin Lokal " + (regions.name(record["_id"]) or record["_id"])
        for address in record.get("addresses", []):
            key = normalise_address(address)
            found.setdefault(key, Recipient(key, greeting, record.get("language", "id"),
                                            record.get("digest") == "daily"))
    person = entry.get("contact") or {}
    if person.get("email"):
        language = configured[0].get("language", "id") if configured else "id"
        key = normalise_address(person["email"])
        found.setdefault(key, Recipient(key, person.get("name") or key, language, False))
    return list(found.values())

