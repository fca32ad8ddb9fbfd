/** Loss and accuracy curves of one or more runs read off their logs, with the train–validation gap read and drawn. */
import type { LineAnnotation } from "./annotations.js";
import { checkNonEmpty } from "./check.js";
import { diagnoseGap, type GapDiagnosis } from "./gap-diagnosis.js";
import { lineChart, type LineSeries } from "./line-chart.js";
import { numberAt, stepOf, type LogRecord } from "./log-records.js";
import { categoricalColors } from "./theme.js";

export interface RunRecords {
  name: string;
  /** The run's log lines (readRunLog, or fit()'s history). */
  records: readonly LogRecord[];
}

/** The record fields of a quantity measured on the training and, optionally, the validation set. */
export interface CurveKeys {
  train: string;
  validation?: string;
}

export interface TrainingCurvesOptions {
  /** Default { train: "trainLoss", validation: "valLoss" }; a char-rnn log has trainBits / valBits. */
  loss?: CurveKeys;
  /** Default { train: "trainAccuracy", validation: "valAccuracy" }; null for logs without accuracy. */
  accuracy?: CurveKeys | null;
  /** The x field (default "epoch"; a record without it counts by its position). */
  x?: string;
  /** The loss axis label; default from the key ("trainBits" gives "bits"). */
  lossLabel?: string;
  logLoss?: boolean;
  /** Put before each chart's own title ("LeNet-5: loss"). */
  title?: string;
  width?: number;
  height?: number;
}

export interface TrainingCurves {
  /** SVG: train solid, validation dashed, a colour per run. */
  loss: string;
  /** SVG of the accuracy in percent with the gap marked, or null where the logs hold no accuracy. */
  accuracy: string | null;
  /** One verdict per run that has both accuracies. */
  gap: GapDiagnosis[];
}

const DEFAULT_LOSS: CurveKeys = { train: "trainLoss", validation: "valLoss" };
const DEFAULT_ACCURACY: CurveKeys = { train: "trainAccuracy", validation: "valAccuracy" };

export function trainingCurves(runs: readonly RunRecords[], options: TrainingCurvesOptions = {}): TrainingCurves {
  checkNonEmpty("trainingCurves", "runs", runs.length);
  for (const run of runs) checkNonEmpty("trainingCurves", `run "${run.name}" records`, run.records.length);
  const lossKeys = options.loss ?? DEFAULT_LOSS;
  const accuracyKeys = options.accuracy === undefined ? DEFAULT_ACCURACY : options.accuracy;
  const xKey = options.x ?? "epoch";
  const colors = categoricalColors(runs.length);
  const titled = (what: string) => (options.title ? `${options.title}: ${what}` : what);
  const size = { width: options.width, height: options.height };

  const lossSeries = runs.flatMap((run, i) => seriesOf(run, lossKeys, xKey, colors[i], runs.length, 1));
  if (lossSeries.length === 0) throw new Error(`trainingCurves: no record has a number under "${lossKeys.train}"; the records have ${describeKeys(runs)}; say which to plot with options.loss`);
  const loss = lineChart({
    ...size,
    series: lossSeries,
    title: titled("loss"),
    xLabel: xKey,
    yLabel: options.lossLabel ?? lossKeys.train.replace(/^train/, "").toLowerCase(),
    logY: options.logLoss,
  });

  const gap = accuracyKeys
    ? runs.flatMap((run) => diagnoseGap(run.name, run.records, { epoch: xKey, trainAccuracy: accuracyKeys.train, valAccuracy: accuracyKeys.validation, valLoss: lossKeys.validation }) ?? [])
    : [];
  const accuracySeries = accuracyKeys ? runs.flatMap((run, i) => seriesOf(run, accuracyKeys, xKey, colors[i], runs.length, 100)) : [];
  const accuracy =
    accuracySeries.length === 0
      ? null
      : lineChart({ ...size, series: accuracySeries, title: titled("accuracy"), xLabel: xKey, yLabel: "accuracy (%)", annotations: gapAnnotations(gap, runs.length) });
  return { loss, accuracy, gap };
}

/** A run's train series (solid) and validation series (dashed, same colour), each only if it has values. */
function seriesOf(run: RunRecords, keys: CurveKeys, xKey: string, color: string, runCount: number, scale: number): LineSeries[] {
  const prefix = runCount > 1 ? `${run.name} ` : "";
  const pick = (key: string) =>
    run.records.map((r, i) => {
      const value = numberAt(r, key);
      return [stepOf(r, i, xKey), value === null ? null : value * scale] as const;
    });
  const series: LineSeries[] = [{ name: `${prefix}train`, points: pick(keys.train), color }];
  if (keys.validation) series.push({ name: `${prefix}validation`, points: pick(keys.validation), color, dashed: true });
  return series.filter((s) => s.points.some(([, y]) => y !== null));
}

/** The gap bracket at each run's last epoch, and the verdicts in the lower right (rising curves leave it empty). */
function gapAnnotations(gap: GapDiagnosis[], runCount: number): LineAnnotation[] {
  if (gap.length === 0) return [];
  const prefix = (run: string) => (runCount > 1 ? `${run} ` : "");
  const brackets: LineAnnotation[] = gap.map((d) => ({
    kind: "gap",
    x: d.epoch,
    from: `${prefix(d.run)}train`,
    to: `${prefix(d.run)}validation`,
    label: `${(d.gap * 100).toFixed(1)} pts`,
  }));
  const verdicts = gap.map((d) => (runCount > 1 ? `${d.run}: ${d.verdict}` : d.verdict));
  return [...brackets, { kind: "note", text: verdicts, corner: "bottom-right" }];
}

function describeKeys(runs: readonly RunRecords[]): string {
  const keys = new Set(runs.flatMap((run) => run.records.flatMap((r) => Object.keys(r))));
  return keys.size === 0 ? "no fields" : `the fields ${[...keys].join(", ")}`;
}
