/**
 * unfold (im2col) and fold (col2im) as ops, PyTorch's F.unfold / F.fold, here for 1–3 spatial
 * dimensions. They are each other's adjoint, so each one's gradient is the other. Layers whose
 * windows do not share weights (LocallyConnected2d, TiledConv2d) are built on unfold.
 */
import { kernels } from "../backend/registry.js";
import type { ConvGeometry } from "../backend/kernels.js";
import { record } from "../autograd/record.js";
import { fmtShape, ShapeError } from "../tensor/shape.js";
import { Tensor } from "../tensor/tensor.js";
import { convGeometry, perSpatialDim } from "./conv-geometry.js";

/** Window settings of unfold and fold (groups do not apply; padding is the same on both sides). */
export interface UnfoldOptions {
  stride?: number | readonly number[];
  padding?: number | readonly number[];
  dilation?: number | readonly number[];
}

const taps = (g: ConvGeometry) => g.kernel.reduce((n, k) => n * k, 1);
const positions = (g: ConvGeometry) => g.outSize.reduce((n, k) => n * k, 1);

function unfoldRaw(x: Tensor, geometry: ConvGeometry): Tensor {
  const out = Tensor.fromData(kernels().unfold(x, geometry));
  return record("unfold", out, [x], (g) => [foldRaw(g, geometry)]);
}

function foldRaw(cols: Tensor, geometry: ConvGeometry): Tensor {
  const out = Tensor.fromData(kernels().fold(cols, geometry));
  return record("fold", out, [cols], (g) => [unfoldRaw(g, geometry)]);
}

/**
 * Every window of x [N, C, …spatial] as a column: [N, C·∏kernelSize, L], L the number of window
 * positions; row c·∏kernelSize + t holds kernel tap t (row-major over the kernel) of channel c.
 */
export function unfold(x: Tensor, kernelSize: number | readonly number[], options: UnfoldOptions = {}): Tensor {
  const dims = x.ndim - 2;
  if (dims < 1 || dims > 3) throw new ShapeError(`unfold: input must be [N, C, …spatial] with 1 to 3 spatial dimensions, got shape ${fmtShape(x.shape)}`);
  const kernel = perSpatialDim("unfold", "kernelSize", kernelSize, dims, 1);
  return unfoldRaw(x, convGeometry("unfold", x.shape.slice(2), kernel, { ...options, groups: 1 }));
}

/**
 * Sum columns [N, C·∏kernelSize, L] back into an image [N, C, …outputSize], each entry added at the
 * position unfold read it from (overlapping windows add up). unfold's adjoint.
 */
export function fold(cols: Tensor, outputSize: number | readonly number[], kernelSize: number | readonly number[], options: UnfoldOptions = {}): Tensor {
  const dims = typeof outputSize === "number" ? (typeof kernelSize === "number" ? 2 : kernelSize.length) : outputSize.length;
  const size = perSpatialDim("fold", "outputSize", outputSize, dims, 1);
  const kernel = perSpatialDim("fold", "kernelSize", kernelSize, dims, 1);
  const geometry = convGeometry("fold", size, kernel, { ...options, groups: 1 });
  if (cols.ndim !== 3 || cols.shape[1] % taps(geometry) !== 0 || cols.shape[2] !== positions(geometry)) {
    throw new ShapeError(
      `fold: columns of shape ${fmtShape(cols.shape)} do not fit: a ${fmtShape(kernel)} kernel over ${fmtShape(size)} needs ` +
        `[N, C·${taps(geometry)}, ${positions(geometry)}] (${fmtShape(geometry.outSize)} window positions)`,
    );
  }
  return foldRaw(cols, geometry);
}
