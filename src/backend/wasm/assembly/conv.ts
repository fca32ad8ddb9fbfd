// Convolution jobs (see jobs.ts for how chunks run): im2col into per-thread scratch and a matrix
// product, working through each image's column matrix in tiles of TILE output positions:
//
//   forward        out[n, g][:, tile] = W[g] · cols(x[n, g], tile)       (+ bias, written first)      conv-gemm.ts
//   input grad     cols = W[g]ᵀ · gOut[n, g][:, tile], then col2im        (channel blocks are independent)  conv-gemm.ts
//   weight grad    partial[worker][g] += gOut[n, g][:, tile] · cols(x[n, g], tile)ᵀ                  conv-dot.ts
//
// A unit of work is one (image, group, tile) — for the input gradient one (image, group, block of
// input channels), which may write its planes without racing another — and each chunk takes
// PER_CHUNK consecutive units. A pointwise convolution uses the input planes as the columns.
//
// Slots: layout/conv-slots.ts (the geometry, then ConvSlot). The pointers X, W, Y, EXTRA mean:
//   convForwardChunk      X = x,   W = weight, Y = out,   EXTRA = bias (0: none), RELU = 1 to fuse ReLU
//   convGradInputChunk    X = gx,  W = weight, Y = gOut
//   convGradWeightChunk   X = x,              Y = gOut,  EXTRA = partial sums, one weight's size per worker
//   unfoldChunk/foldChunk X = x,              Y = columns   (a unit is one channel plane of one image)
import { arg } from "./jobs";
import { gemmNT } from "./conv-dot";
import { gemmDirect } from "./conv-gemm";
import { col2im, im2col, inPlane, isPointwise, outPlane, taps } from "./conv-im2col";
import { ConvSlot } from "../layout/conv-slots";

// The slots, by their names in layout/conv-slots.ts
const BATCH = ConvSlot.Batch;
const IN_CHANNELS = ConvSlot.InChannels;
const OUT_CHANNELS = ConvSlot.OutChannels;
const GROUPS = ConvSlot.Groups;
const TILE = ConvSlot.Tile;
const PER_CHUNK = ConvSlot.PerChunk;
const SCRATCH = ConvSlot.Scratch;
const SCRATCH_STRIDE = ConvSlot.ScratchStride;
const X = ConvSlot.X;
const W = ConvSlot.W;
const Y = ConvSlot.Y;
const EXTRA = ConvSlot.Extra;
const BLOCKS = ConvSlot.Blocks;
const RELU = ConvSlot.Relu;

// @ts-ignore: decorator
@inline function ptr(args: usize, slot: i32): usize {
  return <usize>arg(args, slot);
}

// @ts-ignore: decorator
@inline function bytes(elements: i32): usize {
  return <usize>(elements << 2);
}

/** The first unit of `chunk`. */
// @ts-ignore: decorator
@inline function firstUnit(args: usize, chunk: i32): i32 {
  return chunk * arg(args, PER_CHUNK);
}

/** One past the last unit of `chunk`, of `total` units. */
// @ts-ignore: decorator
@inline function endUnit(args: usize, chunk: i32, total: i32): i32 {
  return min(total, (chunk + 1) * arg(args, PER_CHUNK));
}

export function convForwardChunk(args: usize, chunk: i32, worker: i32): void {
  const geo = args;
  const inChannels = arg(args, IN_CHANNELS), outChannels = arg(args, OUT_CHANNELS), groups = arg(args, GROUPS);
  const cg = inChannels / groups, og = outChannels / groups;
  const inP = inPlane(geo), outP = outPlane(geo), rows = cg * taps(geo);
  const tile = arg(args, TILE), tiles = (outP + tile - 1) / tile;
  const pointwise = isPointwise(geo);
  const cols = ptr(args, SCRATCH) + <usize>(worker * arg(args, SCRATCH_STRIDE));
  const x = ptr(args, X), w = ptr(args, W), out = ptr(args, Y), bias = ptr(args, EXTRA);
  for (let unit = firstUnit(args, chunk), end = endUnit(args, chunk, arg(args, BATCH) * groups * tiles); unit < end; unit++) {
    const t = unit % tiles, image = unit / tiles / groups, g = unit / tiles % groups;
    const p0 = t * tile, width = min(tile, outP - p0);
    const input = x + bytes((image * inChannels + g * cg) * inP);
    const dst = out + bytes((image * outChannels + g * og) * outP + p0);
    if (bias) {
      for (let o = 0; o < og; o++) fill(dst + bytes(o * outP), load<f32>(bias + bytes(g * og + o)), width);
    }
    const weights = w + bytes(g * og * rows);
    if (pointwise) {
      gemmDirect(og, width, cg, weights, rows, 1, input + bytes(p0), inP, dst, outP, bias != 0);
    } else {
      im2col(geo, input, cg, p0, p0 + width, cols, width);
      gemmDirect(og, width, rows, weights, rows, 1, cols, width, dst, outP, bias != 0);
    }
    if (arg(args, RELU)) for (let o = 0; o < og; o++) reluInPlace(dst + bytes(o * outP), width);
  }
}

/** x ← max(x, 0) over n floats, keeping NaN (as the unary relu). */
function reluInPlace(x: usize, n: i32): void {
  const zero = f32x4.splat(0);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const at = x + bytes(i);
    const v = v128.load(at);
    v128.store(at, v128.andnot(v, f32x4.le(v, zero)));
  }
  for (; i < n; i++) {
    const at = x + bytes(i);
    const v = load<f32>(at);
    if (v <= 0) store<f32>(at, 0);
  }
}

export function convGradInputChunk(args: usize, chunk: i32, worker: i32): void {
  const geo = args;
  const inChannels = arg(args, IN_CHANNELS), outChannels = arg(args, OUT_CHANNELS), groups = arg(args, GROUPS);
  const cg = inChannels / groups, og = outChannels / groups;
  const inP = inPlane(geo), outP = outPlane(geo), k = taps(geo), rows = cg * k;
  const tile = arg(args, TILE);
  const blocks = arg(args, BLOCKS), perBlock = (cg + blocks - 1) / blocks;
  const pointwise = isPointwise(geo);
  const cols = ptr(args, SCRATCH) + <usize>(worker * arg(args, SCRATCH_STRIDE));
  const gx = ptr(args, X), w = ptr(args, W), gOut = ptr(args, Y);
  for (let unit = firstUnit(args, chunk), end = endUnit(args, chunk, arg(args, BATCH) * groups * blocks); unit < end; unit++) {
    const b = unit % blocks, image = unit / blocks / groups, g = unit / blocks % groups;
    const c0 = b * perBlock, c1 = min(cg, c0 + perBlock);
    if (c0 >= c1) continue;
    // Rows c0·k … c1·k−1 of W[g]ᵀ, i.e. columns of the [og, rows] weight block, read transposed.
    const weightsT = w + bytes(g * og * rows + c0 * k);
    const grad = gOut + bytes((image * outChannels + g * og) * outP);
    const dst = gx + bytes((image * inChannels + g * cg + c0) * inP);
    if (pointwise) {
      gemmDirect(c1 - c0, outP, og, weightsT, 1, rows, grad, outP, dst, outP, false);
      continue;
    }
    memory.fill(dst, 0, bytes((c1 - c0) * inP));
    for (let p0 = 0; p0 < outP; p0 += tile) {
      const width = min(tile, outP - p0);
      gemmDirect((c1 - c0) * k, width, og, weightsT, 1, rows, grad + bytes(p0), outP, cols, width, false);
      col2im(geo, dst, c1 - c0, p0, p0 + width, cols, width);
    }
  }
}

export function convGradWeightChunk(args: usize, chunk: i32, worker: i32): void {
  const geo = args;
  const inChannels = arg(args, IN_CHANNELS), outChannels = arg(args, OUT_CHANNELS), groups = arg(args, GROUPS);
  const cg = inChannels / groups, og = outChannels / groups;
  const inP = inPlane(geo), outP = outPlane(geo), rows = cg * taps(geo);
  const tile = arg(args, TILE), tiles = (outP + tile - 1) / tile;
  const pointwise = isPointwise(geo);
  const cols = ptr(args, SCRATCH) + <usize>(worker * arg(args, SCRATCH_STRIDE));
  const x = ptr(args, X), gOut = ptr(args, Y);
  const partial = ptr(args, EXTRA) + bytes(worker * outChannels * rows);
  for (let unit = firstUnit(args, chunk), end = endUnit(args, chunk, arg(args, BATCH) * groups * tiles); unit < end; unit++) {
    const t = unit % tiles, image = unit / tiles / groups, g = unit / tiles % groups;
    const p0 = t * tile, width = min(tile, outP - p0);
    const input = x + bytes((image * inChannels + g * cg) * inP);
    const grad = gOut + bytes((image * outChannels + g * og) * outP + p0);
    const dst = partial + bytes(g * og * rows);
    if (pointwise) {
      gemmNT(og, rows, width, grad, outP, input + bytes(p0), inP, dst, rows);
    } else {
      im2col(geo, input, cg, p0, p0 + width, cols, width);
      gemmNT(og, rows, width, grad, outP, cols, width, dst, rows);
    }
  }
}

export function unfoldChunk(args: usize, chunk: i32, worker: i32): void {
  const geo = args;
  const planes = arg(args, BATCH) * arg(args, IN_CHANNELS);
  const from = firstUnit(args, chunk), count = endUnit(args, chunk, planes) - from;
  if (count <= 0) return;
  const outP = outPlane(geo), rows = taps(geo);
  im2col(geo, ptr(args, X) + bytes(from * inPlane(geo)), count, 0, outP, ptr(args, Y) + bytes(from * rows * outP), outP);
}

export function foldChunk(args: usize, chunk: i32, worker: i32): void {
  const geo = args;
  const planes = arg(args, BATCH) * arg(args, IN_CHANNELS);
  const from = firstUnit(args, chunk), count = endUnit(args, chunk, planes) - from;
  if (count <= 0) return;
  const inP = inPlane(geo), outP = outPlane(geo), rows = taps(geo);
  const dst = ptr(args, X) + bytes(from * inP);
  memory.fill(dst, 0, bytes(count * inP));
  col2im(geo, dst, count, 0, outP, ptr(args, Y) + bytes(from * rows * outP), outP);
}

/** dst[i] = value for i < n. */
function fill(dst: usize, value: f32, n: i32): void {
  const v = f32x4.splat(value);
  let i = 0;
  for (; i + 4 <= n; i += 4) v128.store(dst + bytes(i), v);
  for (; i < n; i++) store<f32>(dst + bytes(i), value);
}
