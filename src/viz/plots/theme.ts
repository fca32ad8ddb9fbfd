/** The look shared by every plot: fonts, greys, default sizes and the categorical palettes. */

export const THEME = {
  /** The platform's UI font wherever the SVG is shown, falling back to any sans-serif. */
  fontFamily: "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, 'DejaVu Sans', sans-serif",
  fontSize: 12,
  smallFontSize: 11,
  titleSize: 15,
  text: "#222222",
  mutedText: "#666666",
  axis: "#888888",
  grid: "#e8e8e8",
  background: "#ffffff",
  lineWidth: 2,
  dash: "6 4",
} as const;

export const DEFAULT_SIZE = { width: 640, height: 400 } as const;

/**
 * Okabe & Ito's palette (2008), told apart under every common colour-vision deficiency; ordered
 * so the first colours are the strongest on white, with its yellow last (faint as a thin line).
 */
const OKABE_ITO = ["#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000", "#F0E442"];

/**
 * Tableau 10, for nine or ten categories (ten digit classes), where Okabe–Ito runs out; chosen by
 * Tableau for distinctness and mostly safe for deuteranopia. Beyond ten, colours repeat.
 */
const TABLEAU_10 = ["#4E79A7", "#F28E2B", "#E15759", "#76B7B2", "#59A14F", "#EDC948", "#B07AA1", "#FF9DA7", "#9C755F", "#BAB0AC"];

/** Colours for `count` categories, one each (repeating past ten). */
export function categoricalColors(count: number): string[] {
  const palette = count <= OKABE_ITO.length ? OKABE_ITO : TABLEAU_10;
  return Array.from({ length: count }, (_, i) => palette[i % palette.length]);
}
