/** Scatter plots of 2-D points, coloured by integer class labels (t-SNE embeddings of a network's features). */
import { scaleLinear } from "d3-scale";
import { chartTitle, finiteExtent, plotArea, ticksFor, xAxis, yAxis, yTicksFor } from "./axes.js";
import { checkClassNames, checkFinite, checkNonEmpty, resolveSize, type ChartOptions } from "./check.js";
import { legend, legendWidth } from "./legend.js";
import { element, svgDocument } from "./svg.js";
import { categoricalColors } from "./theme.js";

export interface ScatterPlotOptions extends ChartOptions {
  /** Names of the classes, by label; default the label itself. */
  classNames?: readonly string[];
  xLabel?: string;
  yLabel?: string;
  /** Dot radius in pixels (default 2.5: thousands of points stay apart). */
  radius?: number;
}

/** N points as N pairs, or as N·2 numbers (x0, y0, x1, y1, …) such as a [N, 2] tensor's values. */
export type Points2d = readonly (readonly number[])[] | Float32Array | Float64Array;

const FN = "scatterPlot";

export function scatterPlot(points: Points2d, labels?: ArrayLike<number>, options: ScatterPlotOptions = {}): string {
  const size = resolveSize(FN, options, { width: 640, height: 520 });
  const { xs, ys } = columns(points);
  const classes = classOf(labels, xs.length);
  const classCount = classes.reduce((most, c) => Math.max(most, c), 0) + 1;
  checkClassNames(FN, options.classNames, classCount);
  const colors = categoricalColors(classCount);

  const x = scaleLinear().domain(finiteExtent(xs) as [number, number]).nice();
  const y = scaleLinear().domain(finiteExtent(ys) as [number, number]).nice();
  const yTicks = yTicksFor(y, size);
  const present = [...new Set(classes)].sort((a, b) => a - b);
  const legendItems = labels ? present.map((c) => ({ label: options.classNames?.[c] ?? String(c), color: colors[c], mark: "dot" as const })) : [];
  const area = plotArea(size, { ...options, yTicks, legendWidth: legendWidth(legendItems) });
  x.range([area.x, area.x + area.width]);
  y.range([area.y + area.height, area.y]);

  // One group per class, so each colour is written once however many points there are.
  const radius = options.radius ?? 2.5;
  const groups = present.map((c) => {
    const dots: string[] = [];
    classes.forEach((k, i) => {
      if (k === c) dots.push(element("circle", { cx: x(xs[i]), cy: y(ys[i]), r: radius }));
    });
    return element("g", { class: "class", "data-class": c, fill: colors[c], "fill-opacity": 0.75 }, dots.join(""));
  });
  const body = [
    yAxis(y, area, yTicks, { label: options.yLabel }),
    xAxis(x, area, ticksFor(x, area.width, "x"), { label: options.xLabel }),
    ...groups,
    legend(legendItems, area),
    chartTitle(area, options.title),
  ];
  return svgDocument(size, options.title, body);
}

function columns(points: Points2d): { xs: number[]; ys: number[] } {
  const xs: number[] = [];
  const ys: number[] = [];
  if (points instanceof Float32Array || points instanceof Float64Array) {
    if (points.length % 2 !== 0) throw new RangeError(`${FN}: a flat array of points needs x, y pairs (an even length), got ${points.length} numbers`);
    for (let i = 0; i < points.length; i += 2) {
      xs.push(points[i]);
      ys.push(points[i + 1]);
    }
  } else {
    points.forEach((p, i) => {
      if (p.length !== 2) throw new RangeError(`${FN}: points[${i}] has ${p.length} coordinates; expected 2 (x, y)`);
      xs.push(p[0]);
      ys.push(p[1]);
    });
  }
  checkNonEmpty(FN, "points", xs.length);
  xs.forEach((v, i) => checkFinite(FN, `point ${i}'s x`, v));
  ys.forEach((v, i) => checkFinite(FN, `point ${i}'s y`, v));
  return { xs, ys };
}

/** Each point's class: its label, or 0 for all when there are no labels. */
function classOf(labels: ArrayLike<number> | undefined, count: number): number[] {
  if (!labels) return new Array<number>(count).fill(0);
  if (labels.length !== count) throw new RangeError(`${FN}: ${labels.length} labels for ${count} points; give one label per point`);
  return Array.from(labels, (label, i) => {
    if (!Number.isInteger(label) || label < 0) throw new RangeError(`${FN}: labels[${i}] is ${label}; class labels must be non-negative integers`);
    return label;
  });
}
