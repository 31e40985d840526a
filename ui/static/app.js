// Herald's dashboard. It talks to the REST API of the server that serves
// it, with the key the user signs in with, kept in this tab's
// sessionStorage only. Values from the API are always set as text, never
// as HTML.
"use strict";

const KEY = "herald.key";
// PORTAL marks a tab signed in with a portal link: {theme, name, expires_at}.
const PORTAL = "herald.portal";
const main = document.getElementById("main");
const nav = document.getElementById("nav");
const who = document.getElementById("who");
const logoutButton = document.getElementById("logout");
const flash = document.getElementById("flash");
const brand = document.querySelector("header .brand");

let me = null; // GET /v1/me of the signed-in key

// What a key's role may do, as the API decides it (docs/api.md, "Roles"):
// the dashboard shows only the actions the role has, and the API refuses
// the rest all the same.
const RANK = { "read-only": 1, portal: 2, tenant: 3, admin: 4 };
const MANAGE = 2; // endpoints and retries
const WRITE = 3; // events, jobs, the tenant's secrets
function can(need) { return !!me && (RANK[me.role] || 0) >= need; }
// limited: a portal session made for some endpoints sees only those and
// their deliveries (the API refuses the rest).
function limited() { return !!me && !!me.endpoint_ids && me.endpoint_ids.length > 0; }

// el builds an element: attrs are properties or on* handlers; children are
// nodes or strings (added as text).
function el(tag, attrs, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
    else if (k === "class") e.className = v;
    else if (k === "data") for (const [dk, dv] of Object.entries(v)) e.dataset[dk] = dv;
    else if (k in e) e[k] = v;
    else e.setAttribute(k, v);
  }
  for (const c of children.flat()) {
    if (c === undefined || c === null || c === false) continue;
    e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
}

// renders counts the pages begun. A page that loads data shows itself
// only if no later page began meanwhile and the address is still its own,
// so that a slow answer never replaces the page the user went to.
let renders = 0;

function rendering() {
  const mine = ++renders;
  const at = location.hash;
  return (...nodes) => {
    if (mine === renders && location.hash === at) main.replaceChildren(...nodes);
  };
}

// show shows a page at once.
function show(...nodes) {
  renders++;
  main.replaceChildren(...nodes);
}

function say(message, kind) {
  flash.textContent = message;
  flash.className = kind || "info";
  flash.hidden = false;
  clearTimeout(say.timer);
  say.timer = setTimeout(() => { flash.hidden = true; }, 6000);
}

class APIError extends Error {
  constructor(status, code, message) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

async function api(method, path, body) {
  const headers = { "Authorization": "Bearer " + sessionStorage.getItem(KEY) };
  const init = { method, headers };
  if (body !== undefined) {
    headers["Content-Type"] = "application/json";
    init.body = JSON.stringify(body);
  }
  const resp = await fetch(path, init);
  if (resp.status === 204) return null;
  let data = null;
  try { data = await resp.json(); } catch { /* not JSON */ }
  if (!resp.ok) {
    const e = (data && data.error) || {};
    // A customer signed in with a link has no key of their own to hear of.
    if (resp.status === 401) signOut(portalInfo() ? e.message || "The session ended." : "Your key was refused: " + (e.message || "unauthorized"));
    throw new APIError(resp.status, e.code || "error", e.message || resp.statusText);
  }
  return data;
}

const esc = encodeURIComponent;
const tenantPath = (t) => "/v1/tenants/" + esc(t);

function when(ts) {
  if (!ts) return "";
  const d = new Date(ts);
  return isNaN(d) ? ts : d.toLocaleString();
}

function badge(text, kind) {
  return el("span", { class: "badge " + (kind || text) }, text);
}

function endpointState(ep) {
  if (ep.disabled) return badge("disabled");
  if (ep.paused) return badge("paused");
  return badge("active");
}

function pretty(v) {
  return el("pre", { class: "json" }, JSON.stringify(v, null, 2));
}

function fields(pairs) {
  return el("dl", { class: "fields" }, pairs.filter(Boolean).flatMap(([k, v]) => [el("dt", {}, k), el("dd", {}, v)]));
}

// table renders rows with columns [title, value(row)]; a row with href is a
// link to it.
function table(columns, rows, href, empty) {
  if (!rows.length) return el("p", { class: "empty" }, empty || "Nothing yet.");
  return el("table", {},
    el("thead", {}, el("tr", {}, columns.map(([title]) => el("th", {}, title)))),
    el("tbody", {}, rows.map((r) => el("tr", {
      class: href ? "link" : "",
      data: { id: r.id || r.name || "" },
      onclick: href ? () => { location.hash = href(r); } : undefined,
    }, columns.map(([, value]) => el("td", {}, value(r)))))));
}

// listView shows a paged list from path (query in params), newest first,
// with a "More" button while there is a next page.
async function listView(title, path, params, columns, href, extra) {
  const box = el("div", {});
  const more = el("button", { type: "button", class: "secondary", hidden: true }, "More");
  const rows = [];
  let cursor = "";
  async function load() {
    const q = new URLSearchParams(params);
    if (cursor) q.set("cursor", cursor);
    const page = await api("GET", path + (q.toString() ? "?" + q : ""));
    rows.push(...page.data);
    cursor = page.next_cursor || "";
    more.hidden = !cursor;
    box.replaceChildren(table(columns, rows, href));
  }
  more.addEventListener("click", () => load().catch(fail));
  await load();
  return el("section", {}, el("h2", {}, title), extra || "", box, more);
}

function fail(err) {
  if (err instanceof APIError && err.status === 401) return;
  say(err.message || String(err), "error");
}

// form builds a form whose submit calls onSubmit with the named values.
function form(cls, inputs, label, onSubmit) {
  // POST, so that even a submission this script did not catch never puts
  // a value (an API key) in a URL.
  const f = el("form", { class: cls, method: "post" }, inputs, el("button", { type: "submit" }, label));
  f.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const values = Object.fromEntries(new FormData(f).entries());
    const button = f.querySelector("button[type=submit]");
    button.disabled = true;
    try { await onSubmit(values); } catch (e) { fail(e); } finally { button.disabled = false; }
  });
  return f;
}

// withList gives the input inside label a datalist of suggestions (list
// is an attribute only: el cannot set it as a property).
function withList(label, id) {
  label.querySelector("input").setAttribute("list", id);
  return label;
}

function input(name, label, attrs) {
  return el("label", {}, label, el("input", Object.assign({ name }, attrs || {})));
}

// Views

function loginView(message) {
  nav.replaceChildren();
  who.textContent = "";
  logoutButton.hidden = true;
  show(el("section", { class: "login" },
    el("h1", {}, "Sign in"),
    el("p", {}, "Use a Herald API key. An admin key sees every tenant; a tenant's key sees that tenant only. The key stays in this tab."),
    message ? el("p", { class: "error" }, message) : "",
    form("login", [input("key", "API key", { type: "password", required: true, autocomplete: "off", placeholder: "hk_..." })], "Sign in",
      async ({ key }) => {
        sessionStorage.setItem(KEY, key.trim());
        me = null;
        try {
          await whoAmI();
        } catch (e) {
          sessionStorage.removeItem(KEY);
          throw e;
        }
        const target = me.admin ? "#/tenants" : "#/t/" + esc(me.tenant_id) + "/endpoints";
        if (location.hash === target) await route();
        else location.hash = target; // hashchange renders it
      })));
}

function signOut(message) {
  sessionStorage.removeItem(KEY);
  me = null;
  if (location.hash !== "#/") history.replaceState(null, "", "#/");
  // A customer signed in with a link has no key to sign in with again.
  if (portalInfo()) return endedView(message || "You signed out.");
  loginView(message);
}

function portalInfo() {
  try { return JSON.parse(sessionStorage.getItem(PORTAL) || "null"); } catch { return null; }
}

// applyPortal dresses the page for a portal session: the platform's name
// in the header, and its theme.
function applyPortal() {
  const p = portalInfo();
  document.documentElement.classList.toggle("dark", !!p && p.theme === "dark");
  brand.textContent = p && p.name ? p.name : "Herald";
}

// signInWithLink exchanges a portal link's one-time token, which the link
// carries in its fragment (never sent to a server, so never logged), for
// the session's key, kept in this tab only.
async function signInWithLink() {
  const f = new URLSearchParams(location.hash.slice(1));
  // The token leaves the address bar and the history at once, used or not.
  history.replaceState(null, "", location.pathname + "#/");
  sessionStorage.removeItem(KEY);
  me = null;
  const info = { theme: f.get("theme") || "", name: f.get("name") || "" };
  sessionStorage.setItem(PORTAL, JSON.stringify(info));
  applyPortal();
  let resp = null;
  let data = null;
  try {
    resp = await fetch("/v1/portal-sessions/exchange", {
      method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ token: f.get("portal") }),
    });
    data = await resp.json();
  } catch { /* no answer, or not JSON */ }
  if (!resp || !resp.ok) {
    return endedView((data && data.error && data.error.message) || "This link could not sign in; try again in a moment.");
  }
  sessionStorage.setItem(KEY, data.key);
  sessionStorage.setItem(PORTAL, JSON.stringify({ ...info, expires_at: data.expires_at }));
  history.replaceState(null, "", location.pathname + "#/t/" + esc(data.tenant_id) + "/endpoints");
  return route();
}

// endedView tells a customer whose portal session ended (or whose link
// cannot sign in) so, and links back to the platform when the operator
// said where (--portal-return-url).
async function endedView(message) {
  const show = rendering();
  nav.replaceChildren();
  who.textContent = "";
  logoutButton.hidden = true;
  let back = "";
  try { back = (await (await fetch("config.json")).json()).portal_return_url || ""; } catch { /* no link then */ }
  const p = portalInfo();
  show(el("section", { class: "ended" },
    el("h1", {}, "This session has ended"),
    el("p", {}, message.charAt(0).toUpperCase() + message.slice(1)),
    back
      ? el("p", {}, el("a", { class: "button", href: back, target: "_top", rel: "noopener" }, "Back to " + (p && p.name ? p.name : "the platform")))
      : el("p", {}, "Open a new link from where you found this one.")));
}

async function whoAmI() {
  if (!me) me = await api("GET", "/v1/me");
  const p = portalInfo();
  who.textContent = me.admin ? "admin key " + me.name
    : p ? me.tenant_id + (me.role === "read-only" ? " (read-only)" : "") + (p.expires_at ? " · until " + when(p.expires_at) : "")
    : "tenant " + me.tenant_id + (me.role === "tenant" ? "" : " (" + me.role + ")");
  logoutButton.hidden = false;
  return me;
}

function tenantNav(tenant, current) {
  const tabs = limited() ? [["endpoints", "Endpoints"], ["deliveries", "Deliveries"]]
    : [["overview", "Overview"], ["endpoints", "Endpoints"], ["deliveries", "Deliveries"], ["events", "Events"], ["jobs", "Jobs"]];
  if (me.admin) tabs.push(["keys", "API keys"]);
  nav.replaceChildren(
    me.admin ? el("a", { href: "#/tenants" }, "Tenants") : "",
    el("span", { class: "tenant" }, tenant),
    ...tabs.map(([id, label]) => el("a", { href: "#/t/" + esc(tenant) + "/" + id, class: id === current ? "current" : "" }, label)));
}

// Charts: SVG drawn here from the stats API's points, no script from
// elsewhere (the Content Security Policy allows none). Colours come from
// classes in app.css, so that the dark theme has its own.

const SVGNS = "http://www.w3.org/2000/svg";

function svg(tag, attrs, ...children) {
  const e = document.createElementNS(SVGNS, tag);
  for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, v);
  for (const c of children.flat()) {
    if (c === undefined || c === null || c === false) continue;
    e.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return e;
}

// OUTCOMES are the stats API's outcomes, bottom of a stack first.
const OUTCOMES = [["2xx", "2xx", "o-ok"], ["4xx", "4xx", "o-4xx"], ["5xx", "5xx", "o-5xx"],
  ["timeout", "timeout", "o-timeout"], ["connection_error", "connection error", "o-conn"]];

// count labels an axis of counts: whole numbers, or one decimal between.
function count(v) {
  return Number.isInteger(v) ? String(v) : v.toFixed(1);
}

// niceMax rounds up to 1, 2 or 5 times a power of ten, for the y axis.
function niceMax(v) {
  if (v <= 0) return 1;
  const p = Math.pow(10, Math.floor(Math.log10(v)));
  for (const m of [1, 2, 5, 10]) if (m * p >= v) return m * p;
  return 10 * p;
}

function stepLabel(iso, stepSeconds) {
  const d = new Date(iso);
  const hm = d.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit" });
  return stepSeconds >= 6 * 3600 ? d.toLocaleDateString([], { month: "short", day: "numeric" }) + " " + hm : hm;
}

function fmtMS(ms) {
  if (!ms) return "–";
  return ms >= 1000 ? (ms / 1000).toFixed(ms >= 10000 ? 0 : 1) + " s" : ms.toFixed(ms >= 10 ? 0 : 1) + " ms";
}

// chartFrame draws the axes of a chart of n steps up to max, and gives back
// the svg, the plot's geometry and the x of step i.
function chartFrame(points, stepSeconds, max, unit, title) {
  const W = 720, H = 200, L = 56, R = 12, T = 12, B = 28;
  const pw = W - L - R, ph = H - T - B;
  const root = svg("svg", { viewBox: `0 0 ${W} ${H}`, class: "chart", role: "img", "aria-label": title });
  const y = (v) => T + ph - (v / max) * ph;
  for (const f of [0, 0.5, 1]) {
    root.append(svg("line", { x1: L, x2: W - R, y1: y(max * f), y2: y(max * f), class: f ? "grid" : "axis" }));
    root.append(svg("text", { x: L - 6, y: y(max * f) + 4, class: "tick", "text-anchor": "end" }, unit(max * f)));
  }
  const n = points.length;
  const bw = pw / n;
  for (const i of [0, Math.floor(n / 2), n - 1]) {
    if (!points[i]) continue;
    root.append(svg("text", { x: L + i * bw + bw / 2, y: H - 8, class: "tick", "text-anchor": i === 0 ? "start" : i === n - 1 ? "end" : "middle" },
      stepLabel(points[i].start, stepSeconds)));
  }
  return { root, L, T, ph, bw, y };
}

// stackedChart stacks each step's parts, [label, class, value(point)],
// bottom first.
function stackedChart(points, stepSeconds, title, parts) {
  const total = (p) => parts.reduce((sum, [, , value]) => sum + value(p), 0);
  const max = niceMax(Math.max(...points.map(total)));
  const { root, L, bw, y } = chartFrame(points, stepSeconds, max, count, title);
  points.forEach((p, i) => {
    const said = parts.filter(([, , value]) => value(p)).map(([label, , value]) => value(p) + " " + label);
    const g = svg("g", {}, svg("title", {}, stepLabel(p.start, stepSeconds) + ": " + (said.join(", ") || "none")));
    let base = 0;
    for (const [, cls, value] of parts) {
      const v = value(p);
      if (!v) continue;
      g.append(svg("rect", { x: L + i * bw + bw * 0.1, width: Math.max(1, bw * 0.8), y: y(base + v), height: y(base) - y(base + v), class: cls }));
      base += v;
    }
    root.append(g);
  });
  return root;
}

// The stacked charts' parts: attempts by outcome, deliveries ended.
const OUTCOME_PARTS = OUTCOMES.map(([k, label, cls]) => [label, cls, (p) => p.outcomes[k]]);
const ENDED_PARTS = [["succeeded", "o-ok", (p) => p.succeeded], ["failed", "o-5xx", (p) => p.failed]];

// latencyChart draws p50 and p95 per step; steps without attempts leave a gap.
function latencyChart(points, stepSeconds) {
  const max = niceMax(Math.max(1, ...points.map((p) => p.p95_ms)));
  const { root, L, bw, y } = chartFrame(points, stepSeconds, max, (v) => (v ? fmtMS(v) : "0"), "Latency p50 and p95");
  for (const [key, cls] of [["p95_ms", "l-p95"], ["p50_ms", "l-p50"]]) {
    let run = [];
    const flush = () => {
      if (run.length === 1) root.append(svg("circle", { cx: run[0][0], cy: run[0][1], r: 2.5, class: cls + " dot" }));
      if (run.length > 1) root.append(svg("polyline", { points: run.map((xy) => xy.join(",")).join(" "), class: cls }));
      run = [];
    };
    points.forEach((p, i) => {
      if (!p.attempts) return flush();
      run.push([L + i * bw + bw / 2, y(p[key])]);
    });
    flush();
  }
  points.forEach((p, i) => {
    if (p.attempts) root.append(svg("rect", { x: L + i * bw, width: bw, y: 0, height: 200, class: "hit" },
      svg("title", {}, stepLabel(p.start, stepSeconds) + ": p50 " + fmtMS(p.p50_ms) + ", p95 " + fmtMS(p.p95_ms))));
  });
  return root;
}

// legend names the classes of a chart's parts or lines, [label, class].
function legend(items) {
  return el("p", { class: "legend" }, items.map(([label, cls]) => el("span", {}, el("i", { class: "swatch " + cls }), label)));
}

function tile(label, value, cls) {
  return el("div", { class: "tile " + (cls || "") }, el("span", { class: "value" }, value), el("span", { class: "label" }, label));
}

function pct(rate, attempts) {
  return attempts ? (rate * 100).toFixed(rate >= 0.999 || rate < 0.1 ? 0 : 1) + " %" : "–";
}

// windowPicker offers the three windows; picking one calls load with it.
function windowPicker(current, load) {
  return el("div", { class: "windows", role: "group" }, [["1h", "Last hour"], ["24h", "Last day"], ["7d", "Last week"]].map(([w, label]) =>
    el("button", { type: "button", class: w === current ? "primary" : "secondary", data: { window: w }, onclick: () => load(w).catch(fail) }, label)));
}

// healthPanel is an endpoint's health at a glance, for a window.
function healthPanel(tenant, ep) {
  const box = el("section", { class: "health" });
  async function load(w) {
    const st = await api("GET", tenantPath(tenant) + "/endpoints/" + esc(ep.id) + "/stats?window=" + w);
    const t = st.total;
    const streak = st.disable_after_failures
      ? st.consecutive_failures + " of " + st.disable_after_failures
      : String(st.consecutive_failures);
    box.replaceChildren(
      el("div", { class: "health-head" }, el("h2", {}, "Health"), windowPicker(st.window, load)),
      el("div", { class: "tiles" },
        tile("success rate", pct(t.success_rate, t.attempts), t.attempts && t.success_rate < 0.9 ? "bad" : ""),
        tile("attempts", String(t.attempts)),
        tile("p50 latency", fmtMS(t.p50_ms)), tile("p95 latency", fmtMS(t.p95_ms)),
        tile("failures in a row", streak, st.auto_disable_near ? "bad" : st.consecutive_failures ? "warn" : "")),
      st.auto_disable_near ? el("p", { class: "error" }, st.failures_before_disable === 0
        ? "This endpoint reached its limit of failed deliveries in a row."
        : st.failures_before_disable + " more failed deliveries in a row will disable this endpoint.") : "",
      ...(t.attempts ? [
        el("h3", {}, "Attempts by outcome"), stackedChart(st.points, st.step_seconds, "Attempts by outcome", OUTCOME_PARTS),
        legend(OUTCOME_PARTS),
        el("h3", {}, "Latency"), latencyChart(st.points, st.step_seconds), legend([["p50", "l-p50"], ["p95", "l-p95"]]),
      ] : [el("p", { class: "empty" }, "No attempts in this window.")]));
  }
  return { box, load };
}

async function overviewView(tenant, params) {
  const show = rendering();
  tenantNav(tenant, "overview");
  const w = params.get("window") || "24h";
  const ov = await api("GET", tenantPath(tenant) + "/overview?window=" + w);
  const t = ov.total;
  const pick = windowPicker(ov.window, async (nw) => { location.hash = "#/t/" + esc(tenant) + "/overview?window=" + nw; });
  show(el("section", { class: "health" },
    el("div", { class: "health-head" }, el("h2", {}, "Overview"), pick),
    el("div", { class: "tiles" },
      tile("succeeded", String(t.succeeded)), tile("failed", String(t.failed), t.failed ? "bad" : ""),
      tile("attempts", String(t.attempts)), tile("success rate", pct(t.success_rate, t.attempts), t.attempts && t.success_rate < 0.9 ? "bad" : ""),
      tile("p95 latency", fmtMS(t.p95_ms))),
    el("h3", {}, "Deliveries ended, per " + (ov.step_seconds >= 3600 ? ov.step_seconds / 3600 + " h" : ov.step_seconds / 60 + " min")),
    stackedChart(ov.points, ov.step_seconds, "Deliveries ended", ENDED_PARTS), legend(ENDED_PARTS),
    el("h3", {}, "Attempts by outcome"), stackedChart(ov.points, ov.step_seconds, "Attempts by outcome", OUTCOME_PARTS), legend(OUTCOME_PARTS)),
  el("section", {}, el("h2", {}, "Endpoints that need care"),
    table([["URL", (e) => e.url], ["State", endpointState], ["Failures in a row", (e) => e.consecutive_failures +
      (e.disable_after_failures ? " of " + e.disable_after_failures : "")], ["Disabled because", (e) => e.disabled_reason || ""]],
    ov.unhealthy_endpoints, (e) => "#/t/" + esc(tenant) + "/endpoints/" + esc(e.id), "Every endpoint is healthy."),
    ov.unhealthy_more ? el("p", {}, "More endpoints need care than are listed here.") : ""));
}

async function tenantsView() {
  const show = rendering();
  nav.replaceChildren(el("a", { href: "#/tenants", class: "current" }, "Tenants"));
  const create = form("inline", [
    input("name", "Name", { required: true }),
    input("id", "Id (optional)", { pattern: "[A-Za-z0-9._:-]{1,128}" }),
  ], "Create tenant", async ({ name, id }) => {
    const t = await api("POST", "/v1/tenants", id ? { id, name } : { name });
    location.hash = "#/t/" + esc(t.id) + "/endpoints";
  });
  show(await listView("Tenants", "/v1/tenants", {}, [
    ["Id", (t) => t.id], ["Name", (t) => t.name], ["Created", (t) => when(t.created_at)],
  ], (t) => "#/t/" + esc(t.id) + "/endpoints", create));
}

async function endpointsView(tenant) {
  const show = rendering();
  tenantNav(tenant, "endpoints");
  const types = can(MANAGE) ? await catalogue() : [];
  const create = can(MANAGE) && !limited() && form("inline", [
    input("url", "URL", { type: "url", required: true, placeholder: "https://example.com/webhooks" }),
    el("label", {}, "Preset", el("select", { name: "preset" },
      el("option", { value: "" }, "none"),
      ["standard-webhooks", "leaperone", "leonardo", "task-api", "leapocr"].map((p) => el("option", { value: p }, p)))),
    typePicker(types, []),
  ], "Add endpoint", async ({ url, preset }) => {
    const body = { url };
    const picked = pickedTypes(main.querySelector("form.inline"));
    if (picked.length) body.event_types = picked;
    if (preset) body.preset = preset;
    const ep = await api("POST", tenantPath(tenant) + "/endpoints", body);
    revealed = { id: ep.id, secret: ep.secret };
    location.hash = "#/t/" + esc(tenant) + "/endpoints/" + esc(ep.id);
  });
  show(await listView("Endpoints", tenantPath(tenant) + "/endpoints", {}, [
    ["URL", (e) => e.url], ["State", endpointState],
    ["Event types", (e) => (e.event_types.length ? e.event_types.join(", ") : "all")],
    ["Failures in a row", (e) => e.consecutive_failures], ["Created", (e) => when(e.created_at)],
  ], (e) => "#/t/" + esc(tenant) + "/endpoints/" + esc(e.id), create));
}

// catalogue is the event types a tenant's endpoints may subscribe to,
// with their descriptions (GET /v1/event-types).
async function catalogue() {
  return (await api("GET", "/v1/event-types")).data || [];
}

// typePicker offers the catalogue's event types as checkboxes, with a
// field for types outside it; none picked means every type.
function typePicker(types, picked) {
  const known = new Set(types.map((t) => t.name));
  const others = (picked || []).filter((t) => !known.has(t));
  return el("fieldset", { class: "types", data: { field: "event_types" } },
    el("legend", {}, "Event types (none picked: all)"),
    types.map((t) => el("label", { class: "check", title: t.description + (t.examples && t.examples.length ? "\nExample: " + JSON.stringify(t.examples[0]) : "") },
      el("input", { type: "checkbox", name: "event_type", value: t.name, checked: (picked || []).includes(t.name) }),
      el("span", {}, t.name, t.description ? el("small", { class: "muted" }, " " + t.description) : ""))),
    input("other_types", types.length ? "Other types (comma-separated)" : "Types (comma-separated)", { value: others.join(", ") }));
}

// pickedTypes reads a typePicker inside form f.
function pickedTypes(f) {
  const checked = [...f.querySelectorAll("input[name=event_type]:checked")].map((c) => c.value);
  const other = (f.querySelector("input[name=other_types]").value || "").split(",").map((x) => x.trim()).filter(Boolean);
  return [...checked, ...other];
}

// fieldError shows an API validation error next to the field it names
// (its message starts with the field's name, as the API's do), or above
// the form when it names none of them.
function fieldError(f, err) {
  for (const e of f.querySelectorAll(".field-error")) e.remove();
  const msg = err.message || String(err);
  const names = [...f.querySelectorAll("[name], fieldset[data-field]")].map((n) => n.name || n.dataset.field);
  const name = names.find((n) => msg.startsWith(n + " ") || msg.startsWith(n + "[") || msg.startsWith(n + ":") || msg.includes('field "' + n + '"')) ||
    (msg.startsWith("header") ? "headers" : "");
  const note = el("p", { class: "field-error error", role: "alert" }, msg);
  const target = name && (f.querySelector(`[name="${name}"]`) || f.querySelector(`fieldset[data-field="${name}"]`));
  if (target) (target.closest("label") || target).after(note);
  else f.prepend(note);
}

function headerLines(h) {
  return Object.entries(h || {}).map(([k, v]) => k + ": " + v).join("\n");
}

function parseHeaderLines(text) {
  const out = {};
  for (const line of text.split("\n")) {
    if (!line.trim()) continue;
    const i = line.indexOf(":");
    if (i < 1) throw new APIError(400, "invalid_request", "headers: each line reads Name: value, not " + JSON.stringify(line));
    out[line.slice(0, i).trim()] = line.slice(i + 1).trim();
  }
  return out;
}

// editForm changes an endpoint: what it receives and how it is retried.
function editForm(tenant, ep, types, done) {
  const f = el("form", { class: "edit", method: "post" },
    input("url", "URL", { type: "url", required: true, value: ep.url }),
    input("description", "Description", { value: ep.description || "" }),
    typePicker(types, ep.event_types),
    input("channels", "Channels (comma-separated; empty: only events that name none)", { value: (ep.channels || []).join(", ") }),
    el("label", {}, "Headers (one Name: value per line; values are never shown: leave •••••• to keep one)",
      el("textarea", { name: "headers", rows: 3 }, headerLines(ep.headers))),
    input("bearer_token", ep.bearer_token_set
      ? "Bearer token (one is set and never shown: leave empty to keep it, type a new one to replace it)"
      : "Bearer token (sent as Authorization: Bearer; empty: none)", { type: "password", autocomplete: "off", value: "" }),
    ep.bearer_token_set && el("label", { class: "check" }, el("input", { type: "checkbox", name: "remove_bearer_token" }),
      "Remove the bearer token"),
    el("label", {}, "Retry policy (JSON; empty: the default)", el("textarea", { name: "retry_policy", rows: 3,
      placeholder: '{"kind": "exponential", "base": "2s", "factor": 2, "cap": "30s", "max_retries": 5}' },
    ep.retry_policy ? JSON.stringify(ep.retry_policy) : "")),
    input("disable_after_failures", "Disable after failed deliveries in a row (0: never)", { type: "number", min: 0, max: 1000, value: ep.disable_after_failures || 0 }),
    el("fieldset", { class: "rate" }, el("legend", {}, "Rate limit (empty: none)"),
      input("rate_count", "Requests", { type: "number", min: 1, max: 100000, value: ep.rate_limit ? ep.rate_limit.count : "" }),
      el("label", {}, "per", el("select", { name: "rate_per" },
        ["second", "minute"].map((p) => el("option", { value: p, selected: !!ep.rate_limit && ep.rate_limit.per === p }, p)))),
      input("rate_burst", "Burst", { type: "number", min: 1, max: 100000, value: ep.rate_limit ? ep.rate_limit.burst : 1 })),
    el("label", {}, "Order", el("select", { name: "ordering" },
      el("option", { value: "none", selected: ep.ordering !== "fifo" }, "any (fastest)"),
      el("option", { value: "fifo", selected: ep.ordering === "fifo" }, "FIFO: one at a time, in the order events came"))),
    el("label", { class: "check" }, el("input", { type: "checkbox", name: "send_traceparent", checked: !!ep.send_traceparent }),
      "Send a traceparent header (W3C trace context) with each attempt"),
    el("div", { class: "actions" },
      el("button", { type: "submit" }, "Save"),
      el("button", { type: "button", class: "secondary", onclick: () => done(false) }, "Cancel")));
  f.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const v = Object.fromEntries(new FormData(f).entries());
    const button = f.querySelector("button[type=submit]");
    button.disabled = true;
    try {
      let policy = null;
      if (v.retry_policy.trim()) {
        try { policy = JSON.parse(v.retry_policy); } catch (e) {
          throw new APIError(400, "invalid_request", "retry_policy is not JSON: " + e.message);
        }
      }
      // The token is write-only: sent when typed or removed, else left out
      // (kept as stored).
      const token = v.remove_bearer_token === "on" ? { bearer_token: "" } : v.bearer_token ? { bearer_token: v.bearer_token } : {};
      await api("PATCH", tenantPath(tenant) + "/endpoints/" + esc(ep.id), {
        ...token,
        url: v.url.trim(), description: v.description, event_types: pickedTypes(f),
        channels: v.channels.split(",").map((x) => x.trim()).filter(Boolean),
        headers: parseHeaderLines(v.headers), retry_policy: policy,
        disable_after_failures: Number(v.disable_after_failures || 0),
        rate_limit: v.rate_count ? { count: Number(v.rate_count), per: v.rate_per, burst: Number(v.rate_burst || 1) } : null,
        ordering: v.ordering,
        send_traceparent: v.send_traceparent === "on",
      });
      done(true);
    } catch (e) {
      if (e instanceof APIError && e.status === 401) return;
      fieldError(f, e);
    } finally { button.disabled = false; }
  });
  return f;
}

// revealed is a signing secret just made, shown once on its endpoint's
// page until the user leaves it: the API never shows it again.
let revealed = null;

function secretPanel(id) {
  if (!revealed || revealed.id !== id) return "";
  const s = revealed.secret;
  revealed = null;
  return shownOnce("Signing secret, shown only now. Copy it to the receiver's configuration:", s);
}

// shownOnce displays a value the API shows only once (a secret, a key).
function shownOnce(what, value) {
  return el("div", { class: "secret" }, el("strong", {}, what), el("code", { class: "secret-value" }, value));
}

async function endpointView(tenant, id) {
  const show = rendering();
  tenantNav(tenant, "endpoints");
  const path = tenantPath(tenant) + "/endpoints/" + esc(id);
  const ep = await api("GET", path);
  const result = el("div", { class: "result" });
  const act = (label, fn, cls) => el("button", { type: "button", class: cls || "secondary", onclick: () => fn().catch(fail) }, label);
  const reload = () => endpointView(tenant, id).catch(fail);
  const types = can(MANAGE) ? await catalogue() : [];
  const editBox = el("div", { class: "edit-box" });
  const testType = el("select", { name: "test_type", title: "the type of the test event" },
    el("option", { value: "" }, "webhook.test"),
    types.filter((t) => !ep.event_types.length || ep.event_types.includes(t.name)).map((t) => el("option", { value: t.name }, t.name)));
  const actions = can(MANAGE) && el("div", { class: "actions" },
    act("Edit", async () => {
      editBox.replaceChildren(editForm(tenant, ep, types, async (saved) => {
        editBox.replaceChildren();
        if (saved) { say("Endpoint saved"); await reload(); }
      }));
    }),
    el("span", { class: "test" }, testType, act("Send test event", async () => {
      const r = await api("POST", path + "/test", testType.value ? { event_type: testType.value } : undefined);
      result.replaceChildren(el("p", { class: r.succeeded ? "ok" : "error" },
        r.succeeded ? "Test delivered" : "Test failed", r.status_code ? " (HTTP " + r.status_code + ")" : "",
        r.error ? ": " + r.error : "", ", " + r.duration_ms.toFixed(1) + " ms"),
      r.response_body ? el("pre", {}, r.response_body) : "");
    }, "primary")),
    ep.disabled
      ? act("Enable", async () => { await api("PATCH", path, { disabled: false }); await reload(); })
      : act("Disable", async () => { await api("PATCH", path, { disabled: true }); await reload(); }),
    ep.paused
      ? act("Resume", async () => { await api("PATCH", path, { paused: false }); await reload(); })
      : act("Pause", async () => { await api("PATCH", path, { paused: true }); await reload(); }),
    act("Replay failed (24 h)", async () => {
      const since = new Date(Date.now() - 24 * 3600 * 1000).toISOString();
      const r = await api("POST", path + "/replay", { since });
      say(r.replayed + " failed deliveries are due again");
    }),
    act("Rotate secret", async () => {
      const r = await api("POST", path + "/rotate-secret");
      // An ed25519 endpoint answers its new public key, not a secret.
      revealed = r.secret ? { id, secret: r.secret } : null;
      await reload();
      say("The previous " + (r.secret ? "secret" : "key") + " keeps signing until " + when(r.previous_secret_expires_at));
    }),
    act("Delete", async () => {
      if (!confirm("Delete this endpoint and its deliveries?")) return;
      await api("DELETE", path);
      location.hash = "#/t/" + esc(tenant) + "/endpoints";
    }, "danger"));
  const health = healthPanel(tenant, ep);
  await health.load("24h");
  const deliveries = await listView("Deliveries to this endpoint", tenantPath(tenant) + "/deliveries", { endpoint_id: id, limit: 20 },
    deliveryColumns(), (d) => "#/t/" + esc(tenant) + "/deliveries/" + esc(d.id));
  show(el("section", {}, el("h2", {}, "Endpoint ", el("code", {}, ep.id)),
    secretPanel(id),
    fields([
      ["URL", ep.url], ["State", endpointState(ep)], ep.disabled_reason && ["Disabled because", ep.disabled_reason],
      ["Description", ep.description], ["Event types", ep.event_types.length ? ep.event_types.join(", ") : "all"],
      ep.channels.length && ["Channels", ep.channels.join(", ")],
      ["Format", ep.format || "standard"], ["Signature", ep.signature || "standard"],
      ep.signature_header && ["Signature header", ep.signature_header],
      ep.public_key && ["Public key (verifies v1a)", el("code", {}, ep.public_key)],
      ep.signature_scheme && ["Signature scheme", el("code", {}, schemeText(ep.signature_scheme))],
      ["Bearer token", ep.bearer_token_set ? "set" : "none"],
      ["Retry policy", ep.retry_policy ? JSON.stringify(ep.retry_policy) : "default"],
      ["Rate limit", ep.rate_limit ? rateText(ep.rate_limit) : "none"],
      ["Order", ep.ordering === "fifo" ? "FIFO: one at a time, in the order events came" : "any"],
      ep.send_traceparent && ["Trace context", "traceparent sent with each attempt"],
      ["Failures in a row", String(ep.consecutive_failures) + (ep.disable_after_failures ? " of " + ep.disable_after_failures : "")],
      ["Created", when(ep.created_at)],
    ]), fifoPanel(tenant, ep.fifo), actions, editBox, result), health.box, deliveries);
}

function rateText(l) {
  return l.count + " per " + l.per + (l.burst > 1 ? ", bursts of " + l.burst : "");
}

// fifoPanel shows a FIFO endpoint's queue: the delivery at its head, and
// whether it holds the rest back.
function fifoPanel(tenant, q) {
  if (!q) return "";
  const link = (d) => el("a", { href: "#/t/" + esc(tenant) + "/deliveries/" + esc(d.id) }, d.id);
  if (!q.head) {
    return el("div", { class: "fifo" }, el("strong", {}, "FIFO queue: "), q.waiting ? q.waiting + " waiting" : "empty");
  }
  const h = q.head;
  return el("div", { class: "fifo" + (q.blocked ? " blocked" : "") },
    el("strong", {}, q.blocked ? "Blocked: " : "FIFO head: "), link(h),
    q.blocked
      ? " has failed " + h.attempts + (h.attempts === 1 ? " attempt" : " attempts") +
        (h.last_status_code ? " (last HTTP " + h.last_status_code + ")" : h.last_error ? " (" + h.last_error + ")" : "") +
        (h.next_attempt_at ? "; next attempt " + when(h.next_attempt_at) : "") +
        ". " + q.waiting + " waiting behind it until it succeeds or its retries end."
      : " is going now; " + q.waiting + " waiting.");
}

// endpointURLs maps a tenant's endpoints' ids to their URLs (the first
// 250), so that lists name an endpoint by where it sends.
async function endpointURLs(tenant) {
  const page = await api("GET", tenantPath(tenant) + "/endpoints?limit=250");
  return new Map(page.data.map((e) => [e.id, e.url]));
}

// deliveryColumns lists deliveries by what a person reads: the event's
// type and id, the endpoint's URL (urls from endpointURLs; none on an
// endpoint's own page).
function deliveryColumns(urls) {
  return [
    ["Event", (d) => el("span", { class: "stack" }, el("span", {}, d.event_type || ""), el("code", { class: "muted" }, d.event_id))],
    urls && ["Endpoint", (d) => urls.get(d.endpoint_id) || d.endpoint_id],
    ["Status", (d) => d.status === "pending" && !d.next_attempt_at
      ? el("span", { title: "a FIFO endpoint's delivery, waiting for the ones before it" }, badge("waiting", "pending"))
      : badge(d.status)],
    ["Attempts", (d) => d.attempts], ["Last answer", (d) => d.last_status_code || d.last_error || ""],
    ["Updated", (d) => when(d.updated_at)],
  ].filter(Boolean);
}

// localInput turns an RFC 3339 time into a datetime-local input's value,
// and back.
function localInput(iso) {
  if (!iso) return "";
  const d = new Date(iso);
  return new Date(d.getTime() - d.getTimezoneOffset() * 60000).toISOString().slice(0, 16);
}

async function deliveriesView(tenant, params) {
  const show = rendering();
  tenantNav(tenant, "deliveries");
  const urls = await endpointURLs(tenant);
  const query = {};
  for (const k of ["status", "endpoint_id", "event_type", "event_id", "since", "until"]) {
    if (params.get(k)) query[k] = params.get(k);
  }
  const types = await catalogue();
  // A session limited to some endpoints lists one endpoint's at a time.
  if (limited() && !query.endpoint_id && urls.size) query.endpoint_id = [...urls.keys()][0];
  // The filters: each change goes to the address, so a filtered list can
  // be bookmarked and shared.
  const filters = form("filters", [
    el("label", {}, "Endpoint", el("select", { name: "endpoint_id" },
      limited() ? "" : el("option", { value: "" }, "any endpoint"),
      [...urls].map(([id, url]) => el("option", { value: id, selected: id === query.endpoint_id }, url)))),
    el("label", {}, "Status", el("select", { name: "status" },
      ["", "pending", "succeeded", "failed", "paused"].map((s) => el("option", { value: s, selected: s === (query.status || "") }, s || "any status")))),
    withList(input("event_type", "Event type", { value: query.event_type || "", placeholder: "any type" }), "event-types"),
    el("datalist", { id: "event-types" }, types.map((t) => el("option", { value: t.name }, t.description))),
    input("event_id", "Event id", { value: query.event_id || "", placeholder: "evt_... or your own" }),
    input("since", "Since", { type: "datetime-local", value: localInput(query.since) }),
    input("until", "Until", { type: "datetime-local", value: localInput(query.until) }),
  ], "Filter", async (values) => {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(values)) {
      if (!v) continue;
      q.set(k, k === "since" || k === "until" ? new Date(v).toISOString() : v.trim());
    }
    location.hash = "#/t/" + esc(tenant) + "/deliveries" + (q.toString() ? "?" + q : "");
  });
  show(await listView("Deliveries", tenantPath(tenant) + "/deliveries", query, deliveryColumns(urls),
    (d) => "#/t/" + esc(tenant) + "/deliveries/" + esc(d.id), filters));
}

async function deliveryView(tenant, id) {
  const show = rendering();
  tenantNav(tenant, "deliveries");
  const path = tenantPath(tenant) + "/deliveries/" + esc(id);
  const [d, urls] = await Promise.all([api("GET", path), endpointURLs(tenant)]);
  const retry = el("button", {
    type: "button", class: "primary",
    onclick: async () => {
      try {
        await api("POST", path + "/retry");
        say("Retrying now");
        // Show the attempt a moment later, unless the user has moved on:
        // a late render would replace the page they went to.
        const here = location.hash;
        setTimeout(() => { if (location.hash === here) deliveryView(tenant, id).catch(fail); }, 1000);
      } catch (e) { fail(e); }
    },
  }, "Retry now");
  // requestSent shows what an attempt sent: its URL and headers (with
  // credentials masked by the server), and the body when the one the
  // endpoint renders now is, to the byte, the one this attempt sent.
  const requestSent = (a) => {
    if (!a.request) return "";
    const r = a.request;
    const body = d.request_body_sha256 && r.body_sha256 === d.request_body_sha256
      ? el("pre", { class: "json request-body" }, d.request_body)
      : el("p", { class: "muted" }, "The body this attempt sent is not kept: the endpoint's format or the event changed since (SHA-256 " + r.body_sha256.slice(0, 12) + "…).");
    return el("details", { class: "request" }, el("summary", {}, "Request"),
      el("p", {}, el("code", {}, "POST " + r.url)),
      el("pre", { class: "headers" }, Object.keys(r.headers).sort().map((k) => k + ": " + r.headers[k]).join("\n")),
      body);
  };
  // What an attempt sent takes a row of its own under the attempt, the
  // table's whole width: beside the answer it made the table wider than its
  // card on a narrow window.
  const attempts = d.attempt_log.length ? el("table", { class: "attempts" },
    el("thead", {}, el("tr", {}, ["Started", "Duration", "Answer", "Trigger", "Response"].map((h) => el("th", {}, h)))),
    el("tbody", {}, d.attempt_log.flatMap((a) => [el("tr", { class: a.request ? "has-sent" : "" },
      el("td", {}, when(a.started_at)), el("td", {}, a.duration_ms.toFixed(1) + " ms"),
      el("td", {}, a.status_code ? "HTTP " + a.status_code : a.error || ""),
      el("td", {}, a.trigger), el("td", {}, a.response_body ? el("pre", { class: "body" }, a.response_body) : "")),
      a.request && el("tr", { class: "sent" }, el("td", { colspan: "5" }, requestSent(a)))].filter(Boolean)))) :
    el("p", { class: "empty" }, "No attempt yet.");
  show(el("section", {}, el("h2", {}, "Delivery ", el("code", {}, d.id)),
    fields([
      ["Status", badge(d.status)], ["Event", limited() ? d.event_id : el("a", { href: "#/t/" + esc(tenant) + "/events/" + esc(d.event_id) }, d.event_id)],
      ["Endpoint", el("a", { href: "#/t/" + esc(tenant) + "/endpoints/" + esc(d.endpoint_id) }, urls.get(d.endpoint_id) || d.endpoint_id)],
      ["Attempts", d.attempts], d.next_attempt_at && ["Next attempt", when(d.next_attempt_at)],
      d.last_error && ["Last error", d.last_error], ["Created", when(d.created_at)],
    ]), can(MANAGE) && el("div", { class: "actions" }, retry), el("h3", {}, "Attempts"), attempts));
}

async function eventsView(tenant) {
  const show = rendering();
  tenantNav(tenant, "events");
  show(await listView("Events", tenantPath(tenant) + "/events", {}, [
    ["Event", (e) => e.id], ["Type", (e) => e.type], ["Created", (e) => when(e.created_at)],
  ], (e) => "#/t/" + esc(tenant) + "/events/" + esc(e.id)));
}

async function eventView(tenant, id) {
  const show = rendering();
  tenantNav(tenant, "events");
  const ev = await api("GET", tenantPath(tenant) + "/events/" + esc(id));
  show(el("section", {}, el("h2", {}, "Event ", el("code", {}, ev.id)),
    fields([["Type", ev.type], ["Created", when(ev.created_at)], ev.channels.length && ["Channels", ev.channels.join(", ")]]),
    el("h3", {}, "Data"), pretty(ev.data),
    el("h3", {}, "Deliveries"), table(deliveryColumns(await endpointURLs(tenant)), ev.deliveries, (d) => "#/t/" + esc(tenant) + "/deliveries/" + esc(d.id),
      "No endpoint matched this event."),
    // The answer lists a page at most; the deliveries list filtered by
    // the event pages through the rest.
    ev.deliveries_more ? el("p", {}, el("a", { href: "#/t/" + esc(tenant) + "/deliveries?event_id=" + encodeURIComponent(ev.id) }, "All deliveries of this event")) : ""));
}

// revealedCallback is a tenant callback secret just made, shown once on
// the jobs page it was made on.
let revealedCallback = null;

async function jobsView(tenant) {
  const show = rendering();
  tenantNav(tenant, "jobs");
  const t = await api("GET", tenantPath(tenant));
  show(await listView("Jobs", tenantPath(tenant) + "/jobs", { include: "callback" }, [
    ["Job", (j) => j.id], ["Type", (j) => j.type], ["Status", (j) => badge(j.status, "job")],
    ["Progress", (j) => (j.progress === undefined ? "" : j.progress + " %")],
    ["Callback", (j) => (j.callback ? j.callback.state : "")], ["Updated", (j) => when(j.updated_at)],
  ], (j) => "#/t/" + esc(tenant) + "/jobs/" + esc(j.id), callbackSigning(tenant, t)));
}

// callbackSigning says which secret signs the tenant's job callbacks and
// makes or rotates the tenant's callback secret, shown once.
function callbackSigning(tenant, t) {
  const made = revealedCallback && revealedCallback.tenant === tenant ? revealedCallback.secret : "";
  revealedCallback = null;
  const rotate = el("button", {
    type: "button", class: "secondary",
    onclick: async () => {
      try {
        const r = await api("POST", tenantPath(tenant) + "/rotate-callback-secret");
        revealedCallback = { tenant, secret: r.callback_secret };
        await jobsView(tenant);
        if (r.callback_previous_secret_expires_at) say("The previous callback secret keeps signing until " + when(r.callback_previous_secret_expires_at));
      } catch (e) { fail(e); }
    },
  }, t.callback_secret_set ? "Rotate callback secret" : "Make a callback secret");
  return el("div", { class: "callback-signing" },
    made ? shownOnce("Callback secret of " + tenant + ", shown only now. It verifies every job callback that brings no secret of its own:", made) : "",
    el("p", {}, t.callback_secret_set
      ? "Job callbacks without a secret of their own are signed with this tenant's callback secret. "
      : "Each job callback is signed with a secret of its own, shown when the job is made. A tenant callback secret signs every later one instead. "),
    can(WRITE) && rotate);
}

async function jobView(tenant, id) {
  const show = rendering();
  tenantNav(tenant, "jobs");
  const j = await api("GET", tenantPath(tenant) + "/jobs/" + esc(id) + "?include=callback");
  // A job's events have ids made of its own (<job>.created, ...): their
  // deliveries are the webhooks its life sent, the callback's among them.
  const [urls, ...pages] = await Promise.all([endpointURLs(tenant),
    ...["created", "started", "completed", "failed"].map((s) =>
      api("GET", tenantPath(tenant) + "/deliveries?limit=250&event_id=" + esc(j.id + "." + s)))]);
  const sent = pages.flatMap((p) => p.data).sort((a, b) => (a.created_at < b.created_at ? 1 : -1));
  show(el("section", {}, el("h2", {}, "Job ", el("code", {}, j.id)),
    fields([["Type", j.type], ["Status", badge(j.status, "job")], j.callback && ["Callback", j.callback.url + " (" + j.callback.state + ")"]]),
    el("h3", {}, "Status document"), pretty(statusDocument(j)),
    el("h3", {}, "Webhooks of this job"),
    table(deliveryColumns(urls), sent, (d) => "#/t/" + esc(tenant) + "/deliveries/" + esc(d.id), "No webhook was sent for this job.")));
}

// schemeText sums up an hmac signature scheme in one line: the header and
// its value, then what is signed and how.
function schemeText(s) {
  return s.header + ": " + s.value + (s.timestamp_header ? ", " + s.timestamp_header + ": {timestamp}" : "") +
    " — HMAC-" + s.algorithm.toUpperCase() + " " + s.encoding + " of " + s.signed + " (key: " + s.key + ")";
}

// statusDocument is the job as GET without include=callback answers it,
// the same document its webhooks carry.
function statusDocument(j) {
  const { callback, ...doc } = j;
  return doc;
}

// keysView manages a tenant's API keys (admin keys only): a new key is
// shown once, to hand to the customer, whose dashboard it then opens.
async function keysView(tenant) {
  const show = rendering();
  tenantNav(tenant, "keys");
  const path = tenantPath(tenant) + "/keys";
  const create = form("inline", [
    input("name", "Name", { required: true, placeholder: "production" }),
    el("label", {}, "Role", el("select", { name: "role" },
      el("option", { value: "tenant" }, "tenant: everything for this tenant"),
      el("option", { value: "portal" }, "portal: endpoints and retries; reads the rest"),
      el("option", { value: "read-only" }, "read-only: reads everything"))),
  ], "Create key",
    async ({ name, role }) => {
      const k = await api("POST", path, { name, role });
      await keysView(tenant);
      main.querySelector("section").prepend(
        shownOnce("API key for " + tenant + ", shown only now. It opens this tenant's dashboard and API:", k.key));
    });
  const del = (k) => el("button", {
    type: "button", class: "danger",
    onclick: async (ev) => {
      ev.stopPropagation();
      if (!confirm("Delete the key " + k.name + "? Whoever uses it is locked out.")) return;
      try { await api("DELETE", path + "/" + esc(k.id)); await keysView(tenant); } catch (e) { fail(e); }
    },
  }, "Delete");
  show(await listView("API keys", path, {}, [
    ["Name", (k) => k.name], ["Role", (k) => k.role], ["Id", (k) => k.id], ["Created", (k) => when(k.created_at)], ["", del],
  ], null, create));
}

// route renders the view the location's hash names.
async function route() {
  if (new URLSearchParams(location.hash.slice(1)).has("portal")) return signInWithLink();
  if (!sessionStorage.getItem(KEY)) return portalInfo() ? endedView("You are signed out.") : loginView();
  try {
    await whoAmI();
  } catch (e) {
    if (!(e instanceof APIError && e.status === 401)) loginView(e.message);
    return;
  }
  const [pathPart, query] = location.hash.replace(/^#/, "").split("?");
  const parts = pathPart.split("/").filter(Boolean).map(decodeURIComponent);
  const params = new URLSearchParams(query || "");
  try {
    if (parts[0] === "t" && parts[1]) {
      const [, tenant, kind, id] = parts;
      const views = {
        overview: [overviewView, overviewView],
        endpoints: [endpointsView, endpointView], deliveries: [deliveriesView, deliveryView],
        events: [eventsView, eventView], jobs: [jobsView, jobView], keys: [keysView, keysView],
      }[kind || "endpoints"];
      if (!views) throw new Error("No such page");
      return await (id ? views[1](tenant, id) : views[0](tenant, params));
    }
    if (me.admin) return await tenantsView();
    location.hash = "#/t/" + esc(me.tenant_id) + "/endpoints";
  } catch (e) {
    // A refused key has signed out already, and that page stays.
    if (e instanceof APIError && e.status === 401) return;
    fail(e);
    show(el("p", { class: "error" }, e.message || String(e)));
  }
}

applyPortal();
logoutButton.addEventListener("click", async () => {
  // A portal session ends on the server too, so that its key (in this tab
  // or copied from it) stops working; an API key is not a session.
  if (portalInfo()) {
    try {
      await fetch("/v1/me", { method: "DELETE", headers: { "Authorization": "Bearer " + sessionStorage.getItem(KEY) } });
    } catch { /* the server is away: the session still ends at its time */ }
  }
  signOut();
});
// A message is about the page it was said on: leaving the page clears it.
window.addEventListener("hashchange", () => {
  flash.hidden = true;
  route();
});
route();
