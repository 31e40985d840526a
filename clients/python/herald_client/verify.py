"""Verifying a webhook Herald signed with its default scheme, Standard
Webhooks: webhook-signature holds "v1,<base64 HMAC-SHA256>" values, space
separated (two during a secret's rotation), of
"<webhook-id>.<webhook-timestamp>.<body>", keyed by the base64 after
"whsec_"."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import time
from typing import Any, Mapping


class VerificationError(Exception):
    """The request is not one Herald signed with this secret, now."""


def verify(secret: str, headers: Mapping[str, str], body: bytes, *, tolerance: int = 300,
           now: float | None = None) -> Any:
    """Checks a request's signature and timestamp (within tolerance
    seconds) and returns its JSON payload. headers may be any mapping;
    names are matched without regard to case."""
    h = {k.lower(): v for k, v in headers.items()}
    msg_id, ts, sigs = h.get("webhook-id"), h.get("webhook-timestamp"), h.get("webhook-signature")
    if not msg_id or not ts or not sigs:
        raise VerificationError("missing webhook-id, webhook-timestamp or webhook-signature")
    try:
        stamp = int(ts)
    except ValueError:
        raise VerificationError("webhook-timestamp is not a number") from None
    if abs((time.time() if now is None else now) - stamp) > tolerance:
        raise VerificationError("webhook-timestamp is too far from now")
    key = base64.b64decode(secret.removeprefix("whsec_"))
    expected = base64.b64encode(hmac.new(key, f"{msg_id}.{ts}.".encode() + body, hashlib.sha256).digest()).decode()
    for sig in sigs.split(" "):
        version, _, value = sig.partition(",")
        if version == "v1" and hmac.compare_digest(value, expected):
            return json.loads(body)
    raise VerificationError("no signature matches")
