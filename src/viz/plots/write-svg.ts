/** Node.js only: write a plot's SVG to a file, making its folder if needed. */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";

export function writeSvg(path: string, svg: string): void {
  if (!svg.trimStart().startsWith("<svg")) {
    throw new TypeError(`writeSvg: the text to write to ${path} is not an SVG document (it starts ${JSON.stringify(svg.slice(0, 20))}); pass what a plot function returns`);
  }
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, svg);
}
