// The page of `newsgraph serve`: picks a saved query (filling the box and asking
// for its parameters), runs the box through /sparql, shows the results as a table
// and draws the actor graph from /graph as SVG with a small force layout of its
// own. Plain JavaScript, no library, nothing fetched from anywhere but this server.
// Text from the store only ever reaches the page as textContent, never as HTML.
"use strict";

const SVG = "http://www.w3.org/2000/svg";
const PREFIXES = [
  ["ngid:", "https://w3id.org/newsgraph/id/"],
  ["ng:", "https://w3id.org/newsgraph/ontology#"],
  ["schema:", "https://schema.org/"],
  ["rdfs:", "http://www.w3.org/2000/01/rdf-schema#"],
  ["skos:", "http://www.w3.org/2004/02/skos/core#"],
  ["xsd:", "http://www.w3.org/2001/XMLSchema#"],
];

const $ = (selector) => document.querySelector(selector);
let saved = [];

function element(name, attributes = {}, text) {
  const node = name.startsWith("svg:")
    ? document.createElementNS(SVG, name.slice(4))
    : document.createElement(name);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, value);
  if (text !== undefined) node.textContent = text;
  return node;
}

function status(message, isError = false) {
  const line = $("#status");
  line.textContent = message;
  line.className = isError ? "error" : "";
}

// An IRI as a person reads it: with a known prefix.
function short(iri) {
  for (const [prefix, namespace] of PREFIXES) {
    if (iri.startsWith(namespace)) return prefix + iri.slice(namespace.length);
  }
  return iri;
}

async function loadSaved() {
  const response = await fetch("queries");
  saved = await response.json();
  const pick = $("#saved");
  for (const query of saved) {
    pick.append(element("option", { value: query.name }, `${query.title} (${query.name})`));
  }
  pick.addEventListener("change", choose);
}

function choose() {
  const query = saved.find((q) => q.name === $("#saved").value);
  const params = $("#params");
  params.replaceChildren();
  $("#description").textContent = query ? query.description : "";
  if (!query) return;
  $("#query").value = query.text;
  for (const param of query.params) {
    const id = `param-${param.name}`;
    const box = element("div", { class: "param" });
    const label = element("label", { for: id }, `${param.name} `);
    label.append(element("small", {}, param.about));
    box.append(label, element("input", { type: "text", id, "data-param": param.name }));
    params.append(box);
  }
}

// The parameters filled in, as NAME=VALUE.
function parameters() {
  return [...document.querySelectorAll("[data-param]")]
    .filter((input) => input.value.trim() !== "")
    .map((input) => `${input.dataset.param}=${input.value.trim()}`);
}

async function run() {
  const text = $("#query").value;
  const button = $("#run");
  button.disabled = true;
  status("running…");
  const body = new URLSearchParams();
  body.append("query", text);
  for (const param of parameters()) body.append("param", param);
  try {
    const response = await fetch("sparql", {
      method: "POST",
      headers: { Accept: "application/sparql-results+json, application/n-triples;q=0.5" },
      body,
    });
    if (!response.ok) {
      status(`${response.status}: ${(await response.text()).trim()}`, true);
      return;
    }
    const cut = response.headers.get("X-Newsgraph-Truncated") === "true";
    const type = response.headers.get("Content-Type") || "";
    let count;
    if (type.startsWith("application/sparql-results+json")) {
      count = showResults(await response.json());
    } else {
      const triples = await response.text();
      $("#results").replaceChildren(element("pre", {}, triples));
      count = triples.split("\n").filter((l) => l.trim()).length;
    }
    status(`${count} result${count === 1 ? "" : "s"}${cut ? " (cut short by the server's cap)" : ""}`);
    await showGraph();
  } catch (error) {
    status(String(error), true);
  } finally {
    button.disabled = false;
  }
}

// A SPARQL JSON results document as a table; the number of rows.
function showResults(results) {
  const holder = $("#results");
  if (results.boolean !== undefined) {
    holder.replaceChildren(element("p", {}, `ASK: ${results.boolean}`));
    return 1;
  }
  const vars = results.head.vars;
  const table = element("table", { id: "results-table" });
  const head = element("tr");
  for (const name of vars) head.append(element("th", {}, name));
  const thead = element("thead");
  thead.append(head);
  table.append(thead);
  const rows = element("tbody");
  for (const binding of results.results.bindings) {
    const row = element("tr");
    for (const name of vars) {
      const term = binding[name];
      const cell = element("td", {}, !term ? "" : term.type === "uri" ? short(term.value) : term.value);
      if (term && term.type === "uri") cell.title = term.value;
      row.append(cell);
    }
    rows.append(row);
  }
  table.append(rows);
  holder.replaceChildren(table);
  return results.results.bindings.length;
}

async function showGraph() {
  const url = new URL("graph", location.href);
  if ($("#follow").checked && $("#status").className !== "error" && $("#results table, #results pre")) {
    url.searchParams.append("query", $("#query").value);
    for (const param of parameters()) url.searchParams.append("param", param);
  }
  const note = $("#graph-status");
  const response = await fetch(url);
  if (!response.ok) {
    note.textContent = `${response.status}: ${(await response.text()).trim()}`;
    return;
  }
  const graph = await response.json();
  const cut = response.headers.get("X-Newsgraph-Truncated") === "true";
  note.textContent = `${graph.nodes.length} entities, ${graph.edges.length} relations${cut ? " (the most stated)" : ""}`;
  draw(graph);
}

// Positions by a force layout: nodes near each other repel, every edge pulls its
// ends together, a pull towards the centre keeps unconnected groups close (the
// repulsion stops at a few spacings, else groups fly apart and the fitted drawing
// shrinks). A fixed number of steps from a circle: the same graph always looks
// the same.
function layout(nodes, edges, width, height) {
  const n = nodes.length;
  const points = nodes.map((_, i) => {
    const angle = (2 * Math.PI * i) / Math.max(n, 1);
    return { x: width / 2 + (width / 3) * Math.cos(angle), y: height / 2 + (height / 3) * Math.sin(angle) };
  });
  const k = Math.sqrt((width * height) / Math.max(n, 1)) * 0.6;
  let temperature = width / 8;
  for (let step = 0; step < 300; step++) {
    const moves = points.map(() => ({ x: 0, y: 0 }));
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        let dx = points[i].x - points[j].x;
        let dy = points[i].y - points[j].y;
        const distance = Math.max(Math.hypot(dx, dy), 0.01);
        if (distance > 3 * k) continue;
        const force = (k * k) / distance;
        dx = (dx / distance) * force;
        dy = (dy / distance) * force;
        moves[i].x += dx; moves[i].y += dy;
        moves[j].x -= dx; moves[j].y -= dy;
      }
    }
    for (const edge of edges) {
      const a = points[edge.source], b = points[edge.target];
      const dx = a.x - b.x, dy = a.y - b.y;
      const distance = Math.max(Math.hypot(dx, dy), 0.01);
      const force = (distance * distance) / k;
      moves[edge.source].x -= (dx / distance) * force; moves[edge.source].y -= (dy / distance) * force;
      moves[edge.target].x += (dx / distance) * force; moves[edge.target].y += (dy / distance) * force;
    }
    for (let i = 0; i < n; i++) {
      moves[i].x += (width / 2 - points[i].x) * 0.15;
      moves[i].y += (height / 2 - points[i].y) * 0.15;
      const length = Math.max(Math.hypot(moves[i].x, moves[i].y), 0.01);
      points[i].x += (moves[i].x / length) * Math.min(length, temperature);
      points[i].y += (moves[i].y / length) * Math.min(length, temperature);
    }
    temperature *= 0.985;
  }
  return points;
}

function shape(type, radius) {
  switch (type) {
    case "Person":
      return element("svg:circle", { r: radius });
    case "Organization":
      return element("svg:rect", { x: -radius, y: -radius, width: 2 * radius, height: 2 * radius, rx: 2 });
    case "Country":
      return element("svg:polygon", { points: `0,${-radius * 1.2} ${radius * 1.2},0 0,${radius * 1.2} ${-radius * 1.2},0` });
    default:
      return element("svg:polygon", { points: `0,${-radius * 1.2} ${radius},${radius * 0.8} ${-radius},${radius * 0.8}` });
  }
}

function draw(graph) {
  const svg = $("#graph");
  const width = 800, height = 560;
  svg.replaceChildren();
  const defs = element("svg:defs");
  for (const group of ["cooperation", "conflict", "structural"]) {
    const marker = element("svg:marker", {
      id: `arrow-${group}`, viewBox: "0 0 10 10", refX: "10", refY: "5",
      markerWidth: "7", markerHeight: "7", orient: "auto-start-reverse",
    });
    const head = element("svg:path", { d: "M0,0 L10,5 L0,10 z", class: "arrow" });
    head.style.fill = getComputedStyle(document.documentElement).getPropertyValue(`--${group}`);
    marker.append(head);
    defs.append(marker);
  }
  svg.append(defs);
  if (graph.nodes.length === 0) {
    svg.append(element("svg:text", { x: width / 2, y: height / 2, "text-anchor": "middle", class: "edge-label" },
      "no relations between the entities named"));
    return;
  }
  const points = layout(graph.nodes, graph.edges, width, height);
  // Fit the drawing to the box, with room for labels.
  const xs = points.map((p) => p.x), ys = points.map((p) => p.y);
  const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const margin = 60;
  const scale = Math.min((width - 2 * margin) / Math.max(maxX - minX, 1), (height - 2 * margin) / Math.max(maxY - minY, 1), 2);
  const place = (p) => ({
    x: width / 2 + (p.x - (minX + maxX) / 2) * scale,
    y: height / 2 + (p.y - (minY + maxY) / 2) * scale,
  });
  const at = points.map(place);
  const degree = graph.nodes.map(() => 0);
  for (const edge of graph.edges) { degree[edge.source]++; degree[edge.target]++; }
  const radius = degree.map((d) => 5 + 2 * Math.sqrt(d));
  // Edges between the same two nodes bend apart so that each can be seen.
  const seen = new Map();
  const edgeLayer = element("svg:g", { class: "edges" });
  const labels = graph.edges.length <= 40;
  for (const edge of graph.edges) {
    const key = [Math.min(edge.source, edge.target), Math.max(edge.source, edge.target)].join("-");
    const nth = seen.get(key) || 0;
    seen.set(key, nth + 1);
    const a = at[edge.source], b = at[edge.target];
    const dx = b.x - a.x, dy = b.y - a.y, length = Math.max(Math.hypot(dx, dy), 1);
    const bend = (nth % 2 ? -1 : 1) * Math.ceil(nth / 2) * 22;
    const mx = (a.x + b.x) / 2 - (dy / length) * bend, my = (a.y + b.y) / 2 + (dx / length) * bend;
    // Stop the line at the target's edge so the arrow head shows.
    const tx = b.x - ((b.x - mx) / Math.max(Math.hypot(b.x - mx, b.y - my), 1)) * (radius[edge.target] + 3);
    const ty = b.y - ((b.y - my) / Math.max(Math.hypot(b.x - mx, b.y - my), 1)) * (radius[edge.target] + 3);
    const path = element("svg:path", {
      d: `M${a.x},${a.y} Q${mx},${my} ${tx},${ty}`,
      class: `edge ${edge.group}`,
      "data-relation": edge.relation,
      "stroke-width": Math.min(1.4 + edge.articles * 0.4, 5),
    });
    if (edge.directed) path.setAttribute("marker-end", `url(#arrow-${edge.group})`);
    const from = graph.nodes[edge.source].label, to = graph.nodes[edge.target].label;
    path.append(element("svg:title", {}, `${from} ${edge.relation} ${to} (${edge.articles} article${edge.articles === 1 ? "" : "s"})`));
    edgeLayer.append(path);
    if (labels) {
      edgeLayer.append(element("svg:text", { x: (a.x + 2 * mx + b.x) / 4, y: (a.y + 2 * my + b.y) / 4, class: "edge-label", "text-anchor": "middle" }, edge.relation));
    }
  }
  const nodeLayer = element("svg:g", { class: "nodes" });
  graph.nodes.forEach((node, i) => {
    const known = ["Person", "Organization", "Country", "Place"].includes(node.type);
    const g = element("svg:g", { class: `node node-${known ? node.type : "other"}`, transform: `translate(${at[i].x},${at[i].y})`, "data-type": node.type });
    g.append(shape(node.type, radius[i]));
    g.append(element("svg:text", { y: radius[i] + 12, "text-anchor": "middle" }, node.label));
    g.append(element("svg:title", {}, `${node.label} (${node.type || "entity"})\n${node.iri}`));
    nodeLayer.append(g);
  });
  const view = element("svg:g", { class: "view" });
  view.append(edgeLayer, nodeLayer);
  svg.append(view);
  zoom = { x: 0, y: 0, k: 1 };
  showZoom();
}

// Zoom and pan: the wheel zooms about the pointer, a drag moves the drawing, a
// double click puts it back. One transform on the group that holds the drawing,
// so the layout is not redone and the labels keep their places.
let zoom = { x: 0, y: 0, k: 1 };
let drag = null;

function showZoom() {
  $("#graph .view")?.setAttribute("transform", `translate(${zoom.x},${zoom.y}) scale(${zoom.k})`);
}

// A pointer event's position in the drawing's coordinates (the SVG's viewBox).
function inDrawing(event) {
  const matrix = $("#graph").getScreenCTM().inverse();
  return new DOMPoint(event.clientX, event.clientY).matrixTransform(matrix);
}

function wheel(event) {
  event.preventDefault();
  const at = inDrawing(event);
  const k = Math.min(Math.max(zoom.k * Math.exp(-event.deltaY * 0.002), 0.2), 8);
  zoom = { x: at.x - ((at.x - zoom.x) * k) / zoom.k, y: at.y - ((at.y - zoom.y) * k) / zoom.k, k };
  showZoom();
}

function grab(event) {
  if (event.button !== 0) return;
  const at = inDrawing(event);
  drag = { x: at.x - zoom.x, y: at.y - zoom.y };
  $("#graph").setPointerCapture(event.pointerId);
  $("#graph").classList.add("dragging");
}

function move(event) {
  if (!drag) return;
  const at = inDrawing(event);
  zoom = { ...zoom, x: at.x - drag.x, y: at.y - drag.y };
  showZoom();
}

function release() {
  drag = null;
  $("#graph").classList.remove("dragging");
}

function resetZoom() {
  zoom = { x: 0, y: 0, k: 1 };
  showZoom();
}

$("#run").addEventListener("click", run);
$("#follow").addEventListener("change", showGraph);
$("#graph").addEventListener("wheel", wheel, { passive: false });
$("#graph").addEventListener("pointerdown", grab);
$("#graph").addEventListener("pointermove", move);
$("#graph").addEventListener("pointerup", release);
$("#graph").addEventListener("pointercancel", release);
$("#graph").addEventListener("dblclick", resetZoom);
loadSaved()
  .then(showGraph)
  .catch((error) => status(String(error), true));
