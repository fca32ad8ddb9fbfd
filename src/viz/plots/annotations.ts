/** Annotations drawn over a line chart: a boxed note in a corner, and a bracket marking the gap between two series. */
import type { Area } from "./axes.js";
import { element, text, textWidth } from "./svg.js";
import { THEME } from "./theme.js";

export type Corner = "top-left" | "top-right" | "bottom-left" | "bottom-right";

/** A few lines of text in a box in a corner of the plot area. */
export interface NoteAnnotation {
  kind: "note";
  text: string | string[];
  /** Default "top-right". */
  corner?: Corner;
}

/** A vertical bracket at `x` from series `from` to series `to` (by name), labelled beside it. */
export interface GapAnnotation {
  kind: "gap";
  x: number;
  from: string;
  to: string;
  label?: string;
}

export type LineAnnotation = NoteAnnotation | GapAnnotation;

const LINE_HEIGHT = 16;
const PADDING = 8;
const INSET = 8;

export function drawNote(note: NoteAnnotation, area: Area): string {
  const lines = typeof note.text === "string" ? [note.text] : note.text;
  const width = Math.max(...lines.map((l) => textWidth(l))) + 2 * PADDING;
  const height = lines.length * LINE_HEIGHT + 2 * PADDING - 4;
  const corner = note.corner ?? "top-right";
  const left = corner.endsWith("left") ? area.x + INSET : area.x + area.width - INSET - width;
  const top = corner.startsWith("top") ? area.y + INSET : area.y + area.height - INSET - height;
  const box = element("rect", { x: left, y: top, width, height, rx: 3, fill: THEME.background, "fill-opacity": 0.9, stroke: THEME.grid });
  const rows = lines.map((l, i) => text(left + PADDING, top + PADDING + i * LINE_HEIGHT, l, { baseline: "top" }));
  return element("g", { class: "note" }, box + rows.join(""));
}

const BRACKET_ARM = 5;

/**
 * The bracket between pixel heights yFrom and yTo at pixel column x, opening towards the data on
 * its left, with the label on the left where it fits (between the two curves, where the gap
 * leaves room) or else on the right.
 */
export function drawGap(label: string | undefined, x: number, yFrom: number, yTo: number, area: Area): string {
  const bracket = element("path", {
    d: `M${x - BRACKET_ARM},${yFrom}H${x}V${yTo}H${x - BRACKET_ARM}`,
    fill: "none",
    stroke: THEME.text,
    "stroke-width": 1.25,
  });
  if (!label) return element("g", { class: "gap" }, bracket);
  const fitsLeft = x - BRACKET_ARM - 6 - textWidth(label) >= area.x;
  const labelX = fitsLeft ? x - BRACKET_ARM - 6 : x + 6;
  // A gap narrower than a line of text has no room inside it: the label goes above its upper end.
  const roomInside = Math.abs(yFrom - yTo) >= THEME.fontSize + 6;
  const labelY = roomInside ? (yFrom + yTo) / 2 : Math.min(yFrom, yTo) - 6;
  const caption = text(labelX, labelY, label, {
    anchor: fitsLeft ? "end" : "start",
    baseline: roomInside ? "middle" : "alphabetic",
    weight: 600,
    halo: true,
    className: "gap-label",
  });
  return element("g", { class: "gap" }, bracket + caption);
}

/**
 * The series' y at x, interpolated linearly between the points either side of it; undefined
 * where x is outside the series or beside a missing point.
 */
export function valueAt(points: readonly (readonly [number, number | null])[], x: number): number | undefined {
  for (let i = 0; i < points.length; i++) {
    const [x0, y0] = points[i];
    if (x0 === x) return y0 !== null && Number.isFinite(y0) ? y0 : undefined;
    const next = points[i + 1];
    if (next && x0 < x && x < next[0]) {
      const [x1, y1] = next;
      if (y0 === null || y1 === null || !Number.isFinite(y0) || !Number.isFinite(y1)) return undefined;
      return y0 + ((y1 - y0) * (x - x0)) / (x1 - x0);
    }
  }
  return undefined;
}
