// The client against a real Herald on loopback: HERALD_BINARY names the
// binary to start, or test/herald.mjs builds one (the Go test
// TestTypeScriptClient builds it and runs these with `npm test`).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import http from "node:http";
import { Client, HeraldError, VerificationError, verify } from "../dist/index.js";
import { startHerald } from "./herald.mjs";

const KEY = "hk_typescript_client_test_key_01";
let running, herald;

before(async () => {
  running = await startHerald(KEY);
  herald = new Client(running.url, KEY);
});

after(async () => {
  if (running) await running.stop();
});

// A receiver on loopback whose next() resolves with the next request.
function receiver() {
  const waiting = [], queued = [];
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      const got = { headers: req.headers, body: Buffer.concat(chunks), path: req.url };
      res.writeHead(200).end();
      waiting.length ? waiting.shift()(got) : queued.push(got);
    });
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve({
    url: `http://127.0.0.1:${server.address().port}/hook`,
    next: () => queued.length ? Promise.resolve(queued.shift()) : new Promise((r) => waiting.push(r)),
    close: () => server.close(),
  })));
}

test("a platform's calls, and every webhook verified", async () => {
  const rx = await receiver();
  try {
    await herald.createTenant("acme", "Acme Inc.");
    const ep = await herald.createEndpoint("acme", { url: rx.url, event_types: ["job.completed"], rate_limit: { count: 100, per: "second" } });
    assert.match(ep.secret, /^whsec_/);
    assert.equal((await herald.getEndpoint("acme", ep.id)).rate_limit?.count, 100);

    const ev = await herald.createEvent("acme", { id: "j1.completed", type: "job.completed", data: { job_id: "j1" } });
    assert.equal(ev.deliveries.length, 1);
    let got = await rx.next();
    const payload = verify(ep.secret, got.headers, got.body);
    assert.deepEqual(payload.data, { job_id: "j1" });
    assert.throws(() => verify(ep.secret, got.headers, Buffer.concat([got.body, Buffer.from(" ")])), VerificationError);
    assert.throws(() => verify(ep.secret, got.headers, got.body, { now: Date.now() / 1000 + 3600 }), VerificationError);

    const batch = await herald.createEvents("acme", [0, 1, 2].map((n) => ({ type: "job.completed", data: { n } })));
    assert.deepEqual(batch.data.map((r) => r.status), ["accepted", "accepted", "accepted"]);
    for (let i = 0; i < 3; i++) { got = await rx.next(); verify(ep.secret, got.headers, got.body); }

    await herald.createJob("acme", { id: "ocr-1", type: "ocr", callback_url: rx.url + "/callback" });
    await herald.updateJob("acme", "ocr-1", { status: "completed", result: { pages: 3 } });
    const two = [await rx.next(), await rx.next()];
    const byPath = Object.fromEntries(two.map((r) => [r.path, r]));
    assert.deepEqual(Object.keys(byPath).sort(), ["/hook", "/hook/callback"]);
    assert.equal(verify(ep.secret, byPath["/hook"].headers, byPath["/hook"].body).type, "job.completed");
    assert.equal((await herald.getJob("acme", "ocr-1")).status, "completed");

    const deliveries = (await herald.listDeliveries("acme", { endpoint_id: ep.id })).data;
    assert.ok(deliveries.length >= 4);
    const oldest = deliveries[deliveries.length - 1];
    assert.equal((await herald.retryDelivery("acme", oldest.id)).id, oldest.id);
    got = await rx.next();
    verify(ep.secret, got.headers, got.body);

    const session = await herald.createPortalSession("acme", { lifetime: "1h" });
    assert.match(session.url, /#/);
    assert.equal((await herald.listPortalSessions("acme")).data.length, 1);
    await herald.revokePortalSessions("acme");

    await herald.updateEndpoint("acme", ep.id, { rate_limit: null });
    assert.equal((await herald.getEndpoint("acme", ep.id)).rate_limit, null);
  } finally {
    rx.close();
  }
});

test("errors carry the API's code and message", async () => {
  await assert.rejects(herald.getTenant("nobody"), (e) => e instanceof HeraldError && e.status === 404 && e.code === "not_found");
  await assert.rejects(herald.createEndpoint("nobody", { url: "http://127.0.0.1:1/x", ordering: "lifo" }),
    (e) => e instanceof HeraldError && e.status === 400 && /ordering/.test(e.message));
});
