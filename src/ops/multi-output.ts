/**
 * Ops with several outputs and one backward. The autograd graph gives every tensor its own node, so
 * each output gets a node that only hands its gradient over, through an empty "token" tensor, to
 * one shared hub node that has the real inputs. The engine runs a node's backward once all uses of
 * its output are done, so the hub runs after every output's node and sees all their gradients.
 */
import { isGradEnabled } from "../autograd/mode.js";
import { record } from "../autograd/record.js";
import type { DType } from "../tensor/dtype.js";
import type { Tensor } from "../tensor/tensor.js";
import { zeros } from "./creation.js";

type Backward = (grad: Tensor) => readonly (Tensor | null)[];

/**
 * A backward shared by outputs that may be made one after another (the steps of a recurrence).
 * `backward` receives dLoss/dOutput for each output in the order they were added (null for one no
 * gradient reached) and returns the gradient for each of the shared `inputs`, as record's does.
 */
export class SharedBackward {
  private readonly collected: (Tensor | null)[] = [];
  private readonly hub: Tensor;
  private readonly token: Tensor;

  constructor(name: string, inputs: readonly Tensor[], dtype: DType, backward: (grads: readonly (Tensor | null)[]) => readonly (Tensor | null)[]) {
    this.hub = zeros([0], { dtype });
    this.token = zeros([0], { dtype });
    record(name, this.hub, inputs, () => {
      const grads = this.collected.slice();
      this.collected.fill(null); // a retained graph may be run again
      return backward(grads);
    });
  }

  /**
   * Record `out` as the next output. Besides the shared inputs it may have inputs of its own,
   * whose gradients `ownBackward` gives (in their order) from dLoss/d`out`.
   */
  add(name: string, out: Tensor, ownInputs: readonly Tensor[] = [], ownBackward: Backward = () => []): Tensor {
    const k = this.collected.push(null) - 1;
    const shared = this.hub.requiresGrad;
    return record(name, out, [this.hub, ...ownInputs], (g) => {
      if (shared) this.collected[k] = g;
      return [this.token, ...ownBackward(g)];
    });
  }
}

/** One backward for the outputs of one computation: `backward` as SharedBackward's. */
export function recordMultiOutput(
  name: string,
  outputs: readonly Tensor[],
  inputs: readonly Tensor[],
  backward: (grads: readonly (Tensor | null)[]) => readonly (Tensor | null)[],
): void {
  if (outputs.length === 0 || !isGradEnabled() || !inputs.some((t) => t.requiresGrad)) return;
  const shared = new SharedBackward(name, inputs, outputs[0].dtype, backward);
  for (const out of outputs) shared.add(name, out);
}
