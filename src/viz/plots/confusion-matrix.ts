/** The confusion matrix as a heat map: true classes down, predicted across, counts in the cells, recall per row. */
import { scaleLinear, scalePow, tickFormat } from "d3-scale";
import { chartTitle, frameMargins, TICK_GAP, xAxisLabel, yAxis } from "./axes.js";
import { categoryLabels, layoutCategoryLabels } from "./category-axis.js";
import { checkClassNames, checkNonEmpty } from "./check.js";
import { element, formatNumber, svgDocument, text, textWidth } from "./svg.js";
import { THEME } from "./theme.js";

export interface ConfusionMatrixOptions {
  /** One per class; default the class index. */
  classNames?: readonly string[];
  title?: string;
  /** Write each cell as a percentage of its row (its true class) instead of a count. */
  normalize?: boolean;
  /** Pixels per cell; by default about 440 pixels for the whole grid, between 14 and 60 a cell. */
  cellSize?: number;
}

const FN = "confusionMatrixSvg";

/**
 * Cells are shaded by their share of the row, whether counts or percentages are written: shading
 * by raw count would let a large class outshine every error of a small one. The square-root ramp
 * makes a 1% confusion visibly tinted rather than white.
 */
const shade = scalePow<string>().exponent(0.5).domain([0, 0.5, 1]).range(["#f7fbff", "#6baed6", "#08306b"]);
const formatShare = tickFormat(0, 1, 1, ".0%");
const formatRecall = tickFormat(0, 1, 1, ".1%");

/** `matrix[trueClass][predictedClass]` counts, as ConfusionMatrix.toArray() gives them. */
export function confusionMatrixSvg(matrix: readonly (readonly number[])[], options: ConfusionMatrixOptions = {}): string {
  const n = checkMatrix(matrix);
  checkClassNames(FN, options.classNames, n);
  const names = Array.from({ length: n }, (_, i) => options.classNames?.[i] ?? String(i));
  const rowTotals = matrix.map((row) => row.reduce((a, b) => a + b, 0));
  const cell = options.cellSize ?? Math.min(60, Math.max(14, Math.floor(440 / n)));
  if (!(cell > 0)) throw new RangeError(`${FN}: options.cellSize must be a positive number of pixels, got ${cell}`);

  const columnLabels = layoutCategoryLabels(names, cell);
  const recallWidth = Math.max(textWidth("recall"), textWidth("100.0%")) + 12;
  const rowTicks = names.map((label, value) => ({ value, label }));
  const subtitle = options.normalize ? "each cell: share of its true class" : "each cell: count; shade: share of its true class";
  const margins = frameMargins({ title: options.title, subtitle, xLabel: "predicted", yLabel: "true", yTicks: rowTicks, xTickHeight: columnLabels.height, legendWidth: recallWidth });
  const area = { x: margins.left, y: margins.top, width: n * cell, height: n * cell };
  const size = { width: margins.left + area.width + margins.right, height: margins.top + area.height + margins.bottom };
  const rowCentre = scaleLinear().domain([-0.5, n - 0.5]).range([area.y, area.y + area.height]);

  const fontSize = Math.min(THEME.fontSize, Math.max(8, cell * 0.3));
  const cells: string[] = [];
  matrix.forEach((row, t) =>
    row.forEach((count, p) => {
      const share = rowTotals[t] === 0 ? 0 : count / rowTotals[t];
      const fill = shade(share);
      const x = area.x + p * cell;
      const y = area.y + t * cell;
      cells.push(element("rect", { class: "cell", x, y, width: cell, height: cell, fill, stroke: THEME.background, "stroke-width": 1 }));
      const label = options.normalize ? formatCellShare(share) : formatNumber(count);
      if (textWidth(label, fontSize) <= cell - 4) {
        const color = count === 0 ? "#b0b0b0" : readableOn(fill);
        cells.push(text(x + cell / 2, y + cell / 2, label, { anchor: "middle", baseline: "middle", size: fontSize, fill: color, className: "count" }));
      }
    }),
  );

  const recallX = area.x + area.width + 10;
  const recalls = matrix.map((row, t) => {
    const recall = rowTotals[t] === 0 ? "–" : formatRecall(row[t] / rowTotals[t]);
    return text(recallX, rowCentre(t), recall, { baseline: "middle", fill: THEME.mutedText, className: "recall" });
  });
  const body = [
    element("g", { class: "cells" }, cells.join("")),
    yAxis(rowCentre, area, rowTicks, { label: "true", grid: false, line: false }),
    categoryLabels(names, names.map((_, p) => area.x + (p + 0.5) * cell), area.y + area.height + TICK_GAP, columnLabels),
    xAxisLabel(area, "predicted", columnLabels.height),
    text(recallX, area.y - 6, "recall", { weight: 600, className: "recall-title" }),
    ...recalls,
    chartTitle(area, options.title, subtitle),
  ];
  return svgDocument(size, options.title, body);
}

function checkMatrix(matrix: readonly (readonly number[])[]): number {
  checkNonEmpty(FN, "matrix", matrix.length);
  const n = matrix.length;
  matrix.forEach((row, t) => {
    if (row.length !== n) throw new RangeError(`${FN}: row ${t} has ${row.length} entries, but a confusion matrix of ${n} classes is ${n}×${n}`);
    row.forEach((count, p) => {
      if (!Number.isFinite(count) || count < 0) throw new RangeError(`${FN}: matrix[${t}][${p}] is ${count}; counts must be finite and non-negative`);
    });
  });
  return n;
}

/** Percentages without decimals, except that rounding never hides a mistake: 0.1% is "<1%", 99.9% is ">99%". */
function formatCellShare(share: number): string {
  if (share === 0) return "0";
  if (share < 0.005) return "<1%";
  return share < 1 && share >= 0.995 ? ">99%" : formatShare(share);
}

/** Near-black or white, whichever contrasts more with the fill (WCAG relative luminance). */
function readableOn(fill: string): string {
  const [r, g, b] = (fill.match(/\d+/g) ?? []).map((c) => {
    const s = Number(c) / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  const luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  // Contrast with white is 1.05 / (L + 0.05), with near-black (L ≈ 0.016) (L + 0.05) / 0.066.
  return 1.05 / (luminance + 0.05) > (luminance + 0.05) / 0.066 ? "#ffffff" : THEME.text;
}
