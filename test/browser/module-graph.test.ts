/**
 * What lets bundlers build Strata for a browser, checked on the compiled package: every entry point
 * bundles under the browser conditions with no `node:` module left in, and no import cycle passes
 * through a module that waits on the wasm backend's top-level await (Vite 8's bundler turns such a
 * cycle into modules that await each other, and the page hangs without an error).
 */
import assert from "node:assert/strict";
import { existsSync, readFileSync } from "node:fs";
import { dirname, relative, resolve } from "node:path";
import { describe, it } from "node:test";
import { build } from "esbuild";
import { REPO_ROOT } from "./static-server.js";

const pkg = JSON.parse(readFileSync(resolve(REPO_ROOT, "package.json"), "utf8")) as { exports: Record<string, string | Record<string, string>> };
/**
 * The package's entry points, as their browser condition (or default) names them, and the recipes
 * module that dist/browser holds besides them for the studio's try-it panel.
 */
const entries = [
  ...Object.entries(pkg.exports)
    .filter(([subpath]) => !subpath.includes("*"))
    .map(([subpath, target]) => [subpath, typeof target === "string" ? target : target.browser ?? target.default] as const),
  ["the studio's recipes.js", "./dist/src/cli/model-recipes.js"] as const,
];
const TLA_MODULE = resolve(REPO_ROOT, "dist/src/backend/wasm/index.js");

/** Relative imports of each module reachable from `entry` (the browser condition's #platform files). */
function moduleGraph(entry: string): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  const visit = (file: string): void => {
    if (graph.has(file)) return;
    const source = readFileSync(file, "utf8");
    const specifiers = [...source.matchAll(/(?:^|\n)\s*(?:import|export)\b[^"';]*?["']([.#][^"']+)["']/g)].map((m) => m[1]);
    const deps = specifiers
      .map((s) => (s.startsWith("#platform/") ? resolve(REPO_ROOT, "dist/src/platform/browser", s.slice("#platform/".length)) : resolve(dirname(file), s)))
      .filter((f) => existsSync(f));
    graph.set(file, deps);
    deps.forEach(visit);
  };
  visit(resolve(REPO_ROOT, entry));
  return graph;
}

/** Strongly connected components of more than one module (Tarjan). */
function cycles(graph: Map<string, string[]>): string[][] {
  let counter = 0;
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const found: string[][] = [];
  const connect = (v: string): void => {
    index.set(v, counter);
    low.set(v, counter++);
    stack.push(v);
    for (const w of graph.get(v)!) {
      if (!index.has(w)) {
        connect(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (stack.includes(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!));
    }
    if (low.get(v) !== index.get(v)) return;
    const component: string[] = [];
    for (let w = ""; w !== v; ) component.push((w = stack.pop()!));
    if (component.length > 1) found.push(component);
  };
  for (const v of graph.keys()) if (!index.has(v)) connect(v);
  return found;
}

function reaches(graph: Map<string, string[]>, from: string, target: string, seen = new Set<string>()): boolean {
  if (from === target) return true;
  if (seen.has(from)) return false;
  seen.add(from);
  return graph.get(from)!.some((d) => reaches(graph, d, target, seen));
}

describe("the package in a bundler", () => {
  for (const [subpath, target] of entries) {
    it(`"${subpath}" bundles for the browser with no node: module`, async () => {
      const result = await build({ entryPoints: [resolve(REPO_ROOT, target)], bundle: true, write: false, format: "esm", platform: "browser", logLevel: "silent", metafile: true });
      const inputs = Object.keys(result.metafile!.inputs);
      assert.deepEqual(inputs.filter((f) => f.startsWith("node:") || f.includes("/platform/node/")), []);
      assert.ok(inputs.some((f) => f.includes("/platform/browser/")), "the browser condition picked platform/browser");
    });

    it(`"${subpath}" has no import cycle through the wasm backend's top-level await`, () => {
      const graph = moduleGraph(target);
      const bad = cycles(graph).filter((cycle) => cycle.some((m) => reaches(graph, m, TLA_MODULE)));
      assert.deepEqual(bad.map((c) => c.map((m) => relative(REPO_ROOT, m)).sort()), []);
    });
  }
});
