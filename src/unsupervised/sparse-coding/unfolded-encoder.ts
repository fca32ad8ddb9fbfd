/**
 * What LISTA and LCoD share: an iteration unfolded into a network whose weights — W_e, the
 * lateral S and per-unit thresholds θ — are initialised from a dictionary and then trained.
 */
import { Module, Parameter } from "../../nn/index.js";
import type { Tensor } from "../../tensor/index.js";

export abstract class UnfoldedEncoder extends Module {
  /** W_e [K, D]. */
  encoder: Parameter;
  /** S [K, K]: the lateral ("explaining away") connections between code units. */
  lateral: Parameter;
  /** θ [K]. */
  threshold: Parameter;

  constructor(readonly steps: number, init: { encoder: Tensor; lateral: Tensor; threshold: Tensor }) {
    super();
    if (!Number.isInteger(steps) || steps < 1) throw new RangeError(`${this.constructor.name}: steps (the number of unfolded iterations K) must be an integer ≥ 1, got ${steps}`);
    this.encoder = new Parameter(init.encoder);
    this.lateral = new Parameter(init.lateral);
    this.threshold = new Parameter(init.threshold);
  }
}
