/**
 * Convolutional sparse coding (Zeiler et al. 2010; Kavukcuoglu et al. 2010): the dictionary is a
 * bank of K filters [K, C, s, s] and an image is explained as a sum over maps of filter ∗ code map,
 * W_d Z = Σ_k w_k ∗ z_k — a transposed convolution of the code maps [N, K, H + s − 1, W + s − 1]
 * (the "full" size, so every pixel is covered by s² positions of every filter). W_dᵀ is then the
 * plain convolution, and ISTA/FISTA run unchanged. Coding whole images rather than patches means
 * a filter need not be repeated at every shift, so the filters stop being shifted copies of each other.
 */
import { conv, convTranspose, randn } from "../../ops/index.js";
import { fmtShape, Generator, type Tensor } from "../../tensor/index.js";
import { checkFiniteSamples } from "../finite-data.js";
import { SparseCoder } from "./sparse-coder.js";
import type { SparseCodingOptions } from "./sparse-coding.js";

export class ConvSparseCoding extends SparseCoder {
  /** K random unit-norm filters of size s×s over C channels. */
  constructor(readonly channels: number, readonly maps: number, readonly kernelSize: number, { lambda = 0.1, seed = 0 }: SparseCodingOptions = {}) {
    if (![channels, maps, kernelSize].every((n) => Number.isInteger(n) && n >= 1)) {
      throw new RangeError(`ConvSparseCoding: the dictionary is empty or ill-sized: channels = ${channels}, maps = ${maps}, kernelSize = ${kernelSize} must be integers ≥ 1`);
    }
    super(randn([maps, channels, kernelSize, kernelSize], { generator: new Generator(seed) }), lambda);
  }

  reconstruct(z: Tensor): Tensor {
    return convTranspose(z, this.weight, null, { padding: this.kernelSize - 1 });
  }

  adjoint(r: Tensor): Tensor {
    return conv(r, this.weight, null, { padding: this.kernelSize - 1 });
  }

  codeShape(signals: Tensor): number[] {
    const grow = this.kernelSize - 1;
    return [1, this.maps, signals.shape[2] + grow, signals.shape[3] + grow];
  }

  signals(y: Tensor): Tensor {
    checkFiniteSamples("ConvSparseCoding", "y", y);
    if (y.ndim !== 4 || y.shape[1] !== this.channels) {
      throw new RangeError(`ConvSparseCoding: y must be images [N, ${this.channels}, H, W], got ${fmtShape(y.shape)}`);
    }
    return y;
  }
}
