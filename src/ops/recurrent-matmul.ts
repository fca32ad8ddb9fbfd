/** Products with one weight shared by every step of a recurrence, its gradient taken once for all steps. */
import { kernels } from "../backend/registry.js";
import { isGradEnabled } from "../autograd/mode.js";
import { floatOf, promote } from "../tensor/dtype.js";
import { fmtShape, ShapeError } from "../tensor/shape.js";
import { Tensor } from "../tensor/tensor.js";
import { cast } from "./cast.js";
import { matmulT } from "./matmul.js";
import { SharedBackward } from "./multi-output.js";
import { concat } from "./slice.js";

/**
 * x·Wᵀ for each step of a recurrence, all with the same weight W [out, in]: returns the function
 * taking one step's x [N, in] to [N, out]. Each product sends its gradient g·W back to its x at
 * once (the recurrence needs it for the step before), but W's gradient waits for every step and
 * is then one product Σ_t g_tᵀ·x_t, rather than a small product and a full-size sum per step.
 */
export function recurrentMatmul(weight: Tensor): (x: Tensor) => Tensor {
  if (weight.ndim !== 2) throw new ShapeError(`recurrentMatmul: weight must be 2-D [out, in], got shape ${fmtShape(weight.shape)}`);
  const inputs: Tensor[] = [];
  const shared = new SharedBackward("recurrentMatmul", [weight], weight.dtype, (grads) => {
    const steps = grads.flatMap((g, t) => (g ? [t] : []));
    if (steps.length === 0) return [null];
    const g = concat(steps.map((t) => grads[t]!), 0);
    const x = concat(steps.map((t) => inputs[t]), 0);
    return [matmulT(g, x, true, false)];
  });
  return (x) => {
    if (x.ndim !== 2 || x.shape[1] !== weight.shape[1]) {
      throw new ShapeError(`recurrentMatmul: x must be [batch, ${weight.shape[1]}] for weight ${fmtShape(weight.shape)}, got ${fmtShape(x.shape)}`);
    }
    const dtype = floatOf(promote(x.dtype, weight.dtype));
    const xf = cast(x, dtype);
    const w = cast(weight, dtype);
    inputs.push(xf);
    const out = Tensor.fromData(kernels().matmul(xf, w, false, true, []));
    return shared.add("recurrentMatmul", out, [xf], (g) => [matmulT(g, w, false, false)]);
  };
}
