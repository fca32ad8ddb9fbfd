/**
 * Transposed convolution (PyTorch's conv_transposeNd, sometimes called "deconvolution"): the input
 * gradient of a convolution, used as a layer. A stride-S transposed convolution upsamples by S.
 */
import type { ConvGeometry } from "../backend/kernels.js";
import { fmtShape, ShapeError } from "../tensor/shape.js";
import type { Tensor } from "../tensor/tensor.js";
import { add } from "./arithmetic.js";
import { asFloats, convGradInput, spatialDims, withBatch } from "./conv.js";
import { perSpatialDim } from "./conv-geometry.js";
import { reshape } from "./shape.js";

export interface ConvTransposeOptions {
  /** Stride of the convolution this transposes, i.e. the upsampling factor. Default 1. */
  stride?: number | readonly number[];
  /** Padding of the convolution this transposes: d·(k−1) − padding zeros are added around the input. Default 0. */
  padding?: number | readonly number[];
  /**
   * Extra size on one side of the output (less than the stride or the dilation): a stride-S
   * convolution maps several input sizes to one output size, and this picks which one to invert to.
   */
  outputPadding?: number | readonly number[];
  groups?: number;
  dilation?: number | readonly number[];
}

function checkShapes(op: string, dims: number, x: readonly number[], weight: readonly number[], bias: readonly number[] | null, groups: number): void {
  if (x.length !== dims + 2) {
    throw new ShapeError(`${op}: input must have ${dims + 2} dimensions [batch, channels, …${dims} spatial] (or ${dims + 1} without the batch), got shape ${fmtShape(x)}`);
  }
  if (!Number.isInteger(groups) || groups < 1) throw new RangeError(`${op}: groups must be a positive integer, got ${groups}`);
  if (x[1] !== weight[0] || weight[0] % groups !== 0) {
    throw new ShapeError(
      `${op}: input of shape ${fmtShape(x)} has ${x[1]} channels; weight of shape ${fmtShape(weight)} ` +
        `([inChannels, outChannels/groups, …kernel]) expects ${weight[0]}, divisible by groups = ${groups}`,
    );
  }
  const outChannels = weight[1] * groups;
  if (bias && (bias.length !== 1 || bias[0] !== outChannels)) {
    throw new ShapeError(`${op}: bias must have shape [${outChannels}] (weight.shape[1] × groups output channels), got ${fmtShape(bias)}`);
  }
}

/**
 * Transposed convolution of x [N, Cin, …spatial] (or unbatched [Cin, …spatial]) with weight
 * [Cin, Cout/groups, …kernel] — PyTorch's layout — plus bias [Cout]. Each spatial size becomes
 * (N − 1)·S − 2P + D·(F − 1) + outputPadding + 1.
 */
export function convTranspose(x: Tensor, weight: Tensor, bias: Tensor | null = null, options: ConvTransposeOptions = {}): Tensor {
  const dims = spatialDims("convTranspose", weight, "[inChannels, outChannels/groups, …kernel]");
  const op = `convTranspose${dims}d`;
  const groups = options.groups ?? 1;
  return withBatch(x, dims, (input) => {
    checkShapes(op, dims, input.shape, weight.shape, bias?.shape ?? null, groups);
    const kernel = weight.shape.slice(2);
    const stride = perSpatialDim(op, "stride", options.stride ?? 1, dims, 1);
    const padding = perSpatialDim(op, "padding", options.padding ?? 0, dims, 0);
    const dilation = perSpatialDim(op, "dilation", options.dilation ?? 1, dims, 1);
    const outputPadding = perSpatialDim(op, "outputPadding", options.outputPadding ?? 0, dims, 0);
    outputPadding.forEach((p, i) => {
      if (p >= Math.max(stride[i], dilation[i])) {
        throw new RangeError(`${op}: outputPadding ${fmtShape(outputPadding)} must be smaller than the stride ${fmtShape(stride)} or the dilation ${fmtShape(dilation)} in each dimension`);
      }
    });
    const inSize = input.shape.slice(2);
    const outSize = inSize.map((n, i) => (n - 1) * stride[i] - 2 * padding[i] + dilation[i] * (kernel[i] - 1) + outputPadding[i] + 1);
    if (outSize.some((n) => n < 1)) {
      throw new ShapeError(`${op}: input of spatial size ${fmtShape(inSize)} gives an empty output ${fmtShape(outSize)} (padding ${fmtShape(padding)} is too large)`);
    }
    // the convolution whose input gradient this is maps outSize back to inSize (its output taken to
    // be inSize long even where outputPadding ≥ stride would let one more window fit)
    const geometry: ConvGeometry = { inSize: outSize, outSize: inSize, kernel, stride, padding, dilation, groups };
    const [xf, wf, bf] = asFloats([input, weight, bias]);
    const y = convGradInput(xf!, wf!, geometry);
    return bf ? add(y, reshape(bf, [bf.shape[0], ...kernel.map(() => 1)])) : y;
  });
}
