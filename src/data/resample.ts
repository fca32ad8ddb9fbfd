/** Bilinear resampling of square image planes, for generated scenes and the windows cut from them. */

/**
 * A rows×cols image sampled bilinearly from plane n of `images` (size×size planes) at `zoom`, its
 * top-left corner at point (x0, y0): output pixel (r, c) covers point (x0 + (c + ½)/zoom,
 * y0 + (r + ½)/zoom) in continuous coordinates, pixel centres aligned (PyTorch's
 * align_corners=false). Outside the plane is blank (0), or, with outside "edge", its nearest edge
 * pixel (as PyTorch's interpolate reads a border).
 */
export function resample(images: ArrayLike<number>, n: number, size: number, x0: number, y0: number, zoom: number, rows: number, cols: number, outside: "blank" | "edge" = "blank"): Float32Array {
  const out = new Float32Array(rows * cols);
  const base = n * size * size;
  const clamp = (i: number) => Math.min(size - 1, Math.max(0, i));
  const at = outside === "edge"
    ? (r: number, c: number) => images[base + clamp(r) * size + clamp(c)]
    : (r: number, c: number) => (r >= 0 && r < size && c >= 0 && c < size ? images[base + r * size + c] : 0);
  for (let r = 0; r < rows; r++) {
    const y = y0 + (r + 0.5) / zoom - 0.5;
    const r0 = Math.floor(y), wy = y - r0;
    for (let c = 0; c < cols; c++) {
      const x = x0 + (c + 0.5) / zoom - 0.5;
      const c0 = Math.floor(x), wx = x - c0;
      const top = at(r0, c0) * (1 - wx) + at(r0, c0 + 1) * wx;
      const bottom = at(r0 + 1, c0) * (1 - wx) + at(r0 + 1, c0 + 1) * wx;
      out[r * cols + c] = top * (1 - wy) + bottom * wy;
    }
  }
  return out;
}
