/**
 * The browser bench's site (dist/bench/browser/site): each job and first-step page bundled for a
 * browser by esbuild, minified, with the files the libraries fetch beside them — Strata's
 * kernels.wasm and pool worker, TF.js's wasm builds — and the two kinds of page.
 */
import { copyFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const here = fileURLToPath(new URL(".", import.meta.url)); // dist/bench/browser/
export const SITE = join(here, "site");
const JOBS = ["run-strata", "run-tfjs", "run-convnetjs", "kernel-memory"];
export const FIRST_STEP_LIBRARIES = ["strata", "tfjs"] as const;

const head = (title: string) => `<!doctype html>\n<meta charset="utf-8">\n<link rel="icon" href="data:,">\n<title>${title}</title>\n`;
/** Starts the job named by ?job= in a module worker, passing the query on; the bench reads __result. */
const JOB_PAGE = `${head("strata browser bench")}<script type="module">
  const job = new URLSearchParams(location.search).get("job");
  const worker = new Worker(new URL(\`./\${job}.js\${location.search}\`, location.href), { type: "module" });
  worker.onmessage = (event) => (globalThis.__result = event.data);
  worker.onerror = (event) => (globalThis.__result = { error: event.message });
</script>\n`;
const firstStepPage = (library: string) => `${head(`first step: ${library}`)}<script type="module" src="./first-step-${library}.js"></script>\n`;

export async function buildSite(): Promise<void> {
  rmSync(SITE, { recursive: true, force: true });
  const require = createRequire(import.meta.url);
  const strataDist = join(here, "..", "..", "src"); // dist/src
  await build({
    entryPoints: [
      ...[...JOBS, ...FIRST_STEP_LIBRARIES.map((l) => `first-step-${l}`)].map((name) => ({ in: join(here, `${name}.js`), out: name })),
      { in: join(strataDist, "platform/browser/wasm-worker.js"), out: "wasm-worker" },
    ],
    outdir: SITE,
    bundle: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    minify: true,
    logLevel: "warning",
  });
  copyFileSync(join(strataDist, "backend/wasm/kernels.wasm"), join(SITE, "kernels.wasm"));
  const tfjsWasm = join(dirname(require.resolve("@tensorflow/tfjs-backend-wasm/package.json")), "dist");
  for (const file of readdirSync(tfjsWasm).filter((f) => f.endsWith(".wasm"))) copyFileSync(join(tfjsWasm, file), join(SITE, file));
  writeFileSync(join(SITE, "bench.html"), JOB_PAGE);
  for (const library of FIRST_STEP_LIBRARIES) writeFileSync(join(SITE, `first-step-${library}.html`), firstStepPage(library));
}
