/** The text table of summary(): rows, totals and the list of flagged layers. */
import { fmtShape } from "../tensor/index.js";
import type { ModelSummary, SummaryRow } from "./summary.js";

const grouped = (n: number) => n.toLocaleString("en-US");

/** 15470264320 → "15.47 G": a rough size next to the exact figure. */
function scaled(n: number): string {
  const units: [number, string][] = [[1e12, "T"], [1e9, "G"], [1e6, "M"], [1e3, "K"]];
  const unit = units.find(([size]) => n >= size);
  return unit ? `${(n / unit[0]).toFixed(2)} ${unit[1]}` : String(n);
}

function bytes(n: number): string {
  const units: [number, string][] = [[2 ** 30, "GiB"], [2 ** 20, "MiB"], [2 ** 10, "KiB"]];
  const unit = units.find(([size]) => n >= size);
  return unit ? `${(n / unit[0]).toFixed(2)} ${unit[1]}` : `${n} B`;
}

function label(row: SummaryRow): string {
  return `${"  ".repeat(row.depth)}${row.name || "(model)"} (${row.type})`;
}

/** A container's own figures are blank unless it holds something itself. */
function figure(row: SummaryRow, n: number): string {
  return row.container && n === 0 ? "--" : grouped(n);
}

export function formatSummary(s: ModelSummary): string {
  const header = ["Layer (type)", "Output shape", "Parameters", "Mult-adds"];
  const cells = s.rows.map((r) => [label(r), fmtShape(r.outputShape), figure(r, r.parameters), figure(r, r.multiplyAdds)]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (flag: string, c: string[]) =>
    `${flag} ${c[0].padEnd(widths[0])}  ${c[1].padEnd(widths[1])}  ${c[2].padStart(widths[2])}  ${c[3].padStart(widths[3])}`.trimEnd();
  const rule = (ch: string) => ch.repeat(line(" ", header).length);
  const flagged = s.rows.filter((r) => r.tilingProblem);
  const frozen = s.totalParameters - s.trainableParameters;
  return [
    `${s.model}: input ${fmtShape(s.inputShape)} → output ${fmtShape(s.outputShape)}`,
    rule("="),
    line(" ", header),
    rule("="),
    ...s.rows.map((r, i) => line(r.tilingProblem ? "!" : " ", cells[i])),
    rule("="),
    `Total parameters: ${grouped(s.totalParameters)} (${scaled(s.totalParameters)})`,
    `Trainable parameters: ${grouped(s.trainableParameters)}`,
    `Non-trainable parameters: ${grouped(frozen)}`,
    `Multiply-adds: ${grouped(s.multiplyAdds)} (${scaled(s.multiplyAdds)})`,
    `Parameter memory: ${bytes(s.parameterBytes)}`,
    ...(flagged.length === 0
      ? []
      : [rule("-"), "! Layers whose window does not tile their input exactly:",
         ...flagged.map((r) => `  ${r.name || "(model)"} (${r.type}): ${r.tilingProblem}`)]),
  ].join("\n");
}
