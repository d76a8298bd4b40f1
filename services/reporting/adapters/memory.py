"""Giving freed memory back to the operating system after the web process's big steps."""
from __future__ import annotations

import ctypes
import ctypes.util

try:
    _libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
    _trim = _libc.malloc_trim
except (OSError, AttributeError):  # not glibc: nothing to do
    _trim = None


def give_back() -> None:
    """Return the heap's free pages (glibc keeps them after large temporary arrays are freed, so a
    re-ranking's scratch space would otherwise stay in the worker's RSS until the next one reuses it)."""
    if _trim is not None:
        _trim(0)
