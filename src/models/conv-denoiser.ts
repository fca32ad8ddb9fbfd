/**
 * A small fully convolutional restorer (denoising, inpainting): 3×3 convolutions with zero padding
 * keep the image size, ReLU between them, and a sigmoid at the end for pixels in [0, 1]. Trained on
 * (corrupted, clean) pairs with a squared error, as Jain & Seung (2008) trained theirs.
 */
import * as nn from "../nn/index.js";

export interface ConvDenoiserOptions {
  /** Image channels in and out (default 1). */
  channels?: number;
  /** Feature maps of each hidden layer (default 32). */
  width?: number;
  /** Convolutions in all (default 4); the receptive field is 2·layers + 1 pixels wide. */
  layers?: number;
}

export function convDenoiser({ channels = 1, width = 32, layers = 4 }: ConvDenoiserOptions = {}): nn.Sequential {
  for (const [name, value] of Object.entries({ channels, width, layers })) {
    if (!Number.isInteger(value) || value < 1) throw new RangeError(`convDenoiser: ${name} must be a positive integer, got ${value}`);
  }
  if (layers < 2) throw new RangeError(`convDenoiser: layers must be at least 2 (one in, one out), got ${layers}`);
  const hidden = Array.from({ length: layers - 2 }, () => [new nn.Conv2d(width, width, 3, { padding: 1 }), new nn.ReLU()]).flat();
  return new nn.Sequential(new nn.Conv2d(channels, width, 3, { padding: 1 }), new nn.ReLU(), ...hidden, new nn.Conv2d(width, channels, 3, { padding: 1 }), new nn.Sigmoid());
}
