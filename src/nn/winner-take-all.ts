/** nn.WinnerTakeAll: the layer form of kWinnersTakeAll. */
import type { Tensor } from "../tensor/index.js";
import { kWinnersTakeAll } from "./functional/winner-take-all.js";
import { Module } from "./module.js";

/**
 * k-winners-take-all over features: of each sample's activations (every axis after the batch one),
 * the k largest pass and the rest become 0; the gradient reaches the winners only. The same in
 * training and evaluation (Makhzani & Frey train with k and may test with a larger αk: set `k`).
 */
export class WinnerTakeAll extends Module {
  constructor(public k: number) {
    super();
    if (!Number.isInteger(k) || k < 0) throw new RangeError(`WinnerTakeAll: k (the winners kept per sample) must be a non-negative integer, got ${k}`);
  }

  forward(x: Tensor): Tensor {
    return kWinnersTakeAll(x, this.k);
  }

  override extraRepr(): string {
    return `k=${this.k}`;
  }
}
