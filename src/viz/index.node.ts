/** strata/viz as Node.js loads it: everything in index.ts, plus writing PNG and SVG files and reading a run's log. */
export * from "./index.js";
export { writePng } from "./png-file.js";
export { readRunLog, writeSvg } from "./plots/node.js";
