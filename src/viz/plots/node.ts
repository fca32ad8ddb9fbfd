/** strata/viz plots, Node.js only: reading a run directory's log and writing SVG files. */
export { readRunLog } from "./run-log.js";
export { writeSvg } from "./write-svg.js";
