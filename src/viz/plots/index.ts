/**
 * strata/viz plots: line charts, histograms, scatter plots, bar charts, confusion matrices and
 * training curves, as SVG strings (no DOM: the same code runs in Node.js and the browser).
 * The Node.js-only helpers that read run logs and write files are in ./node.ts.
 */
export { lineChart } from "./line-chart.js";
export type { LineChartOptions, LineSeries, LinePoint } from "./line-chart.js";
export type { LineAnnotation, NoteAnnotation, GapAnnotation, Corner } from "./annotations.js";
export { histogram, histogramGrid } from "./histogram.js";
export type { HistogramOptions, HistogramGridOptions, HistogramPanel } from "./histogram.js";
export { histogramBins, MAX_BINS } from "./bins.js";
export type { Bins, BinRule, BinSpec } from "./bins.js";
export { scatterPlot } from "./scatter-plot.js";
export type { ScatterPlotOptions, Points2d } from "./scatter-plot.js";
export { barChart } from "./bar-chart.js";
export type { Bar, BarChartOptions, ReferenceLine } from "./bar-chart.js";
export { confusionMatrixSvg } from "./confusion-matrix.js";
export type { ConfusionMatrixOptions } from "./confusion-matrix.js";
export { trainingCurves } from "./training-curves.js";
export type { TrainingCurves, TrainingCurvesOptions, RunRecords, CurveKeys } from "./training-curves.js";
export { diagnoseGap, OVERFITTING_GAP, NO_GAP, NEAR_PERFECT_TRAIN_ACCURACY, VAL_LOSS_RISE_EPOCHS } from "./gap-diagnosis.js";
export type { GapDiagnosis, GapVerdict, GapKeys } from "./gap-diagnosis.js";
export type { LogRecord } from "./log-records.js";
export type { ChartOptions } from "./check.js";
export { escapeXml, formatNumber } from "./svg.js";
export { categoricalColors } from "./theme.js";
