"use strict";
// The dateline web page: three views over the JSON API (docs/api.md), chosen by the URL's hash:
// #/ (articles), #/article/ID (one article with its evidence), #/events (events). No build step,
// no libraries; every value from the store is inserted as text, never as HTML.

const view = document.getElementById("view");

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value == null) continue;
    if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value);
  }
  for (const child of children.flat(Infinity)) {
    if (child != null && child !== "") node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

async function api(path, params = {}) {
  const query = new URLSearchParams(Object.entries(params).filter(([, value]) => value));
  const response = await fetch(`api/${path}${query.size ? "?" + query : ""}`);
  const body = await response.json();
  if (!response.ok) throw new Error(body.detail || response.statusText);
  return body;
}

// A table from [heading, row => cell] pairs, or a note when there are no rows.
function table(columns, rows, empty) {
  if (!rows.length) return el("p", { class: "empty" }, empty);
  return el("table", {},
    el("thead", {}, el("tr", {}, columns.map(([heading]) => el("th", {}, heading)))),
    el("tbody", {}, rows.map((row) => el("tr", {}, columns.map(([heading, cell]) =>
      el("td", { class: heading === "evidence" ? "evidence" : null }, cell(row)))))));
}

// A form whose fields become the hash's query: [name, label, input type].
function filterForm(route, fields, values) {
  const inputs = fields.map(([name, , type]) =>
    el("input", { name, type: type || "search", value: values[name] || "" }));
  const submit = (event) => {
    event.preventDefault();
    const query = new URLSearchParams(inputs.filter((input) => input.value).map((input) => [input.name, input.value]));
    location.hash = `#/${route}${query.size ? "?" + query : ""}`;
  };
  return el("form", { class: "filters", onsubmit: submit },
    fields.map(([, label], i) => el("label", {}, label, inputs[i])), el("button", {}, "Filter"));
}

const actor = (ref) => ref
  ? el("span", { title: ref.text }, ref.name || ref.text, ref.code ? el("code", {}, " " + ref.code) : null)
  : "";
const percent = (value) => value == null ? "" : `${Math.round(100 * value)}%`;
const articleLink = (id, text) => el("a", { href: `#/article/${encodeURIComponent(id)}` }, text || id.slice(0, 10));

// The sentence with the span `part` (article offsets, as `spans` hold them) marked.
function evidence(sentence, spans, part) {
  const [start, end] = spans[part] || [];
  const offset = (spans.sentence || [])[0];
  if (start == null || offset == null || start < offset) return sentence;
  const [from, to] = [start - offset, end - offset];
  return [sentence.slice(0, from), el("mark", {}, sentence.slice(from, to)), sentence.slice(to)];
}

function eventColumns(withArticle) {
  const columns = [
    ["date", (e) => e.date || ""],
    ["CAMEO", (e) => el("code", {}, e.cameo)],
    ["PLOVER", (e) => [e.plover || "", e.plover_mode ? el("code", {}, " " + e.plover_mode) : null]],
    ["source", (e) => actor(e.source)],
    ["target", (e) => actor(e.target)],
    ["place", (e) => e.place || ""],
    ["evidence", (e) => evidence(e.sentence, e.spans || {}, "trigger")],
    ["rule", (e) => el("code", {}, e.rule)],
    ["conf.", (e) => percent(e.confidence)],
  ];
  return withArticle ? [...columns, ["article", (e) => articleLink(e.article_id, e.article_title)]] : columns;
}

async function articlesView(params) {
  const rows = await api("articles", { ...params, limit: 1000 });
  const columns = [
    ["published", (a) => a.published || ""],
    ["source", (a) => a.source || ""],
    ["title", (a) => articleLink(a.id, a.title || a.origin)],
    ["status", (a) => a.status],
    ["events", (a) => a.events],
    ["quotes", (a) => a.quotes],
    ["times", (a) => a.timexes],
  ];
  const list = el("div", {}, table(columns, rows, "No stored articles match."));
  const search = el("input", { type: "search", placeholder: "title, source or origin contains…", size: 36 });
  search.addEventListener("input", () => {
    const term = search.value.toLowerCase();
    const matches = (a) => [a.title, a.source, a.origin].some((text) => (text || "").toLowerCase().includes(term));
    const shown = rows.filter(matches);
    list.replaceChildren(table(columns, shown, "No listed article matches."));
  });
  const form = filterForm("articles", [
    ["since", "since", "date"], ["until", "until", "date"], ["source", "source"], ["status", "status"],
  ], params);
  const count = el("span", { class: "count" }, ` ${rows.length} listed`);
  return [el("h1", {}, "Articles"), form, el("p", {}, search, count), list];
}

async function articleView(ref) {
  const a = await api(`articles/${encodeURIComponent(ref)}`);
  const line = a.dateline ? [a.dateline.place, a.dateline.date, a.dateline.agency].filter(Boolean).join(", ") : "";
  const meta = [
    ["published", a.published], ["source", a.wire_source || a.site], ["dateline", line],
    ["origin", a.url ? el("a", { href: a.url }, a.url) : a.origin],
    ["status", [a.status, a.error, a.skipped].filter(Boolean).join(": ")],
    ["quality", (a.quality || []).join(", ")], ["id", el("code", {}, a.id)],
  ].filter(([, value]) => value);
  return [
    el("h1", {}, a.title || a.origin),
    el("dl", { class: "meta" }, meta.map(([name, value]) => [el("dt", {}, name), el("dd", {}, value)])),
    el("h2", {}, `Events (${a.events.length})`),
    table(eventColumns(false), a.events, "No events coded."),
    el("h2", {}, `Quotes (${a.quotes.length})`),
    table([
      ["speaker", (q) => actor(q.speaker)],
      ["cue", (q) => q.cue || ""],
      ["kind", (q) => q.kind || (q.direct ? "direct" : "indirect")],
      ["quote", (q) => q.text],
      ["rule", (q) => el("code", {}, q.rule)],
      ["conf.", (q) => percent(q.confidence)],
    ], a.quotes, "No quotes found."),
    el("h2", {}, `Times (${a.timexes.length})`),
    table([
      ["text", (t) => t.text],
      ["type", (t) => t.type],
      ["value", (t) => el("code", {}, t.value)],
      ["rule", (t) => el("code", {}, t.rule)],
    ], a.timexes, "No time expressions found."),
    el("details", {}, el("summary", {}, "Text"), el("pre", {}, a.text)),
  ];
}

async function eventsView(params) {
  const rows = await api("events", { ...params, limit: 1000 });
  const form = filterForm("events", [
    ["actor", "actor (code or name)"], ["code", "CAMEO code prefix"],
    ["since", "since", "date"], ["until", "until", "date"], ["source", "source"],
  ], params);
  return [
    el("h1", {}, "Events"), form, el("p", { class: "count" }, `${rows.length} listed`),
    table(eventColumns(true), rows, "No stored events match."),
  ];
}

async function route() {
  const [path, query] = location.hash.slice(1).split("?");
  const params = Object.fromEntries(new URLSearchParams(query || ""));
  const [page, ...rest] = (path || "/").split("/").slice(1);
  view.replaceChildren("Loading…");
  try {
    const content = page === "article" ? await articleView(decodeURIComponent(rest.join("/")))
      : page === "events" ? await eventsView(params) : await articlesView(params);
    view.replaceChildren(...content);
  } catch (error) {
    view.replaceChildren(el("p", { class: "error" }, error.message));
  }
}

async function showTotals() {
  const stats = await api("stats");
  const articles = Object.values(stats.articles).reduce((sum, n) => sum + n, 0);
  document.getElementById("totals").textContent =
    `${articles} articles · ${stats.records.events} events · ${stats.records.quotes} quotes`;
}

window.addEventListener("hashchange", route);
route();
showTotals().catch(() => {});
