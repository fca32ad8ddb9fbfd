/** Bar charts: one value per labelled bar (test accuracy per tapped layer), values written on the bars. */
import { scaleBand, scaleLinear } from "d3-scale";
import { chartTitle, EDGE, plotArea, TICK_GAP, xAxisLabel, yAxis, yTicksFor } from "./axes.js";
import { categoryLabels, layoutCategoryLabels } from "./category-axis.js";
import { checkFinite, checkNonEmpty, resolveSize, type ChartOptions } from "./check.js";
import { element, formatNumber, svgDocument, text, textWidth } from "./svg.js";
import { categoricalColors, THEME } from "./theme.js";

export interface Bar {
  label: string;
  value: number;
}

/** A horizontal line across the bars, e.g. chance level or a baseline's score. */
export interface ReferenceLine {
  value: number;
  label?: string;
}

export interface BarChartOptions extends ChartOptions {
  bars: Bar[];
  xLabel?: string;
  yLabel?: string;
  reference?: ReferenceLine;
  color?: string;
  /** How values are written on the bars (default formatNumber: 0.992, 1,132). */
  formatValue?: (value: number) => string;
}

const FN = "barChart";

export function barChart(options: BarChartOptions): string {
  const size = resolveSize(FN, options);
  const { bars, reference } = options;
  checkNonEmpty(FN, "options.bars", bars.length);
  bars.forEach((b, i) => checkFinite(FN, `bars[${i}] ("${b.label}") value`, b.value));
  if (reference) checkFinite(FN, "options.reference.value", reference.value);
  const formatValue = options.formatValue ?? formatNumber;

  const values = bars.map((b) => b.value).concat(reference ? [reference.value] : []);
  const y = scaleLinear().domain([Math.min(0, ...values), Math.max(0, ...values) || 1]).nice();
  const yTicks = yTicksFor(y, size);
  const names = bars.map((b) => b.label);
  const roughBand = (size.width - 100) / bars.length;
  const labelLayout = layoutCategoryLabels(names, roughBand);
  const referenceRoom = reference?.label ? textWidth(reference.label) : 0;
  const leftAtLeast = EDGE + labelLayout.reachLeft - roughBand / 2;
  const area = plotArea(size, { ...options, yTicks, xTickHeight: labelLayout.height, legendWidth: referenceRoom, leftAtLeast });
  // The value labels beyond the longest bars need a line of room inside the plot area.
  const valueRoom = THEME.smallFontSize + 6;
  y.range([area.y + area.height - (Math.min(...values) < 0 ? valueRoom : 0), area.y + (Math.max(...values) > 0 ? valueRoom : 0)]);
  const x = scaleBand<number>().domain(bars.map((_, i) => i)).range([area.x, area.x + area.width]).paddingInner(0.25).paddingOuter(0.15);

  const color = options.color ?? categoricalColors(1)[0];
  const zero = y(0);
  const drawn = bars.map((b, i) => {
    const left = x(i) as number;
    const top = Math.min(y(b.value), zero);
    const bar = element("rect", { class: "bar", x: left, y: top, width: x.bandwidth(), height: Math.abs(y(b.value) - zero), fill: color });
    // The value sits just beyond the bar's end: above a positive bar, below a negative one.
    const valueLabel =
      b.value >= 0
        ? text(left + x.bandwidth() / 2, y(b.value) - 5, formatValue(b.value), { anchor: "middle", size: THEME.smallFontSize, halo: true, className: "value" })
        : text(left + x.bandwidth() / 2, y(b.value) + 4, formatValue(b.value), { anchor: "middle", baseline: "top", size: THEME.smallFontSize, halo: true, className: "value" });
    return bar + valueLabel;
  });
  const bottom = area.y + area.height;
  const body = [
    yAxis(y, area, yTicks, { label: options.yLabel }),
    element("line", { class: "axis", x1: area.x, y1: zero, x2: area.x + area.width, y2: zero, stroke: THEME.axis }),
    element("g", { class: "bars" }, drawn.join("")),
    categoryLabels(names, bars.map((_, i) => (x(i) as number) + x.bandwidth() / 2), bottom + TICK_GAP, labelLayout),
    xAxisLabel(area, options.xLabel, labelLayout.height),
    reference ? drawReference(reference, y(reference.value), area.x, area.x + area.width) : "",
    chartTitle(area, options.title),
  ];
  return svgDocument(size, options.title, body);
}

function drawReference(reference: ReferenceLine, y: number, left: number, right: number): string {
  const rule = element("line", { x1: left, y1: y, x2: right, y2: y, stroke: THEME.text, "stroke-width": 1.25, "stroke-dasharray": THEME.dash });
  const label = reference.label ? text(right + 6, y, reference.label, { baseline: "middle", fill: THEME.text }) : "";
  return element("g", { class: "reference" }, rule + label);
}
