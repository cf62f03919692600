// The dateline web page: views over the JSON API (docs/api.md) chosen by the URL's hash —
// #/events (default), #/linked, #/quotes, #/stories, #/story/ID, #/articles, #/article/ID — each
// with its filters in the hash, so a view can be bookmarked and shared. No build step, no library.

import { ApiError, api, el, highlight, percent, safeLink, table } from "./lib.js";
import { actor, articleLink, articlesView, eventColumns, eventsView, linkedView, quotesView, storiesView } from "./views.js";

const view = document.getElementById("view");
let codes = null;

async function articleView(ref) {
  const [a, origin] = await Promise.all([api(`articles/${encodeURIComponent(ref)}`), api(`provenance/${encodeURIComponent(ref)}`)]);
  const line = a.dateline ? [a.dateline.place, a.dateline.date, a.dateline.agency].filter(Boolean).join(", ") : "";
  const meta = [
    ["published", a.published], ["outlet", a.site], ["wire source", a.wire_source], ["dateline", line],
    ["origin", a.url ? safeLink(a.url) : a.origin],
    ["status", [a.status, a.error, a.skipped].filter(Boolean).join(": ")],
    ["quality", (a.quality || []).join(", ")], ["id", el("code", {}, a.id)],
  ].filter(([, value]) => value);
  const events = a.events.map((e) => ({ ...e, article_published: a.published }));
  return [
    el("h1", {}, a.title || a.origin),
    el("div", { class: "article-head" },
      el("dl", { class: "meta" }, meta.map(([name, value]) => [el("dt", {}, name), el("dd", {}, value)])),
      provenancePanel(origin)),
    el("h2", {}, `Events (${a.events.length})`),
    table(eventColumns(codes, false), events, null, {}, "No events coded."),
    el("h2", {}, `Quotes (${a.quotes.length})`),
    table([
      { label: "speaker", cell: (q) => actor(q.speaker) },
      { label: "cue", cell: (q) => q.cue || "" },
      { label: "kind", cell: (q) => q.kind || (q.direct ? "direct" : "indirect") },
      { label: "quote", cell: (q) => highlight(a.text.slice(...quoteWindow(q)), { ...q.spans, sentence: quoteWindow(q) }, ["speaker", "cue", "content"]), cls: "evidence" },
      { label: "conf.", cell: (q) => percent(q.confidence), cls: "num" },
    ], a.quotes, null, {}, "No quotes found."),
    el("h2", {}, `Times (${a.timexes.length})`),
    table([
      { label: "text", cell: (t) => t.text }, { label: "type", cell: (t) => t.type },
      { label: "value", cell: (t) => el("code", {}, t.value) },
    ], a.timexes, null, {}, "No time expressions found."),
    el("details", {}, el("summary", {}, "Text"), el("pre", {}, a.text)),
  ];
}

// The stretch of the article a quote spans, speaker and cue included.
function quoteWindow(q) {
  const spans = Object.values(q.spans || {}).filter((s) => Array.isArray(s) && s[0] != null);
  return spans.length ? [Math.min(...spans.map((s) => s[0])), Math.max(...spans.map((s) => s[1]))] : [0, 0];
}

// Copies (original, copies with outlet, relation and similarity), the story, other reports of its events.
function provenancePanel(p) {
  if (!p.linked) return el("aside", { class: "provenance" }, el("h2", {}, "Copies and story"), el("p", { class: "empty" }, "Not linked (too short, or not ok)."));
  const members = p.copies.members;
  const copies = el("ul", {}, members.map((m) => el("li", { class: m.article_id === p.article_id ? "self" : null },
    m.article_id === p.article_id ? el("strong", {}, "this article") : articleLink(m.article_id, m.title),
    " ", el("span", { class: "count" }, [m.site || m.wire_agency, m.relation, m.similarity == null ? null : `similarity ${m.similarity.toFixed(2)}`, m.published].filter(Boolean).join(" · ")))));
  const story = p.story ? el("p", {}, "Story: ", el("a", { href: `#/story/${encodeURIComponent(p.story.story_id)}` }, p.story.label || p.story.story_id),
    el("span", { class: "count" }, ` (${p.story.size} article(s))`)) : null;
  const reports = p.other_reports.length ? [el("h3", {}, "Other reports of the same events"), el("ul", {}, p.other_reports.map((r) =>
    el("li", {}, articleLink(r.article_id, r.title), el("span", { class: "count" }, ` ${r.site || ""} · ${r.shared_events} shared event(s)`))))] : null;
  return el("aside", { class: "provenance" }, el("h2", {}, "Copies and story"),
    el("p", {}, `Original source: ${p.copies.origin || "unknown"} (${p.copies.basis || "?"})`), copies, story, reports);
}

async function storyView(id) {
  const s = await api(`stories/${encodeURIComponent(id)}`);
  return [el("h1", {}, s.label || s.story_id), el("p", { class: "count" }, `${s.size} article(s), ${s.first_day || "?"} to ${s.last_day || "?"}`),
    table([
      { label: "published", cell: (a) => a.published || "", cls: "nowrap" }, { label: "outlet", cell: (a) => a.site || "" },
      { label: "title", cell: (a) => articleLink(a.article_id, a.title) }, { label: "copy", cell: (a) => a.relation || "" },
    ], s.articles, null, {}, "No articles.")];
}

const ROUTES = {
  "": eventsView, events: eventsView, linked: linkedView, quotes: quotesView, stories: storiesView, articles: articlesView,
};

function problem(error) {
  if (!(error instanceof ApiError)) return el("p", { class: "error" }, `Something went wrong: ${error.message}`);
  if (error.status === 503) {
    setTimeout(route, 3000);
    return el("div", { class: "notice busy" }, el("p", {}, error.message), el("p", {}, "This view reloads by itself in a few seconds."));
  }
  if (error.status === 404) return el("div", { class: "notice" }, el("p", {}, error.message), el("a", { href: "#/articles" }, "All articles"));
  if (error.status === 422) return el("div", { class: "notice" }, el("p", {}, `These filters cannot be used: ${error.message}`), el("a", { href: location.hash.split("?")[0] }, "clear them"));
  return el("p", { class: "error" }, error.message);
}

async function route() {
  const [path, query] = location.hash.slice(1).split("?");
  const params = Object.fromEntries(new URLSearchParams(query || ""));
  const [page, ...rest] = (path || "/").split("/").slice(1);
  const ref = decodeURIComponent(rest.join("/"));
  document.querySelectorAll("header nav a").forEach((a) => a.classList.toggle("here", a.getAttribute("href") === `#/${page || "events"}`));
  view.replaceChildren(el("p", { class: "loading" }, "Loading…"));
  try {
    codes = codes || await api("codes");
    const show = page === "article" ? () => articleView(ref) : page === "story" ? () => storyView(ref)
      : ROUTES[page] ? () => ROUTES[page](params, codes) : null;
    const content = show ? await show()
      : [el("p", { class: "notice" }, `There is no view "${page}".`), el("a", { href: "#/events" }, "Events")];
    view.replaceChildren(...content);
    document.title = `dateline: ${(content.find((n) => n.tagName === "H1") || {}).textContent || page}`;
  } catch (error) {
    view.replaceChildren(problem(error));
  }
  showTotals();
}

async function showTotals() {
  const totals = document.getElementById("totals");
  try {
    const stats = await api("stats");
    const articles = Object.values(stats.articles).reduce((sum, n) => sum + n, 0);
    totals.textContent = `${articles.toLocaleString("en-US")} articles · ${stats.records.events.toLocaleString("en-US")} events · ${stats.records.quotes.toLocaleString("en-US")} quotes`;
  } catch (error) {
    totals.textContent = error.status === 503 ? "the store is being written…" : "";
  }
}

window.addEventListener("hashchange", route);
route();
