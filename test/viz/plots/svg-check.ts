/** Test helpers for SVG strings: a well-formedness check, element lookup, path points, and the axes' value-to-pixel maps. */
import assert from "node:assert/strict";

const TAG = /<(\/?)([A-Za-z][\w:.-]*)((?:\s+[\w:.-]+="[^"<]*")*)\s*(\/?)>/y;
const ENTITY = /^&(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);/;

/** Every tag closed in order, one root <svg>, attributes quoted and unique, `&` only in entities, no stray `<` or `>`. */
export function assertWellFormed(svg: string): void {
  const open: string[] = [];
  let roots = 0;
  let i = 0;
  while (i < svg.length) {
    const c = svg[i];
    if (c === "<") {
      TAG.lastIndex = i;
      const m = TAG.exec(svg);
      assert.ok(m, `malformed tag at ${i}: ${svg.slice(i, i + 60)}`);
      const [whole, closing, name, attrs, selfClosing] = m;
      checkAttributes(name, attrs);
      if (closing) assert.equal(open.pop(), name, `</${name}> at ${i} closes the wrong element`);
      else if (!selfClosing) {
        if (open.length === 0) roots++;
        open.push(name);
      } else if (open.length === 0) roots++;
      i += whole.length;
      continue;
    }
    if (c === "&") assert.ok(ENTITY.test(svg.slice(i, i + 12)), `bare & at ${i}: ${svg.slice(i, i + 20)}`);
    assert.notEqual(c, ">", `stray > at ${i}`);
    if (open.length === 0) assert.match(c, /\s/, `text outside the root element at ${i}`);
    i++;
  }
  assert.deepEqual(open, [], "elements left open");
  assert.equal(roots, 1, "one root element");
  assert.ok(svg.trimStart().startsWith("<svg"), "the root is <svg>");
}

function checkAttributes(tag: string, attrs: string): void {
  const names = [...attrs.matchAll(/([\w:.-]+)="([^"]*)"/g)].map(([, name, value]) => {
    for (const amp of value.matchAll(/&/g)) assert.ok(ENTITY.test(value.slice(amp.index)), `<${tag} ${name}> has a bare &`);
    return name;
  });
  assert.equal(new Set(names).size, names.length, `<${tag}> repeats an attribute: ${names.join(" ")}`);
}

export interface Element {
  attrs: Record<string, string>;
  /** The content, unescaped (for text elements, the text). */
  text: string;
}

/** The elements named `tag` (optionally of a class) in document order; not for elements nested in their own kind. */
export function elements(svg: string, tag: string, className?: string): Element[] {
  const pattern = new RegExp(`<${tag}((?:\\s+[\\w:.-]+="[^"]*")*)\\s*(?:/>|>([\\s\\S]*?)</${tag}>)`, "g");
  return [...svg.matchAll(pattern)]
    .map(([, attrs, content]) => ({
      attrs: Object.fromEntries([...attrs.matchAll(/([\w:.-]+)="([^"]*)"/g)].map(([, n, v]) => [n, unescapeXml(v)])),
      text: unescapeXml(content ?? ""),
    }))
    .filter((e) => className === undefined || e.attrs.class === className);
}

export function unescapeXml(s: string): string {
  return s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, "&");
}

export function num(e: Element, attribute: string): number {
  const value = Number(e.attrs[attribute]);
  assert.ok(Number.isFinite(value), `attribute ${attribute}="${e.attrs[attribute]}" is not a number`);
  return value;
}

/** The pieces of a path made of M and L commands (as d3.line writes it): one array of points per unbroken piece. */
export function pathPieces(d: string): [number, number][][] {
  const pieces: [number, number][][] = [];
  for (const [, command, x, y] of d.matchAll(/([ML])(-?[\d.]+),(-?[\d.]+)/g)) {
    if (command === "M") pieces.push([]);
    pieces[pieces.length - 1].push([Number(x), Number(y)]);
  }
  return pieces;
}

/** A tick label as a number ("1,500" → 1500, "−0.5" with d3's minus sign → −0.5, "90%" → 90). */
export function labelValue(label: string): number {
  return Number(label.replace(/−/g, "-").replace(/[,%]/g, ""));
}

/**
 * The axis' value-to-pixel map, read off two of its labelled ticks (so the test checks the marks
 * against the axis a reader sees, not against the chart's own scale object).
 */
export function axisMap(svg: string, axis: "x" | "y", { log = false } = {}): (value: number) => number {
  const ticks = elements(svg, "text", `${axis}-tick`)
    .filter((t) => t.text !== "")
    .map((t) => ({ value: labelValue(t.text), pixel: num(t, axis) }));
  assert.ok(ticks.length >= 2, `fewer than two labelled ${axis} ticks`);
  const first = ticks[0];
  const last = ticks[ticks.length - 1];
  const f = (v: number) => (log ? Math.log10(v) : v);
  const slope = (last.pixel - first.pixel) / (f(last.value) - f(first.value));
  return (value) => first.pixel + slope * (f(value) - f(first.value));
}

/** The plot area, from the two axis lines (left and bottom). */
export function plotArea(svg: string): { left: number; right: number; top: number; bottom: number } {
  const lines = elements(svg, "line", "axis");
  const vertical = lines.find((l) => l.attrs.x1 === l.attrs.x2);
  const horizontal = lines.find((l) => l.attrs.y1 === l.attrs.y2);
  assert.ok(vertical && horizontal, "both axis lines are drawn");
  return { left: num(vertical, "x1"), top: num(vertical, "y1"), bottom: num(vertical, "y2"), right: num(horizontal, "x2") };
}

export function assertNear(actual: number, expected: number, message: string, tolerance = 0.05): void {
  assert.ok(Math.abs(actual - expected) <= tolerance, `${message}: got ${actual}, expected ${expected} (±${tolerance})`);
}
