"use strict";
// The API reference, drawn from /openapi.json: every path with its summary, description and
// parameters, and a link to try each GET. Offline by construction: no library, no CDN.

function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs)) node.setAttribute(key, value);
  for (const child of children.flat(Infinity)) if (child != null) node.append(child);
  return node;
}

async function main() {
  const root = document.getElementById("docs");
  const spec = await (await fetch("openapi.json")).json();
  const sections = Object.entries(spec.paths).map(([path, methods]) => {
    const op = methods.get || Object.values(methods)[0];
    const params = op.parameters || [];
    const example = path.includes("{") ? null : el("a", { href: path.slice(1) }, "try it");
    return el("section", { class: "endpoint", id: op.operationId || path },
      el("h2", {}, el("code", {}, `GET ${path}`), " ", example),
      el("p", {}, op.summary || ""), op.description ? el("p", { class: "count" }, op.description) : null,
      params.length ? el("table", {},
        el("thead", {}, el("tr", {}, el("th", {}, "parameter"), el("th", {}, "in"), el("th", {}, "meaning"))),
        el("tbody", {}, params.map((p) => el("tr", {},
          el("td", {}, el("code", {}, p.name)), el("td", {}, p.in), el("td", {}, p.description || ""))))) : null);
  });
  root.replaceChildren(el("h1", {}, `${spec.info.title} API ${spec.info.version}`),
    el("p", {}, spec.info.summary || ""), el("p", { class: "count" }, spec.info.description || ""), ...sections);
}

main().catch((error) => { document.getElementById("docs").textContent = `Cannot read openapi.json: ${error}`; });
