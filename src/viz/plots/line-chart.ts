/** Line charts: named series of (x, y) points, solid or dashed, on a linear or log y axis, with annotations. */
import { scaleLinear, scaleLog } from "d3-scale";
import { line } from "d3-shape";
import { drawGap, drawNote, valueAt, type GapAnnotation, type LineAnnotation } from "./annotations.js";
import { chartTitle, finiteExtent, plotArea, ticksFor, xAxis, yAxis, yTicksFor, type Area, type NumericScale } from "./axes.js";
import { checkNonEmpty, resolveSize, type ChartOptions } from "./check.js";
import { legend, legendWidth, type LegendItem } from "./legend.js";
import { element, svgDocument } from "./svg.js";
import { categoricalColors, THEME } from "./theme.js";

/** One point; a y of null or NaN is missing, and breaks the line there. */
export type LinePoint = readonly [x: number, y: number | null];

export interface LineSeries {
  name: string;
  points: readonly LinePoint[];
  /** Defaults to the next palette colour; give two series one colour to pair them (train solid, validation dashed). */
  color?: string;
  dashed?: boolean;
}

export interface LineChartOptions extends ChartOptions {
  series: LineSeries[];
  xLabel?: string;
  yLabel?: string;
  /** A logarithmic y axis (every y must then be positive). */
  logY?: boolean;
  annotations?: LineAnnotation[];
  /** Dots at the points; by default when no series has more than POINTS_SHOWN_UP_TO points. */
  showPoints?: boolean;
}

/** Dots help read a short series (a few epochs); on longer ones they only thicken the line. */
const POINTS_SHOWN_UP_TO = 30;

const FN = "lineChart";

export function lineChart(options: LineChartOptions): string {
  const size = resolveSize(FN, options);
  const series = options.series;
  checkSeries(series, options.logY ?? false);
  const palette = categoricalColors(series.filter((s) => !s.color).length);
  let nextColor = 0;
  const colors = series.map((s) => s.color ?? palette[nextColor++]);

  const xExtent = finiteExtent(series.flatMap((s) => s.points.map((p) => p[0])));
  const yExtent = finiteExtent(series.flatMap((s) => s.points.map((p) => p[1] ?? NaN)));
  if (!xExtent || !yExtent) throw new RangeError(`${FN}: no series has a finite y value; there is nothing to plot`);
  const x = scaleLinear().domain(xExtent).nice();
  // A log axis is not niced: that would round it out to whole decades, mostly empty.
  const y: NumericScale = options.logY ? scaleLog().domain(widenLog(yExtent)) : scaleLinear().domain(yExtent).nice();
  const yTicks = yTicksFor(y, size);

  const legendItems: LegendItem[] =
    series.length > 1 ? series.map((s, i) => ({ label: s.name, color: colors[i], mark: s.dashed ? "dashed" : "line" })) : [];
  const area = plotArea(size, { ...options, yTicks, legendWidth: legendWidth(legendItems) });
  x.range([area.x, area.x + area.width]);
  y.range([area.y + area.height, area.y]);

  const showPoints = options.showPoints ?? series.every((s) => s.points.length <= POINTS_SHOWN_UP_TO);
  const body = [
    yAxis(y, area, yTicks, { label: options.yLabel }),
    xAxis(x, area, ticksFor(x, area.width, "x"), { label: options.xLabel }),
    ...series.map((s, i) => drawSeries(s, colors[i], x, y, showPoints)),
    ...(options.annotations ?? []).map((a) => (a.kind === "note" ? drawNote(a, area) : drawGapBetween(a, series, x, y, area))),
    legend(legendItems, area),
    chartTitle(area, options.title),
  ];
  return svgDocument(size, options.title, body);
}

function checkSeries(series: LineSeries[], logY: boolean): void {
  checkNonEmpty(FN, "options.series", series.length);
  const names = new Set<string>();
  for (const s of series) {
    if (names.has(s.name)) throw new Error(`${FN}: two series are named "${s.name}"; names label the legend and annotations, so they must differ`);
    names.add(s.name);
    checkNonEmpty(FN, `series "${s.name}" points`, s.points.length);
    s.points.forEach(([px, py], i) => {
      if (!Number.isFinite(px)) throw new RangeError(`${FN}: series "${s.name}" point ${i} has x = ${px}; x must be a finite number (a missing value is a null or NaN y)`);
      if (logY && py !== null && py <= 0) throw new RangeError(`${FN}: series "${s.name}" has y = ${py} at x = ${px}, but a log y axis needs positive values; drop logY or the point`);
    });
  }
}

/** The extent widened by 4% of its span in log space at each end, so lines keep clear of the frame. */
function widenLog([low, high]: [number, number]): [number, number] {
  const margin = (high / low) ** 0.04;
  return [low / margin, high * margin];
}

function isPresent(p: LinePoint): boolean {
  return p[1] !== null && Number.isFinite(p[1]);
}

function drawSeries(s: LineSeries, color: string, x: NumericScale, y: NumericScale, showPoints: boolean): string {
  const path = line<LinePoint>()
    .defined(isPresent)
    .x((p) => x(p[0]))
    .y((p) => y(p[1] as number))
    .digits(2);
  const stroke = element("path", {
    class: "series",
    d: path(s.points) ?? "",
    fill: "none",
    stroke: color,
    "stroke-width": THEME.lineWidth,
    "stroke-dasharray": s.dashed ? THEME.dash : undefined,
    "stroke-linejoin": "round",
    "stroke-linecap": "round",
  });
  // A point with no present neighbour draws no line segment, so it always gets its dot.
  const isolated = (i: number) => !isPresent(s.points[i - 1] ?? [0, null]) && !isPresent(s.points[i + 1] ?? [0, null]);
  const dots = s.points
    .filter((p, i) => isPresent(p) && (showPoints || isolated(i)))
    .map((p) => element("circle", { cx: x(p[0]), cy: y(p[1] as number), r: 3, fill: s.dashed ? THEME.background : color, stroke: color, "stroke-width": 1.5 }));
  return element("g", { class: "line", "data-name": s.name }, stroke + dots.join(""));
}

function drawGapBetween(gap: GapAnnotation, series: LineSeries[], x: NumericScale, y: NumericScale, area: Area): string {
  const yOf = (name: string) => {
    const s = series.find((candidate) => candidate.name === name);
    if (!s) throw new Error(`${FN}: a gap annotation names series "${name}", but the series are ${series.map((c) => `"${c.name}"`).join(", ")}`);
    const value = valueAt(s.points, gap.x);
    if (value === undefined) throw new RangeError(`${FN}: a gap annotation at x = ${gap.x} needs a value of series "${name}" there, and it has none`);
    return y(value);
  };
  return drawGap(gap.label, x(gap.x), yOf(gap.from), yOf(gap.to), area);
}
