#!/usr/bin/env node
// Builds the example into examples/browser/dist/ after type-checking it: the page (main.js and
// main.css), the training worker (trainer.js, holding Strata), and the two files Strata's wasm
// backend finds beside its code through new URL(…, import.meta.url), which esbuild does not copy:
// kernels.wasm, and its pool's worker script, bundled. Strata is imported as any user's code
// imports it, through the package's "exports" (under esbuild's "browser" condition).
//   node examples/browser/build.mjs        (after `npm run build`, which compiles Strata itself)
import { spawnSync } from "node:child_process";
import { copyFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const here = (path) => fileURLToPath(new URL(path, import.meta.url));
const out = here("./dist");
const strata = import.meta.resolve("strata"); // …/dist/src/index.js: the runtime's two files sit in known places below it
const fromStrata = (path) => fileURLToPath(new URL(path, strata));

const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
const check = spawnSync(process.execPath, [tsc, "-p", here("./tsconfig.json")], { stdio: "inherit" });
if (check.status !== 0) process.exit(check.status ?? 1);

rmSync(out, { recursive: true, force: true });
await build({
  entryPoints: [
    { in: here("./main.ts"), out: "main" },
    { in: here("./trainer.ts"), out: "trainer" },
    { in: fromStrata("./platform/browser/wasm-worker.js"), out: "wasm-worker" },
  ],
  outdir: out,
  bundle: true,
  format: "esm",
  platform: "browser",
  target: "es2022",
  minify: true,
  sourcemap: true,
  logLevel: "warning",
});
copyFileSync(fromStrata("./backend/wasm/kernels.wasm"), `${out}/kernels.wasm`);
for (const file of ["index.html", "style.css"]) copyFileSync(here(`./${file}`), `${out}/${file}`);
console.log(`built ${out}`);
