/**
 * Log records to chart data: every numeric field is a series; fields that measure the same thing
 * (trainLoss and valLoss, trainAccuracy and valAccuracy) share a chart, and several runs share it
 * too, one series per run and field. uPlot wants one x array shared by all series of a chart, so
 * each run's values are laid on the union of the runs' epochs, null where a run has none.
 */
import type { LogRecord } from "./protocol.js";

export interface SeriesSpec {
  run: string;
  key: string;
}

export interface ChartSpec {
  /** What the chart measures: the fields' name without train/val/test (e.g. "loss"). */
  metric: string;
  /** Whether it is about the pace of training (learning rate, speed) rather than what was learned. */
  pace: boolean;
  series: SeriesSpec[];
  /** [epochs, values of series 0, values of series 1, …] */
  data: [number[], ...(number | null)[][]];
}

const SPLIT = /^(train|val|validation|test)(?=[A-Z])/;
/** Charts in this order first; fields about the pace of training last. */
const FIRST = ["loss", "accuracy"];
const PACE = ["lr", "seconds", "samplesPerSecond"];

/** trainLoss → loss, valAccuracy → accuracy, reconstructionError → reconstructionError. */
export function metricOf(key: string): string {
  const rest = key.replace(SPLIT, "");
  return rest === key ? key : rest[0].toLowerCase() + rest.slice(1);
}

/** What sets the field apart from others of its metric: "train" for trainLoss, "" for reconstructionError. */
export const splitOf = (key: string) => SPLIT.exec(key)?.[1] ?? "";

/** Whether the field is measured on held-out data (drawn dashed). */
export const isHeldOut = (key: string) => ["val", "validation", "test"].includes(splitOf(key));

/**
 * Each record's x: its epoch while epochs grow; otherwise one past the previous record (a record
 * without one, or a command that counts epochs again for each phase, as the DBN's does).
 */
export function stepsOf(records: readonly LogRecord[]): number[] {
  const steps: number[] = [];
  for (const record of records) {
    const previous = steps.at(-1) ?? 0;
    const epoch = record.epoch;
    steps.push(typeof epoch === "number" && epoch > previous ? epoch : previous + 1);
  }
  return steps;
}

const numeric = (value: unknown): value is number => typeof value === "number" && Number.isFinite(value);

function rank(metric: string): number {
  if (FIRST.includes(metric)) return FIRST.indexOf(metric);
  if (PACE.includes(metric)) return 1000 + PACE.indexOf(metric);
  return 100;
}

/** The charts for these runs' records, in display order. */
export function chartSpecs(runs: readonly { name: string; records: readonly LogRecord[] }[]): ChartSpec[] {
  const byMetric = new Map<string, SeriesSpec[]>();
  for (const { name, records } of runs) {
    const keys = new Set(records.flatMap((r) => Object.keys(r).filter((k) => k !== "epoch" && numeric(r[k]))));
    for (const key of [...keys].sort(byTrainFirst)) {
      const metric = metricOf(key);
      byMetric.set(metric, [...(byMetric.get(metric) ?? []), { run: name, key }]);
    }
  }
  const steps = new Map(runs.map(({ name, records }) => [name, stepsOf(records)]));
  const recordsOf = new Map(runs.map(({ name, records }) => [name, records]));
  return [...byMetric.entries()]
    .sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b))
    .map(([metric, series]) => {
      const xs = [...new Set(series.flatMap((s) => steps.get(s.run)!))].sort((a, b) => a - b);
      const column = new Map(xs.map((x, i) => [x, i]));
      const ys = series.map(({ run, key }) => {
        const values: (number | null)[] = xs.map(() => null);
        recordsOf.get(run)!.forEach((record, i) => {
          const value = record[key];
          if (numeric(value)) values[column.get(steps.get(run)![i])!] = value;
        });
        return values;
      });
      return { metric, pace: PACE.includes(metric), series, data: [xs, ...ys] };
    });
}

/** Training fields before held-out ones (trainLoss, valLoss), otherwise by name. */
function byTrainFirst(a: string, b: string): number {
  return Number(isHeldOut(a)) - Number(isHeldOut(b)) || a.localeCompare(b);
}

const NAMES: Record<string, string> = { lr: "learning rate", seconds: "seconds per epoch" };

/** What a metric is called on its chart: "samplesPerSecond" → "samples per second". */
export const words = (metric: string) => NAMES[metric] ?? metric.replace(/([a-z0-9])([A-Z])/g, "$1 $2").toLowerCase();
