/** Upsample: resize feature maps by nearest-neighbour or linear interpolation (PyTorch's nn.Upsample). */
import { interpolate, type InterpolateMode, type InterpolateOptions } from "../ops/index.js";
import { fmtShape, ShapeError, type Tensor } from "../tensor/index.js";
import { Module } from "./module.js";
import { pyFloat } from "./repr.js";

/**
 * Resizes [N, C, …spatial] inputs (1–3 spatial dimensions) to `size`, or by `scaleFactor`:
 * `new nn.Upsample({ scaleFactor: 2 })` (nearest), `new nn.Upsample({ size: [56, 56], mode: "bilinear" })`.
 */
export class Upsample extends Module {
  readonly size?: number | readonly number[];
  readonly scaleFactor?: number | readonly number[];
  readonly mode: InterpolateMode;
  readonly alignCorners?: boolean;

  constructor({ size, scaleFactor, mode = "nearest", alignCorners }: InterpolateOptions) {
    super();
    if ((size === undefined) === (scaleFactor === undefined)) throw new TypeError("Upsample: give exactly one of size and scaleFactor");
    if (mode === "nearest" && alignCorners !== undefined) throw new TypeError('Upsample: alignCorners applies to the linear modes only, not "nearest"');
    this.size = size;
    this.scaleFactor = scaleFactor;
    this.mode = mode;
    this.alignCorners = alignCorners;
  }

  forward(x: Tensor): Tensor {
    return interpolate(x, { size: this.size, scaleFactor: this.scaleFactor, mode: this.mode, alignCorners: this.alignCorners });
  }

  /** The output shape for a batched input of this shape. */
  outputShape(inputShape: readonly number[]): number[] {
    const dims = inputShape.length - 2;
    if (dims < 1 || dims > 3) throw new ShapeError(`Upsample: input shape ${fmtShape(inputShape)} must be [N, C, …1 to 3 spatial]`);
    const each = (v: number | readonly number[], i: number) => (typeof v === "number" ? v : v[i]);
    const spatial = inputShape.slice(2).map((n, i) => (this.size !== undefined ? each(this.size, i) : Math.floor(n * each(this.scaleFactor!, i))));
    return [...inputShape.slice(0, 2), ...spatial];
  }

  /** As PyTorch prints it: `scale_factor=2.0, mode='nearest'`. */
  override extraRepr(): string {
    const show = (v: number | readonly number[], fmt: (x: number) => string) => (typeof v === "number" ? fmt(v) : `(${v.map(fmt).join(", ")})`);
    const setting = this.scaleFactor !== undefined ? `scale_factor=${show(this.scaleFactor, pyFloat)}` : `size=${show(this.size!, String)}`;
    return `${setting}, mode='${this.mode}'`;
  }
}
