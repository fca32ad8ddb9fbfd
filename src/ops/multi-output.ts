/**
 * Ops with several outputs and one backward. The autograd graph gives every tensor its own node, so
 * each output gets a node that only hands its gradient over, through an empty "token" tensor, to
 * one shared hub node that has the real inputs. The engine runs a node's backward once all uses of
 * its output are done, so the hub runs after every output's node and sees all their gradients.
 */
import { isGradEnabled } from "../autograd/mode.js";
import { record } from "../autograd/record.js";
import { Tensor } from "../tensor/tensor.js";
import { zeros } from "./creation.js";

/**
 * Attach one backward to several outputs: `backward` receives dLoss/dOutput for each output (null
 * for an output no gradient reached) and returns the gradient for each input, as record's does.
 */
export function recordMultiOutput(
  name: string,
  outputs: readonly Tensor[],
  inputs: readonly Tensor[],
  backward: (grads: readonly (Tensor | null)[]) => readonly (Tensor | null)[],
): void {
  if (outputs.length === 0 || !isGradEnabled() || !inputs.some((t) => t.requiresGrad)) return;
  const dtype = outputs[0].dtype;
  const collected: (Tensor | null)[] = outputs.map(() => null);
  const hub = zeros([0], { dtype });
  record(name, hub, inputs, () => {
    const grads = collected.slice();
    collected.fill(null); // a retained graph may be run again
    return backward(grads);
  });
  const token = zeros([0], { dtype });
  outputs.forEach((out, k) => {
    record(name, out, [hub], (g) => {
      collected[k] = g;
      return [token];
    });
  });
}
