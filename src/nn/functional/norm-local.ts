/**
 * Local normalisations, functional forms: local response normalisation (AlexNet, across channels),
 * local contrast normalisation (Jarrett et al. 2009: subtractive then divisive, Gaussian window over
 * space and all feature maps) and divisive normalisation (x over the root of a box sum of squares).
 * The windowed sums are sum pooling and convolution with stride 1, so they run on fused kernels.
 */
import { noGrad } from "../../autograd/index.js";
import { add, conv, div, maximum, mean, mul, ones, pad, pow, reshape, sqrt, sub, sum, sumPool, tensor } from "../../ops/index.js";
import { fmtShape, ShapeError, type Tensor } from "../../tensor/index.js";

export interface LocalResponseNormOptions {
  /** Scale of the sum of squares (divided by size, as PyTorch). Default 1e-4. */
  alpha?: number;
  /** Exponent of the denominator. Default 0.75. */
  beta?: number;
  /** Additive constant of the denominator. Default 1. */
  k?: number;
}

/** Throws, naming `op`, unless size is a positive integer (and odd, for windows centred on each position). */
export function checkWindow(op: string, size: number, odd: boolean): void {
  if (!Number.isInteger(size) || size < 1 || (odd && size % 2 === 0)) {
    throw new RangeError(`${op}: size must be a positive${odd ? " odd" : ""} integer (the window width), got ${size}`);
  }
}

function checkImages(op: string, x: Tensor): void {
  if (x.ndim !== 4) throw new ShapeError(`${op}: expected an [N, C, H, W] input, got shape ${fmtShape(x.shape)}`);
}

/**
 * Local response normalisation across channels, exactly as torch.nn.functional.local_response_norm:
 *   y[n, c, …] = x[n, c, …] / (k + alpha/size · Σ_{c'} x[n, c', …]²)^beta
 * where c' runs over the window c − ⌊size/2⌋ … c + ⌊(size − 1)/2⌋ (channels outside count as 0,
 * and the sum is divided by size even where the window is cut off). x is [N, C, …] with ≥ 3 dims.
 */
export function localResponseNorm(x: Tensor, size: number, options: LocalResponseNormOptions = {}): Tensor {
  const { alpha = 1e-4, beta = 0.75, k = 1 } = options;
  checkWindow("localResponseNorm", size, false);
  if (x.ndim < 3) throw new ShapeError(`localResponseNorm: expected an input of 3 or more dimensions [N, C, …], got shape ${fmtShape(x.shape)}`);
  // the channels become the height of one [N, 1, C, rest] image, summed over size×1 windows
  const [n, c] = x.shape;
  const squares = reshape(mul(x, x), [n, 1, c, x.size / (n * c)]);
  const padded = pad(squares, [0, 0, Math.floor(size / 2), Math.floor((size - 1) / 2)]);
  const sumSquares = reshape(sumPool(padded, [size, 1], { stride: 1 }), x.shape);
  return div(x, pow(add(mul(sumSquares, alpha / size), k), beta));
}

export interface LocalContrastNormOptions {
  /** Standard deviation of the Gaussian window, in pixels. Default size/4 (1.75 for the 7×7 window, as Torch7's). */
  sigma?: number;
  /** The smallest divisor: σ is floored at eps so flat regions do not divide by ~0. Default 1e-4. */
  eps?: number;
  /**
   * Divide by the local contrast after removing the local mean. Default true; false leaves
   * subtractive normalisation alone (Torch7's SpatialSubtractiveNormalization), as Sermanet et
   * al. (2012) use on house numbers, where the division cost accuracy.
   */
  divisive?: boolean;
}

/** A 1-D Gaussian of `size` taps centred on the middle one, normalised to sum to 1. */
function gaussianTaps(size: number, sigma: number): number[] {
  const centre = (size - 1) / 2;
  const taps = Array.from({ length: size }, (_, i) => Math.exp(-((i - centre) ** 2) / (2 * sigma * sigma)));
  const total = taps.reduce((a, b) => a + b, 0);
  return taps.map((t) => t / total);
}

/**
 * Local contrast normalisation (Jarrett et al. 2009) of an [N, C, H, W] batch: subtractive, then
 * divisive, with a Gaussian window w(i, j) = g(i)·g(j)/C over a size×size neighbourhood and all C
 * feature maps (g a 1-D Gaussian of standard deviation sigma, so w sums to 1). With W·t the
 * windowed sum of t over space and channels, zero outside the image, and Z = Σ w over the window
 * positions inside the image (1 away from the borders; dividing by it makes the border averages
 * proper weighted means):
 *   v = x − (W·x)/Z                        (the local weighted mean removed, from every map)
 *   σ = max(√((W·v²)/Z), eps)               (local weighted standard deviation, per position)
 *   c = mean of σ over the H×W plane, per sample
 *   y = v / max(c, σ)
 * so regions of low contrast are divided by the image's average contrast rather than amplified,
 * and a constant image gives zeros (up to rounding: float32 leaves ~1e-3) rather than NaN.
 * With `divisive: false` the result is v.
 */
export function localContrastNorm(x: Tensor, size = 7, options: LocalContrastNormOptions = {}): Tensor {
  const { sigma = size / 4, eps = 1e-4, divisive = true } = options;
  checkWindow("localContrastNorm", size, true);
  checkImages("localContrastNorm", x);
  if (!(sigma > 0)) throw new RangeError(`localContrastNorm: sigma must be positive, got ${sigma}`);
  if (!(eps > 0)) throw new RangeError(`localContrastNorm: eps must be positive, got ${eps}`);
  const [, , height, width] = x.shape;
  const taps = gaussianTaps(size, sigma);
  const down = tensor(taps, [1, 1, size, 1], { dtype: x.dtype });
  const across = tensor(taps, [1, 1, 1, size], { dtype: x.dtype });
  // W·t: average the maps, then blur by g down and across (the window is separable), zero outside the image
  const blur = (t: Tensor) => conv(conv(mean(t, 1, true), down, null, { padding: "same" }), across, null, { padding: "same" });
  const coverage = noGrad(() => blur(ones([1, 1, height, width], { dtype: x.dtype })));
  const localMean = (t: Tensor) => div(blur(t), coverage);
  const centred = sub(x, localMean(x));
  if (!divisive) return centred;
  const sigmaMap = sqrt(maximum(localMean(mul(centred, centred)), eps * eps));
  const planeMean = mean(sigmaMap, [2, 3], true);
  return div(centred, maximum(sigmaMap, planeMean));
}

export interface DivisiveNormOptions {
  /** Sum the squares over all feature maps too (one divisor per position, shared by the channels). Default false. */
  acrossChannels?: boolean;
  /** Added under the square root. Default 1e-6. */
  eps?: number;
}

/**
 * Divisive normalisation of an [N, C, H, W] batch: y = x / √(S + eps), where S is the sum of x²
 * over the size×size box centred on each position (zero outside the image), in the same channel,
 * or over all channels with acrossChannels.
 */
export function divisiveNorm(x: Tensor, size: number, options: DivisiveNormOptions = {}): Tensor {
  const { acrossChannels = false, eps = 1e-6 } = options;
  checkWindow("divisiveNorm", size, true);
  checkImages("divisiveNorm", x);
  if (!(eps >= 0)) throw new RangeError(`divisiveNorm: eps must be non-negative, got ${eps}`);
  const squares = mul(x, x);
  const perPosition = acrossChannels ? sum(squares, 1, true) : squares;
  const boxSums = sumPool(perPosition, [size, size], { stride: 1, padding: (size - 1) / 2 });
  return div(x, sqrt(add(boxSums, eps)));
}
