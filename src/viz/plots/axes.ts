/** The frame of an x–y chart: where the plot area sits, numeric axes with ticks and grid lines, the title. */
import type { ScaleLinear, ScaleLogarithmic } from "d3-scale";
import { element, text, textWidth, type ChartSize } from "./svg.js";
import { THEME } from "./theme.js";

/** A rectangle in pixels; y grows downwards as in SVG. */
export interface Area {
  x: number;
  y: number;
  width: number;
  height: number;
}

export type NumericScale = ScaleLinear<number, number> | ScaleLogarithmic<number, number>;

export interface Tick {
  value: number;
  /** Empty for the unlabelled minor ticks of a log scale. */
  label: string;
}

/** About one labelled tick per this many pixels: dense enough to read values, sparse enough to breathe. */
const PIXELS_PER_TICK = { x: 90, y: 50 } as const;

/**
 * The ticks d3 picks for a scale spanning `pixels`, with its labels (nice round numbers). A log
 * scale's labels are plain numbers (",~g": 0.02, 2,000) rather than d3's default SI prefixes
 * ("20m"), which read as units on a loss axis. `integers` keeps to whole numbers (counts).
 */
export function ticksFor(scale: NumericScale, pixels: number, axis: "x" | "y", { integers = false } = {}): Tick[] {
  const [low, high] = scale.domain();
  const most = integers ? Math.max(1, Math.floor(high - low)) : Infinity;
  const count = Math.min(most, Math.max(2, Math.round(pixels / PIXELS_PER_TICK[axis])));
  const format = scale.tickFormat(count, "base" in scale ? ",~g" : undefined);
  return scale.ticks(count).map((value) => ({ value, label: format(value) }));
}

/**
 * The y ticks of a chart of `size`, wanted before its plot area is laid out (their labels' width
 * sets the left margin); the plot area's height is about the chart's less 80 pixels.
 */
export function yTicksFor(scale: NumericScale, size: ChartSize, options?: { integers?: boolean }): Tick[] {
  return ticksFor(scale, size.height - 80, "y", options);
}

export interface FrameParts {
  title?: string;
  /** A muted line under the title. */
  subtitle?: string;
  xLabel?: string;
  yLabel?: string;
  /** The y tick labels, to leave room for the widest. */
  yTicks: Tick[];
  /** Room kept right of the plot area for a legend (0 for none). */
  legendWidth?: number;
  /** Room kept below the plot area for x tick labels (one line of text by default). */
  xTickHeight?: number;
  /** The least room left of the plot area (for slanted labels reaching out under the y axis). */
  leftAtLeast?: number;
}

const TITLE_BAND = 38;
export const TITLE_BASELINE = 24;
const SUBTITLE_LINE = 15;
const AXIS_LABEL_BAND = 22;
/** Between the plot area and tick labels. */
export const TICK_GAP = 7;
/** Between the outermost text and the edge of the picture. */
export const EDGE = 14;
const DEFAULT_TICK_HEIGHT = THEME.fontSize + 4;

export interface Margins {
  top: number;
  right: number;
  bottom: number;
  left: number;
}

/** The room around the plot area that the title, axis labels, ticks and legend take. */
export function frameMargins(parts: FrameParts): Margins {
  return {
    top: (parts.title ? TITLE_BAND : EDGE) + (parts.subtitle ? SUBTITLE_LINE : 0),
    left: Math.max(parts.leftAtLeast ?? 0, EDGE + (parts.yLabel ? AXIS_LABEL_BAND : 0) + widestLabel(parts.yTicks) + TICK_GAP),
    bottom: TICK_GAP + (parts.xTickHeight ?? DEFAULT_TICK_HEIGHT) + (parts.xLabel ? AXIS_LABEL_BAND : 0) + EDGE / 2,
    // Without a legend, room for half of the last x tick label, which is centred on the right edge.
    right: parts.legendWidth ? parts.legendWidth + EDGE : EDGE + 12,
  };
}

/** The plot area inside a chart of `size` once the title, axis labels, ticks and legend have their room. */
export function plotArea(size: ChartSize, parts: FrameParts): Area {
  const m = frameMargins(parts);
  const area = { x: m.left, y: m.top, width: size.width - m.left - m.right, height: size.height - m.top - m.bottom };
  if (area.width < 40 || area.height < 40) {
    throw new RangeError(`plot: a ${size.width}×${size.height} chart leaves a ${Math.round(area.width)}×${Math.round(area.height)} plot area once titles, labels and legend have their room; make it larger`);
  }
  return area;
}

function widestLabel(ticks: Tick[]): number {
  return Math.max(0, ...ticks.map((t) => textWidth(t.label)));
}

/** The title and subtitle (either may be absent), left-aligned above the plot area laid out by plotArea. */
export function chartTitle(area: Area, title: string | undefined, subtitle?: string, titleSize: number = THEME.titleSize): string {
  const subtitleBaseline = title ? TITLE_BASELINE + SUBTITLE_LINE : TITLE_BASELINE;
  return (
    (title ? text(area.x, TITLE_BASELINE, title, { size: titleSize, weight: 600, className: "title" }) : "") +
    (subtitle ? text(area.x, subtitleBaseline, subtitle, { size: THEME.smallFontSize, fill: THEME.mutedText, className: "subtitle" }) : "")
  );
}

function line(x1: number, y1: number, x2: number, y2: number, stroke: string, className: string): string {
  return element("line", { class: className, x1, y1, x2, y2, stroke, "stroke-width": 1 });
}

export interface AxisOptions {
  label?: string;
  /** Light grid lines across the plot area at each tick (default true). */
  grid?: boolean;
  /** The axis line along the plot area (default true). */
  line?: boolean;
}

/** The x axis: grid lines, the axis line along the bottom, tick labels and the axis label under them. */
export function xAxis(scale: NumericScale, area: Area, ticks: Tick[], options: AxisOptions = {}): string {
  const bottom = area.y + area.height;
  const parts = ticks.map((tick) => {
    const x = scale(tick.value);
    const grid = options.grid === false ? "" : line(x, area.y, x, bottom, THEME.grid, "grid");
    const mark = tick.label ? line(x, bottom, x, bottom + 4, THEME.axis, "tick") : "";
    return grid + mark + text(x, bottom + TICK_GAP, tick.label, { anchor: "middle", baseline: "top", fill: THEME.mutedText, className: "x-tick" });
  });
  if (options.line !== false) parts.push(line(area.x, bottom, area.x + area.width, bottom, THEME.axis, "axis"));
  return parts.join("") + xAxisLabel(area, options.label);
}

/** The x axis label, centred under tick labels `tickHeight` tall (the plotArea default: one line). */
export function xAxisLabel(area: Area, label: string | undefined, tickHeight: number = DEFAULT_TICK_HEIGHT): string {
  if (!label) return "";
  return text(area.x + area.width / 2, area.y + area.height + TICK_GAP + tickHeight + 6, label, { anchor: "middle", baseline: "top", className: "x-label" });
}

/** The y axis: grid lines, tick labels left of the plot area, and the axis label turned upright. */
export function yAxis(scale: NumericScale, area: Area, ticks: Tick[], options: AxisOptions = {}): string {
  const parts = ticks.map((tick) => {
    const y = scale(tick.value);
    const grid = options.grid === false ? "" : line(area.x, y, area.x + area.width, y, THEME.grid, "grid");
    return grid + text(area.x - TICK_GAP, y, tick.label, { anchor: "end", baseline: "middle", fill: THEME.mutedText, className: "y-tick" });
  });
  if (options.line !== false) parts.push(line(area.x, area.y, area.x, area.y + area.height, THEME.axis, "axis"));
  if (options.label) {
    const x = area.x - TICK_GAP - widestLabel(ticks) - 10;
    parts.push(text(x, area.y + area.height / 2, options.label, { anchor: "middle", rotate: -90, className: "y-label" }));
  }
  return parts.join("");
}

/**
 * [min, max] of the finite values, widened when they are all equal (a flat loss, one point) so a
 * scale over it is not degenerate; undefined when there are none.
 */
export function finiteExtent(values: Iterable<number>): [number, number] | undefined {
  let min = Infinity;
  let max = -Infinity;
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (min > max) return undefined;
  if (min === max) {
    const pad = min === 0 ? 1 : Math.abs(min) * 0.1;
    return [min - pad, max + pad];
  }
  return [min, max];
}
