/**
 * The bench's printed report: a table of medians (one row per workload, one column per library,
 * backend and thread count), a table of ratios (Strata's best figure ÷ each peer column), and the
 * notes.
 */
import type { JsonRow, Row } from "./harness.js";
import { specOf, WORKLOADS } from "./spec.js";

const columnOf = (r: Row) => `${r.library}/${r.backend} ${r.threads}t`;

export function formatValue(v: number): string {
  return v >= 100 ? Math.round(v).toLocaleString("en-US") : v.toPrecision(3);
}

export function formatRatio(r: number): string {
  return `${r >= 10 ? r.toFixed(0) : r >= 1 ? r.toFixed(1) : r.toFixed(2)}×`;
}

/** Lays out cells in aligned columns: the first `leftColumns` are left-aligned, the rest right-aligned. */
export function alignColumns(header: string[], body: string[][], leftColumns: number): string {
  const widths = header.map((h, i) => Math.max(h.length, ...body.map((row) => row[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i < leftColumns ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join("  ").trimEnd();
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...body.map(line)].join("\n");
}

/** Workload keys in spec order, keeping those with at least one row. */
function keysWithRows(rows: readonly Row[]): string[] {
  return WORKLOADS.map((w) => w.key).filter((k) => rows.some((r) => r.key === k));
}

function distinct(values: string[]): string[] {
  return [...new Set(values)];
}

export function formatMedians(rows: readonly Row[]): string {
  const columns = distinct(rows.map(columnOf));
  const body = keysWithRows(rows).map((key) => {
    const spec = specOf(key);
    return [spec.label, spec.metric, ...columns.map((c) => {
      const row = rows.find((r) => r.key === key && columnOf(r) === c);
      return row ? formatValue(row.value) : "—";
    })];
  });
  return `${alignColumns(["workload", "unit", ...columns], body, 2)}\n(a column is library/backend and its threads: "2t" is two threads)`;
}

/** The best Strata row of a workload (over its backends and thread counts), if any. */
function bestStrata(rows: readonly Row[], key: string): Row | undefined {
  return rows.filter((r) => r.key === key && r.library === "strata").reduce<Row | undefined>((best, r) => (!best || r.value > best.value ? r : best), undefined);
}

export function formatRatios(rows: readonly Row[]): string {
  const peerColumns = distinct(rows.filter((r) => r.library !== "strata").map(columnOf));
  const keys = keysWithRows(rows).filter((k) => bestStrata(rows, k) && rows.some((r) => r.key === k && r.library !== "strata"));
  if (peerColumns.length === 0 || keys.length === 0) return "ratios: no peer figures to compare with";
  const body = keys.map((key) => {
    const best = bestStrata(rows, key)!;
    return [specOf(key).label, `${best.backend} ${best.threads}t ${formatValue(best.value)}`, ...peerColumns.map((c) => {
      const peer = rows.find((r) => r.key === key && columnOf(r) === c);
      return peer ? formatRatio(best.value / peer.value) : "—";
    })];
  });
  return alignColumns(["Strata's best ÷ peer", "best strata", ...peerColumns.map((c) => `÷ ${c}`)], body, 2);
}

export function formatNotes(notes: readonly string[]): string {
  return notes.length ? ["Notes:", ...notes.map((n) => `  - ${n}`)].join("\n") : "";
}

export function jsonRows(rows: readonly Row[]): JsonRow[] {
  return rows.map(({ key, ...rest }) => ({ workload: specOf(key).label, ...rest }));
}
