// The page of `newsgraph serve` in headless Chromium (Debian's /usr/bin/chromium
// driven by playwright-core), used as a person would: the bundled examples are
// ingested into a temporary store, the server starts on a free port, the page
// loads and draws the whole actor graph, a saved query is picked, its parameter
// filled in and run; the table fills and the graph redraws with only what the
// results name. Screenshots go to $NEWSGRAPH_SCREENSHOTS (default: a temporary
// directory). The page may ask nothing of any other host.
//
// Run: node --test tests/browser/ (after `cargo build --release`; the binary is
// $NEWSGRAPH_BIN, else $CARGO_TARGET_DIR/release/newsgraph, else target/release/).
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { spawn, execFileSync } from "node:child_process";
import { mkdtempSync, mkdirSync, rmSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const repo = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const bin =
  process.env.NEWSGRAPH_BIN ||
  join(process.env.CARGO_TARGET_DIR ? resolve(process.env.CARGO_TARGET_DIR) : join(repo, "target"), "release", "newsgraph");
const work = mkdtempSync(join(tmpdir(), "newsgraph-browser-"));
const shots = process.env.NEWSGRAPH_SCREENSHOTS || join(work, "screenshots");
let server;
let base;
let context;

// Starts `newsgraph serve` on a free port; resolves with its address once it says
// where it listens.
function serve(store) {
  return new Promise((resolveAddress, reject) => {
    server = spawn(bin, ["--store", store, "serve", "--bind", "127.0.0.1:0"], { stdio: ["ignore", "ignore", "pipe"] });
    let said = "";
    server.stderr.on("data", (chunk) => {
      said += chunk;
      const found = said.match(/http:\/\/(127\.0\.0\.1:\d+)\//);
      if (found) resolveAddress(`http://${found[1]}/`);
    });
    server.on("exit", (code) => reject(new Error(`newsgraph serve ended (${code}): ${said}`)));
  });
}

before(async () => {
  assert.ok(existsSync(bin), `no newsgraph binary at ${bin}: cargo build --release first`);
  const store = join(work, "store");
  execFileSync(bin, ["--store", store, "--quiet", "ingest", join(repo, "examples")]);
  base = await serve(store);
  mkdirSync(shots, { recursive: true });
  context = await chromium.launchPersistentContext(join(work, "profile"), {
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    headless: true,
    viewport: { width: 1280, height: 900 },
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
});

after(async () => {
  await context?.close();
  server?.kill();
  rmSync(join(work, "store"), { recursive: true, force: true });
  rmSync(join(work, "profile"), { recursive: true, force: true });
});

test("the page runs a saved query, fills the table and draws the actor graph", async () => {
  const page = await context.newPage();
  const elsewhere = [];
  const problems = [];
  page.on("request", (request) => {
    if (!request.url().startsWith(base)) elsewhere.push(request.url());
  });
  page.on("pageerror", (error) => problems.push(String(error)));
  page.on("console", (message) => message.type() === "error" && problems.push(message.text()));

  await page.goto(base);
  assert.equal(await page.title(), "newsgraph");
  // The whole actor graph of the examples, drawn before any query.
  await page.waitForSelector("#graph g.node");
  const allNodes = await page.locator("#graph g.node").count();
  const allEdges = await page.locator("#graph g.edges path.edge").count();
  assert.ok(allNodes >= 10 && allEdges >= 10, `whole graph: ${allNodes} nodes, ${allEdges} edges`);
  for (const type of ["Person", "Organization", "Country", "Place"]) {
    assert.ok(await page.locator(`#graph g.node-${type}`).count() > 0, `a ${type} node`);
  }
  assert.ok(await page.locator("#graph path.edge.cooperation").count() > 0, "a cooperation edge");
  assert.ok(await page.locator("#graph path.edge.conflict").count() > 0, "a conflict edge");
  await page.screenshot({ path: join(shots, "serve-whole-graph.png"), fullPage: true });

  // Every saved query is offered; picking one fills the box and asks for its parameter.
  const options = await page.locator("#saved option").allTextContents();
  assert.ok(options.some((o) => o.includes("(who-supports)")), options.join(" | "));
  await page.selectOption("#saved", "who-supports");
  assert.match(await page.inputValue("#query"), /ng:supports/);
  await page.fill("#param-name", "Moçambique");
  await page.click("#run");

  await page.waitForSelector("#results-table tbody tr");
  const header = await page.locator("#results-table th").allTextContents();
  assert.deepEqual(header, ["name", "actor", "label", "articles"]);
  const rows = await page.locator("#results-table tbody tr").allInnerTexts();
  assert.ok(rows.some((r) => r.includes("Portugal") && r.includes("ngid:country-pt")), rows.join("\n"));
  assert.equal(await page.textContent("#status"), "1 result");

  // The graph now holds only what the results name: Portugal, Mozambique, the edge.
  await page.waitForFunction((before) => document.querySelectorAll("#graph g.node").length < before, allNodes);
  const labels = await page.locator("#graph g.node text").allTextContents();
  assert.deepEqual(labels.sort(), ["Moçambique", "Portugal"]);
  const edges = await page.locator("#graph g.edges path.edge").evaluateAll((paths) =>
    paths.map((p) => [p.dataset.relation, p.getAttribute("class"), p.hasAttribute("marker-end")]),
  );
  assert.deepEqual(edges, [["supports", "edge cooperation", true]]);
  await page.screenshot({ path: join(shots, "serve-who-supports.png"), fullPage: true });

  // A query without parameters that names many entities: the picture for the README.
  await page.selectOption("#saved", "most-mentioned");
  await page.click("#run");
  await page.waitForFunction(() => /^\d+ results$/.test(document.querySelector("#status").textContent));
  assert.ok(await page.locator("#results-table tbody tr").count() > 5);
  await page.waitForFunction(() => document.querySelectorAll("#graph g.edges path.edge").length > 5);
  await page.screenshot({ path: join(shots, "serve.png"), fullPage: true });

  // A query the server refuses says why on the page.
  await page.fill("#query", "DROP ALL");
  await page.click("#run");
  await page.waitForSelector("#status.error");
  assert.match(await page.textContent("#status"), /^403: this endpoint is read-only/);

  assert.deepEqual(elsewhere, [], "the page asks only its own server");
  assert.deepEqual(problems.filter((p) => !p.includes("403")), [], "no script error");
  console.log(`screenshots in ${shots}`);
});

test("the actor graph zooms about the pointer, moves with a drag and fits again on a double click", async () => {
  const page = await context.newPage();
  await page.goto(base);
  await page.waitForSelector("#graph g.view g.node");
  const transform = () => page.getAttribute("#graph g.view", "transform");
  assert.equal(await transform(), "translate(0,0) scale(1)");
  const box = await page.locator("#graph").boundingBox();
  const [cx, cy] = [box.x + box.width / 2, box.y + box.height / 2];

  // Wheel up over the middle: larger, and the point under the pointer stays put,
  // so the drawing shifts up and left by (k - 1) times the middle.
  await page.mouse.move(cx, cy);
  await page.mouse.wheel(0, -200);
  await page.waitForFunction(() => !/scale\(1\)$/.test(document.querySelector("#graph g.view").getAttribute("transform")));
  const [x, y, k] = (await transform()).match(/-?[\d.]+/g).map(Number);
  assert.ok(k > 1.2 && k <= 8, `zoomed in: ${k}`);
  assert.ok(Math.abs(x + (k - 1) * 400) < 2 && Math.abs(y + (k - 1) * 280) < 2, `zoomed about the middle: ${x},${y}`);

  // A drag moves the drawing by as much as the pointer moved (in drawing units).
  const perPixel = 800 / box.width;
  await page.mouse.down();
  await page.mouse.move(cx + 100, cy + 50, { steps: 5 });
  await page.mouse.up();
  const [x2, y2, k2] = (await transform()).match(/-?[\d.]+/g).map(Number);
  assert.equal(k2, k);
  assert.ok(Math.abs(x2 - x - 100 * perPixel) < 2 && Math.abs(y2 - y - 50 * perPixel) < 2, `moved: ${x2 - x},${y2 - y}`);

  await page.dblclick("#graph", { position: { x: 5, y: 5 } });
  assert.equal(await transform(), "translate(0,0) scale(1)");
});
