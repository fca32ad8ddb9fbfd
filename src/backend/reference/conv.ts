/**
 * Convolution kernels (1–3 spatial dimensions) as im2col + the packed GEMM, one sample and one group
 * at a time so the column buffer stays small enough for the caches:
 *
 *   forward        out[n, g]   = W[g] · cols(x[n, g])          [Og, P] = [Og, Cg·K] · [Cg·K, P]
 *   input grad     cols        = W[g]ᵀ · gOut[n, g], then col2im (the transposed convolution)
 *   weight grad    gW[g]      += gOut[n, g] · cols(x[n, g])ᵀ    summed over the batch by the GEMM itself
 *
 * with Cg, Og the input/output channels of a group, K the kernel taps and P the output positions.
 * A pointwise (1×1, stride 1, unpadded) convolution uses the input planes as the columns directly.
 */
import type { ConvGeometry, FusedActivation, TensorData } from "../kernels.js";
import type { TypedArray } from "../../tensor/dtype.js";
import { allocate } from "../../tensor/dtype.js";
import { gemm, gemmScratch, type MatrixView } from "./gemm.js";
import { col2im, im2col, isPointwise, widen, type Geometry3 } from "./conv-im2col.js";
import { result } from "./util.js";

/** Sizes shared by the three kernels. */
interface Plan {
  g: Geometry3;
  batch: number;
  inChannels: number;
  outChannels: number;
  groups: number;
  /** Input and output channels per group. */
  cg: number;
  og: number;
  /** Rows of a group's column matrix: cg · taps. */
  rows: number;
  pointwise: boolean;
}

function plan(batch: number, inChannels: number, outChannels: number, geometry: ConvGeometry): Plan {
  const g = widen(geometry);
  const groups = geometry.groups;
  const cg = inChannels / groups;
  return {
    g, batch, inChannels, outChannels, groups, cg, og: outChannels / groups, rows: cg * g.taps, pointwise: isPointwise(g),
  };
}

const view = (values: TypedArray, offset: number, trans: boolean): MatrixView => ({ values, offset, trans });

/** Cross-correlation of x [N, C, …in] with weight [O, C/groups, …kernel], plus bias [O] if given. */
export function conv(x: TensorData, weight: TensorData, bias: TensorData | null, geometry: ConvGeometry, activation: FusedActivation = null): TensorData {
  const p = plan(x.shape[0], x.shape[1], weight.shape[0], geometry);
  const { g, og, rows } = p;
  const out = result([p.batch, p.outChannels, ...geometry.outSize], x.dtype);
  const ov = out.values;
  if (ov.length === 0) return out;
  const cols = p.pointwise ? null : allocate(x.dtype, rows * g.outPlane);
  const scratch = gemmScratch(og, rows, g.outPlane);
  for (let n = 0; n < p.batch; n++) {
    for (let grp = 0; grp < p.groups; grp++) {
      const outOff = (n * p.outChannels + grp * og) * g.outPlane;
      if (bias) for (let o = 0; o < og; o++) ov.fill(bias.values[grp * og + o], outOff + o * g.outPlane, outOff + (o + 1) * g.outPlane);
      const inOff = (n * p.inChannels + grp * p.cg) * g.inPlane;
      if (cols) im2col(x.values, inOff, p.cg, g, cols, 0);
      const columns = cols ? view(cols, 0, false) : view(x.values, inOff, false);
      gemm(view(weight.values, grp * og * rows, false), columns, ov, outOff, og, rows, g.outPlane, scratch);
    }
  }
  // ReLU keeps NaN, as the unary op does
  if (activation === "relu") for (let i = 0; i < ov.length; i++) if (ov[i] <= 0) ov[i] = 0;
  return out;
}

/**
 * The gradient of conv with respect to its input: gradOut [N, O, …out] carried back through weight
 * into zeros of [N, C, …inSize]. This is also the transposed convolution (ConvTranspose's forward).
 */
export function convGradInput(gradOut: TensorData, weight: TensorData, geometry: ConvGeometry): TensorData {
  const inChannels = weight.shape[1] * geometry.groups;
  const p = plan(gradOut.shape[0], inChannels, weight.shape[0], geometry);
  const { g, og, rows } = p;
  const out = result([p.batch, inChannels, ...geometry.inSize], gradOut.dtype);
  const gx = out.values;
  if (gx.length === 0 || gradOut.values.length === 0) return out;
  const cols = p.pointwise ? null : allocate(gradOut.dtype, rows * g.outPlane);
  const scratch = gemmScratch(rows, og, g.outPlane);
  for (let n = 0; n < p.batch; n++) {
    for (let grp = 0; grp < p.groups; grp++) {
      const gOff = (n * p.outChannels + grp * og) * g.outPlane;
      const inOff = (n * inChannels + grp * p.cg) * g.inPlane;
      const wT = view(weight.values, grp * og * rows, true);
      if (!cols) {
        gemm(wT, view(gradOut.values, gOff, false), gx, inOff, rows, og, g.outPlane, scratch);
        continue;
      }
      cols.fill(0);
      gemm(wT, view(gradOut.values, gOff, false), cols, 0, rows, og, g.outPlane, scratch);
      col2im(cols, 0, p.cg, g, gx, inOff);
    }
  }
  return out;
}

/** The gradient of conv with respect to its weight: [O, C/groups, …kernel], summed over the batch. */
export function convGradWeight(x: TensorData, gradOut: TensorData, geometry: ConvGeometry): TensorData {
  const p = plan(x.shape[0], x.shape[1], gradOut.shape[1], geometry);
  const { g, og, rows } = p;
  const out = result([p.outChannels, p.cg, ...geometry.kernel], x.dtype);
  const gw = out.values;
  if (gw.length === 0 || g.outPlane === 0) return out;
  const cols = p.pointwise ? null : allocate(x.dtype, rows * g.outPlane);
  const scratch = gemmScratch(og, g.outPlane, rows);
  for (let n = 0; n < p.batch; n++) {
    for (let grp = 0; grp < p.groups; grp++) {
      const inOff = (n * p.inChannels + grp * p.cg) * g.inPlane;
      if (cols) im2col(x.values, inOff, p.cg, g, cols, 0);
      const columnsT = cols ? view(cols, 0, true) : view(x.values, inOff, true);
      const gOff = (n * p.outChannels + grp * og) * g.outPlane;
      gemm(view(gradOut.values, gOff, false), columnsT, gw, grp * og * rows, og, g.outPlane, rows, scratch);
    }
  }
  return out;
}

/** torch.nn.functional.unfold for 1–3 spatial dims: x [N, C, …in] → columns [N, C·K, P]. */
export function unfold(x: TensorData, geometry: ConvGeometry): TensorData {
  const g = widen(geometry);
  const [batch, channels] = x.shape;
  const block = channels * g.taps * g.outPlane;
  const out = result([batch, channels * g.taps, g.outPlane], x.dtype);
  for (let n = 0; n < batch; n++) im2col(x.values, n * channels * g.inPlane, channels, g, out.values, n * block);
  return out;
}

/** torch.nn.functional.fold, unfold's adjoint: columns [N, C·K, P] summed back into [N, C, …inSize]. */
export function fold(cols: TensorData, geometry: ConvGeometry): TensorData {
  const g = widen(geometry);
  const batch = cols.shape[0];
  const channels = cols.shape[1] / g.taps;
  const block = cols.shape[1] * g.outPlane;
  const out = result([batch, channels, ...geometry.inSize], cols.dtype);
  for (let n = 0; n < batch; n++) col2im(cols.values, n * block, channels, g, out.values, n * channels * g.inPlane);
  return out;
}
