"""The API calls. Every method returns the API's JSON answer, decoded, as
the API wrote it (dicts and lists): the OpenAPI document
(api/openapi.yaml) describes each."""

from __future__ import annotations

import json
import urllib.error
import urllib.parse
import urllib.request
from typing import Any, TypedDict


class HeraldError(Exception):
    """An answer that is not 2xx: its status, the API's error code
    (invalid_request, not_found, ...) and message."""

    def __init__(self, status: int, code: str, message: str):
        super().__init__(f"herald: {status} {code}: {message}")
        self.status, self.code, self.message = status, code, message


class RateLimit(TypedDict, total=False):
    count: int
    per: str  # "second" or "minute"
    burst: int


def _drop_none(d: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in d.items() if v is not None}


class Client:
    """A client of one Herald, with one API key."""

    def __init__(self, url: str, key: str, timeout: float = 30.0):
        self.url, self.key, self.timeout = url.rstrip("/"), key, timeout

    def _do(self, method: str, path: str, body: Any = None, query: dict[str, Any] | None = None) -> Any:
        url = self.url + path
        if query:
            q = {k: v for k, v in query.items() if v is not None and v != ""}
            if q:
                url += "?" + urllib.parse.urlencode(q, doseq=True)
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(url, data=data, method=method)
        req.add_header("Authorization", "Bearer " + self.key)
        if data is not None:
            req.add_header("Content-Type", "application/json")
        try:
            with urllib.request.urlopen(req, timeout=self.timeout) as resp:
                raw = resp.read()
        except urllib.error.HTTPError as e:
            raw = e.read()
            try:
                err = json.loads(raw)["error"]
                raise HeraldError(e.code, err.get("code", ""), err.get("message", "")) from None
            except (ValueError, KeyError, TypeError):
                raise HeraldError(e.code, "", raw.decode(errors="replace")) from None
        return json.loads(raw) if raw else None

    @staticmethod
    def _seg(s: str) -> str:
        return urllib.parse.quote(s, safe="")

    def _t(self, tenant: str) -> str:
        return "/v1/tenants/" + self._seg(tenant)

    # Tenants (admin keys).
    def create_tenant(self, id: str, name: str) -> dict:
        return self._do("POST", "/v1/tenants", {"id": id, "name": name})

    def get_tenant(self, tenant: str) -> dict:
        return self._do("GET", self._t(tenant))

    def list_tenants(self, limit: int | None = None, cursor: str | None = None) -> dict:
        return self._do("GET", "/v1/tenants", query={"limit": limit, "cursor": cursor})

    # Endpoints.
    def create_endpoint(self, tenant: str, url: str, *, event_types: list[str] | None = None,
                        channels: list[str] | None = None, rate_limit: RateLimit | None = None,
                        ordering: str | None = None, **settings: Any) -> dict:
        """Makes an endpoint; the answer holds its signing secret, shown only
        now. settings are the other fields of docs/api.md's table
        (retry_policy, format, signature, bearer_token, preset, ...)."""
        body = _drop_none({"url": url, "event_types": event_types, "channels": channels,
                           "rate_limit": rate_limit, "ordering": ordering, **settings})
        return self._do("POST", self._t(tenant) + "/endpoints", body)

    def get_endpoint(self, tenant: str, endpoint: str) -> dict:
        return self._do("GET", self._t(tenant) + "/endpoints/" + self._seg(endpoint))

    def list_endpoints(self, tenant: str, limit: int | None = None, cursor: str | None = None) -> dict:
        return self._do("GET", self._t(tenant) + "/endpoints", query={"limit": limit, "cursor": cursor})

    def update_endpoint(self, tenant: str, endpoint: str, **fields: Any) -> dict:
        """Changes the fields given; None is sent as JSON null (rate_limit=None
        removes a limit). headers replaces the static headers, whose values
        answers show as "••••••": a header given None (or "••••••") keeps
        its stored value."""
        return self._do("PATCH", self._t(tenant) + "/endpoints/" + self._seg(endpoint), fields)

    def delete_endpoint(self, tenant: str, endpoint: str) -> None:
        self._do("DELETE", self._t(tenant) + "/endpoints/" + self._seg(endpoint))

    # Events.
    def create_event(self, tenant: str, type: str, data: dict, *, id: str | None = None,
                     channels: list[str] | None = None) -> dict:
        """Reports an event; the answer (202) comes once it and its
        deliveries are durable. The same id again returns the original."""
        return self._do("POST", self._t(tenant) + "/events", _drop_none({"id": id, "type": type, "data": data, "channels": channels}))

    def create_events(self, tenant: str, events: list[dict]) -> dict:
        """Reports up to 1,000 events in one transaction: all or none."""
        return self._do("POST", self._t(tenant) + "/events/batch", {"events": events})

    def get_event(self, tenant: str, event: str) -> dict:
        return self._do("GET", self._t(tenant) + "/events/" + self._seg(event))

    # Jobs.
    def create_job(self, tenant: str, id: str, type: str, *, callback_url: str | None = None,
                   input: Any = None, **fields: Any) -> dict:
        return self._do("POST", self._t(tenant) + "/jobs",
                        _drop_none({"id": id, "type": type, "callback_url": callback_url, "input": input, **fields}))

    def update_job(self, tenant: str, job: str, status: str, **fields: Any) -> dict:
        """Reports a job's status (processing, completed, failed) with its
        result, error or progress."""
        return self._do("POST", self._t(tenant) + "/jobs/" + self._seg(job) + "/status", {"status": status, **fields})

    def get_job(self, tenant: str, job: str) -> dict:
        return self._do("GET", self._t(tenant) + "/jobs/" + self._seg(job))

    # Deliveries.
    def list_deliveries(self, tenant: str, *, endpoint_id: str | None = None, event_id: str | None = None,
                        status: str | None = None, limit: int | None = None, cursor: str | None = None) -> dict:
        return self._do("GET", self._t(tenant) + "/deliveries", query={
            "endpoint_id": endpoint_id, "event_id": event_id, "status": status, "limit": limit, "cursor": cursor})

    def get_delivery(self, tenant: str, delivery: str) -> dict:
        return self._do("GET", self._t(tenant) + "/deliveries/" + self._seg(delivery))

    def retry_delivery(self, tenant: str, delivery: str) -> dict:
        return self._do("POST", self._t(tenant) + "/deliveries/" + self._seg(delivery) + "/retry")

    # Portal sessions: a customer's sign-in link to their own dashboard.
    def create_portal_session(self, tenant: str, *, lifetime: str | None = None, role: str | None = None,
                              endpoint_ids: list[str] | None = None, **fields: Any) -> dict:
        """Makes a customer's sign-in link (its "url", single use, the token
        in the fragment); lifetime such as "1h", role "portal" (default) or
        "read-only", endpoint_ids to limit it to some endpoints."""
        return self._do("POST", self._t(tenant) + "/portal-sessions",
                        _drop_none({"lifetime": lifetime, "role": role, "endpoint_ids": endpoint_ids, **fields}))

    def list_portal_sessions(self, tenant: str) -> dict:
        return self._do("GET", self._t(tenant) + "/portal-sessions")

    def revoke_portal_sessions(self, tenant: str) -> dict:
        return self._do("POST", self._t(tenant) + "/portal-sessions/revoke")
