/** Gaussian blur of image batches, the regulariser class-model visualisation applies every few steps. */
import { conv } from "../../ops/index.js";
import { Tensor } from "../../tensor/index.js";

/**
 * images [N, C, H, W] blurred channel by channel with a Gaussian of standard deviation sigma
 * (pixels), as two 1-D passes over a window of ±⌈3σ⌉. The edges are padded with zeros, which for
 * inputs normalised by the data's mean is the mean pixel.
 */
export function gaussianBlur(images: Tensor, sigma: number): Tensor {
  if (!(sigma > 0 && Number.isFinite(sigma))) throw new RangeError(`gaussianBlur: sigma must be a positive number of pixels, got ${sigma}`);
  const radius = Math.ceil(3 * sigma);
  const taps = Array.from({ length: 2 * radius + 1 }, (_, i) => Math.exp(-((i - radius) ** 2) / (2 * sigma * sigma)));
  const total = taps.reduce((a, b) => a + b, 0);
  const channels = images.shape[1];
  // one filter per channel (groups = channels), the same normalised taps in each
  const weights = new Float32Array(channels * taps.length);
  for (let c = 0; c < channels; c++) weights.set(taps.map((t) => t / total), c * taps.length);
  const down = conv(images, new Tensor(weights, [channels, 1, taps.length, 1]), null, { padding: [radius, 0], groups: channels });
  return conv(down, new Tensor(weights, [channels, 1, 1, taps.length]), null, { padding: [0, radius], groups: channels });
}
