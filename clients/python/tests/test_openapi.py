"""The client against the API's one document, api/openapi.yaml: every
method's path and verb is an operation there, every field it sends is a
property of that operation's request body, and every query parameter one
the operation takes. A rename in the API that the client misses fails
here, without a server."""

import inspect
import os
import unittest
from typing import Any, get_type_hints

import support
from herald_client import Client
from herald_client.client import RateLimit

OPENAPI = os.path.join(support.REPO, "api", "openapi.yaml")

# One call of every public method, with every keyword it names (the
# settings a method passes on through **fields get a few of the API's own).
CALLS = {
    "create_tenant": lambda c: c.create_tenant("t", "T"),
    "get_tenant": lambda c: c.get_tenant("t"),
    "list_tenants": lambda c: c.list_tenants(limit=1, cursor="c"),
    "create_endpoint": lambda c: c.create_endpoint("t", "https://x.test/h", event_types=["a"], channels=["c"],
                                                   rate_limit={"count": 1, "per": "second"}, ordering="fifo",
                                                   retry_policy={"schedule": ["5s"]}, description="d"),
    "get_endpoint": lambda c: c.get_endpoint("t", "ep"),
    "list_endpoints": lambda c: c.list_endpoints("t", limit=1, cursor="c"),
    "update_endpoint": lambda c: c.update_endpoint("t", "ep", rate_limit=None, description="d", url="https://x.test/h"),
    "delete_endpoint": lambda c: c.delete_endpoint("t", "ep"),
    "create_event": lambda c: c.create_event("t", "a", {}, id="e", channels=["c"]),
    "create_events": lambda c: c.create_events("t", [{"type": "a", "data": {}}]),
    "get_event": lambda c: c.get_event("t", "e"),
    "create_job": lambda c: c.create_job("t", "j", "ocr", callback_url="https://x.test/cb", input={}),
    "update_job": lambda c: c.update_job("t", "j", "completed", result={}, progress=100),
    "get_job": lambda c: c.get_job("t", "j"),
    "list_deliveries": lambda c: c.list_deliveries("t", endpoint_id="ep", event_id="e", status="failed", limit=1, cursor="c"),
    "get_delivery": lambda c: c.get_delivery("t", "d"),
    "retry_delivery": lambda c: c.retry_delivery("t", "d"),
    "create_portal_session": lambda c: c.create_portal_session("t", lifetime="1h", role="portal", endpoint_ids=["ep"]),
    "list_portal_sessions": lambda c: c.list_portal_sessions("t"),
    "revoke_portal_sessions": lambda c: c.revoke_portal_sessions("t"),
}


class Recorder(Client):
    """A client whose calls are written down instead of sent."""

    def __init__(self):
        super().__init__("http://127.0.0.1:1", "hk_none")
        self.calls = []

    def _do(self, method, path, body=None, query=None):
        self.calls.append((method, path, body, {k: v for k, v in (query or {}).items() if v is not None}))
        return {}


class OpenAPITest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        try:
            import yaml
        except ImportError:
            raise support.missing(cls.__name__, "PyYAML", "it reads api/openapi.yaml (pip install pyyaml)") from None
        with open(OPENAPI, encoding="utf-8") as f:
            cls.doc = yaml.safe_load(f)

    def deref(self, node: Any) -> Any:
        """node with every $ref at its top followed."""
        while isinstance(node, dict) and "$ref" in node:
            target = self.doc
            for part in node["$ref"].lstrip("#/").split("/"):
                target = target[part]
            node = target
        return node

    def properties(self, schema: Any) -> set[str]:
        """The property names a schema allows, through $ref and allOf."""
        schema = self.deref(schema)
        names = set(schema.get("properties", {}))
        for part in schema.get("allOf", []):
            names |= self.properties(part)
        return names

    def operation(self, method: str, path: str) -> tuple[str, dict, list]:
        """The OpenAPI path template that path matches, the operation for
        method there, and the parameters it takes (the path's and its own)."""
        segments = path.split("/")
        # Literal segments first: /events/batch before /events/{event}.
        for template, item in sorted(self.doc["paths"].items(), key=lambda kv: kv[0].count("{")):
            parts = template.split("/")
            if len(parts) == len(segments) and all(
                    p == s or (p.startswith("{") and p.endswith("}")) for p, s in zip(parts, segments)):
                op = item.get(method.lower())
                if op is None:
                    self.fail(f"{method} {path}: {template} has no {method} operation in api/openapi.yaml")
                params = [self.deref(p) for p in item.get("parameters", []) + op.get("parameters", [])]
                return template, op, params
        self.fail(f"{method} {path}: no path of api/openapi.yaml matches it")

    def test_every_public_method_is_checked(self):
        public = {name for name, _ in inspect.getmembers(Client, inspect.isfunction) if not name.startswith("_")}
        self.assertEqual(public, set(CALLS), "a method of Client without a call in CALLS, or one that no longer exists")

    def test_paths_fields_and_query_parameters_are_the_api_s(self):
        for name, call in CALLS.items():
            with self.subTest(method=name):
                rec = Recorder()
                call(rec)
                self.assertEqual(len(rec.calls), 1)
                method, path, body, query = rec.calls[0]
                template, op, params = self.operation(method, path)
                where = f"{name}: {method} {template}"
                taken = {p["name"] for p in params if p.get("in") == "query"}
                self.assertLessEqual(set(query), taken, f"{where} sends query parameters the API does not take")
                if body is None:
                    continue
                content = self.deref(op.get("requestBody", {})).get("content", {}).get("application/json")
                self.assertIsNotNone(content, f"{where} sends a body the operation does not take")
                fields = self.properties(content["schema"])
                self.assertLessEqual(set(body), fields, f"{where} sends fields the API does not name")
                if name == "create_events":
                    event_fields = self.properties(self.doc["components"]["schemas"]["EventInput"])
                    self.assertLessEqual(set(body["events"][0]), event_fields, f"{where}: an event's fields")

    def test_rate_limit_and_error_are_the_api_s(self):
        schemas = self.doc["components"]["schemas"]
        self.assertLessEqual(set(get_type_hints(RateLimit)), self.properties(schemas["RateLimit"]))
        # HeraldError reads error.code and error.message.
        error = self.deref(schemas["Error"]["properties"]["error"])
        self.assertLessEqual({"code", "message"}, set(error["properties"]))


if __name__ == "__main__":
    unittest.main()
