/** Torch7's branching containers: Concat (every branch sees the input) and Parallel (branch i sees slice i). */
import { concat, select } from "../ops/index.js";
import { fmtShape, normAxis, ShapeError, type Tensor } from "../tensor/index.js";
import { concatShape } from "./concat-shape.js";
import { Module } from "./module.js";
import { outputShapeOf, type ShapeTracer } from "./summary-shapes.js";

/** Checks that a dimension argument is an integer (negative counts from the end). */
function checkDim(owner: string, name: string, dim: number): void {
  if (!Number.isInteger(dim)) throw new RangeError(`${owner}: ${name} must be an integer (negative counts from the end), got ${dim}`);
}

/** A list of branch modules named 0, 1, 2, … (state-dict keys `0.weight`, as Torch7's `modules`). */
abstract class Branches extends Module {
  readonly #branches: Module[] = [];

  constructor(modules: readonly Module[]) {
    super();
    modules.forEach((m) => this.add(m));
  }

  /** Append a branch (Torch7's `add`); returns this. */
  add(module: Module): this {
    if (!(module instanceof Module)) {
      throw new TypeError(`${this.constructor.name}.add: expected a Module, got ${module === null ? "null" : typeof module}`);
    }
    this.#branches.push(module);
    return this;
  }

  get branches(): readonly Module[] {
    return this.#branches;
  }

  override namedChildren(): [string, Module][] {
    return this.#branches.map((m, i) => [String(i), m]);
  }

  /** The branches' outputs joined along dim, after checking they fit (the error names the branch). */
  protected join(outputs: Tensor[], dim: number): Tensor {
    concatShape(this.constructor.name, outputs.map((y) => y.shape), dim);
    return concat(outputs, dim);
  }

  protected checkNotEmpty(): void {
    if (this.#branches.length === 0) throw new Error(`${this.constructor.name}: has no modules; pass them to the constructor or add() them`);
  }
}

/**
 * Torch7's nn.Concat(dim): every module is applied to the same input and the outputs are
 * concatenated along `dim`. Dimensions count from 0 and include the batch axis, as in Strata's ops
 * (Torch7's Concat(2) on a batch is Concat(1) here).
 */
export class Concat extends Branches {
  constructor(readonly dim: number, ...modules: Module[]) {
    super(modules);
    checkDim("Concat", "dim", dim);
  }

  forward(x: Tensor): Tensor {
    this.checkNotEmpty();
    return this.join(this.branches.map((m) => m.forward(x)), this.dim);
  }

  outputShape(inputShape: readonly number[], through: ShapeTracer = outputShapeOf): number[] {
    return concatShape("Concat", this.branches.map((m) => through(m, inputShape)), this.dim);
  }

  override extraRepr(): string {
    return `dim=${this.dim}`;
  }
}

/**
 * Torch7's nn.Parallel(inputDim, outputDim): module i is applied to `select(x, inputDim, i)`, the
 * i-th slice of the input with that axis removed, and the outputs are concatenated along
 * outputDim. There must be one module per slice. Dimensions count from 0, batch axis included.
 */
export class Parallel extends Branches {
  constructor(readonly inputDim: number, readonly outputDim: number, ...modules: Module[]) {
    super(modules);
    checkDim("Parallel", "inputDim", inputDim);
    checkDim("Parallel", "outputDim", outputDim);
  }

  #checkSlices(inputShape: readonly number[]): number {
    this.checkNotEmpty();
    const axis = normAxis("Parallel", this.inputDim, inputShape.length);
    if (inputShape[axis] !== this.branches.length) {
      throw new ShapeError(
        `Parallel: the input ${fmtShape(inputShape)} has ${inputShape[axis]} slices along inputDim ${this.inputDim}, but there are ${this.branches.length} modules; it needs one module per slice`,
      );
    }
    return axis;
  }

  forward(x: Tensor): Tensor {
    const axis = this.#checkSlices(x.shape);
    return this.join(this.branches.map((m, i) => m.forward(select(x, axis, i))), this.outputDim);
  }

  outputShape(inputShape: readonly number[], through: ShapeTracer = outputShapeOf): number[] {
    const axis = this.#checkSlices(inputShape);
    const sliceShape = inputShape.filter((_, k) => k !== axis);
    return concatShape("Parallel", this.branches.map((m) => through(m, sliceShape)), this.outputDim);
  }

  override extraRepr(): string {
    return `input_dim=${this.inputDim}, output_dim=${this.outputDim}`;
  }
}
