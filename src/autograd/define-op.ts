/**
 * defineOp: an op with a hand-written backward, as PyTorch's torch.autograd.Function. The forward
 * runs without recording (its inner ops leave no graph); the backward is what autograd calls.
 */
import { fmtShape, ShapeError } from "../tensor/shape.js";
import { Tensor } from "../tensor/tensor.js";
import { isGradEnabled, noGrad } from "./mode.js";
import { record } from "./record.js";

/** What forward hands to backward: saved tensors, and which inputs need a gradient. */
export class OpContext {
  #saved: readonly Tensor[] = [];

  /** needsInputGrad[i]: input i requires a gradient and recording is on (PyTorch's ctx.needs_input_grad). */
  constructor(readonly needsInputGrad: readonly boolean[]) {}

  /** Keep tensors for backward (PyTorch's ctx.save_for_backward); read them back as savedTensors. */
  saveForBackward(...tensors: Tensor[]): void {
    this.#saved = tensors;
  }

  get savedTensors(): readonly Tensor[] {
    return this.#saved;
  }
}

/** An op's definition: forward computes the output; backward maps dLoss/dOutput to one gradient per input. */
export interface OpDefinition {
  /** Shown in errors and as the output's gradFn name. */
  name: string;
  forward(ctx: OpContext, ...inputs: Tensor[]): Tensor;
  /** One entry per input: its gradient (the input's shape), or null for none. Written in ops, it is differentiable again. */
  backward(ctx: OpContext, gradOutput: Tensor): readonly (Tensor | null)[];
}

/** Check backward's answer: one entry per input, each null or a tensor of that input's shape. */
function checkGradients(name: string, inputs: readonly Tensor[], grads: unknown): readonly (Tensor | null)[] {
  if (!Array.isArray(grads) || grads.length !== inputs.length) {
    const got = Array.isArray(grads) ? `${grads.length} gradients` : typeof grads;
    throw new TypeError(`${name}.backward: expected an array of ${inputs.length} gradients (one per input, null for none), got ${got}`);
  }
  grads.forEach((g, i) => {
    if (g === null || g === undefined) return;
    if (!(g instanceof Tensor)) throw new TypeError(`${name}.backward: the gradient of input ${i} must be a Tensor or null, got ${typeof g}`);
    if (g.shape.length !== inputs[i].shape.length || g.shape.some((d, k) => d !== inputs[i].shape[k])) {
      throw new ShapeError(`${name}.backward: the gradient of input ${i} has shape ${fmtShape(g.shape)} but input ${i} has shape ${fmtShape(inputs[i].shape)}`);
    }
  });
  return grads as readonly (Tensor | null)[];
}

/**
 * Turn a definition into a function used like any op: `const softplus = defineOp({ name, forward,
 * backward }); softplus(x)`. Under noGrad nothing is recorded; inputs that do not require a
 * gradient get none, whatever backward returns for them.
 */
export function defineOp(definition: OpDefinition): (...inputs: Tensor[]) => Tensor {
  const { name } = definition;
  if (typeof name !== "string" || !name) throw new TypeError("defineOp: the definition needs a name, used in its errors");
  return (...inputs: Tensor[]): Tensor => {
    inputs.forEach((x, i) => {
      if (!(x instanceof Tensor)) throw new TypeError(`${name}: input ${i} must be a Tensor, got ${x === null ? "null" : typeof x} (pass constants by closing over them)`);
    });
    const ctx = new OpContext(inputs.map((x) => isGradEnabled() && x.requiresGrad));
    const result = noGrad(() => definition.forward(ctx, ...inputs));
    if (!(result instanceof Tensor)) throw new TypeError(`${name}.forward: must return a Tensor, got ${typeof result}`);
    // an input (or any tensor in a graph) returned as is would get this op's gradFn; a fresh view does not
    const out = result.requiresGrad || inputs.includes(result) ? result.detach() : result;
    return record(name, out, inputs, (g) => {
      const grads = checkGradients(name, inputs, definition.backward(ctx, g));
      return inputs.map((_, i) => (ctx.needsInputGrad[i] ? grads[i] ?? null : null));
    });
  };
}
