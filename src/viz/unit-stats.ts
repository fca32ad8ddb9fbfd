/** Hidden-unit statistics per layer over a batch: mean activation, dead ReLUs, and values for histograms. */
import { ReLU, type Module } from "../nn/index.js";
import type { Tensor } from "../tensor/index.js";
import { captureActivations } from "./activations.js";

export interface LayerStatistics {
  path: string;
  type: string;
  /** The layer's output shape for the whole batch. */
  shape: number[];
  mean: number;
  std: number;
  /** Share of outputs that are exactly 0. */
  zeroFraction: number;
  /**
   * For a ReLU: the share of its units (a channel at a position, or a feature) that were 0 for
   * every sample of the batch — dead, or at least silent on this data. null for other layers.
   */
  deadFraction: number | null;
  /** Up to `histogramSamples` of the output values, evenly strided, for a histogram. */
  sample: Float32Array;
}

/** Every ReLU of the model, by path (the layers whose dead units matter). */
export const reluPaths = (model: Module): string[] => model.namedModules().filter(([, m]) => m instanceof ReLU).map(([path]) => path);

/**
 * Statistics of each layer at paths (default: every ReLU) over the batch `inputs`, from one forward
 * pass in evaluation mode. Dead units are counted per unit across the batch, so give it a batch of
 * a few hundred samples for the figure to mean "never fires".
 */
export function unitStatistics(model: Module, inputs: Tensor, { paths = reluPaths(model), histogramSamples = 5000 }: { paths?: string[]; histogramSamples?: number } = {}): LayerStatistics[] {
  const { activations } = captureActivations(model, inputs, paths);
  return [...activations].map(([path, out]) => {
    const values = out.values;
    const batch = out.shape[0];
    const units = values.length / batch;
    let sum = 0;
    let squares = 0;
    let zeros = 0;
    for (let i = 0; i < values.length; i++) {
      sum += values[i];
      squares += values[i] * values[i];
      if (values[i] === 0) zeros++;
    }
    const mean = sum / values.length;
    let dead = 0;
    for (let u = 0; u < units; u++) {
      let fired = false;
      for (let n = 0; n < batch && !fired; n++) fired = values[n * units + u] !== 0;
      if (!fired) dead++;
    }
    const stride = Math.max(1, Math.floor(values.length / histogramSamples));
    const sample = new Float32Array(Math.ceil(values.length / stride));
    for (let i = 0, j = 0; i < values.length; i += stride, j++) sample[j] = values[i];
    const layer = model.getSubmodule(path);
    return {
      path, type: layer.constructor.name, shape: [...out.shape], mean,
      std: Math.sqrt(Math.max(0, squares / values.length - mean * mean)),
      zeroFraction: zeros / values.length,
      deadFraction: layer instanceof ReLU ? dead / units : null,
      sample,
    };
  });
}
