/** nn.Reshape: Torch7's Reshape in batch mode — the batch axis kept, the rest given a new shape. */
import { reshape } from "../ops/index.js";
import { fmtShape, ShapeError, sizeOf, type Tensor } from "../tensor/index.js";
import { Module } from "./module.js";

/**
 * Reshapes each sample: an input [N, …] becomes [N, ...shape], the way Torch7's
 * nn.Reshape(..., true) (batch mode always on) does; on an input [N, d] it is PyTorch's
 * nn.Unflatten(1, shape). One entry of shape may be -1 and is then inferred from the sample's size.
 */
export class Reshape extends Module {
  readonly shape: readonly number[];

  constructor(...shape: number[]) {
    super();
    if (shape.length === 0) throw new RangeError("Reshape: give the shape of one sample, e.g. new nn.Reshape(3, 4)");
    if (shape.some((d) => !Number.isInteger(d) || d < -1) || shape.filter((d) => d === -1).length > 1) {
      throw new RangeError(`Reshape: the sample shape must be non-negative integers with at most one -1, got ${fmtShape(shape)}`);
    }
    this.shape = shape;
  }

  outputShape(inputShape: readonly number[]): number[] {
    if (inputShape.length === 0) throw new ShapeError("Reshape: expected an input with a batch axis first, got a 0-d tensor");
    const [batch, ...sample] = inputShape;
    const perSample = sizeOf(sample);
    const known = sizeOf(this.shape.filter((d) => d !== -1));
    const inferred = this.shape.includes(-1) && known > 0 ? perSample / known : null;
    const dims = this.shape.map((d) => (d === -1 ? inferred ?? NaN : d));
    if (dims.some((d) => !Number.isInteger(d)) || sizeOf(dims) !== perSample) {
      throw new ShapeError(
        `Reshape: cannot reshape each sample of ${fmtShape(inputShape)} (${perSample} elements after the batch axis) into ${fmtShape(this.shape)}`,
      );
    }
    return [batch, ...dims];
  }

  forward(x: Tensor): Tensor {
    return reshape(x, this.outputShape(x.shape));
  }

  override extraRepr(): string {
    return `size=(${this.shape.join(", ")})`;
  }
}
