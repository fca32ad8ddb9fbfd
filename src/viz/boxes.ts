/**
 * Boxes drawn on an image, for looking at a detector: each box an outline of its colour around the
 * box (outside it, so the ink inside stays visible), optionally with a digit label above it in a
 * 3×5 pixel font (a PNG has no text; this keeps labels legible without a font library).
 */
import { Tensor } from "../tensor/index.js";
import { imageSize, toRgb, type Image } from "./image.js";

export interface DrawnBox {
  /** Corners in image pixels: columns x1 ≤ x < x2, rows y1 ≤ y < y2. */
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  /** RGB in [0, 1]. */
  color: readonly [number, number, number];
  /** Outline width in pixels (default 1). */
  thickness?: number;
  /** Pixels left free between the box and its outline (default 0). */
  gap?: number;
  /** A digit 0–9 written above the box's top-left corner (below it at the image's top edge). */
  label?: number;
}

/** Rows of each digit's 3×5 glyph, one bit a pixel, most significant bit on the left. */
const DIGIT_GLYPHS = [
  [7, 5, 5, 5, 7], [2, 6, 2, 2, 7], [7, 1, 7, 4, 7], [7, 1, 7, 1, 7], [5, 5, 7, 1, 1],
  [7, 4, 7, 1, 7], [7, 4, 7, 5, 7], [7, 1, 1, 1, 1], [7, 5, 7, 5, 7], [7, 5, 7, 1, 7],
];
/** Each glyph pixel is drawn as a square this many pixels wide. */
const GLYPH_PIXEL = 2;

/** A copy of `image` (made RGB) with the boxes drawn on it, in order (a later box over an earlier one). */
export function drawBoxes(image: Image, boxes: readonly DrawnBox[]): Image {
  const { height, width } = imageSize(image, "drawBoxes");
  const out = new Float32Array(toRgb(image).values);
  const paint = (x: number, y: number, color: readonly number[]) => {
    if (x < 0 || y < 0 || x >= width || y >= height) return;
    out.set(color, 3 * (y * width + x));
  };
  boxes.forEach((box, i) => {
    const { color, thickness = 1, gap = 0, label } = box;
    if (!(box.x1 <= box.x2 && box.y1 <= box.y2)) throw new RangeError(`drawBoxes: box ${i} (${box.x1}, ${box.y1}, ${box.x2}, ${box.y2}) must have x1 ≤ x2 and y1 ≤ y2`);
    const [left, top] = [Math.round(box.x1) - gap - thickness, Math.round(box.y1) - gap - thickness];
    const [right, bottom] = [Math.round(box.x2) + gap + thickness, Math.round(box.y2) + gap + thickness]; // exclusive
    for (let y = top; y < bottom; y++) {
      for (let x = left; x < right; x++) {
        const inside = x >= left + thickness && x < right - thickness && y >= top + thickness && y < bottom - thickness;
        if (!inside) paint(x, y, color);
      }
    }
    if (label === undefined) return;
    if (!(Number.isInteger(label) && label >= 0 && label <= 9)) throw new RangeError(`drawBoxes: box ${i}'s label must be a digit 0–9, got ${label}`);
    const glyphHeight = 5 * GLYPH_PIXEL;
    const glyphTop = top - glyphHeight - 1 >= 0 ? top - glyphHeight - 1 : bottom + 1;
    DIGIT_GLYPHS[label].forEach((bits, row) => {
      for (let col = 0; col < 3; col++) {
        if (!((bits >> (2 - col)) & 1)) continue;
        for (let dy = 0; dy < GLYPH_PIXEL; dy++) for (let dx = 0; dx < GLYPH_PIXEL; dx++) paint(left + col * GLYPH_PIXEL + dx, glyphTop + row * GLYPH_PIXEL + dy, color);
      }
    });
  });
  return new Tensor(out, [height, width, 3]);
}
