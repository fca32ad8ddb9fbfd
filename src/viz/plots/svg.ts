/** SVG markup primitives shared by the plots: XML escaping, elements, text, the document, number formatting. */
import { tickFormat } from "d3-scale";
import { THEME } from "./theme.js";

/** Text safe inside an XML element or a double-quoted attribute. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => XML_ENTITIES[c]);
}

const XML_ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&apos;" };

export type AttributeValue = string | number | undefined;

/**
 * One element. Attributes left undefined are omitted; numbers are rounded to 2 decimals (a
 * hundredth of a pixel is invisible and keeps the files small). `children` is markup, not text:
 * pass text through `escapeXml` or use `text()`.
 */
export function element(tag: string, attributes: Record<string, AttributeValue>, children?: string): string {
  const attrs = Object.entries(attributes)
    .filter(([, value]) => value !== undefined)
    .map(([name, value]) => ` ${name}="${typeof value === "number" ? roundCoordinate(value) : escapeXml(value as string)}"`)
    .join("");
  return children === undefined ? `<${tag}${attrs}/>` : `<${tag}${attrs}>${children}</${tag}>`;
}

export function roundCoordinate(value: number): number {
  return Math.round(value * 100) / 100;
}

export interface TextStyle {
  anchor?: "start" | "middle" | "end";
  /** "middle" centres the text on y, "top" hangs it below y; the default puts the baseline on y. */
  baseline?: "alphabetic" | "middle" | "top";
  size?: number;
  weight?: "normal" | "bold" | 600;
  fill?: string;
  /** Degrees, about (x, y). */
  rotate?: number;
  /** A white outline under the glyphs, so a label stays legible where it crosses lines. */
  halo?: boolean;
  className?: string;
}

// dy offsets rather than dominant-baseline, which some SVG renderers (librsvg, older Safari) ignore.
const BASELINE_SHIFT = { alphabetic: undefined, middle: "0.32em", top: "0.71em" } as const;

/** A text element; the content is escaped here. */
export function text(x: number, y: number, content: string, style: TextStyle = {}): string {
  return element(
    "text",
    {
      class: style.className,
      x,
      y,
      dy: BASELINE_SHIFT[style.baseline ?? "alphabetic"],
      "text-anchor": style.anchor === "start" ? undefined : style.anchor,
      "font-size": style.size === undefined || style.size === THEME.fontSize ? undefined : style.size,
      "font-weight": style.weight === undefined || style.weight === "normal" ? undefined : style.weight,
      fill: style.fill ?? THEME.text,
      stroke: style.halo ? THEME.background : undefined,
      "stroke-width": style.halo ? 3 : undefined,
      "stroke-linejoin": style.halo ? "round" : undefined,
      "paint-order": style.halo ? "stroke" : undefined,
      transform: style.rotate ? `rotate(${style.rotate} ${roundCoordinate(x)} ${roundCoordinate(y)})` : undefined,
    },
    escapeXml(content),
  );
}

/**
 * Roughly how wide a text is drawn, in pixels. SVG strings are built without a DOM to measure
 * with, so margins and legends are sized from the average advance of a sans-serif glyph (0.6 em
 * for DejaVu Sans, a little less for Helvetica and Segoe UI: erring wide keeps labels inside).
 */
export function textWidth(content: string, size: number = THEME.fontSize): number {
  return content.length * size * 0.6;
}

export interface ChartSize {
  width: number;
  height: number;
}

/** The whole document: a white background, the accessible title, the font, then the body. */
export function svgDocument(size: ChartSize, title: string | undefined, body: string[]): string {
  const accessibleTitle = title ? element("title", {}, escapeXml(title)) : "";
  const background = element("rect", { width: size.width, height: size.height, fill: THEME.background });
  const attributes = {
    xmlns: "http://www.w3.org/2000/svg",
    width: size.width,
    height: size.height,
    viewBox: `0 0 ${size.width} ${size.height}`,
    "font-family": THEME.fontFamily,
    "font-size": THEME.fontSize,
  };
  return element("svg", attributes, `\n${accessibleTitle}${background}\n${body.join("\n")}\n`) + "\n";
}

const formatInteger = tickFormat(0, 1, 1, ",d");
const formatLarge = tickFormat(0, 1, 1, ",.0f");
const formatSmall = tickFormat(0, 1, 1, ".3~g");

/**
 * A number for a label: integers with thousands separators (1,132), large values rounded (12,346),
 * others to three significant digits without trailing zeros (0.992, 0.000123). d3-format's "g"
 * alone would print 12345 as 1.23e+4.
 */
export function formatNumber(value: number): string {
  if (Number.isInteger(value)) return formatInteger(value);
  return Math.abs(value) >= 1000 ? formatLarge(value) : formatSmall(value);
}
