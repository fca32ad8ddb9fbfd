import type { BinaryOp, TensorData, UnaryOp } from "../kernels.js";
import type { DType, TypedArray } from "../../tensor/dtype.js";
import { allocate } from "../../tensor/dtype.js";
import { broadcastStrides, sizeOf } from "../../tensor/shape.js";
import { erf } from "./erf.js";
import { forEachStrided, result } from "./util.js";

const unaryFns: Record<UnaryOp, (x: number) => number> = {
  neg: (x) => -x,
  abs: Math.abs,
  // NaN has sign 0 in PyTorch
  sign: (x) => (x > 0 ? 1 : x < 0 ? -1 : 0),
  exp: Math.exp,
  log: Math.log,
  log1p: Math.log1p,
  expm1: Math.expm1,
  sqrt: Math.sqrt,
  rsqrt: (x) => 1 / Math.sqrt(x),
  square: (x) => x * x,
  reciprocal: (x) => 1 / x,
  sin: Math.sin,
  cos: Math.cos,
  tanh: Math.tanh,
  sigmoid: (x) => (x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x))),
  // NaN passes through, as in PyTorch
  relu: (x) => (x <= 0 ? 0 : x),
  floor: Math.floor,
  ceil: Math.ceil,
  trunc: Math.trunc,
  round: (x) => {
    // round half to even, as PyTorch does
    const r = Math.round(x);
    return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
  },
  // log(1 + e^x) without overflow
  softplus: (x) => (x > 20 ? x : x < -20 ? Math.exp(x) : Math.log1p(Math.exp(x))),
  // relu's derivative; NaN counts as positive, so relu passes a gradient through NaN as PyTorch does
  step: (x) => (x <= 0 ? 0 : 1),
  isnan: (x) => (Number.isNaN(x) ? 1 : 0),
  erf,
};

export function unary(op: UnaryOp, x: TensorData): TensorData {
  const out = result(x.shape, op === "isnan" ? "int32" : x.dtype);
  const xv = x.values;
  const ov = out.values;
  const n = xv.length;
  switch (op) {
    // the hot ones get their own loops rather than a call per element
    case "relu":
      for (let i = 0; i < n; i++) ov[i] = xv[i] <= 0 ? 0 : xv[i];
      break;
    case "tanh":
      for (let i = 0; i < n; i++) ov[i] = Math.tanh(xv[i]);
      break;
    case "exp":
      for (let i = 0; i < n; i++) ov[i] = Math.exp(xv[i]);
      break;
    default: {
      const f = unaryFns[op];
      for (let i = 0; i < n; i++) ov[i] = f(xv[i]);
    }
  }
  return out;
}

export function clamp(x: TensorData, lo: number, hi: number): TensorData {
  const out = result(x.shape, x.dtype);
  const xv = x.values;
  const ov = out.values;
  for (let i = 0; i < xv.length; i++) {
    const v = xv[i];
    ov[i] = v < lo ? lo : v > hi ? hi : v;
  }
  return out;
}

/**
 * One run of a binary op: out[o + i] = a[ia + i·sa] ∘ b[ib + i·sb]. A loop per op, rather than a
 * shared loop calling op(a, b), so each stays monomorphic and the engine can inline the arithmetic;
 * with dimensions coalesced, same-shape, scalar, bias-row and column cases are all long runs.
 */
type BinaryRun = (
  out: TypedArray, o: number, av: TypedArray, ia: number, sa: number, bv: TypedArray, ib: number, sb: number, n: number,
) => void;

const binaryRuns: Record<BinaryOp, BinaryRun> = {
  add: (out, o, av, ia, sa, bv, ib, sb, n) => { for (let i = 0; i < n; i++, ia += sa, ib += sb) out[o + i] = av[ia] + bv[ib]; },
  sub: (out, o, av, ia, sa, bv, ib, sb, n) => { for (let i = 0; i < n; i++, ia += sa, ib += sb) out[o + i] = av[ia] - bv[ib]; },
  mul: (out, o, av, ia, sa, bv, ib, sb, n) => { for (let i = 0; i < n; i++, ia += sa, ib += sb) out[o + i] = av[ia] * bv[ib]; },
  div: (out, o, av, ia, sa, bv, ib, sb, n) => { for (let i = 0; i < n; i++, ia += sa, ib += sb) out[o + i] = av[ia] / bv[ib]; },
  pow: (out, o, av, ia, sa, bv, ib, sb, n) => { for (let i = 0; i < n; i++, ia += sa, ib += sb) out[o + i] = Math.pow(av[ia], bv[ib]); },
  maximum: (out, o, av, ia, sa, bv, ib, sb, n) => {
    // NaN propagates, as in PyTorch
    for (let i = 0; i < n; i++, ia += sa, ib += sb) {
      const x = av[ia];
      const y = bv[ib];
      out[o + i] = x > y || x !== x ? x : y;
    }
  },
  minimum: (out, o, av, ia, sa, bv, ib, sb, n) => {
    for (let i = 0; i < n; i++, ia += sa, ib += sb) {
      const x = av[ia];
      const y = bv[ib];
      out[o + i] = x < y || x !== x ? x : y;
    }
  },
  eq: (out, o, av, ia, sa, bv, ib, sb, n) => { for (let i = 0; i < n; i++, ia += sa, ib += sb) out[o + i] = av[ia] === bv[ib] ? 1 : 0; },
  ne: (out, o, av, ia, sa, bv, ib, sb, n) => { for (let i = 0; i < n; i++, ia += sa, ib += sb) out[o + i] = av[ia] !== bv[ib] ? 1 : 0; },
  lt: (out, o, av, ia, sa, bv, ib, sb, n) => { for (let i = 0; i < n; i++, ia += sa, ib += sb) out[o + i] = av[ia] < bv[ib] ? 1 : 0; },
  le: (out, o, av, ia, sa, bv, ib, sb, n) => { for (let i = 0; i < n; i++, ia += sa, ib += sb) out[o + i] = av[ia] <= bv[ib] ? 1 : 0; },
  gt: (out, o, av, ia, sa, bv, ib, sb, n) => { for (let i = 0; i < n; i++, ia += sa, ib += sb) out[o + i] = av[ia] > bv[ib] ? 1 : 0; },
  ge: (out, o, av, ia, sa, bv, ib, sb, n) => { for (let i = 0; i < n; i++, ia += sa, ib += sb) out[o + i] = av[ia] >= bv[ib] ? 1 : 0; },
  reluMask: (out, o, av, ia, sa, bv, ib, sb, n) => { for (let i = 0; i < n; i++, ia += sa, ib += sb) out[o + i] = bv[ib] <= 0 ? 0 : av[ia]; },
};

export function binary(op: BinaryOp, a: TensorData, b: TensorData, outShape: readonly number[], outDtype: DType): TensorData {
  const out = result(outShape, outDtype);
  const run = binaryRuns[op];
  const ov = out.values;
  const av = a.values;
  const bv = b.values;
  const strides = [broadcastStrides(a.shape, outShape), broadcastStrides(b.shape, outShape)];
  forEachStrided(outShape, strides, (o, len, off, inner) => run(ov, o, av, off[0], inner[0], bv, off[1], inner[1], len));
  return out;
}

export function where(cond: TensorData, a: TensorData, b: TensorData, outShape: readonly number[], outDtype: DType): TensorData {
  const out = result(outShape, outDtype);
  const ov = out.values;
  const cv = cond.values;
  const av = a.values;
  const bv = b.values;
  const strides = [cond.shape, a.shape, b.shape].map((s) => broadcastStrides(s, outShape));
  forEachStrided(outShape, strides, (o, len, off, inner) => {
    let ic = off[0];
    let ia = off[1];
    let ib = off[2];
    for (let i = 0; i < len; i++, ic += inner[0], ia += inner[1], ib += inner[2]) ov[o + i] = cv[ic] !== 0 ? av[ia] : bv[ib];
  });
  return out;
}

export function cast(x: TensorData, dtype: DType): TensorData {
  const values = allocate(dtype, sizeOf(x.shape));
  if (dtype === "int32") {
    // truncate toward zero like PyTorch's .int()
    for (let i = 0; i < values.length; i++) values[i] = Math.trunc(x.values[i]);
  } else values.set(x.values);
  return result(x.shape, dtype, values);
}
