// The fused LSTM cell, forward and backward, four hidden units at a time. A row of gates (one
// batch entry) holds the blocks i, f, g, o of `hidden` floats each; the activations are laid out
// the same way, and rows of c, h and tanh(c′) hold `hidden` floats. Jobs split the batch into
// chunks of rows.
import { arg } from "./jobs";
import { LstmBackwardSlot, LstmSlot } from "../layout/row-slots";
import { sigmoidV as sigmoid, tanhV as tanh } from "./math";

// @ts-ignore: decorator
@inline function splat(x: f32): v128 {
  return f32x4.splat(x);
}

/** Four floats at p, or (the ragged end of a block) one, in every lane. */
// @ts-ignore: decorator
@inline function load4(p: usize, full: bool): v128 {
  return full ? v128.load(p) : v128.load32_splat(p);
}

/** Four lanes to p, or (the ragged end of a block) lane 0 only. */
// @ts-ignore: decorator
@inline function store4(p: usize, v: v128, full: bool): void {
  if (full) v128.store(p, v);
  else v128.store32_lane(p, v, 0);
}

/** Units j … j+3 (or j alone, if !full) of one row: pointers are the row's starts, `block` the bytes of one gate block. */
// @ts-ignore: decorator
@inline function forwardUnits(gates: usize, c: usize, h: usize, cNext: usize, acts: usize, tanhC: usize, block: usize, j: i32, full: bool): void {
  const gj = gates + <usize>(j << 2);
  const aj = acts + <usize>(j << 2);
  const k = <usize>(j << 2);
  const i = sigmoid(load4(gj, full));
  const f = sigmoid(load4(gj + block, full));
  const g = tanh(load4(gj + 2 * block, full));
  const o = sigmoid(load4(gj + 3 * block, full));
  const cn = f32x4.add(f32x4.mul(f, load4(c + k, full)), f32x4.mul(i, g));
  const tc = tanh(cn);
  store4(aj, i, full);
  store4(aj + block, f, full);
  store4(aj + 2 * block, g, full);
  store4(aj + 3 * block, o, full);
  store4(cNext + k, cn, full);
  store4(tanhC + k, tc, full);
  store4(h + k, f32x4.mul(o, tc), full);
}

/**
 * Forward rows [chunk·rowsPerChunk, …). Slots: batch hidden rowsPerChunk gates c h cNext
 * activations tanhC.
 */
export function lstmCellChunk(args: usize, chunk: i32, worker: i32): void {
  const batch = arg(args, LstmSlot.Batch), hidden = arg(args, LstmSlot.Hidden), rows = arg(args, LstmSlot.RowsPerChunk);
  const block = <usize>(hidden << 2);
  for (let b = chunk * rows, end = min(batch, b + rows); b < end; b++) {
    const row = <usize>(b * hidden) << 2;
    const gateRow = row << 2;
    const gates = <usize>arg(args, LstmSlot.Gates) + gateRow, acts = <usize>arg(args, LstmSlot.Activations) + gateRow;
    const c = <usize>arg(args, LstmSlot.C) + row, h = <usize>arg(args, LstmSlot.H) + row;
    const cNext = <usize>arg(args, LstmSlot.CNext) + row, tanhC = <usize>arg(args, LstmSlot.TanhC) + row;
    let j = 0;
    for (; j + 4 <= hidden; j += 4) forwardUnits(gates, c, h, cNext, acts, tanhC, block, j, true);
    for (; j < hidden; j++) forwardUnits(gates, c, h, cNext, acts, tanhC, block, j, false);
  }
}

/** The backward of forwardUnits; gradH or gradC 0 means no gradient reached that output. */
// @ts-ignore: decorator
@inline function backwardUnits(gradH: usize, gradC: usize, c: usize, acts: usize, tanhC: usize, dGates: usize, dC: usize, block: usize, j: i32, full: bool): void {
  const aj = acts + <usize>(j << 2);
  const dj = dGates + <usize>(j << 2);
  const k = <usize>(j << 2);
  const one = splat(1.0);
  const i = load4(aj, full);
  const f = load4(aj + block, full);
  const g = load4(aj + 2 * block, full);
  const o = load4(aj + 3 * block, full);
  const tc = load4(tanhC + k, full);
  const dh = gradH != 0 ? load4(gradH + k, full) : splat(0.0);
  // c′ reaches the loss directly and through h′ = o·tanh(c′)
  const dcDirect = gradC != 0 ? load4(gradC + k, full) : splat(0.0);
  const dcn = f32x4.add(dcDirect, f32x4.mul(f32x4.mul(dh, o), f32x4.sub(one, f32x4.mul(tc, tc))));
  store4(dj, f32x4.mul(f32x4.mul(f32x4.mul(dcn, g), i), f32x4.sub(one, i)), full);
  store4(dj + block, f32x4.mul(f32x4.mul(f32x4.mul(dcn, load4(c + k, full)), f), f32x4.sub(one, f)), full);
  store4(dj + 2 * block, f32x4.mul(f32x4.mul(dcn, i), f32x4.sub(one, f32x4.mul(g, g))), full);
  store4(dj + 3 * block, f32x4.mul(f32x4.mul(f32x4.mul(dh, tc), o), f32x4.sub(one, o)), full);
  store4(dC + k, f32x4.mul(dcn, f), full);
}

/**
 * Backward rows [chunk·rowsPerChunk, …). Slots: batch hidden rowsPerChunk gradH gradC c
 * activations tanhC dGates dC (gradH, gradC: 0 for none).
 */
export function lstmCellBackwardChunk(args: usize, chunk: i32, worker: i32): void {
  const batch = arg(args, LstmBackwardSlot.Batch), hidden = arg(args, LstmBackwardSlot.Hidden), rows = arg(args, LstmBackwardSlot.RowsPerChunk);
  const gradHBase = <usize>arg(args, LstmBackwardSlot.GradH), gradCBase = <usize>arg(args, LstmBackwardSlot.GradC);
  const block = <usize>(hidden << 2);
  for (let b = chunk * rows, end = min(batch, b + rows); b < end; b++) {
    const row = <usize>(b * hidden) << 2;
    const gateRow = row << 2;
    const gradH = gradHBase != 0 ? gradHBase + row : 0;
    const gradC = gradCBase != 0 ? gradCBase + row : 0;
    const c = <usize>arg(args, LstmBackwardSlot.C) + row, tanhC = <usize>arg(args, LstmBackwardSlot.TanhC) + row, dC = <usize>arg(args, LstmBackwardSlot.GradCOut) + row;
    const acts = <usize>arg(args, LstmBackwardSlot.Activations) + gateRow, dGates = <usize>arg(args, LstmBackwardSlot.GradGates) + gateRow;
    let j = 0;
    for (; j + 4 <= hidden; j += 4) backwardUnits(gradH, gradC, c, acts, tanhC, dGates, dC, block, j, true);
    for (; j < hidden; j++) backwardUnits(gradH, gradC, c, acts, tanhC, dGates, dC, block, j, false);
  }
}
