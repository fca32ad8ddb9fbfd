/**
 * Convolution kernels on the wasm backend: im2col + SIMD matrix products in AssemblyScript
 * (assembly/conv.ts), split over threads by image, group and tile of output positions (channel
 * blocks for the input gradient), for 1–3 spatial dimensions. Other dtypes than float32, and empty
 * tensors, go to the reference kernels.
 */
import type { ConvGeometry, KernelMap, TensorData } from "../kernels.js";
import { convPlan, isParallel, tileWidth, unitsPerChunk, type ConvPlan } from "./conv-plan.js";
import type { JobName } from "./exports.js";
import { ConvSlot, GEOMETRY_SLOTS } from "./layout/conv-slots.js";
import { slotValues } from "./slots.js";
import type { WasmRuntime } from "./runtime.js";

export type ConvKernels = Pick<KernelMap, "conv" | "convGradInput" | "convGradWeight" | "unfold" | "fold">;

/** One job's slots after the geometry, in the order of assembly/conv.ts. */
interface ConvJob {
  batch: number;
  inChannels: number;
  outChannels: number;
  groups: number;
  /** Output positions per column tile (0 when the job uses no tiles). */
  tile: number;
  /** Units of work: what a chunk takes PER_CHUNK of. */
  units: number;
  parallel: boolean;
  /** Per-thread scratch, in bytes (16-byte multiple). */
  scratchStride: number;
  x: number;
  w: number;
  y: number;
  extra: number;
  blocks: number;
  /** Forward only: ReLU applied to each output tile as it is written. */
  relu?: boolean;
}

/** Narrowest column tiles of the forward and input-gradient products (assembly/conv-gemm.ts). */
const PRODUCT_MIN_TILE = 64;
/** The weight gradient's dot products (assembly/conv-dot.ts) run along the tile: short ones cost their horizontal sums. */
const DOT_MIN_TILE = 256;

/** Per-thread scratch for a column tile of `floats` floats, a whole number of 16-byte lines. */
const colsBytes = (floats: number) => Math.ceil(floats / 4) * 16;

const float32 = (...xs: (TensorData | null)[]) => xs.every((t) => t === null || t.dtype === "float32");
/** An empty operand, or a geometry with no positions: nothing for the wasm kernels to do. */
const degenerate = (geometry: ConvGeometry, ...xs: TensorData[]) =>
  xs.some((t) => t.values.length === 0) || geometry.inSize.includes(0) || geometry.outSize.includes(0);

export function makeConvKernels({ heap, pool }: WasmRuntime, reference: KernelMap): ConvKernels {
  /** Write the slots, allocate the threads' scratch and run every chunk of `name`. */
  function run(name: JobName, plan: ConvPlan, job: ConvJob): void {
    const threads = job.parallel ? pool.size : 1;
    const scratch = job.scratchStride > 0 ? heap.alloc(threads * job.scratchStride) : 0;
    const perChunk = unitsPerChunk(job.units, pool.size, job.parallel);
    const slots = slotValues<Exclude<ConvSlot, ConvSlot.Geometry>>({
      [ConvSlot.Batch]: job.batch, [ConvSlot.InChannels]: job.inChannels, [ConvSlot.OutChannels]: job.outChannels,
      [ConvSlot.Groups]: job.groups, [ConvSlot.Tile]: job.tile, [ConvSlot.PerChunk]: perChunk,
      [ConvSlot.Scratch]: scratch, [ConvSlot.ScratchStride]: job.scratchStride,
      [ConvSlot.X]: job.x, [ConvSlot.W]: job.w, [ConvSlot.Y]: job.y, [ConvSlot.Extra]: job.extra,
      [ConvSlot.Blocks]: job.blocks, [ConvSlot.Relu]: job.relu ? 1 : 0,
    });
    const args = pool.args([...plan.slots, ...slots.slice(GEOMETRY_SLOTS)]);
    pool.run(name, args, Math.ceil(job.units / perChunk), job.parallel);
  }

  /**
   * The channel and tiling sizes of a convolution with weight [outChannels, inChannels/groups, …kernel];
   * `minTile` is the narrowest column tile worth a product call.
   */
  function convShape(batch: number, inChannels: number, outChannels: number, geometry: ConvGeometry, minTile: number) {
    const plan = convPlan(geometry);
    const groups = geometry.groups;
    const rows = (inChannels / groups) * plan.taps;
    const tile = tileWidth(rows, plan.outPlane, minTile);
    const macs = batch * outChannels * rows * plan.outPlane;
    return { plan, groups, rows, tile, tiles: Math.ceil(plan.outPlane / tile), parallel: isParallel(pool.size, macs) };
  }

  const conv: KernelMap["conv"] = (x, weight, bias, geometry, activation = null) => {
    if (!float32(x, weight, bias) || degenerate(geometry, x, weight)) return reference.conv(x, weight, bias, geometry, activation);
    const [batch, inChannels] = x.shape;
    const outChannels = weight.shape[0];
    const { plan, groups, rows, tile, tiles, parallel } = convShape(batch, inChannels, outChannels, geometry, PRODUCT_MIN_TILE);
    const size = batch * outChannels * plan.outPlane;
    return heap.scoped(() => {
      const xPtr = heap.put(x);
      const wPtr = heap.put(weight);
      const biasPtr = bias ? heap.put(bias) : 0;
      const out = heap.output(size);
      run("convForwardChunk", plan, {
        batch, inChannels, outChannels, groups, tile, units: batch * groups * tiles, parallel,
        scratchStride: colsBytes(rows * tile), x: xPtr, w: wPtr, y: out.ptr, extra: biasPtr, blocks: 1, relu: activation === "relu",
      });
      return { shape: [batch, outChannels, ...geometry.outSize], dtype: "float32", values: out.take() };
    });
  };

  const convGradInput: KernelMap["convGradInput"] = (gradOut, weight, geometry) => {
    if (!float32(gradOut, weight) || degenerate(geometry, gradOut, weight)) return reference.convGradInput(gradOut, weight, geometry);
    const [batch, outChannels] = gradOut.shape;
    const inChannels = weight.shape[1] * geometry.groups;
    const { plan, groups, rows, tile, parallel } = convShape(batch, inChannels, outChannels, geometry, PRODUCT_MIN_TILE);
    // Few images: split each group's input channels into blocks too, so every thread has work.
    const blocks = parallel && batch * groups < 2 * pool.size ? Math.min(inChannels / groups, 2 * pool.size) : 1;
    const size = batch * inChannels * plan.inPlane;
    return heap.scoped(() => {
      const gPtr = heap.put(gradOut);
      const wPtr = heap.put(weight);
      const gx = heap.output(size);
      run("convGradInputChunk", plan, {
        batch, inChannels, outChannels, groups, tile, units: batch * groups * blocks, parallel,
        scratchStride: colsBytes(rows * tile), x: gx.ptr, w: wPtr, y: gPtr, extra: 0, blocks,
      });
      return { shape: [batch, inChannels, ...geometry.inSize], dtype: "float32", values: gx.take() };
    });
  };

  const convGradWeight: KernelMap["convGradWeight"] = (x, gradOut, geometry) => {
    if (!float32(x, gradOut) || degenerate(geometry, x, gradOut)) return reference.convGradWeight(x, gradOut, geometry);
    const [batch, inChannels] = x.shape;
    const outChannels = gradOut.shape[1];
    const { plan, groups, rows, tile, tiles, parallel } = convShape(batch, inChannels, outChannels, geometry, DOT_MIN_TILE);
    const size = outChannels * rows;
    const shape = [outChannels, inChannels / groups, ...geometry.kernel];
    return heap.scoped(() => {
      const xPtr = heap.put(x);
      const gPtr = heap.put(gradOut);
      // Each thread sums its chunks into a partial of its own; the partials are added up here.
      const partials = parallel ? pool.size : 1;
      const sums = heap.alloc(partials * size * 4);
      heap.f32.fill(0, sums >>> 2, (sums >>> 2) + partials * size);
      run("convGradWeightChunk", plan, {
        batch, inChannels, outChannels, groups, tile, units: batch * groups * tiles, parallel,
        scratchStride: colsBytes(rows * tile), x: xPtr, w: 0, y: gPtr, extra: sums, blocks: 1,
      });
      const out = heap.output(size);
      const f32 = heap.f32;
      f32.copyWithin(out.ptr >>> 2, sums >>> 2, (sums >>> 2) + size);
      const values = out.take();
      for (let t = 1; t < partials; t++) {
        const from = (sums >>> 2) + t * size;
        for (let i = 0; i < size; i++) values[i] += f32[from + i];
      }
      return { shape, dtype: "float32", values };
    });
  };

  /** unfold (im2col) and fold (col2im) share one layout: a unit is one channel plane of one image. */
  function planeJob(name: "unfoldChunk" | "foldChunk", src: TensorData, geometry: ConvGeometry, channels: number, shape: number[]): TensorData {
    const plan = convPlan(geometry);
    const batch = src.shape[0];
    const colsSize = batch * channels * plan.taps * plan.outPlane;
    const planesSize = batch * channels * plan.inPlane;
    const parallel = isParallel(pool.size, colsSize);
    return heap.scoped(() => {
      const srcPtr = heap.put(src);
      const outSize = name === "unfoldChunk" ? colsSize : planesSize;
      const out = heap.output(outSize);
      const [x, y] = name === "unfoldChunk" ? [srcPtr, out.ptr] : [out.ptr, srcPtr];
      run(name, plan, {
        batch, inChannels: channels, outChannels: 0, groups: 1, tile: 0, units: batch * channels, parallel,
        scratchStride: 0, x, w: 0, y, extra: 0, blocks: 1,
      });
      return { shape, dtype: "float32", values: out.take() };
    });
  }

  const unfold: KernelMap["unfold"] = (x, geometry) => {
    if (!float32(x) || degenerate(geometry, x)) return reference.unfold(x, geometry);
    const [batch, channels] = x.shape;
    const plan = convPlan(geometry);
    return planeJob("unfoldChunk", x, geometry, channels, [batch, channels * plan.taps, plan.outPlane]);
  };

  const fold: KernelMap["fold"] = (cols, geometry) => {
    if (!float32(cols) || degenerate(geometry, cols)) return reference.fold(cols, geometry);
    const plan = convPlan(geometry);
    const channels = cols.shape[1] / plan.taps;
    return planeJob("foldChunk", cols, geometry, channels, [cols.shape[0], channels, ...geometry.inSize]);
  };

  return { conv, convGradInput, convGradWeight, unfold, fold };
}
