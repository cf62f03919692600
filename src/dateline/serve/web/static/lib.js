// Building blocks of the page: elements, the API, tables with sortable headings, paging, forms whose
// fields live in the URL, evidence highlighting. Every value from the store is inserted as text.

export function el(tag, attrs = {}, ...children) {
  const svg = ["svg", "rect", "g", "text", "title", "line"].includes(tag);
  const node = svg ? document.createElementNS("http://www.w3.org/2000/svg", tag) : document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) {
    if (value == null || value === false) continue;
    if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
    else node.setAttribute(key, value);
  }
  for (const child of children.flat(Infinity)) {
    if (child != null && child !== "") node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

export class ApiError extends Error {
  constructor(status, message) { super(message); this.status = status; }
}

export async function api(path, params = {}) {
  const query = new URLSearchParams(Object.entries(params).filter(([, value]) => value != null && value !== ""));
  const response = await fetch(`api/${path}${query.size ? "?" + query : ""}`);
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw new ApiError(response.status, body.detail || response.statusText);
  return body;
}

export const number = (n) => Number(n).toLocaleString("en-US");
export const percent = (value) => value == null ? "" : `${Math.round(100 * value)}%`;

// A link only for http(s) URLs: anything else (javascript:, data:) is shown as text.
export function safeLink(url, text) {
  try {
    const parsed = new URL(url);
    if (parsed.protocol === "http:" || parsed.protocol === "https:") {
      return el("a", { href: parsed.href, rel: "noopener noreferrer", target: "_blank" }, text || url);
    }
  } catch { /* not a URL: text */ }
  return text || url || "";
}

// The hash of a view with `params` (empty values left out).
export function href(route, params = {}) {
  const query = new URLSearchParams(Object.entries(params).filter(([, value]) => value != null && value !== ""));
  return `#/${route}${query.size ? "?" + query : ""}`;
}

// A table from column specs {label, cell, sort?, cls?}; headings with `sort` toggle the sort of the
// listing at `route` (null: a table that does not sort, such as an article's events).
export function table(columns, rows, route, params, empty) {
  if (!rows.length) return el("p", { class: "empty" }, empty);
  const heading = (column) => {
    if (!column.sort || route == null) return el("th", {}, column.label);
    const current = params.sort || "-date";
    const active = current.replace(/^-/, "") === column.sort;
    const next = active && !current.startsWith("-") ? `-${column.sort}` : column.sort;
    const arrow = active ? (current.startsWith("-") ? " ▼" : " ▲") : "";
    return el("th", { "aria-sort": active ? (current.startsWith("-") ? "descending" : "ascending") : null },
      el("a", { href: href(route, { ...params, sort: next, offset: null }), class: "sort" }, column.label + arrow));
  };
  return el("table", {},
    el("thead", {}, el("tr", {}, columns.map(heading))),
    el("tbody", {}, rows.map((row) => el("tr", {}, columns.map((column) =>
      el("td", { class: column.cls, "data-label": column.label }, column.cell(row)))))));
}

// "1–100 of 3,200" (or "of 10,000+" when the count is a lower bound) with previous and next links.
export function pager(route, params, page) {
  const offset = page.offset, shown = page.rows.length;
  const of = `${number(page.total)}${page.total_exact === false ? "+" : ""}`;  // "+": a lower bound
  const text = page.total ? `${number(offset + 1)}–${number(offset + shown)} of ${of}` : "0 of 0";
  const go = (to) => href(route, { ...params, offset: to || null });
  return el("nav", { class: "pager" },
    offset > 0 ? el("a", { href: go(Math.max(0, offset - page.limit)), class: "prev" }, "‹ previous") : null,
    el("span", { class: "count" }, text),
    offset + shown < page.total ? el("a", { href: go(offset + page.limit), class: "next" }, "next ›") : null);
}

// A form whose fields become the URL's query (sort and limit kept, paging restarted).
// Fields: [name, label, kind, options] with kind text (default), date, number or select.
export function filterForm(route, fields, params) {
  const control = ([name, , kind, options]) => {
    if (kind === "select") {
      return el("select", { name, id: `f-${name}` }, options.map(([value, text]) =>
        el("option", { value, selected: (params[name] || "") === value ? "" : null }, text)));
    }
    const attrs = { name, id: `f-${name}`, type: kind || "search", value: params[name] || "" };
    if (kind === "number") Object.assign(attrs, { min: 0, max: 1, step: 0.05 });
    return el("input", attrs);
  };
  const controls = fields.map(control);
  // Filters set in the URL that the form has no field for (code=, actor=, plover=) are kept, and shown.
  const extra = Object.entries(params).filter(([name, value]) => value && !["sort", "limit", "offset"].includes(name)
    && !fields.some(([field]) => field === name));
  const submit = (event) => {
    event.preventDefault();
    const chosen = Object.fromEntries(controls.map((c) => [c.name, c.value]));
    location.hash = href(route, { ...params, ...chosen, offset: null });
  };
  return el("form", { class: "filters", onsubmit: submit },
    fields.map(([name, label], i) => el("label", { for: `f-${name}` }, label, controls[i])),
    extra.map(([name, value]) => el("span", { class: "chip" }, `${name} = ${value} `,
      el("a", { href: href(route, { ...params, [name]: null, offset: null }), title: `remove ${name}` }, "×"))),
    el("button", { type: "submit" }, "Apply"),
    el("a", { href: href(route), class: "reset" }, "clear"));
}

// The sentence with the article-offset `spans` of `parts` marked (class = part name).
export function highlight(sentence, spans, parts) {
  const base = (spans.sentence || [])[0];
  if (!sentence || base == null) return sentence || "";
  const marks = parts.map((part) => [part, spans[part]])
    .filter(([, span]) => span && span[0] >= base && span[1] <= base + sentence.length)
    .map(([part, [start, end]]) => [part, start - base, end - base])
    .sort((a, b) => a[1] - b[1]);
  const out = [];
  let at = 0;
  for (const [part, from, to] of marks) {
    if (from < at) continue;
    out.push(sentence.slice(at, from), el("mark", { class: part, title: part }, sentence.slice(from, to)));
    at = to;
  }
  out.push(sentence.slice(at));
  return out;
}
