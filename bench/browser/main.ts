/**
 * The browser bench: LeNet-5 training (W3) and inference (W3i) in headless Chromium, on Strata (one
 * thread; a thread per core in a worker of a cross-origin-isolated page), ConvNetJS, TF.js's cpu
 * backend and its wasm backend (one-thread SIMD build; threaded SIMD build on an isolated page),
 * every job in a page's Web Worker, timed as BENCHMARKS.md says; Strata's kernel memory over
 * thousands of training steps; what a page that trains LeNet-5 downloads and how long it takes
 * from navigation to its first training step, for Strata and for TF.js; and what the example page
 * (examples/browser) downloads. After `npm run build`:
 *   node dist/bench/browser/main.js [--quick] [--out bench/browser/results.md]
 */
import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { launch } from "../../test/browser/chromium.js";
import { REPO_ROOT, serveStatic } from "../../test/browser/static-server.js";
import { firstLine, median, timingFor, type LibraryResult, type Row } from "../harness.js";
import { formatMedians, formatNotes, formatRatios, formatValue } from "../report.js";
import { BROWSER_TIMING } from "./job.js";
import { loadCold, runJobPage, type Download } from "./pages.js";
import { buildSite, FIRST_STEP_LIBRARIES, SITE } from "./site.js";

const quick = process.argv.includes("--quick");
const outIndex = process.argv.indexOf("--out");
const out = outIndex > 0 ? process.argv[outIndex + 1] : undefined;
const mode = quick ? "quick" : "full";
const KEYS = "W3,W3i";
const MEMORY_STEPS = quick ? 200 : 3000;
const LOADS = quick ? 1 : 5;
const KiB = 1024;

await buildSite();
const browser = await launch();
const isolated = await serveStatic(SITE, ["."], { isolated: true });
const plain = await serveStatic(SITE, ["."]);
const sections: string[] = [];
const say = (text: string) => {
  sections.push(text);
  console.log(`${text}\n`);
};

try {
  const { warmup, reps } = quick ? timingFor(true) : BROWSER_TIMING;
  say(`${cpus().length} cores (${cpus()[0]?.model ?? "unknown CPU"}), Chromium ${browser.version()} headless; ${mode} run: every figure is the median of ` +
    `${reps} timed repetitions after ${warmup} warm-ups (see job.ts), each job in a page's Web Worker; load average ${loadavg().map((l) => l.toFixed(2)).join(" ")} at the start`);

  const jobs: { server: typeof plain; query: Record<string, string> }[] = [
    { server: plain, query: { job: "run-strata" } },
    { server: isolated, query: { job: "run-strata" } },
    { server: plain, query: { job: "run-convnetjs" } },
    { server: plain, query: { job: "run-tfjs", backend: "cpu" } },
    { server: plain, query: { job: "run-tfjs", backend: "wasm" } },
    { server: isolated, query: { job: "run-tfjs", backend: "wasm-mt" } },
  ];
  const rows: Row[] = [];
  const notes: string[] = [];
  for (const { server, query } of jobs) {
    const what = [query.job, query.backend, server === isolated ? "isolated" : ""].filter(Boolean).join(" ");
    console.error(`${what}…`);
    try {
      const result = await runJobPage<LibraryResult>(browser, server, { ...query, mode, keys: KEYS });
      rows.push(...result.rows);
      notes.push(...result.notes);
    } catch (error) {
      notes.push(`${what} failed: ${firstLine(error)}`);
    }
  }
  say(["```", formatMedians(rows), "", formatRatios(rows), "", "With one thread each:", formatRatios(rows.filter((r) => r.threads === 1)), "", formatNotes(notes), "```"].join("\n"));

  console.error(`kernel memory over ${MEMORY_STEPS} steps…`);
  const { threads, memory } = await runJobPage<{ threads: number; memory: { step: number; bytes: number }[] }>(browser, isolated, { job: "kernel-memory", steps: String(MEMORY_STEPS) });
  say(`Strata's kernel memory, LeNet-5 training (W3, batch 64) in a worker, ${threads} threads, one turn of the event loop per step: ` +
    memory.map(({ step, bytes }) => `${Math.round(bytes / 2 ** 20)} MiB after ${step.toLocaleString("en-US")} steps`).join(", "));

  const loadRows: string[][] = [];
  for (const library of FIRST_STEP_LIBRARIES) {
    console.error(`first step, ${library}…`);
    const loads = [];
    for (let i = 0; i < LOADS; i++) loads.push(await loadCold(browser, `${plain.url}/first-step-${library}.html`, "globalThis.__firstStep"));
    const times = loads.map((l) => l.value);
    loadRows.push([library, ...sizes(loads[0].downloads), `${Math.round(median(times))} ms`, times.map((t) => Math.round(t)).join(", ")]);
  }
  say(["Navigation to the end of the first LeNet-5 training step (batch 64) on a page's main thread, cold cache, median of " +
    `${LOADS} loads; what the page downloads, gzipped by zlib (level 6) file by file:`, "",
  "| page | JS | wasm | all (with the HTML) | first step | the loads |", "| --- | --- | --- | --- | --- | --- |",
  ...loadRows.map((r) => `| ${r.join(" | ")} |`)].join("\n"));

  say(await examplePage());
} finally {
  await browser.close();
  await isolated.close();
  await plain.close();
}
if (out) writeFileSync(out, `# Browser bench results\n\n${sections.join("\n\n")}\n`);

/** JS, wasm and everything, gzipped, of a page's downloads. */
function sizes(downloads: Download[]): string[] {
  const total = (files: Download[]) => (files.length ? `${formatValue(files.reduce((s, d) => s + d.gzipBytes, 0) / KiB)} KiB` : "none");
  return [total(downloads.filter((d) => d.path.endsWith(".js"))), total(downloads.filter((d) => d.path.endsWith(".wasm"))), total(downloads)];
}

/** What the example page downloads before it can train: its code, and MNIST. */
async function examplePage(): Promise<string> {
  const built = spawnSync(process.execPath, [join(REPO_ROOT, "examples/browser/build.mjs")], { encoding: "utf8" });
  if (built.status !== 0) return `The example page did not build: ${built.stderr}`;
  const { serveExample } = (await import(pathToFileURL(join(REPO_ROOT, "examples/browser/serve.mjs")).href)) as {
    serveExample(options: { port: number }): Promise<{ url: string; close(): Promise<void> }>;
  };
  const server = await serveExample({ port: 0 });
  try {
    const { value, downloads } = await loadCold(browser, server.url, "globalThis.strataExample?.ready && performance.now()");
    const code = downloads.filter((d) => !d.path.startsWith("/mnist/"));
    const mnist = downloads.filter((d) => d.path.startsWith("/mnist/"));
    const [js, wasm, all] = sizes(code);
    return `The example page (examples/browser, isolated) downloads ${all} gzipped of code (${js} of JS, ${wasm} of wasm; ` +
      `${code.map((d) => `${d.path === "/" ? "index.html" : d.path.slice(1)} ${formatValue(d.gzipBytes / KiB)}`).join(", ")} KiB), and MNIST's four IDX files, ` +
      `${(mnist.reduce((s, d) => s + d.gzipBytes, 0) / 2 ** 20).toFixed(1)} MiB gzipped; it had loaded and decoded them, ready to train, ` +
      `${Math.round(value)} ms after navigation (one cold load).`;
  } finally {
    await server.close();
  }
}
