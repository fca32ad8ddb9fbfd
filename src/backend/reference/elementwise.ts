import type { BinaryOp, TensorData, UnaryOp } from "../kernels.js";
import type { DType } from "../../tensor/dtype.js";
import { allocate } from "../../tensor/dtype.js";
import { broadcastStrides, sameShape, sizeOf } from "../../tensor/shape.js";
import { forEachStrided, result } from "./util.js";

const unaryFns: Record<UnaryOp, (x: number) => number> = {
  neg: (x) => -x,
  abs: Math.abs,
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
  relu: (x) => (x > 0 ? x : 0),
  floor: Math.floor,
  ceil: Math.ceil,
  round: (x) => {
    // round half to even, as PyTorch does
    const r = Math.round(x);
    return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
  },
  // log(1 + e^x) without overflow
  softplus: (x) => (x > 20 ? x : x < -20 ? Math.exp(x) : Math.log1p(Math.exp(x))),
  step: (x) => (x > 0 ? 1 : 0),
  isnan: (x) => (Number.isNaN(x) ? 1 : 0),
};

export function unary(op: UnaryOp, x: TensorData): TensorData {
  const out = result(x.shape, op === "isnan" ? "int32" : x.dtype);
  const xv = x.values;
  const ov = out.values;
  const n = xv.length;
  switch (op) {
    // the hot ones get their own loops rather than a call per element
    case "relu":
      for (let i = 0; i < n; i++) ov[i] = xv[i] > 0 ? xv[i] : 0;
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

const binaryFns: Record<BinaryOp, (a: number, b: number) => number> = {
  add: (a, b) => a + b,
  sub: (a, b) => a - b,
  mul: (a, b) => a * b,
  div: (a, b) => a / b,
  pow: Math.pow,
  maximum: (a, b) => (Number.isNaN(a) || Number.isNaN(b) ? NaN : a > b ? a : b),
  minimum: (a, b) => (Number.isNaN(a) || Number.isNaN(b) ? NaN : a < b ? a : b),
  eq: (a, b) => (a === b ? 1 : 0),
  ne: (a, b) => (a !== b ? 1 : 0),
  lt: (a, b) => (a < b ? 1 : 0),
  le: (a, b) => (a <= b ? 1 : 0),
  gt: (a, b) => (a > b ? 1 : 0),
  ge: (a, b) => (a >= b ? 1 : 0),
};

export function binary(op: BinaryOp, a: TensorData, b: TensorData, outShape: readonly number[], outDtype: DType): TensorData {
  const out = result(outShape, outDtype);
  const ov = out.values;
  const av = a.values;
  const bv = b.values;
  const n = ov.length;
  if (outDtype === "int32" && op === "div") {
    // integer division truncates toward zero, like C (PyTorch's trunc mode); floats use "true" division
    const f = (x: number, y: number) => Math.trunc(x / y);
    return binaryGeneric(f, a, b, out);
  }
  if (sameShape(a.shape, b.shape)) {
    switch (op) {
      case "add": for (let i = 0; i < n; i++) ov[i] = av[i] + bv[i]; return out;
      case "sub": for (let i = 0; i < n; i++) ov[i] = av[i] - bv[i]; return out;
      case "mul": for (let i = 0; i < n; i++) ov[i] = av[i] * bv[i]; return out;
      case "div": for (let i = 0; i < n; i++) ov[i] = av[i] / bv[i]; return out;
      default: {
        const f = binaryFns[op];
        for (let i = 0; i < n; i++) ov[i] = f(av[i], bv[i]);
        return out;
      }
    }
  }
  if (bv.length === 1) {
    const s = bv[0];
    switch (op) {
      case "add": for (let i = 0; i < n; i++) ov[i] = av[i] + s; return out;
      case "sub": for (let i = 0; i < n; i++) ov[i] = av[i] - s; return out;
      case "mul": for (let i = 0; i < n; i++) ov[i] = av[i] * s; return out;
      case "div": for (let i = 0; i < n; i++) ov[i] = av[i] / s; return out;
      default: break;
    }
  }
  return binaryGeneric(binaryFns[op], a, b, out);
}

function binaryGeneric(f: (x: number, y: number) => number, a: TensorData, b: TensorData, out: TensorData): TensorData {
  const ov = out.values;
  const av = a.values;
  const bv = b.values;
  const strides = [broadcastStrides(a.shape, out.shape), broadcastStrides(b.shape, out.shape)];
  forEachStrided(out.shape, strides, (o, len, off, inner) => {
    let ia = off[0];
    let ib = off[1];
    const sa = inner[0];
    const sb = inner[1];
    for (let i = 0; i < len; i++, ia += sa, ib += sb) ov[o + i] = f(av[ia], bv[ib]);
  });
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
