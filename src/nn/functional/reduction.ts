/** What every loss shares: the reduction option and checks of its target. */
import { div, mean, sum } from "../../ops/index.js";
import { fmtShape, sameShape, ShapeError, type Tensor } from "../../tensor/index.js";

/** How per-element losses become the result: their mean (default), their sum, or kept as they are. */
export type Reduction = "mean" | "sum" | "none";

export interface LossOptions {
  reduction?: Reduction;
}

const REDUCTIONS: readonly string[] = ["mean", "sum", "none"];

export function checkReduction(op: string, reduction: string, allowed: readonly string[] = REDUCTIONS): void {
  if (!allowed.includes(reduction)) {
    throw new TypeError(`${op}: reduction must be ${allowed.map((r) => `"${r}"`).join(", ")}; got ${JSON.stringify(reduction)}`);
  }
}

/** Apply the reduction; a "mean" is a weighted one (Σ loss / Σ weight) when per-element weights are given. */
export function reduce(op: string, losses: Tensor, reduction: Reduction, weights?: Tensor): Tensor {
  checkReduction(op, reduction);
  if (reduction === "none") return losses;
  if (reduction === "sum") return sum(losses);
  return weights ? div(sum(losses), sum(weights)) : mean(losses);
}

/** Elementwise losses want a float target of the input's exact shape (no silent broadcasting). */
export function checkPairedTarget(op: string, input: Tensor, target: Tensor): void {
  if (!sameShape(input.shape, target.shape)) {
    throw new ShapeError(`${op}: target of shape ${fmtShape(target.shape)} must have the input's shape ${fmtShape(input.shape)}`);
  }
  if (input.dtype === "int32" || target.dtype === "int32") {
    throw new TypeError(`${op}: input and target must be float tensors, got ${input.dtype} input and ${target.dtype} target`);
  }
}
