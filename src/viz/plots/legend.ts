/** The legend: a column of marks and names drawn beside the plot area, so it never covers data. */
import type { Area } from "./axes.js";
import { element, text, textWidth } from "./svg.js";
import { THEME } from "./theme.js";

export interface LegendItem {
  label: string;
  color: string;
  /** How the entry is drawn: a line sample (solid or dashed), a dot, or a filled square. */
  mark: "line" | "dashed" | "dot" | "square";
}

const SAMPLE_WIDTH = 22;
const SAMPLE_GAP = 7;
const ROW_HEIGHT = 19;
/** Between the plot area and the legend. */
const LEGEND_GAP = 14;

/** Pixels a legend of these items needs right of the plot area, the gap from it included. */
export function legendWidth(items: LegendItem[]): number {
  if (items.length === 0) return 0;
  return LEGEND_GAP + SAMPLE_WIDTH + SAMPLE_GAP + Math.max(...items.map((item) => textWidth(item.label)));
}

/** The legend, right of the plot area (in the room plotArea kept for it), level with its top. */
export function legend(items: LegendItem[], area: Area): string {
  const x = area.x + area.width + LEGEND_GAP;
  const y = area.y;
  const rows = items.map((item, i) => {
    const middle = y + i * ROW_HEIGHT + ROW_HEIGHT / 2;
    return sample(item, x, middle) + text(x + SAMPLE_WIDTH + SAMPLE_GAP, middle, item.label, { baseline: "middle" });
  });
  return element("g", { class: "legend" }, rows.join(""));
}

function sample(item: LegendItem, x: number, middle: number): string {
  const centre = x + SAMPLE_WIDTH / 2;
  switch (item.mark) {
    case "line":
    case "dashed":
      return element("line", {
        x1: x,
        y1: middle,
        x2: x + SAMPLE_WIDTH,
        y2: middle,
        stroke: item.color,
        "stroke-width": THEME.lineWidth,
        "stroke-dasharray": item.mark === "dashed" ? THEME.dash : undefined,
      });
    case "dot":
      return element("circle", { cx: centre, cy: middle, r: 4, fill: item.color });
    case "square":
      return element("rect", { x: centre - 5, y: middle - 5, width: 10, height: 10, fill: item.color });
  }
}
