/** Names under a row of bands (bars, matrix columns), turned aslant when they are wider than their band. */
import { text, textWidth } from "./svg.js";
import { THEME } from "./theme.js";

const SLANT_DEGREES = 40;
const SLANT = (SLANT_DEGREES * Math.PI) / 180;

export interface CategoryLabelLayout {
  slanted: boolean;
  /** Pixels the labels take below their top. */
  height: number;
  /** Pixels the widest label can reach left of its band's centre. */
  reachLeft: number;
}

/** Upright when every name fits its band with a little air, else slanted; and the room they take. */
export function layoutCategoryLabels(names: readonly string[], band: number): CategoryLabelLayout {
  const widest = Math.max(0, ...names.map((n) => textWidth(n)));
  if (widest <= band - 4) return { slanted: false, height: THEME.fontSize + 4, reachLeft: widest / 2 };
  return { slanted: true, height: widest * Math.sin(SLANT) + THEME.fontSize, reachLeft: widest * Math.cos(SLANT) };
}

/** The names centred at `centres`, hanging from `top`. */
export function categoryLabels(names: readonly string[], centres: readonly number[], top: number, layout: CategoryLabelLayout): string {
  return names
    .map((name, i) =>
      layout.slanted
        ? text(centres[i] + 4, top + 4, name, { anchor: "end", baseline: "top", rotate: -SLANT_DEGREES, className: "category" })
        : text(centres[i], top, name, { anchor: "middle", baseline: "top", className: "category" }),
    )
    .join("");
}
