"""Herald's Python client: the calls a platform makes, and a receiver's
verification of Herald's default signature scheme (Standard Webhooks).

Standard library only (urllib, json, hmac); Python 3.11 or later.

    from herald_client import Client, verify

    herald = Client("http://127.0.0.1:8080", key="hk_...")
    herald.create_tenant("acme", "Acme Inc.")
    ep = herald.create_endpoint("acme", "https://hooks.acme.test/herald", event_types=["job.completed"])
    herald.create_event("acme", "job.completed", {"job_id": "j1"}, id="j1.completed")

    # in the receiver:
    verify(secret, headers, body)   # raises VerificationError, or returns the payload
"""

from .client import Client, HeraldError
from .verify import VerificationError, verify

__all__ = ["Client", "HeraldError", "verify", "VerificationError"]
