/** Histograms: one distribution, or small multiples of several (activation histograms per layer). */
import { scaleLinear, tickFormat, type ScaleLinear } from "d3-scale";
import { chartTitle, EDGE, plotArea, ticksFor, TITLE_BASELINE, xAxis, yAxis, yTicksFor } from "./axes.js";
import { histogramBins, type Bins, type BinSpec } from "./bins.js";
import { checkNonEmpty, resolveSize, type ChartOptions } from "./check.js";
import { element, formatNumber, svgDocument, text, type ChartSize } from "./svg.js";
import { categoricalColors, THEME } from "./theme.js";

export interface HistogramOptions extends ChartOptions {
  /** Default "freedman-diaconis" (see histogramBins). */
  bins?: BinSpec;
  /** Bar heights as a probability density (the bars' area is 1) instead of counts. */
  density?: boolean;
  xLabel?: string;
  /** Default "count", or "density". */
  yLabel?: string;
  color?: string;
}

export function histogram(values: ArrayLike<number>, options: HistogramOptions = {}): string {
  const size = resolveSize("histogram", options);
  const bins = histogramBins(values, options.bins);
  const outside = bins.outside > 0 ? `${formatNumber(bins.outside)} values outside the bins are not shown` : "";
  const body = drawPanel(bins, size, { ...options, subtitle: outside || undefined });
  return svgDocument(size, options.title, [body]);
}

export interface HistogramPanel {
  title: string;
  values: ArrayLike<number>;
}

export interface HistogramGridOptions {
  title?: string;
  bins?: BinSpec;
  density?: boolean;
  /** Under the bottom row of panels. */
  xLabel?: string;
  /** Default: as near square a grid as fits, at most 4 across. */
  columns?: number;
  /** Pixels per panel (default 250 × 210). */
  panelWidth?: number;
  panelHeight?: number;
  /**
   * One x axis and one set of bins for every panel (default true), so that layers compare at a
   * glance: a distribution shrinking towards zero layer after layer shows as narrowing bars.
   */
  shareX?: boolean;
}

const PANEL_SIZE: ChartSize = { width: 250, height: 210 };
const GRID_TITLE_BAND = 36;

/** Small multiples: one histogram per panel, each titled and summarised by its mean and standard deviation. */
export function histogramGrid(panels: HistogramPanel[], options: HistogramGridOptions = {}): string {
  checkNonEmpty("histogramGrid", "panels", panels.length);
  const panelSize = resolveSize("histogramGrid", { width: options.panelWidth, height: options.panelHeight }, PANEL_SIZE);
  const columns = options.columns ?? Math.min(4, Math.ceil(Math.sqrt(panels.length)));
  if (!Number.isInteger(columns) || columns < 1) throw new RangeError(`histogramGrid: options.columns must be a positive integer, got ${columns}`);
  const rows = Math.ceil(panels.length / columns);
  const top = options.title ? GRID_TITLE_BAND : 0;
  const size = { width: columns * panelSize.width, height: top + rows * panelSize.height };

  const spec = options.shareX === false ? options.bins : histogramBins(pooled(panels), options.bins).edges;
  const sharedDomain = typeof spec === "object" ? ([spec[0], spec[spec.length - 1]] as const) : undefined;
  const body = panels.map((panel, i) => {
    const bins = histogramBins(panel.values, spec);
    const column = i % columns;
    const row = Math.floor(i / columns);
    return element(
      "g",
      { class: "panel", transform: `translate(${column * panelSize.width},${top + row * panelSize.height})` },
      drawPanel(bins, panelSize, {
        title: panel.title,
        titleSize: THEME.fontSize + 1,
        subtitle: summary(panel.values, bins),
        density: options.density,
        // Labels only at the grid's edges: the x label under the lowest panel of each column, "count" on the left.
        xLabel: i + columns >= panels.length ? options.xLabel : undefined,
        yLabel: column === 0 ? undefined : "",
        xDomain: sharedDomain,
      }),
    );
  });
  if (options.title) body.unshift(text(EDGE, TITLE_BASELINE, options.title, { size: THEME.titleSize, weight: 600, className: "title" }));
  return svgDocument(size, options.title, body);
}

function pooled(panels: HistogramPanel[]): Float64Array {
  const all = new Float64Array(panels.reduce((n, p) => n + p.values.length, 0));
  let offset = 0;
  for (const p of panels) {
    all.set(Array.from(p.values), offset);
    offset += p.values.length;
  }
  return all;
}

/** "mean 0.012 · sd 0.98", what the lectures print beside each layer's activation histogram. */
function summary(values: ArrayLike<number>, bins: Bins): string {
  let sum = 0;
  for (let i = 0; i < values.length; i++) sum += values[i];
  const mean = sum / values.length;
  let squares = 0;
  for (let i = 0; i < values.length; i++) squares += (values[i] - mean) ** 2;
  const sd = Math.sqrt(squares / values.length);
  // Both to the same decimals, three significant ones of the sd: a mean of −0.00000746 beside an sd of 0.113 is 0.000.
  const decimals = sd === 0 ? 3 : Math.min(8, Math.max(0, 2 - Math.floor(Math.log10(sd))));
  const format = tickFormat(0, 1, 1, `.${decimals}f`);
  const parts = [`mean ${format(Math.abs(mean) < 0.5 * 10 ** -decimals ? 0 : mean)}`, `sd ${format(sd)}`];
  if (bins.outside > 0) parts.push(`${formatNumber(bins.outside)} outside`);
  return parts.join(" · ");
}

interface PanelOptions {
  title?: string;
  titleSize?: number;
  /** A muted line under the title. */
  subtitle?: string;
  density?: boolean;
  xLabel?: string;
  /** Default "count" or "density"; "" for none. */
  yLabel?: string;
  color?: string;
  xDomain?: readonly [number, number];
}

/** One histogram filling `size` from (0, 0): title, axes and bars. */
function drawPanel(bins: Bins, size: ChartSize, options: PanelOptions): string {
  const total = bins.counts.reduce((a, b) => a + b, 0);
  const heights = bins.counts.map((c, i) => (options.density ? c / (total * (bins.edges[i + 1] - bins.edges[i])) : c));
  const x = scaleLinear().domain(options.xDomain ?? [bins.edges[0], bins.edges[bins.edges.length - 1]]).nice();
  const y = scaleLinear().domain([0, Math.max(...heights) || 1]).nice();
  const yTicks = yTicksFor(y, size, { integers: !options.density });
  const yLabel = options.yLabel ?? (options.density ? "density" : "count");
  const area = plotArea(size, { title: options.title, subtitle: options.subtitle, xLabel: options.xLabel, yLabel, yTicks });
  x.range([area.x, area.x + area.width]);
  y.range([area.y + area.height, area.y]);
  return [
    yAxis(y, area, yTicks, { label: yLabel }),
    xAxis(x, area, ticksFor(x, area.width, "x"), { label: options.xLabel, grid: false }),
    drawBars(bins.edges, heights, x, y, options.color ?? categoricalColors(1)[0]),
    chartTitle(area, options.title, options.subtitle, options.titleSize),
  ].join("");
}

function drawBars(edges: number[], heights: number[], x: ScaleLinear<number, number>, y: ScaleLinear<number, number>, color: string): string {
  const bars = heights.map((h, i) => {
    const left = x(edges[i]);
    const width = x(edges[i + 1]) - left;
    // A white outline parts neighbouring bars, where they are wide enough to spare it.
    const outline = width > 4 ? { stroke: THEME.background, "stroke-width": 0.75 } : {};
    return element("rect", { class: "bar", x: left, y: y(h), width, height: y(0) - y(h), fill: color, ...outline });
  });
  return element("g", { class: "bars" }, bars.join(""));
}
