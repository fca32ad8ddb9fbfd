import type { Tensor } from "../tensor/tensor.js";
import { checkForward, isAnomalyEnabled } from "./anomaly.js";
import { isGradEnabled } from "./mode.js";

/**
 * Attach the op's backward to its output when a gradient may be needed: recording is on, the output
 * is a float tensor, and some input requires a gradient. Every differentiable op ends with this.
 */
export function record(
  name: string,
  out: Tensor,
  inputs: readonly Tensor[],
  backward: (grad: Tensor) => readonly (Tensor | null)[],
): Tensor {
  const anomaly = isAnomalyEnabled();
  if (anomaly) checkForward(name, out, inputs);
  if (out.dtype !== "int32" && isGradEnabled() && inputs.some((t) => t.requiresGrad)) {
    out.requiresGrad = true;
    out.gradFn = anomaly ? { name, inputs, backward, createdAt: new Error().stack } : { name, inputs, backward };
  }
  return out;
}
