/**
 * im2col and col2im for convolutions over 1, 2 or 3 spatial dimensions. Every geometry is first
 * widened to three spatial dimensions (a missing leading dimension has size 1, kernel 1, stride 1,
 * no padding), so one pair of loops serves Conv1d, Conv2d and Conv3d.
 *
 * The column matrix of `channels` input planes is [channels·K, P] row-major, K = kD·kH·kW kernel
 * taps and P = outD·outH·outW output positions: row (c, kd, kh, kw) holds, for every output
 * position, the input element that tap multiplies (0 where the window hangs over the padding).
 * Within a row the valid output columns are worked out once, so the innermost loop is a plain
 * strided copy with no bounds test.
 */
import type { ConvGeometry } from "../kernels.js";
import type { TypedArray } from "../../tensor/dtype.js";

/** A ConvGeometry widened to exactly three spatial dimensions ([depth, height, width]). */
export interface Geometry3 {
  readonly inSize: readonly number[];
  readonly outSize: readonly number[];
  readonly kernel: readonly number[];
  readonly stride: readonly number[];
  readonly padding: readonly number[];
  readonly dilation: readonly number[];
  /** Input elements per channel plane (inD·inH·inW). */
  readonly inPlane: number;
  /** Output positions (outD·outH·outW). */
  readonly outPlane: number;
  /** Kernel taps (kD·kH·kW). */
  readonly taps: number;
}

const product = (xs: readonly number[]) => xs.reduce((n, x) => n * x, 1);

export function widen(geometry: ConvGeometry): Geometry3 {
  const lead = 3 - geometry.kernel.length;
  const fill = <T>(xs: readonly T[], value: T) => [...new Array<T>(lead).fill(value), ...xs];
  const inSize = fill(geometry.inSize, 1);
  const outSize = fill(geometry.outSize, 1);
  const kernel = fill(geometry.kernel, 1);
  return {
    inSize, outSize, kernel,
    stride: fill(geometry.stride, 1),
    padding: fill(geometry.padding, 0),
    dilation: fill(geometry.dilation, 1),
    inPlane: product(inSize),
    outPlane: product(outSize),
    taps: product(kernel),
  };
}

/**
 * A 1×1 window with stride 1 and no padding reads every input element once, in order: the input
 * planes already are the column matrix, and im2col can be skipped.
 */
export function isPointwise(g: Geometry3): boolean {
  return g.taps === 1 && g.stride.every((s) => s === 1) && g.padding.every((p) => p === 0);
}

/** First output index o ≥ 0 whose input index o·stride + shift is ≥ 0, clamped to [0, out]. */
function firstValid(shift: number, stride: number, out: number): number {
  return shift >= 0 ? 0 : Math.min(out, Math.ceil(-shift / stride));
}

/** One past the last output index whose input index o·stride + shift is < size, clamped to [lo, out]. */
function endValid(shift: number, stride: number, size: number, lo: number, out: number): number {
  return Math.max(lo, Math.min(out, Math.ceil((size - shift) / stride)));
}

/**
 * Write the column matrix of `channels` planes of `src` (starting at srcOff) into `cols` from
 * colsOff. Every element of the [channels·taps, outPlane] block is written (zeros included).
 */
export function im2col(src: TypedArray, srcOff: number, channels: number, g: Geometry3, cols: TypedArray, colsOff: number): void {
  const [inD, inH, inW] = g.inSize;
  const [outD, outH, outW] = g.outSize;
  const [kD, kH, kW] = g.kernel;
  const [sD, sH, sW] = g.stride;
  const [pD, pH, pW] = g.padding;
  const [dD, dH, dW] = g.dilation;
  let dst = colsOff;
  for (let c = 0; c < channels; c++) {
    const plane = srcOff + c * g.inPlane;
    for (let kd = 0; kd < kD; kd++) {
      for (let kh = 0; kh < kH; kh++) {
        for (let kw = 0; kw < kW; kw++) {
          const wShift = kw * dW - pW;
          const owLo = firstValid(wShift, sW, outW);
          const owHi = endValid(wShift, sW, inW, owLo, outW);
          for (let od = 0; od < outD; od++) {
            const id = od * sD - pD + kd * dD;
            for (let oh = 0; oh < outH; oh++, dst += outW) {
              const ih = oh * sH - pH + kh * dH;
              if (id < 0 || id >= inD || ih < 0 || ih >= inH) {
                cols.fill(0, dst, dst + outW);
                continue;
              }
              const row = plane + (id * inH + ih) * inW + wShift;
              for (let ow = 0; ow < owLo; ow++) cols[dst + ow] = 0;
              if (sW === 1) {
                for (let ow = owLo; ow < owHi; ow++) cols[dst + ow] = src[row + ow];
              } else {
                for (let ow = owLo, s = row + owLo * sW; ow < owHi; ow++, s += sW) cols[dst + ow] = src[s];
              }
              for (let ow = owHi; ow < outW; ow++) cols[dst + ow] = 0;
            }
          }
        }
      }
    }
  }
}

/**
 * The adjoint of im2col: add each entry of the column block at colsOff back onto the input element
 * it was read from, in `dst` from dstOff (which the caller has zeroed or wants accumulated into).
 */
export function col2im(cols: TypedArray, colsOff: number, channels: number, g: Geometry3, dst: TypedArray, dstOff: number): void {
  const [inD, inH, inW] = g.inSize;
  const [outD, outH, outW] = g.outSize;
  const [kD, kH, kW] = g.kernel;
  const [sD, sH, sW] = g.stride;
  const [pD, pH, pW] = g.padding;
  const [dD, dH, dW] = g.dilation;
  let src = colsOff;
  for (let c = 0; c < channels; c++) {
    const plane = dstOff + c * g.inPlane;
    for (let kd = 0; kd < kD; kd++) {
      for (let kh = 0; kh < kH; kh++) {
        for (let kw = 0; kw < kW; kw++) {
          const wShift = kw * dW - pW;
          const owLo = firstValid(wShift, sW, outW);
          const owHi = endValid(wShift, sW, inW, owLo, outW);
          for (let od = 0; od < outD; od++) {
            const id = od * sD - pD + kd * dD;
            for (let oh = 0; oh < outH; oh++, src += outW) {
              const ih = oh * sH - pH + kh * dH;
              if (id < 0 || id >= inD || ih < 0 || ih >= inH) continue;
              const row = plane + (id * inH + ih) * inW + wShift;
              if (sW === 1) {
                for (let ow = owLo; ow < owHi; ow++) dst[row + ow] += cols[src + ow];
              } else {
                for (let ow = owLo, d = row + owLo * sW; ow < owHi; ow++, d += sW) dst[d] += cols[src + ow];
              }
            }
          }
        }
      }
    }
  }
}
