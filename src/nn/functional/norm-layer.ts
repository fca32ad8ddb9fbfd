/** Normalisation within each sample: layerNorm and groupNorm (torch.nn.functional.layer_norm, group_norm). */
import { add, mean, mul, reshape, rsqrt, square, sub } from "../../ops/index.js";
import { fmtShape, sameShape, ShapeError, type Tensor } from "../../tensor/index.js";

export interface NormAffineOptions {
  /** Scale γ (elementwise over normalizedShape for layerNorm, per channel for groupNorm). Default none. */
  weight?: Tensor | null;
  /** Shift β, shaped as weight. Default none. */
  bias?: Tensor | null;
  /** Added to the variance before its square root. Default 1e-5. */
  eps?: number;
}

/** (x − mean)/√(var + eps) over the trailing `count` axes, var the biased variance. */
function standardize(x: Tensor, count: number, eps: number): Tensor {
  const axes = Array.from({ length: count }, (_, i) => x.ndim - count + i);
  const centred = sub(x, mean(x, axes, true));
  return mul(centred, rsqrt(add(mean(square(centred), axes, true), eps)));
}

/** y·weight + bias, each reshaped to `shape` so they broadcast. */
function affine(y: Tensor, weight: Tensor | null, bias: Tensor | null, shape: number[]): Tensor {
  const scaled = weight ? mul(y, reshape(weight, shape)) : y;
  return bias ? add(scaled, reshape(bias, shape)) : scaled;
}

function checkParam(op: string, name: string, t: Tensor | null, expected: readonly number[], why: string): void {
  if (t && !sameShape(t.shape, expected)) {
    throw new ShapeError(`${op}: ${name} must have shape ${fmtShape(expected)} (${why}), got ${fmtShape(t.shape)}`);
  }
}

/**
 * Normalise each sample over its trailing dimensions, which must equal normalizedShape:
 * y = (x − μ)/√(σ² + eps)·weight + bias, μ and σ² (biased) taken over those dimensions.
 */
export function layerNorm(x: Tensor, normalizedShape: readonly number[], options: NormAffineOptions = {}): Tensor {
  const { weight = null, bias = null, eps = 1e-5 } = options;
  const k = normalizedShape.length;
  if (k === 0 || x.ndim < k || !sameShape(x.shape.slice(x.ndim - k), normalizedShape)) {
    throw new ShapeError(
      `layerNorm: the input's trailing dimensions must equal normalizedShape ${fmtShape(normalizedShape)}, got input of shape ${fmtShape(x.shape)}`,
    );
  }
  checkParam("layerNorm", "weight", weight, normalizedShape, "normalizedShape");
  checkParam("layerNorm", "bias", bias, normalizedShape, "normalizedShape");
  return affine(standardize(x, k, eps), weight, bias, [...normalizedShape]);
}

/**
 * Split the channels (axis 1 of [N, C, …]) into numGroups groups of C/numGroups and normalise each
 * sample's group over its channels and positions, then scale and shift per channel.
 */
export function groupNorm(x: Tensor, numGroups: number, options: NormAffineOptions = {}): Tensor {
  const { weight = null, bias = null, eps = 1e-5 } = options;
  if (x.ndim < 2) throw new ShapeError(`groupNorm: input must be [N, C, …] with at least 2 dimensions, got shape ${fmtShape(x.shape)}`);
  const [n, channels] = x.shape;
  checkGroups("groupNorm", numGroups, channels, `the input of shape ${fmtShape(x.shape)}`);
  checkParam("groupNorm", "weight", weight, [channels], "one per channel");
  checkParam("groupNorm", "bias", bias, [channels], "one per channel");
  const grouped = reshape(x, [n, numGroups, x.size / (n * numGroups)]);
  const y = reshape(standardize(grouped, 1, eps), x.shape);
  return affine(y, weight, bias, [channels, ...Array<number>(x.ndim - 2).fill(1)]);
}

/** numGroups must be a positive integer dividing the channel count. */
export function checkGroups(op: string, numGroups: number, channels: number, what: string): void {
  if (!Number.isInteger(numGroups) || numGroups < 1) throw new RangeError(`${op}: numGroups must be a positive integer, got ${numGroups}`);
  if (channels % numGroups !== 0) {
    throw new ShapeError(`${op}: ${channels} channels (${what}) cannot be split into ${numGroups} equal groups; numGroups must divide the channel count`);
  }
}
