/**
 * The studio's own files, served under /static/: the page's scripts (client/*.ts as tsc compiled
 * them, beside this file), its style sheet and icon, and uPlot's ES module and CSS from node_modules. The
 * page imports uPlot as "./uplot.js", which is why that is the name it is served under.
 */
import { readdirSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { packageDir } from "#platform/files.js";
import { fileURLToPath } from "node:url";
import { STYLES } from "./styles.js";

export interface Asset {
  type: string;
  body(): Promise<Buffer | string>;
}

/** The tab's icon: a falling loss curve. */
const FAVICON = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><rect width="16" height="16" rx="3" fill="#0969da"/><polyline points="2,3 5,9 9,11.5 14,12.5" fill="none" stroke="#fff" stroke-width="1.8"/></svg>`;

export const JS = "text/javascript; charset=utf-8";
const CSS = "text/css; charset=utf-8";

/** The assets by file name; the scripts are read again on each request, so a rebuild needs no restart. */
export function studioAssets(): Map<string, Asset> {
  // uPlot is an optional dependency of the package: a missing one is named with its install command
  const uplot = join(packageDir("uplot", "strata studio"), "dist");
  const fromFile = (type: string, path: string): Asset => ({ type, body: () => readFile(path) });
  const clientDir = fileURLToPath(new URL("./client/", import.meta.url));
  const scripts = readdirSync(clientDir).filter((file) => file.endsWith(".js"));
  return new Map<string, Asset>([
    ...scripts.map((file): [string, Asset] => [file, fromFile(JS, `${clientDir}${file}`)]),
    ["uplot.js", fromFile(JS, join(uplot, "uPlot.esm.js"))],
    ["uplot.css", fromFile(CSS, join(uplot, "uPlot.min.css"))],
    ["studio.css", { type: CSS, body: async () => STYLES }],
    ["favicon.svg", { type: "image/svg+xml", body: async () => FAVICON }],
  ]);
}
