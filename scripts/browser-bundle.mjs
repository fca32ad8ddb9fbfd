#!/usr/bin/env node
// After tsc: the browser build in dist/browser/ — one ES module per entry point of the package
// (strata.js, data.js, train.js, io.js, models.js, viz.js, unsupervised.js) with their shared code
// split into chunks, the wasm backend's worker script, and kernels.wasm beside them. A page loads it
// with a plain <script type="module"> or import, no bundler and no import map needed; bundlers
// (esbuild, Vite, webpack) use the package's "browser" conditions on dist/src instead.
// recipes.js holds the models of `strata train`'s recipes for the studio's try-it panel: built here
// so that it shares the library's chunks (one copy of the tensors and backends in the page), and
// checked here to be browser-safe, as esbuild refuses node:* imports for platform "browser".
import { copyFileSync, rmSync } from "node:fs";
import { build } from "esbuild";

const out = "dist/browser";
rmSync(out, { recursive: true, force: true });
const entries = { strata: "index", data: "data/index", train: "train/index", io: "io/index", models: "models/index", viz: "viz/index", unsupervised: "unsupervised/index", recipes: "cli/model-recipes" };
await build({
  entryPoints: [
    ...Object.entries(entries).map(([name, file]) => ({ in: `dist/src/${file}.js`, out: name })),
    // found by the wasm host at new URL("./wasm-worker.js", import.meta.url), so it sits beside the chunks
    { in: "dist/src/platform/browser/wasm-worker.js", out: "wasm-worker" },
  ],
  outdir: out,
  bundle: true,
  splitting: true,
  format: "esm",
  platform: "browser",
  target: "es2022",
  minify: true,
  // flat, so that import.meta.url of whichever chunk holds the wasm backend finds its two files
  chunkNames: "[name]-[hash]",
  logLevel: "warning",
});
// the runtime finds the kernels at new URL("./kernels.wasm", import.meta.url)
copyFileSync("dist/src/backend/wasm/kernels.wasm", `${out}/kernels.wasm`);
