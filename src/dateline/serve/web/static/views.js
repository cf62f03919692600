// The listing views: events (dyad form, facets, timeline, matrix), linked events, quotes, stories and
// articles. Each takes the URL's parameters and returns the nodes to show; every filter lives in the URL.

import { QUAD_NAMES, matrix, timeline } from "./charts.js";
import { api, el, filterForm, highlight, href, number, pager, percent, table } from "./lib.js";

const EVENT_FACETS = "root,quad_class,source_country,target_country,outlet,timeline,dyad";
const MODALITIES = [["", "asserted (default)"], ["all", "all"], ["negated", "negated"],
  ["hypothetical", "hypothetical"], ["future", "future"], ["historical", "historical"]];

export const actor = (ref) => ref
  ? el("span", { class: "actor", title: ref.text }, ref.name || ref.text, ref.code ? el("code", {}, " " + ref.code) : null)
  : "—";
export const articleLink = (id, text) => el("a", { href: `#/article/${encodeURIComponent(id)}` }, text || id.slice(0, 10));

function cameo(code, codes) {
  const known = codes.cameo[code] || codes.cameo[(code || "").slice(0, 2)];
  return el("span", { class: "cameo" }, el("code", {}, code), known ? " " + known.name : "");
}

const quad = (q) => q ? el("span", { class: `quad q${q}`, title: QUAD_NAMES[q] }, `${q} ${QUAD_NAMES[q]}`) : "";

function eventDate(e) {
  const day = e.article_published || "";
  return el("span", { class: "date" }, day, e.date && e.date !== day ? el("small", {}, ` event ${e.date}`) : null);
}

export function eventColumns(codes, withArticle) {
  const columns = [
    { label: "date", cell: eventDate, sort: "date", cls: "nowrap" },
    { label: "source", cell: (e) => actor(e.source), sort: "source" },
    { label: "target", cell: (e) => actor(e.target), sort: "target" },
    { label: "CAMEO", cell: (e) => cameo(e.cameo, codes), sort: "cameo" },
    { label: "QuadClass", cell: (e) => quad(e.quad_class), sort: "quad_class" },
    { label: "Goldstein", cell: (e) => e.goldstein ?? "", sort: "goldstein", cls: "num" },
    { label: "evidence", cell: (e) => highlight(e.sentence, e.spans || {}, ["source", "target", "trigger"]), cls: "evidence" },
    { label: "modality", cell: (e) => (e.modality || []).join(", ") },
    { label: "conf.", cell: (e) => percent(e.confidence), sort: "confidence", cls: "num" },
  ];
  if (!withArticle) return columns;
  return [...columns,
    { label: "outlet", cell: (e) => e.article_outlet || "", sort: "outlet" },
    { label: "article", cell: (e) => articleLink(e.article_id, e.article_title) }];
}

// A facet the server did not count before its deadline (absent from `facets`) says so.
function facetList(title, values, param, params, label = (v) => v) {
  if (values === undefined) return el("section", { class: "facet" }, el("h3", {}, title), el("p", { class: "count" }, "not counted in time: narrow the filters"));
  if (!values.length) return null;
  return el("section", { class: "facet" }, el("h3", {}, title), el("ul", {}, values.map(({ value, count }) => {
    const chosen = String(params[param] || "") === String(value ?? "");
    const target = href(params.__route, { ...params, __route: null, [param]: chosen ? null : value, offset: null });
    return el("li", { class: chosen ? "chosen" : null },
      value == null ? el("span", {}, "(none)") : el("a", { href: target }, label(value)), el("span", { class: "n" }, number(count)));
  })));
}

// Links to download exactly the filtered set (all pages) in each export format: the rows of `table`
// (none for merged events), and with `merged` the GDELT and PLOVER files of the same filters.
function downloads(table, params, merged = true) {
  const filters = Object.fromEntries(Object.entries(params).filter(([k, v]) => v && !["offset", "limit", "__route"].includes(k)));
  if (table === "events" && !filters.modality) filters.modality = "asserted";
  const link = (format, label, extra = {}, values = filters) =>
    el("li", {}, el("a", { href: `api/export/${format}?${new URLSearchParams({ ...extra, ...values })}`, download: "" }, label));
  const items = table ? ["csv", "jsonl", "parquet"].map((f) => link(f, f === "jsonl" ? "JSON Lines" : f.toUpperCase(), { table })) : [];
  if (merged) {
    const { search, sort, ...linked } = filters;
    if (search) items.push(el("li", { class: "count" }, "GDELT and PLOVER take no text search: clear it to get them"));
    else items.push(link("gdelt", "GDELT events.tsv", {}, linked), link("gdelt", "GDELT mentions.tsv", { file: "mentions.tsv" }, linked),
      link("plover", "PLOVER JSON Lines", {}, linked));
  }
  return el("details", { class: "downloads" }, el("summary", {}, "Download these rows"), el("ul", {}, items));
}

const dyadFields = (codes, withSearch) => [
  ["source_actor", "source actor (code)"], ["target_actor", "target actor (code)"],
  ["root", "CAMEO root", "select", [["", "any"], ...Array.from({ length: 20 }, (_, i) => {
    const code = String(i + 1).padStart(2, "0");
    return [code, `${code} ${(codes.cameo[code] || {}).name || ""}`];
  })]],
  ["quad_class", "QuadClass", "select", [["", "any"], ...[1, 2, 3, 4].map((q) => [String(q), `${q} ${QUAD_NAMES[q]}`])]],
  ["since", "since", "date"], ["until", "until", "date"], ["outlet", "outlet"],
  ["modality", "modality", "select", MODALITIES], ["min_confidence", "min. confidence", "number"],
  ...(withSearch ? [["search", "text contains"]] : []),
];

function listing(title, route, params, page, form, sidebar, body, extra = []) {
  return [el("h1", {}, title), form,
    el("div", { class: sidebar ? "layout" : "layout single" },
      sidebar ? el("aside", { class: "facets" }, sidebar) : null,
      el("section", { class: "results" }, extra, pager(route, params, page), body, page.rows.length ? pager(route, params, page) : null))];
}

export async function eventsView(params, codes) {
  const page = await api("events", { ...params, facets: EVENT_FACETS, limit: params.limit || 100 });
  const p = { ...params, __route: "events" }, f = page.facets;
  const country = (code) => `${code} ${codes.countries[code] || ""}`;
  const sidebar = [
    facetList("CAMEO root", f.root, "root", p, (v) => `${v} ${(codes.cameo[v] || {}).name || ""}`),
    facetList("QuadClass", f.quad_class, "quad_class", p, (v) => `${v} ${QUAD_NAMES[v] || ""}`),
    facetList("Source country", f.source_country, "source_actor", p, country),
    facetList("Target country", f.target_country, "target_actor", p, country),
    facetList("Outlet", f.outlet, "outlet", p),
  ];
  const charts = el("div", { class: "charts" }, timeline(f.timeline), matrix(f.dyad, params, codes.countries));
  return listing("Events", "events", params, page, filterForm("events", dyadFields(codes, true), params), sidebar,
    table(eventColumns(codes, true), page.rows, "events", params, "No events match these filters."),
    [charts, downloads("events", params)]);
}

export async function linkedView(params, codes) {
  const page = await api("linked-events", { ...params, facets: "root,quad_class,source_country,target_country", limit: params.limit || 100 });
  const p = { ...params, __route: "linked" }, f = page.facets;
  const sidebar = [
    facetList("CAMEO root", f.root, "root", p, (v) => `${v} ${(codes.cameo[v] || {}).name || ""}`),
    facetList("QuadClass", f.quad_class, "quad_class", p, (v) => `${v} ${QUAD_NAMES[v] || ""}`),
    facetList("Source country", f.source_country, "source_actor", p),
    facetList("Target country", f.target_country, "target_actor", p),
  ];
  const mentions = (row) => el("details", {}, el("summary", {}, `${row.num_mentions} mention(s) in ${row.num_articles} article(s)`),
    el("ul", { class: "mentions" }, row.mentions.map((m) => el("li", {},
      articleLink(m.article_id, m.article_title), " ", el("span", { class: "count" }, [m.site, m.published].filter(Boolean).join(" · ")),
      el("div", { class: "evidence" }, highlight(m.sentence, m.spans || {}, ["source", "target", "trigger"]))))));
  const columns = [
    { label: "day", cell: (r) => r.day || "", sort: "date", cls: "nowrap" },
    { label: "source", cell: (r) => actor(r.event.source) },
    { label: "target", cell: (r) => actor(r.event.target) },
    { label: "CAMEO", cell: (r) => cameo(r.cameo, codes), sort: "cameo" },
    { label: "QuadClass", cell: (r) => quad(r.quad_class), sort: "quad_class" },
    { label: "Goldstein", cell: (r) => r.goldstein ?? "", sort: "goldstein", cls: "num" },
    { label: "sources", cell: (r) => (r.independent_sources || []).join(", "), sort: "sources" },
    { label: "evidence", cell: (r) => [highlight(r.event.sentence, r.event.spans || {}, ["source", "target", "trigger"]), mentions(r)], cls: "evidence" },
  ];
  const form = filterForm("linked", dyadFields(codes, false), params);
  return listing("Linked events", "linked", params, page, form, sidebar,
    table(columns, page.rows, "linked", params, "No merged events match these filters."),
    [el("p", { class: "count" }, "One row per event merged across articles and copies, as the GDELT export writes it."),
      downloads(null, params)]);
}

export async function quotesView(params) {
  const page = await api("quotes", { ...params, facets: "speaker,outlet", limit: params.limit || 100 });
  const p = { ...params, __route: "quotes" };
  const columns = [
    { label: "published", cell: (q) => q.article_published || "", sort: "date", cls: "nowrap" },
    { label: "speaker", cell: (q) => actor(q.speaker), sort: "speaker" },
    { label: "quote", cell: (q) => q.text, cls: "quote" },
    { label: "in the sentence", cell: (q) => highlight(q.sentence, { ...(q.spans || {}), sentence: sentenceStart(q) }, ["speaker", "cue", "content"]), cls: "evidence" },
    { label: "outlet", cell: (q) => q.article_outlet || "", sort: "outlet" },
    { label: "article", cell: (q) => articleLink(q.article_id, q.article_title) },
    { label: "conf.", cell: (q) => percent(q.confidence), sort: "confidence", cls: "num" },
  ];
  const form = filterForm("quotes", [["speaker", "speaker"], ["actor", "speaker code"], ["search", "quote contains"],
    ["since", "since", "date"], ["until", "until", "date"], ["outlet", "outlet"], ["min_confidence", "min. confidence", "number"]], params);
  const sidebar = [facetList("Speaker", page.facets.speaker, "speaker", p), facetList("Outlet", page.facets.outlet, "outlet", p)];
  return listing("Quotes", "quotes", params, page, form, sidebar,
    table(columns, page.rows, "quotes", params, "No quotes match these filters."), [downloads("quotes", params, false)]);
}

// A quote's sentence span: quotes store none, so it is placed by where the quote's text starts in it.
function sentenceStart(q) {
  const content = (q.spans || {}).content;
  const at = q.sentence && q.text ? q.sentence.indexOf(q.text.slice(0, 20)) : -1;
  return at >= 0 && content ? [content[0] - at, content[0] - at + q.sentence.length] : null;
}

export async function storiesView(params) {
  const page = await api("stories", { ...params, limit: params.limit || 100 });
  const columns = [
    { label: "story", cell: (s) => el("a", { href: `#/story/${encodeURIComponent(s.story_id)}` }, s.label || s.story_id), sort: "label" },
    { label: "articles", cell: (s) => s.size, sort: "size", cls: "num" },
    { label: "days", cell: (s) => [s.first_day, s.last_day].filter(Boolean).join(" to "), sort: "date", cls: "nowrap" },
  ];
  const form = filterForm("stories", [["search", "label contains"], ["since", "since", "date"], ["until", "until", "date"]], params);
  return listing("Stories", "stories", params, page, form, null, table(columns, page.rows, "stories", params, "No stories match."));
}

export async function articlesView(params) {
  const page = await api("articles", { ...params, facets: "outlet,status", limit: params.limit || 100 });
  const p = { ...params, __route: "articles" };
  const columns = [
    { label: "published", cell: (a) => a.published || "", sort: "date", cls: "nowrap" },
    { label: "outlet", cell: (a) => a.outlet || "", sort: "outlet" },
    { label: "title", cell: (a) => articleLink(a.id, a.title || a.origin), sort: "title" },
    { label: "status", cell: (a) => [a.status, a.error || a.skipped].filter(Boolean).join(": ") },
    { label: "events", cell: (a) => a.events, sort: "events", cls: "num" },
    { label: "quotes", cell: (a) => a.quotes, sort: "quotes", cls: "num" },
    { label: "times", cell: (a) => a.timexes, cls: "num" },
  ];
  const form = filterForm("articles", [["search", "title or origin contains"], ["since", "since", "date"], ["until", "until", "date"],
    ["outlet", "outlet"], ["status", "status", "select", [["", "any"], ["ok", "ok"], ["duplicate", "duplicate"], ["error", "error"]]]], params);
  const sidebar = [facetList("Outlet", page.facets.outlet, "outlet", p), facetList("Status", page.facets.status, "status", p)];
  return listing("Articles", "articles", params, page, form, sidebar,
    table(columns, page.rows, "articles", params, "No stored articles match."), [downloads("articles", params, false)]);
}
