/**
 * Model ensembles ("always improve", CS231n): N trained nets run on the same input and their
 * predictions averaged. An Ensemble is a Module, so evaluate(), predictOverViews() and the rest
 * take it as they take one net.
 */
import { Module } from "../nn/index.js";
import { softmax, stack } from "../ops/index.js";
import { fmtShape, ShapeError, type Tensor } from "../tensor/index.js";

export type EnsembleCombine = "mean-probabilities" | "mean-logits";

export interface EnsembleOptions {
  /**
   * "mean-probabilities" (default): the members' softmax outputs averaged; the ensemble returns
   * the log of that mean, so softmax of its output is the averaged probabilities and argmax and
   * crossEntropy read it as they read logits. "mean-logits": the members' outputs averaged as they are.
   */
  combine?: EnsembleCombine;
}

export class Ensemble extends Module {
  readonly members: Module[];
  readonly combine: EnsembleCombine;

  constructor(members: readonly Module[], { combine = "mean-probabilities" }: EnsembleOptions = {}) {
    super();
    if (!Array.isArray(members) || members.length === 0) throw new RangeError("ensemble: give at least one model, got an empty list");
    members.forEach((m, i) => {
      if (!(m instanceof Module)) throw new TypeError(`ensemble: model ${i} is not an nn.Module (got ${m === null ? "null" : typeof m})`);
    });
    if (combine !== "mean-probabilities" && combine !== "mean-logits") {
      throw new TypeError(`ensemble: combine must be "mean-probabilities" or "mean-logits", got ${JSON.stringify(combine)}`);
    }
    this.members = [...members];
    this.combine = combine;
  }

  /**
   * The members, named 0, 1, … (as Sequential names its layers), so eval() and train() reach them,
   * parameters() and stateDict() hold theirs, and getSubmodule("0") finds the first.
   */
  override namedChildren(): [string, Module][] {
    return this.members.map((member, i) => [String(i), member]);
  }

  /** Scores [N, classes]: the log of the members' mean softmax probabilities, or their mean outputs (see combine). */
  forward(x: Tensor): Tensor {
    const outputs = this.members.map((m) => m.forward(x));
    const first = outputs[0];
    outputs.forEach((out, i) => {
      if (out.ndim !== 2 || out.shape[0] !== first.shape[0] || out.shape[1] !== first.shape[1]) {
        throw new ShapeError(`ensemble: model ${i} gave an output of shape ${fmtShape(out.shape)} but model 0 gave ${fmtShape(first.shape)}; every model must give [N, classes] with the same number of classes`);
      }
    });
    if (this.combine === "mean-logits") return stack(outputs, 0).mean(0);
    return stack(outputs.map((out) => softmax(out, 1)), 0).mean(0).log();
  }
}

/** An Ensemble of these trained models (PyTorch users write the averaging loop by hand; here it is one Module). */
export function ensemble(models: readonly Module[], options: EnsembleOptions = {}): Ensemble {
  return new Ensemble(models, options);
}
