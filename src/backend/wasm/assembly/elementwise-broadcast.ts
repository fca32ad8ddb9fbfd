// Binary elementwise ops and `where` with broadcasting. The host coalesces the broadcast into as
// few dimensions as the layouts allow (src/backend/reference/util.ts coalesce), so the innermost
// dimension is a run along which every operand either steps by one element or stays put (stride 1
// or 0): same-shape and scalar operands make one long run, a bias row or a per-channel scale
// make runs of a row or a plane. Runs are vectorised; the outer dimensions are walked by odometer.
import { arg } from "./jobs";
import { BroadcastSlot } from "../layout/elementwise-slots";

// Op codes: the positions in BINARY_OPS of src/backend/wasm/elementwise-broadcast.ts.
const ADD = 0;
const SUB = 1;
const MUL = 2;
const DIV = 3;
const MAXIMUM = 4;
const MINIMUM = 5;
const EQ = 6;
const NE = 7;
const LT = 8;
const LE = 9;
const GT = 10;
const GE = 11;
const RELU_MASK = 12;

// @ts-ignore: decorator
@inline function applyBinary(op: i32, a: v128, b: v128): v128 {
  const one = i32x4.splat(1);
  switch (op) {
    case ADD: return f32x4.add(a, b);
    case SUB: return f32x4.sub(a, b);
    case MUL: return f32x4.mul(a, b);
    case DIV: return f32x4.div(a, b);
    // a > b || a is NaN ? a : b, exactly the reference's rule (NaN wins; ±0 ties go to b)
    case MAXIMUM: return v128.bitselect(a, b, v128.or(f32x4.gt(a, b), f32x4.ne(a, a)));
    case MINIMUM: return v128.bitselect(a, b, v128.or(f32x4.lt(a, b), f32x4.ne(a, a)));
    // comparisons give int32 lanes 1/0
    case EQ: return v128.and(f32x4.eq(a, b), one);
    case NE: return v128.and(f32x4.ne(a, b), one);
    case LT: return v128.and(f32x4.lt(a, b), one);
    case LE: return v128.and(f32x4.le(a, b), one);
    case GT: return v128.and(f32x4.gt(a, b), one);
    case GE: return v128.and(f32x4.ge(a, b), one);
    // a where b > 0 or NaN: zero where b ≤ 0
    case RELU_MASK: return v128.andnot(a, f32x4.le(b, f32x4.splat(0)));
    default: return a;
  }
}

/** Four lanes of an operand that steps by `stride` (1 or 0) elements along the run. */
// @ts-ignore: decorator
@inline function lanes(ptr: usize, stride: i32): v128 {
  return stride != 0 ? v128.load(ptr) : v128.load32_splat(ptr);
}

/** One run: out[i] = a[i·sa] ∘ b[i·sb] for i < n (strides in elements, 0 or 1). */
// @ts-ignore: decorator
@inline function binaryStream(op: i32, out: usize, a: usize, sa: i32, b: usize, sb: i32, n: i32): void {
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    v128.store(out, applyBinary(op, lanes(a, sa), lanes(b, sb)));
    out += 16;
    a += <usize>(sa << 4);
    b += <usize>(sb << 4);
  }
  for (; i < n; i++) {
    v128.store32_lane(out, applyBinary(op, v128.load32_splat(a), v128.load32_splat(b)), 0);
    out += 4;
    a += <usize>(sa << 2);
    b += <usize>(sb << 2);
  }
}

/** binaryStream with the strides as constants, so the loads need no test per step. */
// @ts-ignore: decorator
@inline function binaryRunOf(op: i32, out: usize, a: usize, sa: i32, b: usize, sb: i32, n: i32): void {
  // a broadcast binary op never has both strides 0 along its innermost dimension
  if (sb == 0) binaryStream(op, out, a, 1, b, 0, n);
  else if (sa == 0) binaryStream(op, out, a, 0, b, 1, n);
  else binaryStream(op, out, a, 1, b, 1, n);
}

function binaryRun(op: i32, out: usize, a: usize, sa: i32, b: usize, sb: i32, n: i32): void {
  switch (op) {
    case ADD: binaryRunOf(ADD, out, a, sa, b, sb, n); break;
    case SUB: binaryRunOf(SUB, out, a, sa, b, sb, n); break;
    case MUL: binaryRunOf(MUL, out, a, sa, b, sb, n); break;
    case DIV: binaryRunOf(DIV, out, a, sa, b, sb, n); break;
    case MAXIMUM: binaryRunOf(MAXIMUM, out, a, sa, b, sb, n); break;
    case MINIMUM: binaryRunOf(MINIMUM, out, a, sa, b, sb, n); break;
    case EQ: binaryRunOf(EQ, out, a, sa, b, sb, n); break;
    case NE: binaryRunOf(NE, out, a, sa, b, sb, n); break;
    case LT: binaryRunOf(LT, out, a, sa, b, sb, n); break;
    case LE: binaryRunOf(LE, out, a, sa, b, sb, n); break;
    case GT: binaryRunOf(GT, out, a, sa, b, sb, n); break;
    case GE: binaryRunOf(GE, out, a, sa, b, sb, n); break;
    case RELU_MASK: binaryRunOf(RELU_MASK, out, a, sa, b, sb, n); break;
  }
}

/** cond ≠ 0 as a lane mask; a float condition is false for ±0 only (NaN counts as true). */
// @ts-ignore: decorator
@inline function isTrue(cond: v128, condIsFloat: bool): v128 {
  return condIsFloat ? f32x4.ne(cond, f32x4.splat(0)) : i32x4.ne(cond, i32x4.splat(0));
}

/** One run of out[i] = cond[i·sc] ≠ 0 ? a[i·sa] : b[i·sb] (32-bit lanes of any dtype). */
function whereRun(condIsFloat: bool, out: usize, c: usize, sc: i32, a: usize, sa: i32, b: usize, sb: i32, n: i32): void {
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    v128.store(out, v128.bitselect(lanes(a, sa), lanes(b, sb), isTrue(lanes(c, sc), condIsFloat)));
    out += 16;
    c += <usize>(sc << 4);
    a += <usize>(sa << 4);
    b += <usize>(sb << 4);
  }
  for (; i < n; i++) {
    const picked = v128.bitselect(v128.load32_splat(a), v128.load32_splat(b), isTrue(v128.load32_splat(c), condIsFloat));
    v128.store32_lane(out, picked, 0);
    out += 4;
    c += <usize>(sc << 2);
    a += <usize>(sa << 2);
    b += <usize>(sb << 2);
  }
}

const BINARY = 0;
const WHERE = 1;

/**
 * Walk output elements from … to−1 of a broadcast op, run by run (a run is the innermost
 * dimension, or the part of it in range); slots: layout/elementwise-slots.ts.
 */
// @ts-ignore: decorator
@inline function walk(kind: i32, args: usize, from: i32, to: i32, counters: usize): void {
  const ndim = arg(args, BroadcastSlot.Ndim);
  const shape = <usize>arg(args, BroadcastSlot.Shape), strides = <usize>arg(args, BroadcastSlot.Strides);
  const out = <usize>arg(args, BroadcastSlot.Out);
  const p0 = <usize>arg(args, BroadcastSlot.In0), p1 = <usize>arg(args, BroadcastSlot.In1), p2 = <usize>arg(args, BroadcastSlot.In2);
  const last = ndim - 1;
  const inner = load<i32>(shape + <usize>(last << 2));
  const s0 = stride(strides, ndim, 0, last), s1 = stride(strides, ndim, 1, last), s2 = stride(strides, ndim, 2, last);
  // the odometer over the outer dimensions at `from`'s run, and each operand's offset (in
  // elements) at the start of that run: o0…o2
  let o0 = 0, o1 = 0, o2 = 0;
  let run = from / inner;
  for (let d = last - 1; d >= 0; d--) {
    const size = load<i32>(shape + <usize>(d << 2));
    const c = run % size;
    run /= size;
    store<i32>(counters + <usize>(d << 2), c);
    o0 += c * stride(strides, ndim, 0, d);
    o1 += c * stride(strides, ndim, 1, d);
    o2 += c * stride(strides, ndim, 2, d);
  }
  let skip = from % inner;
  for (let pos = from; pos < to; ) {
    const n = min(inner - skip, to - pos);
    const at = out + <usize>(pos << 2);
    const a0 = p0 + <usize>((o0 + skip * s0) << 2), a1 = p1 + <usize>((o1 + skip * s1) << 2);
    if (kind == BINARY) binaryRun(arg(args, BroadcastSlot.Op), at, a0, s0, a1, s1, n);
    else whereRun(arg(args, BroadcastSlot.CondIsFloat) != 0, at, a0, s0, a1, s1, p2 + <usize>((o2 + skip * s2) << 2), s2, n);
    pos += n;
    skip = 0;
    // advance the odometer over the outer dimensions
    for (let d = last - 1; d >= 0; d--) {
      const size = load<i32>(shape + <usize>(d << 2));
      const c = load<i32>(counters + <usize>(d << 2)) + 1;
      const t0 = stride(strides, ndim, 0, d), t1 = stride(strides, ndim, 1, d), t2 = stride(strides, ndim, 2, d);
      if (c < size) {
        store<i32>(counters + <usize>(d << 2), c);
        o0 += t0;
        o1 += t1;
        o2 += t2;
        break;
      }
      store<i32>(counters + <usize>(d << 2), 0);
      o0 -= t0 * (size - 1);
      o1 -= t1 * (size - 1);
      o2 -= t2 * (size - 1);
    }
  }
}

/** Output elements chunk·perChunk … of the op: `kind` BINARY or WHERE, each thread with its own odometer. */
// @ts-ignore: decorator
@inline function walkChunk(kind: i32, args: usize, chunk: i32, worker: i32): void {
  const total = arg(args, BroadcastSlot.Total), perChunk = arg(args, BroadcastSlot.PerChunk);
  const counters = <usize>arg(args, BroadcastSlot.Counters) + <usize>((worker * arg(args, BroadcastSlot.Ndim)) << 2);
  walk(kind, args, chunk * perChunk, min(total, (chunk + 1) * perChunk), counters);
}

// @ts-ignore: decorator
@inline function stride(strides: usize, ndim: i32, operand: i32, d: i32): i32 {
  return load<i32>(strides + <usize>((operand * ndim + d) << 2));
}

/** out = a ∘ b broadcast (see walk for the slots; in2 unused). */
export function binaryBroadcastChunk(args: usize, chunk: i32, worker: i32): void {
  walkChunk(BINARY, args, chunk, worker);
}

/** out = cond ? a : b broadcast, in0 = cond (see walk for the slots). */
export function whereBroadcastChunk(args: usize, chunk: i32, worker: i32): void {
  walkChunk(WHERE, args, chunk, worker);
}
