// im2col and col2im over 1–3 spatial dimensions, for a range of output positions at a time so a
// convolution can work through its column matrix in cache-sized tiles.
//
// The geometry is GEOMETRY_SLOTS i32 at `geo` (layout/conv-slots.ts): always three spatial
// dimensions, field by field (GeometryField), each as [depth, height, width].
//
// The column matrix of `channels` input planes has one row per (channel, kd, kh, kw) tap and one
// column per output position p = (od·outH + oh)·outW + ow; a tile holds columns p0 … p1−1 of every
// row, rows `ld` floats apart. Entry (row, p) is the input element that tap multiplies at p, or 0
// where the window hangs over the padding.

import { GeometryField } from "../layout/conv-slots";

const IN = GeometryField.In;
const OUT = GeometryField.Out;
const KERNEL = GeometryField.Kernel;
const STRIDE = GeometryField.Stride;
const PADDING = GeometryField.Padding;
const DILATION = GeometryField.Dilation;

// @ts-ignore: decorator
@inline function field(geo: usize, which: i32, dim: i32): i32 {
  return load<i32>(geo + <usize>((which * 3 + dim) << 2));
}

/** Input elements per channel plane. */
export function inPlane(geo: usize): i32 {
  return field(geo, IN, 0) * field(geo, IN, 1) * field(geo, IN, 2);
}

/** Output positions per channel plane (columns of the column matrix). */
export function outPlane(geo: usize): i32 {
  return field(geo, OUT, 0) * field(geo, OUT, 1) * field(geo, OUT, 2);
}

/** Kernel taps (rows of the column matrix per channel). */
export function taps(geo: usize): i32 {
  return field(geo, KERNEL, 0) * field(geo, KERNEL, 1) * field(geo, KERNEL, 2);
}

/** A 1×1×1 window, stride 1, no padding: the input planes already are the column matrix. */
export function isPointwise(geo: usize): bool {
  for (let d = 0; d < 3; d++) {
    if (field(geo, KERNEL, d) != 1 || field(geo, STRIDE, d) != 1 || field(geo, PADDING, d) != 0) return false;
  }
  return true;
}

/** Write columns p0 … p1−1 of the column matrix of the `channels` planes at x into `cols`. */
export function im2col(geo: usize, x: usize, channels: i32, p0: i32, p1: i32, cols: usize, ld: i32): void {
  walkColumns(false, geo, x, channels, p0, p1, cols, ld);
}

/** The adjoint of im2col: add each column entry onto the input element it was read from, in x. */
export function col2im(geo: usize, x: usize, channels: i32, p0: i32, p1: i32, cols: usize, ld: i32): void {
  walkColumns(true, geo, x, channels, p0, p1, cols, ld);
}

/**
 * Visit every (row, output position) of the tile and either gather the input into the columns
 * (zeros over the padding) or, if `scatter`, add the columns back onto the input: one run of
 * consecutive output positions along the width at a time, or the whole row at once (flatRow)
 * where the geometry allows.
 */
function walkColumns(scatter: bool, geo: usize, x: usize, channels: i32, p0: i32, p1: i32, cols: usize, ld: i32): void {
  const inH = field(geo, IN, 1), inW = field(geo, IN, 2);
  const outH = field(geo, OUT, 1), outW = field(geo, OUT, 2);
  const sD = field(geo, STRIDE, 0), sH = field(geo, STRIDE, 1), sW = field(geo, STRIDE, 2);
  const pD = field(geo, PADDING, 0), pH = field(geo, PADDING, 1), pW = field(geo, PADDING, 2);
  const dD = field(geo, DILATION, 0), dH = field(geo, DILATION, 1), dW = field(geo, DILATION, 2);
  const kD = field(geo, KERNEL, 0), kH = field(geo, KERNEL, 1), kW = field(geo, KERNEL, 2);
  const inD = field(geo, IN, 0);
  const plane = inPlane(geo);
  const flat = inD == 1 && field(geo, OUT, 0) == 1 && sH == 1 && sW == 1 && inW == outW;
  const outHW = outH * outW;
  const firstD = p0 / outHW;
  const firstH = (p0 - firstD * outHW) / outW;
  const firstW = p0 - firstD * outHW - firstH * outW;
  let row = cols;
  for (let c = 0; c < channels; c++) {
    const channel = x + <usize>((c * plane) << 2);
    for (let kd = 0; kd < kD; kd++) {
      for (let kh = 0; kh < kH; kh++) {
        for (let kw = 0; kw < kW; kw++) {
          // Output columns ow in [owLo, owHi) read inside the input row: 0 ≤ ow·sW + shift < inW.
          const shift = kw * dW - pW;
          const owLo = shift >= 0 ? 0 : min(outW, (sW - 1 - shift) / sW);
          const span = inW - shift;
          const owHi = span <= 0 ? owLo : max(owLo, min(outW, (span + sW - 1) / sW));
          if (flat) {
            flatRow(scatter, channel, plane, inH, outH, outW, kh * dH - pH, shift, owLo, owHi, p0, p1, row);
            row += <usize>(ld << 2);
            continue;
          }
          let od = firstD, oh = firstH, ow = firstW;
          let col = row;
          for (let p = p0; p < p1;) {
            const end = min(outW, ow + (p1 - p));
            const id = od * sD - pD + kd * dD;
            const ih = oh * sH - pH + kh * dH;
            if (id >= 0 && id < inD && ih >= 0 && ih < inH) {
              const lo = min(end, max(ow, owLo));
              const hi = max(lo, min(end, owHi));
              const colLo = col + <usize>((lo - ow) << 2);
              const input = channel + <usize>((((id * inH + ih) * inW) + lo * sW + shift) << 2);
              if (scatter) {
                addInto(input, colLo, hi - lo, sW);
              } else {
                zero(col, lo - ow);
                gather(colLo, input, hi - lo, sW);
                zero(colLo + <usize>((hi - lo) << 2), end - hi);
              }
            } else if (!scatter) {
              zero(col, end - ow);
            }
            col += <usize>((end - ow) << 2);
            p += end - ow;
            ow = 0;
            if (++oh == outH) {
              oh = 0;
              od++;
            }
          }
          row += <usize>(ld << 2);
        }
      }
    }
  }
}

/**
 * One row of the tile for a 1-D or 2-D geometry with stride 1 and as wide an output as input
 * ("same" padding, say): output position q then reads input element q + delta of the plane, for
 * every q whose input row exists, so the row is one long copy (or add). The entries that crossed a
 * row edge into the neighbouring input row are padding: zeroed in the columns, after the copy when
 * gathering, before the add when scattering (which then adds zeros there). Positions whose
 * element would lie outside the plane are padding too, and are left out of the copy/add, so
 * nothing outside the plane is read or written.
 */
function flatRow(
  scatter: bool, channel: usize, plane: i32, inH: i32, outH: i32, width: i32,
  rowShift: i32, shift: i32, owLo: i32, owHi: i32, p0: i32, p1: i32, row: usize,
): void {
  const delta = rowShift * width + shift;
  // Output rows whose input row oh + rowShift exists, then clipped to the plane.
  const inside0 = max(p0, max(0, -rowShift) * width), inside1 = min(p1, min(outH, inH - rowShift) * width);
  const from = min(p1, max(inside0, -delta));
  const to = max(from, min(inside1, plane - delta));
  const col = row + <usize>((from - p0) << 2);
  const input = channel + <usize>((from + delta) << 2);
  if (!scatter) {
    zero(row, from - p0);
    gather(col, input, to - from, 1);
    zero(row + <usize>((to - p0) << 2), p1 - to);
  }
  if (owLo > 0 || owHi < width) {
    for (let start = from - from % width; start < to; start += width) {
      zeroRange(row, p0, max(from, start), min(to, start + owLo));
      zeroRange(row, p0, max(from, start + owHi), min(to, start + width));
    }
  }
  if (scatter) addInto(input, col, to - from, 1);
}

/** Zero the entries for positions [q0, q1) of a tile row that starts at position p0. */
// @ts-ignore: decorator
@inline function zeroRange(row: usize, p0: i32, q0: i32, q1: i32): void {
  for (let q = q0; q < q1; q++) store<f32>(row + <usize>((q - p0) << 2), 0);
}

// Runs are short (at most one output row), and memory.copy/fill cost a call each in V8: with
// the loops below, unfold ran up to 1.7× faster on LeNet's layers.

/** dst[i] = 0 for i < n (short runs: a store loop costs less than bulk memory's call). */
// @ts-ignore: decorator
@inline export function zero(dst: usize, n: i32): void {
  let i = 0;
  for (; i + 4 <= n; i += 4) v128.store(dst + <usize>(i << 2), i32x4.splat(0));
  for (; i < n; i++) store<f32>(dst + <usize>(i << 2), 0);
}

/** dst[i] = src[i·stride] for i < n. */
// @ts-ignore: decorator
@inline function gather(dst: usize, src: usize, n: i32, stride: i32): void {
  if (stride == 1 && n >= 4) {
    // Whole vectors, then one more ending at n, overlapping the last (no scalar tail).
    for (let i = 0; i < n - 4; i += 4) v128.store(dst + <usize>(i << 2), v128.load(src + <usize>(i << 2)));
    v128.store(dst + <usize>((n - 4) << 2), v128.load(src + <usize>((n - 4) << 2)));
    return;
  }
  for (let i = 0; i < n; i++) store<f32>(dst + <usize>(i << 2), load<f32>(src + <usize>((i * stride) << 2)));
}

/** dst[i·stride] += src[i] for i < n. */
// @ts-ignore: decorator
@inline function addInto(dst: usize, src: usize, n: i32, stride: i32): void {
  let i = 0;
  if (stride == 1) {
    for (; i + 4 <= n; i += 4) {
      const at = dst + <usize>(i << 2);
      v128.store(at, f32x4.add(v128.load(at), v128.load(src + <usize>(i << 2))));
    }
  }
  for (; i < n; i++) {
    const at = dst + <usize>((i * stride) << 2);
    store<f32>(at, load<f32>(at) + load<f32>(src + <usize>(i << 2)));
  }
}
