/**
 * The convnet of the captioning models: grey images [N, 1, H, W] to a feature map [N, C, H/8, W/8]
 * by three 3×3 conv–batch-norm–ReLU–2×2-max-pool stages (without batch norm, features of MNIST's
 * mostly-black canvas start so small beside the word embeddings that the decoders ignored the image
 * for hundreds of steps), each location of which sees a patch of the image
 * (on the 56 × 56 digit canvas, a 7 × 7 map whose cells are 8 pixels apart).
 */
import * as nn from "../nn/index.js";
import { fmtShape, type Tensor } from "../tensor/index.js";

export interface CaptionEncoderOptions {
  /** Height and width of the images the encoder reads (default 56 × 56, the digit canvas). */
  imageSize?: readonly [number, number];
  /** Channels of the three conv stages (default [16, 32, 64]); the last is the features' depth. */
  widths?: readonly [number, number, number];
}

export class CaptionEncoder extends nn.Module {
  features: nn.Sequential;
  readonly imageSize: readonly [number, number];
  /** Depth C of the feature map. */
  readonly channels: number;
  /** Height and width of the feature map. */
  readonly mapSize: readonly [number, number];

  constructor({ imageSize = [56, 56], widths = [16, 32, 64] }: CaptionEncoderOptions = {}) {
    super();
    if (imageSize.length !== 2 || imageSize.some((s) => !Number.isInteger(s) || s < 8 || s % 8 !== 0)) {
      throw new RangeError(`CaptionEncoder: imageSize must be [height, width], multiples of 8, got [${imageSize.join(", ")}]`);
    }
    if (widths.length !== 3 || widths.some((w) => !Number.isInteger(w) || w < 1)) throw new RangeError(`CaptionEncoder: widths must be three positive integers, got [${widths.join(", ")}]`);
    this.imageSize = imageSize;
    this.channels = widths[2];
    this.mapSize = [imageSize[0] / 8, imageSize[1] / 8];
    const stage = (from: number, to: number) => [new nn.Conv2d(from, to, 3, { padding: 1 }), new nn.BatchNorm2d(to), new nn.ReLU(), new nn.MaxPool2d(2)];
    this.features = new nn.Sequential(...stage(1, widths[0]), ...stage(widths[0], widths[1]), ...stage(widths[1], widths[2]));
  }

  /** The feature map [N, C, H/8, W/8] of images [N, 1, H, W]. */
  forward(images: Tensor): Tensor {
    const [h, w] = this.imageSize;
    if (images.ndim !== 4 || images.shape[1] !== 1 || images.shape[2] !== h || images.shape[3] !== w || images.dtype === "int32") {
      throw new TypeError(`CaptionEncoder: images must be float [N, 1, ${h}, ${w}] (the size the encoder was built for), got ${images.dtype} ${fmtShape(images.shape)}`);
    }
    return this.features.forward(images);
  }
}
