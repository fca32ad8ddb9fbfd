/**
 * The n-dimensional value at the heart of Strata: a contiguous row-major array, its shape and
 * dtype, and — when it takes part in autograd — the node that made it. Operations are attached as
 * methods by src/ops (see ops/methods.ts); this file holds only the data.
 */
import type { TensorData } from "../backend/kernels.js";
import type { DType, TypedArray } from "./dtype.js";
import { dtypeOf } from "./dtype.js";
import { ownedValues } from "../backend/storage.js";
import { formatTensor } from "./format.js";
import { fmtShape, ShapeError, sizeOf } from "./shape.js";

/** A step of the recorded graph: the op that made a tensor, its inputs, and how to send a gradient back. */
export interface GradNode {
  readonly name: string;
  readonly inputs: readonly Tensor[];
  /** Given dLoss/dOutput, the gradient for each input (null where an input needs none). */
  backward: (grad: Tensor) => readonly (Tensor | null)[];
  /** Set once the graph is freed after a backward pass without retainGraph. */
  released?: boolean;
  /** The stack of the forward call that made this node, kept while detectAnomaly is on. */
  createdAt?: string;
}

/** A number or arbitrarily nested arrays of numbers, as accepted by tensor() and returned by toArray(). */
export type NestedArray = number | NestedArray[];

/** An n-dimensional array of one dtype; ops are its methods (x.add(y).relu().sum()) and free functions. */
export class Tensor implements TensorData {
  readonly shape: readonly number[];
  readonly dtype: DType;
  /** The raw elements, row-major. Read-only by convention: ops never mutate their inputs. */
  values: TypedArray;
  /** Whether gradients flow to this tensor; set on leaves you want gradients of. */
  requiresGrad = false;
  /** The accumulated gradient of a leaf (or of a tensor that called retainGrad) after backward(). */
  grad: Tensor | null = null;
  /** The node that produced this tensor; null for leaves. */
  gradFn: GradNode | null = null;
  /** Keep .grad on this non-leaf tensor during backward. */
  retainsGrad = false;

  constructor(values: TypedArray, shape: readonly number[]) {
    if (values.length !== sizeOf(shape)) {
      throw new ShapeError(`Tensor: ${values.length} values do not fill shape ${fmtShape(shape)} (${sizeOf(shape)} elements)`);
    }
    this.values = ownedValues(values);
    this.shape = Object.freeze([...shape]);
    this.dtype = dtypeOf(values);
  }

  static fromData(data: TensorData): Tensor {
    return new Tensor(data.values, data.shape);
  }

  get ndim(): number {
    return this.shape.length;
  }

  /** Number of elements. */
  get size(): number {
    return this.values.length;
  }

  /** A tensor made by the user (or detached), rather than by an op that recorded a gradient. */
  get isLeaf(): boolean {
    return this.gradFn === null;
  }

  /** A copy of the elements. The only asynchronous reads in the API are data() and item(). */
  async data(): Promise<TypedArray> {
    return this.dataSync();
  }

  /** The single value of a one-element tensor. */
  async item(): Promise<number> {
    return this.itemSync();
  }

  /** Synchronous read: fine on CPU backends; a GPU backend would have to wait here. */
  dataSync(): TypedArray {
    return this.values.slice();
  }

  itemSync(): number {
    if (this.size !== 1) throw new ShapeError(`item: only a one-element tensor has an item, got shape ${fmtShape(this.shape)}`);
    return this.values[0];
  }

  /** The elements as nested JavaScript arrays. */
  toArray(): NestedArray {
    const build = (dim: number, offset: number): NestedArray => {
      if (dim === this.shape.length) return this.values[offset];
      const stride = sizeOf(this.shape.slice(dim + 1));
      return Array.from({ length: this.shape[dim] }, (_, i) => build(dim + 1, offset + i * stride));
    };
    return build(0, 0);
  }

  toString(): string {
    const grad = this.gradFn ? `, gradFn=<${this.gradFn.name}>` : this.requiresGrad ? ", requiresGrad=true" : "";
    const text = formatTensor(this.values, this.shape, this.dtype);
    return grad ? `${text.slice(0, -1)}${grad})` : text;
  }

  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return this.toString();
  }

  /** The same values cut off from the graph (shares storage; treat it as read-only). */
  detach(): Tensor {
    return new Tensor(this.values, this.shape);
  }

  /** Mark (or unmark) a leaf as needing gradients; returns this. */
  requiresGrad_(flag = true): this {
    if (flag && this.dtype === "int32") throw new TypeError("requiresGrad_: only float tensors can require gradients; this one is int32");
    if (!flag && this.gradFn) throw new Error("requiresGrad_: cannot turn off gradients of a non-leaf tensor; use detach()");
    this.requiresGrad = flag;
    return this;
  }

  /** Keep this non-leaf tensor's .grad when backward() runs. */
  retainGrad(): this {
    this.retainsGrad = true;
    return this;
  }
}
