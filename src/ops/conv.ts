/**
 * Convolution over 1, 2 or 3 spatial dimensions (cross-correlation, as PyTorch's convNd), with its
 * two gradients as ops of their own. Each of the three records a backward made of the other two,
 * so gradients of gradients work to any order:
 *
 *   y  = conv(x, w)             dx = convGradInput(g, w)     dw = convGradWeight(x, g)
 *
 * and, all three being bilinear, the backward of each gradient op is again made of these three.
 */
import { kernels } from "../backend/registry.js";
import type { ConvGeometry, FusedActivation } from "../backend/kernels.js";
import { record } from "../autograd/record.js";
import { floatOf, promote } from "../tensor/dtype.js";
import { fmtShape, ShapeError } from "../tensor/shape.js";
import { Tensor } from "../tensor/tensor.js";
import { cast } from "./cast.js";
import { reluMask } from "./math.js";
import { checkConvShapes, convGeometry, type ConvOptions } from "./conv-geometry.js";
import { sum } from "./reduce.js";
import { reshape } from "./shape.js";

/** Batch and spatial axes of an [N, C, …spatial] tensor: what a per-channel bias gradient sums over. */
function allButChannelAxes(ndim: number): number[] {
  return [0, ...Array.from({ length: ndim - 2 }, (_, i) => i + 2)];
}

/**
 * The convolution itself, on checked float tensors of one dtype; with `activation` "relu", ReLU is
 * applied as the kernel writes each output tile (one pass over the output saved), and the backward
 * first masks the gradient by the output's sign, as ReLU's backward would.
 */
function convRaw(x: Tensor, weight: Tensor, bias: Tensor | null, geometry: ConvGeometry, activation: FusedActivation = null): Tensor {
  const out = Tensor.fromData(kernels().conv(x, weight, bias, geometry, activation));
  return record(activation ? "convRelu" : "conv", out, bias ? [x, weight, bias] : [x, weight], (gradOut) => {
    const g = activation === "relu" ? reluMask(gradOut, out) : gradOut;
    return [
      x.requiresGrad ? convGradInput(g, weight, geometry) : null,
      weight.requiresGrad ? convGradWeight(x, g, geometry) : null,
      bias?.requiresGrad ? sum(g, allButChannelAxes(g.ndim)) : null,
    ];
  });
}

/** dLoss/dInput of a convolution: gradOut carried back through weight. Also the transposed convolution. */
export function convGradInput(gradOut: Tensor, weight: Tensor, geometry: ConvGeometry): Tensor {
  const out = Tensor.fromData(kernels().convGradInput(gradOut, weight, geometry));
  return record("convGradInput", out, [gradOut, weight], (g) => [
    gradOut.requiresGrad ? convRaw(g, weight, null, geometry) : null,
    weight.requiresGrad ? convGradWeight(g, gradOut, geometry) : null,
  ]);
}

/** dLoss/dWeight of a convolution, summed over the batch. */
function convGradWeight(x: Tensor, gradOut: Tensor, geometry: ConvGeometry): Tensor {
  const out = Tensor.fromData(kernels().convGradWeight(x, gradOut, geometry));
  return record("convGradWeight", out, [x, gradOut], (g) => [
    x.requiresGrad ? convGradInput(gradOut, g, geometry) : null,
    gradOut.requiresGrad ? convRaw(x, g, null, geometry) : null,
  ]);
}

/** The common float dtype of the operands (int32 computes in float32), and the operands cast to it. */
export function asFloats(tensors: readonly (Tensor | null)[]): (Tensor | null)[] {
  const present = tensors.filter((t): t is Tensor => t !== null);
  const dtype = floatOf(present.map((t) => t.dtype).reduce(promote));
  return tensors.map((t) => (t ? cast(t, dtype) : null));
}

/** Number of spatial dimensions of a conv weight [out, in/groups, …kernel], checked to be 1–3. */
export function spatialDims(op: string, weight: Tensor, layout: string): number {
  const dims = weight.ndim - 2;
  if (dims < 1 || dims > 3) {
    throw new ShapeError(`${op}: weight must be ${layout} with 1 to 3 kernel dimensions, got shape ${fmtShape(weight.shape)}`);
  }
  return dims;
}

/**
 * Run `batched` on an input with a batch dimension: an unbatched input ([C, …spatial], one fewer
 * dimension than expected) gets a batch of one added and removed again, as PyTorch allows.
 */
export function withBatch(x: Tensor, dims: number, batched: (x: Tensor) => Tensor): Tensor {
  if (x.ndim !== dims + 1) return batched(x);
  const y = batched(reshape(x, [1, ...x.shape]));
  return reshape(y, y.shape.slice(1));
}

/**
 * Convolution (cross-correlation) of x [N, C, …spatial] — or unbatched [C, …spatial] — with weight
 * [O, C/groups, …kernel], plus bias [O]; 1, 2 or 3 spatial dimensions, told by the weight. Output
 * sizes floor as PyTorch's: ⌊(N + 2P − D·(F − 1) − 1)/S⌋ + 1.
 */
export function conv(x: Tensor, weight: Tensor, bias: Tensor | null = null, options: ConvOptions = {}): Tensor {
  return convActivated(x, weight, bias, options, null);
}

/**
 * relu(conv(x, weight, bias)) in one kernel, as TF.js's fusedConv2d: the same values and gradients
 * as the two ops, one pass over the output fewer. nn.Sequential uses it for a Conv followed by ReLU.
 */
export function convRelu(x: Tensor, weight: Tensor, bias: Tensor | null = null, options: ConvOptions = {}): Tensor {
  return convActivated(x, weight, bias, options, "relu");
}

function convActivated(x: Tensor, weight: Tensor, bias: Tensor | null, options: ConvOptions, activation: FusedActivation): Tensor {
  const dims = spatialDims("conv", weight, "[outChannels, inChannels/groups, …kernel]");
  const op = `conv${dims}d`;
  return withBatch(x, dims, (input) => {
    checkConvShapes(op, dims, input.shape, weight.shape, bias?.shape ?? null, options.groups ?? 1);
    const geometry = convGeometry(op, input.shape.slice(2), weight.shape.slice(2), options);
    const [xf, wf, bf] = asFloats([input, weight, bias]);
    return convRaw(xf!, wf!, bf, geometry, activation);
  });
}
