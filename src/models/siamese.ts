/**
 * A Siamese net (Bromley et al. 1993; Hadsell, Chopra & LeCun 2006): one trunk applied to both
 * samples of a pair — the same module, so the same weights — and the Euclidean distance between
 * their embeddings, which nn.ContrastiveLoss pulls down for similar pairs and pushes past a margin
 * for dissimilar ones.
 */
import { Module } from "../nn/index.js";
import { fmtShape, sameShape, type Tensor } from "../tensor/index.js";

export class Siamese extends Module {
  constructor(readonly trunk: Module) {
    super();
  }

  /** The embedding of a batch. */
  forward(x: Tensor): Tensor {
    return this.trunk.forward(x);
  }

  /** The embeddings of both sides of a batch of pairs, by the one trunk. */
  embedPairs(first: Tensor, second: Tensor): [Tensor, Tensor] {
    if (!sameShape(first.shape, second.shape)) throw new RangeError(`Siamese: the two sides of a batch of pairs must have the same shape, got ${fmtShape(first.shape)} and ${fmtShape(second.shape)}`);
    return [this.trunk.forward(first), this.trunk.forward(second)];
  }

  /** ‖trunk(a) − trunk(b)‖₂ for each pair, [N]. */
  distances(first: Tensor, second: Tensor): Tensor {
    const [a, b] = this.embedPairs(first, second);
    return a.sub(b).square().sum(1).sqrt();
  }
}
