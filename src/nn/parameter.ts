/** Parameter: a tensor that a Module owns and an optimiser updates. */
import { tensor } from "../ops/index.js";
import { Tensor, type NestedArray } from "../tensor/index.js";

/**
 * A leaf tensor registered as a learnable weight. Any Parameter stored on a Module property (or in an
 * array property) is found by `parameters()`, `namedParameters()` and `stateDict()`.
 * `new Parameter(t)` shares t's storage, as torch.nn.Parameter does.
 */
export class Parameter extends Tensor {
  constructor(data: Tensor | NestedArray, requiresGrad = true) {
    const source = data instanceof Tensor ? data : tensor(data);
    super(source.values, source.shape);
    if (requiresGrad) this.requiresGrad_(true);
  }

  override toString(): string {
    return `Parameter containing:\n${super.toString()}`;
  }
}
