/** Functional convolutions: conv1d/2d/3d and convTranspose1d/2d/3d, PyTorch's F.convNd with a fixed rank. */
import { conv, convTranspose, type ConvOptions, type ConvTransposeOptions } from "../../ops/index.js";
import { fmtShape, ShapeError, type Tensor } from "../../tensor/index.js";

function checkKernelRank(op: string, weight: Tensor, dims: number, layout: string): void {
  if (weight.ndim !== dims + 2) throw new ShapeError(`${op}: weight must be ${dims + 2}-D ${layout}, got shape ${fmtShape(weight.shape)}`);
}

const convLayout = "[outChannels, inChannels/groups, …kernel]";
const transposeLayout = "[inChannels, outChannels/groups, …kernel]";

/** Convolution of x [N, C, L] (or [C, L]) with weight [O, C/groups, k] and optional bias [O]. */
export function conv1d(x: Tensor, weight: Tensor, bias: Tensor | null = null, options: ConvOptions = {}): Tensor {
  checkKernelRank("conv1d", weight, 1, convLayout);
  return conv(x, weight, bias, options);
}

/** Convolution of x [N, C, H, W] (or [C, H, W]) with weight [O, C/groups, kh, kw] and optional bias [O]. */
export function conv2d(x: Tensor, weight: Tensor, bias: Tensor | null = null, options: ConvOptions = {}): Tensor {
  checkKernelRank("conv2d", weight, 2, convLayout);
  return conv(x, weight, bias, options);
}

/** Convolution of x [N, C, D, H, W] (or [C, D, H, W]) with weight [O, C/groups, kd, kh, kw] and optional bias [O]. */
export function conv3d(x: Tensor, weight: Tensor, bias: Tensor | null = null, options: ConvOptions = {}): Tensor {
  checkKernelRank("conv3d", weight, 3, convLayout);
  return conv(x, weight, bias, options);
}

/** Transposed convolution of x [N, Cin, L] with weight [Cin, Cout/groups, k] and optional bias [Cout]. */
export function convTranspose1d(x: Tensor, weight: Tensor, bias: Tensor | null = null, options: ConvTransposeOptions = {}): Tensor {
  checkKernelRank("convTranspose1d", weight, 1, transposeLayout);
  return convTranspose(x, weight, bias, options);
}

/** Transposed convolution of x [N, Cin, H, W] with weight [Cin, Cout/groups, kh, kw] and optional bias [Cout]. */
export function convTranspose2d(x: Tensor, weight: Tensor, bias: Tensor | null = null, options: ConvTransposeOptions = {}): Tensor {
  checkKernelRank("convTranspose2d", weight, 2, transposeLayout);
  return convTranspose(x, weight, bias, options);
}

/** Transposed convolution of x [N, Cin, D, H, W] with weight [Cin, Cout/groups, kd, kh, kw] and optional bias [Cout]. */
export function convTranspose3d(x: Tensor, weight: Tensor, bias: Tensor | null = null, options: ConvTransposeOptions = {}): Tensor {
  checkKernelRank("convTranspose3d", weight, 3, transposeLayout);
  return convTranspose(x, weight, bias, options);
}
