// Hand-written SVG and table charts (no library): event counts per day by QuadClass, and the
// source → target matrix of the filtered set.

import { el, href, number } from "./lib.js";

export const QUAD_NAMES = { 1: "Verbal cooperation", 2: "Material cooperation", 3: "Verbal conflict", 4: "Material conflict" };

// Stacked bars per day, one colour per QuadClass; each bar's title gives the day and counts.
export function timeline(counts) {
  if (!counts || !counts.length) return null;
  const byDay = new Map();
  for (const { day, quad_class: quad, count } of counts) {
    if (!byDay.has(day)) byDay.set(day, { 1: 0, 2: 0, 3: 0, 4: 0 });
    byDay.get(day)[quad] = (byDay.get(day)[quad] || 0) + count;
  }
  const days = calendar([...byDay.keys()].sort());
  for (const day of days) if (!byDay.has(day)) byDay.set(day, { 1: 0, 2: 0, 3: 0, 4: 0 });
  const totals = days.map((day) => Object.values(byDay.get(day)).reduce((a, b) => a + b, 0));
  const most = Math.max(...totals, 1);
  const width = 1000, height = 160, pad = 18, barWidth = Math.max(1, (width / days.length) * 0.8);
  const step = width / days.length;
  const bars = days.map((day, i) => {
    let y = height - pad;
    const parts = [1, 2, 3, 4].map((quad) => {
      const h = (byDay.get(day)[quad] / most) * (height - 2 * pad);
      y -= h;
      return h > 0 ? el("rect", { x: i * step, y, width: barWidth, height: h, class: `q${quad}` }) : null;
    });
    const tip = `${day}: ${number(totals[i])} events (` +
      [1, 2, 3, 4].map((q) => `${QUAD_NAMES[q]} ${byDay.get(day)[q]}`).join(", ") + ")";
    return el("g", { class: "bar", "data-day": day }, el("title", {}, tip), parts);
  });
  const label = (i, anchor) => el("text", { x: i * step, y: height - 2, "text-anchor": anchor, class: "axis" }, days[i]);
  return el("figure", { class: "timeline" },
    el("figcaption", {}, `Events per day by QuadClass (${days[0]} to ${days.at(-1)}; tallest day ${number(most)})`),
    el("svg", { viewBox: `0 0 ${width} ${height}`, preserveAspectRatio: "none", role: "img",
      "aria-label": "events per day by QuadClass" }, bars, label(0, "start"), days.length > 1 ? label(days.length - 1, "end") : null),
    el("ul", { class: "legend" }, [1, 2, 3, 4].map((q) => el("li", {}, el("span", { class: `swatch q${q}` }), QUAD_NAMES[q]))));
}

// Every day from the first to the last (a gap shows as a gap), unless that is more than two years.
function calendar(days) {
  const first = new Date(`${days[0]}T00:00:00Z`), last = new Date(`${days.at(-1)}T00:00:00Z`);
  if (Number.isNaN(first.getTime()) || Number.isNaN(last.getTime()) || last - first > 731 * 864e5) return days;
  const all = [];
  for (let d = first; d <= last; d = new Date(d.getTime() + 864e5)) all.push(d.toISOString().slice(0, 10));
  return all;
}

// Source countries down, target countries across (the 8 most frequent of each); a cell links to that dyad.
export function matrix(pairs, params, countries) {
  if (!pairs || !pairs.length) return null;
  const top = (key) => [...pairs.reduce((m, p) => m.set(p[key], (m.get(p[key]) || 0) + p.count), new Map())]
    .sort((a, b) => b[1] - a[1]).slice(0, 8).map(([code]) => code);
  const sources = top("source"), targets = top("target");
  const count = new Map(pairs.map((p) => [`${p.source}>${p.target}`, p.count]));
  const most = Math.max(...pairs.map((p) => p.count), 1);
  const name = (code) => el("abbr", { title: countries[code] || code }, code);
  return el("figure", { class: "matrix" },
    el("figcaption", {}, "Source → target (actor country codes)"),
    el("table", {},
      el("thead", {}, el("tr", {}, el("th", {}, "source ↓ target →"), targets.map((t) => el("th", {}, name(t))))),
      el("tbody", {}, sources.map((s) => el("tr", {}, el("th", {}, name(s)), targets.map((t) => {
        const n = count.get(`${s}>${t}`) || 0;
        const level = n ? 1 + Math.min(3, Math.floor((4 * n) / (most + 1))) : 0;
        const link = el("a", { href: href("events", { ...params, source_actor: s, target_actor: t, offset: null }) }, number(n));
        return el("td", { class: `heat${level}`, "data-label": `${s} → ${t}` }, n ? link : "·");
      }))))));
}
