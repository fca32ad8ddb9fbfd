/** The window attributes Conv, MaxPool and AveragePool share: strides, pads, dilations, auto_pad. */
import type { ImportNode } from "./importer.js";

export interface Window {
  strides: number[];
  dilations: number[];
  /** Zeros before each spatial dimension, and after. */
  before: number[];
  after: number[];
}

/**
 * The node's window over `dims` spatial dimensions (kernel_shape gives dims; a Conv without it
 * reads them off its weight at run time, so it passes dims). auto_pad SAME_UPPER / SAME_LOWER is
 * refused: its padding depends on the input size; PyTorch writes explicit pads.
 */
export function readWindow(node: ImportNode, dims: number): Window {
  const a = node.attributes;
  const autoPad = a.string("auto_pad", "NOTSET");
  if (autoPad !== "NOTSET" && autoPad !== "VALID") throw a.refuse("auto_pad", autoPad, "only NOTSET (explicit pads) and VALID are; export with explicit padding");
  const pads = autoPad === "VALID" ? [] : a.ints("pads");
  const ones = new Array<number>(dims).fill(1);
  const perDim = (name: string, values: readonly number[], fallback: number[]) => {
    if (values.length === 0) return fallback;
    if (values.length !== dims) throw a.refuse(name, values, `expected ${dims} values, one per spatial dimension`);
    return [...values];
  };
  if (pads.length !== 0 && pads.length !== 2 * dims) throw a.refuse("pads", pads, `expected ${2 * dims} values (the starts, then the ends, of ${dims} spatial dimensions)`);
  return {
    strides: perDim("strides", a.ints("strides"), ones),
    dilations: perDim("dilations", a.ints("dilations"), ones),
    before: pads.length ? pads.slice(0, dims) : new Array<number>(dims).fill(0),
    after: pads.length ? pads.slice(dims) : new Array<number>(dims).fill(0),
  };
}

/** Whether each dimension is padded the same before and after (Strata's convolutions and pools pad symmetrically). */
export const symmetric = (w: Window) => w.before.every((p, i) => p === w.after[i]);

/** ONNX's per-side pads as F.pad's pairs, last dimension first. */
export function padPairs(w: Window): number[] {
  return w.before.flatMap((_, i) => [w.before[w.before.length - 1 - i], w.after[w.after.length - 1 - i]]);
}
