/** Occlusion sensitivity (Zeiler & Fergus 2014): the target class's probability as a grey square slides over the image. */
import { noGrad } from "../../autograd/index.js";
import { add, concat, div, matmul, mul, reshape, select, softmax, sub, sum, zeros } from "../../ops/index.js";
import { Tensor } from "../../tensor/index.js";
import { asSingleImage, checkClassIndex, classScores, type Classifier } from "../class-scores.js";

export interface OcclusionOptions {
  /** Side of the square occluder in pixels, or, below 1, a fraction of the image's shorter side. Default 8. */
  patch?: number;
  /** Pixels between neighbouring occluder positions. Default 2. */
  stride?: number;
  /**
   * The value under the occluder, in the model's input units. Default 0, which for inputs
   * normalised by the data's mean and std is the mean pixel: Zeiler & Fergus's grey square.
   */
  fill?: number;
  /** How many occluded copies go through the model in one forward pass. Default 256. */
  batchSize?: number;
}

export interface OcclusionMaps {
  /** [H', W']: the target class's probability with the occluder's top-left corner at each position. */
  probabilities: Tensor;
  /** [H, W]: for each pixel, the mean of that probability over the occluder positions covering it. */
  map: Tensor;
  /** The target class's probability on the image as given. */
  baseline: number;
}

/**
 * Occlude one image ([C, H, W] or [1, C, H, W]) with a square of `fill` at every position on a
 * grid (the last row and column flush with the edges, so every pixel is covered) and record the
 * softmax probability of targetClass for each. The copies go through the model in batches, so a
 * map costs a few forward passes, not one per position.
 */
export function occlusion(model: Classifier, input: Tensor, targetClass: number, options: OcclusionOptions = {}): OcclusionMaps {
  const fn = "occlusion";
  const x = asSingleImage(fn, input);
  const [, , height, width] = x.shape;
  const { stride = 2, fill = 0, batchSize = 256 } = options;
  const patch = patchSide(fn, options.patch ?? 8, height, width);
  checkPositiveInteger(fn, "stride", stride);
  checkPositiveInteger(fn, "batchSize", batchSize);
  if (!Number.isFinite(fill)) throw new RangeError(`${fn}: fill must be a finite number (in the model's input units), got ${fill}`);
  const rows = occluderStarts(height, patch, stride);
  const cols = occluderStarts(width, patch, stride);
  const positions = rows.flatMap((top) => cols.map((left) => [top, left] as const));
  return noGrad(() => {
    const baseline = classProbabilities(fn, model, x, targetClass).values[0];
    const chunks: Tensor[] = [];
    let weighted = zeros([height * width]);
    let coverage = zeros([height * width]);
    for (let first = 0; first < positions.length; first += batchSize) {
      const occluders = occluderMasks(positions.slice(first, first + batchSize), patch, height, width);
      const occluded = add(mul(x, sub(1, occluders)), mul(occluders, fill));
      const probabilities = classProbabilities(fn, model, occluded, targetClass);
      chunks.push(probabilities);
      // each pixel's probabilities summed over the positions covering it, and how many there were
      const flatOccluders = reshape(occluders, [occluders.shape[0], height * width]);
      weighted = add(weighted, matmul(probabilities, flatOccluders));
      coverage = add(coverage, sum(flatOccluders, 0));
    }
    return {
      probabilities: reshape(concat(chunks), [rows.length, cols.length]),
      map: reshape(div(weighted, coverage), [height, width]),
      baseline,
    };
  });
}

/** The occluder's side in pixels: `patch` itself, or a fraction of the shorter side. */
function patchSide(fn: string, patch: number, height: number, width: number): number {
  const side = patch > 0 && patch < 1 ? Math.max(1, Math.round(patch * Math.min(height, width))) : patch;
  if (!Number.isInteger(side) || side < 1 || side > Math.min(height, width)) {
    throw new RangeError(`${fn}: patch must be a whole number of pixels from 1 to ${Math.min(height, width)} (the image is ${height}×${width}) or a fraction below 1, got ${patch}`);
  }
  return side;
}

function checkPositiveInteger(fn: string, name: string, value: number): void {
  if (!Number.isInteger(value) || value < 1) throw new RangeError(`${fn}: ${name} must be a positive integer, got ${value}`);
}

/** Occluder starts along one side: every `stride` pixels, plus one flush with the far edge if the grid misses it. */
function occluderStarts(size: number, patch: number, stride: number): number[] {
  const starts: number[] = [];
  for (let s = 0; s <= size - patch; s += stride) starts.push(s);
  if (starts[starts.length - 1] !== size - patch) starts.push(size - patch);
  return starts;
}

/** [P, 1, H, W]: 1 under the occluder at each position, 0 elsewhere. */
function occluderMasks(positions: readonly (readonly [number, number])[], patch: number, height: number, width: number): Tensor {
  const masks = new Float32Array(positions.length * height * width);
  positions.forEach(([top, left], p) => {
    for (let r = top; r < top + patch; r++) masks.fill(1, (p * height + r) * width + left, (p * height + r) * width + left + patch);
  });
  return new Tensor(masks, [positions.length, 1, height, width]);
}

/** [N]: the softmax probability of targetClass for each input of the batch. */
function classProbabilities(fn: string, model: Classifier, batch: Tensor, targetClass: number): Tensor {
  const scores = classScores(fn, model, batch);
  checkClassIndex(fn, "targetClass", targetClass, scores.shape[1]);
  return select(softmax(scores, 1), 1, targetClass);
}
