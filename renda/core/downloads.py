"""Handing out stored files as downloads, after the caller has checked the permission."""

from __future__ import annotations

import re

from django.http import FileResponse, Http404

# Control characters, quotes, slashes and semicolons have no business in a file name, and
# some of them could break out of the header.
_UNSAFE = re.compile(r'[\x00-\x1f\x7f"\\/;:*?<>|]')


def safe_filename(name: str, fallback: str = "download") -> str:
    """The name a browser saves under: no path, no control characters, not empty."""
    cleaned = _UNSAFE.sub("_", name).strip(" .")
    return cleaned[:150] or fallback


def attachment_response(field_file, filename: str) -> FileResponse:
    """The stored file as an attachment under `filename` (RFC 5987 `filename*` for Chinese
    names), never rendered in the page's origin: nosniff and a sandboxing CSP."""
    try:
        handle = field_file.open("rb")
    except (FileNotFoundError, ValueError):
        raise Http404 from None
    response = FileResponse(handle, as_attachment=True, filename=safe_filename(filename))
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    response["Cache-Control"] = "private, no-store"
    return response
