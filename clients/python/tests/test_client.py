"""The client against a real Herald on loopback: HERALD_BINARY names the
binary to start, or support.herald_binary builds one (the Go test
TestPythonClient builds it, installs the package with pip into a new
virtual environment, and runs these there)."""

import http.server
import json
import os
import queue
import re
import socket
import subprocess
import sys
import tempfile
import threading
import time
import unittest
import urllib.request

import support
from herald_client import Client, HeraldError, VerificationError, verify

KEY = "hk_python_client_test_key_0123"


class Receiver:
    """An HTTP server on loopback that queues what it receives."""

    def __init__(self):
        got = self.got = queue.Queue()

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                got.put((dict(self.headers), body, self.path))
                self.send_response(200)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = "http://127.0.0.1:%d/hook" % self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def next(self, timeout=15):
        """The next request's headers and body (and path: next_at)."""
        headers, body, _ = self.got.get(timeout=timeout)
        return headers, body

    def next_at(self, timeout=15):
        return self.got.get(timeout=timeout)


class ClientTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        binary = support.herald_binary(cls.__name__)
        cls.data = tempfile.TemporaryDirectory()
        cls.proc = subprocess.Popen([binary, "serve", "--listen", "127.0.0.1:0", "--data-dir", cls.data.name,
                                     "--admin-key", KEY, "--allow-cidr", "127.0.0.0/8", "--allow-http"],
                                    stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        addr = None
        deadline = time.time() + 20
        for line in cls.proc.stdout:
            m = re.search(r'msg="herald is serving".* listen=(\S+)', line)
            if m:
                addr = m.group(1)
                break
            if time.time() > deadline:
                break
        if addr is None:
            cls.proc.kill()
            raise RuntimeError("herald did not start")
        threading.Thread(target=lambda: [None for _ in cls.proc.stdout], daemon=True).start()
        cls.url = "http://" + addr
        while True:
            try:
                with urllib.request.urlopen(cls.url + "/readyz", timeout=2) as r:
                    if r.status == 200:
                        break
            except OSError:
                pass
            if time.time() > deadline:
                raise RuntimeError("herald was not ready")
            time.sleep(0.02)
        cls.herald = Client(cls.url, KEY)

    @classmethod
    def tearDownClass(cls):
        cls.proc.kill()  # only the process this test started
        cls.proc.wait()
        cls.data.cleanup()

    def test_a_platform_s_calls_and_a_verified_webhook(self):
        h, rx = self.herald, Receiver()
        h.create_tenant("acme", "Acme Inc.")
        ep = h.create_endpoint("acme", rx.url, event_types=["job.completed"], rate_limit={"count": 100, "per": "second"})
        self.assertTrue(ep["secret"].startswith("whsec_"))
        self.assertEqual(h.get_endpoint("acme", ep["id"])["rate_limit"]["count"], 100)

        ev = h.create_event("acme", "job.completed", {"job_id": "j1"}, id="j1.completed")
        self.assertEqual(len(ev["deliveries"]), 1)
        headers, body = rx.next()
        payload = verify(ep["secret"], headers, body)
        self.assertEqual(payload["data"], {"job_id": "j1"})
        self.assertEqual(payload["type"], "job.completed")
        with self.assertRaises(VerificationError):
            verify(ep["secret"], headers, body + b" ")
        with self.assertRaises(VerificationError):
            verify(ep["secret"], headers, body, now=time.time() + 3600)

        batch = h.create_events("acme", [{"type": "job.completed", "data": {"n": i}} for i in range(3)])
        self.assertEqual([r["status"] for r in batch["data"]], ["accepted"] * 3)
        for _ in range(3):
            verify(ep["secret"], *rx.next())

        job = h.create_job("acme", "ocr-1", "ocr", callback_url=rx.url + "/callback")
        self.assertEqual(job["status"], "queued")
        h.update_job("acme", "ocr-1", "completed", result={"pages": 3})
        # Two requests: the job's callback, and job.completed to the endpoint.
        got = dict((path, (headers, body)) for headers, body, path in (rx.next_at(), rx.next_at()))
        self.assertEqual(set(got), {"/hook", "/hook/callback"})
        event = verify(ep["secret"], *got["/hook"])
        self.assertEqual((event["type"], event["data"]["result"]), ("job.completed", {"pages": 3}))
        self.assertEqual(json.loads(got["/hook/callback"][1])["data"]["status"], "completed")
        self.assertEqual(h.get_job("acme", "ocr-1")["status"], "completed")

        deliveries = h.list_deliveries("acme", endpoint_id=ep["id"])["data"]
        self.assertGreaterEqual(len(deliveries), 4)
        d = h.retry_delivery("acme", deliveries[-1]["id"])
        self.assertEqual(d["id"], deliveries[-1]["id"])
        verify(ep["secret"], *rx.next())

        session = h.create_portal_session("acme", lifetime="1h")
        self.assertIn("#", session["url"])
        self.assertEqual(len(h.list_portal_sessions("acme")["data"]), 1)
        h.revoke_portal_sessions("acme")

        h.update_endpoint("acme", ep["id"], rate_limit=None, description="renamed")
        self.assertIsNone(h.get_endpoint("acme", ep["id"])["rate_limit"])

    def test_errors_carry_the_api_s_code_and_message(self):
        with self.assertRaises(HeraldError) as e:
            self.herald.get_tenant("nobody")
        self.assertEqual((e.exception.status, e.exception.code), (404, "not_found"))
        with self.assertRaises(HeraldError) as e:
            self.herald.create_endpoint("nobody-either", "http://127.0.0.1:1/x", ordering="lifo")
        self.assertEqual(e.exception.status, 400)
        self.assertIn("ordering", e.exception.message)


if __name__ == "__main__":
    unittest.main()
