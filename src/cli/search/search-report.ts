/** What a search shows: the table of its trials (printed, and OUT/results.md) and a chart of their validation curves (OUT/search.svg). */
import { lineChart, type LineSeries } from "../../viz/index.js";
import type { search } from "../../train/index.js";
import type { SearchState, Standings, Trial } from "./search-state.js";

const percent = (v: number) => `${(v * 100).toFixed(2)}%`;

/** A sampled value as short as it reads: 3 significant figures, integers as they are. */
export function formatValue(v: search.ParamValue): string {
  return typeof v === "number" && !Number.isInteger(v) ? String(Number(v.toPrecision(3))) : String(v);
}

/** The configuration as flags of `strata train` (so the best one can be trained again by hand). */
export function asFlags(config: search.Config): string {
  return Object.entries(config)
    .map(([k, v]) => (typeof v === "boolean" ? (v ? `--${kebab(k)}` : `--no-${kebab(k)}`) : `--${kebab(k)} ${v}`))
    .join(" ");
}
const kebab = (name: string) => name.replace(/[A-Z]/g, (m) => "-" + m.toLowerCase());

/** The trials as a Markdown table, best first within each depth reached: trial, each setting, epochs trained, validation accuracy, status. */
export function resultsTable(state: SearchState, { status }: Standings): string {
  const names = Object.keys(state.trials[0]?.config ?? {});
  const lastScore = (t: Trial) => t.curve[t.curve.length - 1];
  const order = [...state.trials].sort((a, b) => (b.curve.length - a.curve.length) || ((lastScore(b)?.valAccuracy ?? -1) - (lastScore(a)?.valAccuracy ?? -1)) || a.id - b.id);
  const header = ["trial", ...names.map(kebab), "epochs", "val acc", "status"];
  const rows = order.map((t) => {
    const score = lastScore(t);
    const how = t.failure ? `failed at rung ${t.failure.rung + 1}: ${t.failure.message.slice(0, 80)}` : status.get(t.id) ?? "pending";
    return [String(t.id), ...names.map((n) => formatValue(t.config[n])), String(score?.epoch ?? 0), score ? percent(score.valAccuracy) : "–", how];
  });
  const line = (cells: string[]) => `| ${cells.map((c) => c.replaceAll("|", "/")).join(" | ")} |`;
  return [line(header), line(header.map(() => "---")), ...rows.map(line)].join("\n");
}

/**
 * A trial no better than guessing among ten classes (90% error; anything above 80%) is left off
 * the chart when others learned, for it would stretch the axis over nothing.
 */
const CHANCE_ERROR = 80;

/**
 * Validation error against epochs for every trial, on a log axis where the halving shows: stopped
 * trials dashed, ending at their rung; those that went the distance solid.
 */
export function curvesChart(state: SearchState, { status }: Standings): string | null {
  const curves = state.trials
    .filter((t) => t.curve.length > 0)
    .map((t) => ({ t, points: t.curve.map((e) => [e.epoch, e.valAccuracy < 1 ? (1 - e.valAccuracy) * 100 : null] as const) }));
  const learning = curves.filter(({ points }) => points.some(([, y]) => y !== null && y < CHANCE_ERROR));
  const learned = learning.length > 0 ? learning : curves;
  const series: LineSeries[] = learned.map(({ t, points }) => ({
    name: `trial ${t.id}${status.get(t.id) === "best" ? " (best)" : ""}`,
    points,
    dashed: status.get(t.id) !== "finished" && status.get(t.id) !== "best",
  }));
  if (!series.some((s) => s.points.some(([, y]) => y !== null))) return null;
  const { recipe, trials, eta } = state.settings;
  const left = curves.length - learned.length;
  const title = `${recipe}: ${trials} trials, η ${eta}, rungs at ${state.rungs.join(", ")} epochs${left ? `; ${left} at chance not drawn` : ""}`;
  return lineChart({ series, title, xLabel: "epoch", yLabel: "validation error (%)", logY: true, height: 480, width: 760 });
}
