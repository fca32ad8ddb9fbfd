/** Learned filters as pictures: one tile per filter (colour for RGB inputs), at one moment or across epochs. */
import { Tensor, fmtShape } from "../tensor/index.js";
import type { Module } from "../nn/index.js";
import { imageGrid, stretch, toImage, upscale, type Image } from "./image.js";

export interface FilterImageOptions {
  /** Show at most this many filters (default 256). */
  maxFilters?: number;
  /** Pixels per weight (default: enough to make a tile at least 24 pixels wide). */
  scale?: number;
  /** Pixels between tiles (default 1). */
  padding?: number;
}

function checkWeight(weight: Tensor, who: string): [number, number, number, number] {
  if (!(weight instanceof Tensor) || weight.shape.length !== 4) {
    throw new TypeError(`${who}: expected convolution weights [out, in, kh, kw], got ${weight instanceof Tensor ? fmtShape(weight.shape) : String(weight)}`);
  }
  return weight.shape as [number, number, number, number];
}

/**
 * The filters of a convolution (weights [out, in, kh, kw]) as an image grid, each filter stretched
 * to its own contrast (so a weak filter is as visible as a strong one). With 3 input channels a
 * filter is one colour tile; with 1, a grey tile; deeper, a row per filter of one grey tile per
 * input channel (the row shares one contrast, so the channels it listens to most stand out).
 */
export function filterImage(weight: Tensor, { maxFilters = 256, scale, padding = 1 }: FilterImageOptions = {}): Image {
  const [out, inputs, kh, kw] = checkWeight(weight, "filterImage");
  const shown = Math.min(out, maxFilters);
  const factor = scale ?? Math.max(1, Math.ceil(24 / Math.max(kh, kw)));
  const perFilter = inputs * kh * kw;
  const tiles: Image[] = [];
  for (let f = 0; f < shown; f++) {
    const values = stretch(weight.values.subarray(f * perFilter, (f + 1) * perFilter));
    if (inputs === 1 || inputs === 3) tiles.push(upscale(toImage(new Tensor(values, [inputs, kh, kw])), factor));
    else for (let c = 0; c < inputs; c++) tiles.push(upscale(toImage(new Tensor(values.slice(c * kh * kw, (c + 1) * kh * kw), [1, kh, kw])), factor));
  }
  const columns = inputs === 1 || inputs === 3 ? Math.ceil(Math.sqrt(shown)) : inputs;
  return imageGrid(tiles, { columns, padding });
}

/** Whether m holds 2-D convolution weights ([out, in, kh, kw]). */
const hasConvWeight = (m: Module): m is Module & { weight: Tensor } => {
  const weight = (m as { weight?: unknown }).weight;
  return weight instanceof Tensor && weight.shape.length === 4;
};

/** The weights of the convolution at path in model (a dotted state-dict path such as "0" or "features.0"). */
export function convWeight(model: Module, path: string): Tensor {
  const layer = model.getSubmodule(path);
  if (!hasConvWeight(layer)) {
    const convs = convLayerPaths(model).map((p) => `${p} (${model.getSubmodule(p).constructor.name})`);
    throw new TypeError(`convWeight: layer "${path}" (${layer.constructor.name}) has no 2-D convolution weights; layers that do: ${convs.join(", ") || "none"}`);
  }
  return layer.weight;
}

/** The paths of model's layers holding 2-D convolution weights, in order. */
export const convLayerPaths = (model: Module): string[] => model.namedModules().filter(([, m]) => hasConvWeight(m)).map(([path]) => path);

/** The first layer path of model holding 2-D convolution weights, or null. */
export const firstConvPath = (model: Module): string | null => convLayerPaths(model)[0] ?? null;

/**
 * Feature evolution (Zeiler & Fergus fig. 4): the same filters at several moments of training,
 * one row per moment, filters in columns, each filter at its own contrast (a deeper layer's
 * filters by their first input channel).
 */
export function filterEvolution(snapshots: readonly Tensor[], options: FilterImageOptions = {}): Image {
  if (snapshots.length === 0) throw new RangeError("filterEvolution: no snapshots given");
  const [out, inputs, kh, kw] = checkWeight(snapshots[0], "filterEvolution: snapshot 0");
  snapshots.forEach((w, i) => {
    if (fmtShape(checkWeight(w, `filterEvolution: snapshot ${i}`)) !== fmtShape([out, inputs, kh, kw])) {
      throw new RangeError(`filterEvolution: snapshot ${i} has shape ${fmtShape(w.shape)}, snapshot 0 ${fmtShape([out, inputs, kh, kw])}`);
    }
  });
  const shown = Math.min(out, options.maxFilters ?? 32);
  const factor = options.scale ?? Math.max(1, Math.ceil(24 / Math.max(kh, kw)));
  const perFilter = inputs * kh * kw;
  const channelsShown = inputs === 3 ? 3 : 1;
  const tiles = snapshots.flatMap((w) =>
    Array.from({ length: shown }, (_, f) => {
      const values = stretch(w.values.subarray(f * perFilter, f * perFilter + channelsShown * kh * kw));
      return upscale(toImage(new Tensor(values, [channelsShown, kh, kw])), factor);
    }),
  );
  return imageGrid(tiles, { columns: shown, padding: options.padding ?? 1 });
}
