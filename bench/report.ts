/**
 * The bench's printed report: a table of medians (one row per workload, one column per library,
 * backend and thread count), a table of ratios (Strata's best figure ÷ each peer's best thread setting), the
 * batch-1 workloads as latencies, and the notes.
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

/** One line per workload in `keys`, one column per library, backend and thread count; `cell` formats a figure. */
function workloadTable(rows: readonly Row[], keys: readonly string[], unit: (key: string) => string, cell: (value: number) => string): string {
  const columns = distinct(rows.map(columnOf));
  const body = keys.map((key) => [specOf(key).label, unit(key), ...columns.map((c) => {
    const row = rows.find((r) => r.key === key && columnOf(r) === c);
    return row ? cell(row.value) : "—";
  })]);
  return alignColumns(["workload", "unit", ...columns], body, 2);
}

export function formatMedians(rows: readonly Row[]): string {
  const table = workloadTable(rows, keysWithRows(rows), (key) => specOf(key).metric, formatValue);
  return `${table}\n(a column is library/backend and its threads: "2t" is two threads)`;
}

/** The batch-1 workloads again, as the latency of one call in milliseconds (1000 ÷ samples/s), or "" if none ran. */
export function formatLatencies(rows: readonly Row[]): string {
  const keys = keysWithRows(rows).filter((k) => specOf(k).batchOne);
  if (keys.length === 0) return "";
  const single = rows.filter((r) => keys.includes(r.key));
  return `Latency of one batch-1 call:\n${workloadTable(single, keys, () => "ms", (v) => formatValue(1000 / v))}`;
}

const peerOf = (r: Row) => `${r.library}/${r.backend}`;

/** The best row of a workload among those `matching` (over backends and thread counts), if any. */
function bestRow(rows: readonly Row[], key: string, matching: (r: Row) => boolean): Row | undefined {
  return rows.filter((r) => r.key === key && matching(r)).reduce<Row | undefined>((best, r) => (!best || r.value > best.value ? r : best), undefined);
}

/**
 * Strata's best figure of each workload ÷ each peer's (library/backend) best thread setting, which
 * is named beside the ratio: on a shared machine a peer's two-thread figure can fall below its
 * one-thread one, and the comparison is with the peer at its fastest.
 */
export function formatRatios(rows: readonly Row[]): string {
  const peers = distinct(rows.filter((r) => r.library !== "strata").map(peerOf));
  const keys = keysWithRows(rows).filter((k) => bestRow(rows, k, (r) => r.library === "strata") && rows.some((r) => r.key === k && r.library !== "strata"));
  if (peers.length === 0 || keys.length === 0) return "ratios: no peer figures to compare with";
  const body = keys.map((key) => {
    const best = bestRow(rows, key, (r) => r.library === "strata")!;
    return [specOf(key).label, `${best.backend} ${best.threads}t ${formatValue(best.value)}`, ...peers.map((p) => {
      const peer = bestRow(rows, key, (r) => peerOf(r) === p);
      return peer ? `${formatRatio(best.value / peer.value)} (${peer.threads}t)` : "—";
    })];
  });
  return alignColumns(["Strata's best ÷ peer's best", "best strata", ...peers.map((p) => `÷ ${p}`)], body, 2);
}

export function formatNotes(notes: readonly string[]): string {
  return notes.length ? ["Notes:", ...notes.map((n) => `  - ${n}`)].join("\n") : "";
}

export function jsonRows(rows: readonly Row[]): JsonRow[] {
  return rows.map(({ key, ...rest }) => ({ workload: specOf(key).label, ...rest }));
}
