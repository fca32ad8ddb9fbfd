/** Reverse-mode differentiation over the recorded DAG. */
import { add } from "../ops/arithmetic.js";
import { cast } from "../ops/cast.js";
import { onesLike } from "../ops/creation.js";
import { fmtShape, sameShape, ShapeError } from "../tensor/shape.js";
import type { Tensor } from "../tensor/tensor.js";
import { enableGrad, noGrad } from "./mode.js";

export interface BackwardOptions {
  /** Keep the graph so backward can run through it again. Default false. */
  retainGraph?: boolean;
  /** Record the backward pass itself, for gradients of gradients. Default false. */
  createGraph?: boolean;
}

/** Tensors reachable from root through gradFn, ordered so each comes before its inputs. */
function topoOrder(root: Tensor): Tensor[] {
  const order: Tensor[] = [];
  const seen = new Set<Tensor>();
  const stack: [Tensor, boolean][] = [[root, false]];
  while (stack.length > 0) {
    const [t, expanded] = stack.pop()!;
    if (expanded) {
      order.push(t);
      continue;
    }
    if (seen.has(t)) continue;
    seen.add(t);
    stack.push([t, true]);
    for (const input of t.gradFn?.inputs ?? []) if (input.requiresGrad && !seen.has(input)) stack.push([input, false]);
  }
  return order.reverse();
}

export function backward(root: Tensor, grad?: Tensor, options: BackwardOptions = {}): void {
  if (!root.requiresGrad) {
    throw new Error("backward: this tensor does not require a gradient (no input had requiresGrad, or it was made inside noGrad)");
  }
  if (!grad && root.size !== 1) {
    throw new ShapeError(`backward: a gradient must be passed for a non-scalar output of shape ${fmtShape(root.shape)}`);
  }
  if (grad && !sameShape(grad.shape, root.shape)) {
    throw new ShapeError(`backward: gradient of shape ${fmtShape(grad.shape)} does not match the output's shape ${fmtShape(root.shape)}`);
  }
  const { retainGraph = false, createGraph = false } = options;
  const run = createGraph ? enableGrad : noGrad;
  run(() => {
    const grads = new Map<Tensor, Tensor>([[root, grad ?? onesLike(root)]]);
    for (const t of topoOrder(root)) {
      const g = grads.get(t);
      if (!g) continue;
      grads.delete(t);
      const node = t.gradFn;
      if (!node || t.retainsGrad) t.grad = t.grad ? add(t.grad, g) : createGraph ? g : g.detach();
      if (!node) continue;
      if (node.released) {
        throw new Error(`backward: the graph through ${node.name} was already freed by an earlier backward(); pass { retainGraph: true } to the first call`);
      }
      const inputGrads = node.backward(g);
      node.inputs.forEach((input, i) => {
        const returned = inputGrads[i];
        if (!returned || !input.requiresGrad) return;
        if (!sameShape(returned.shape, input.shape)) {
          throw new ShapeError(`backward: ${node.name} returned a gradient of shape ${fmtShape(returned.shape)} for an input of shape ${fmtShape(input.shape)}`);
        }
        // a float32 input mixed with float64 gets a float32 gradient, as in PyTorch
        const ig = cast(returned, input.dtype);
        const previous = grads.get(input);
        grads.set(input, previous ? add(previous, ig) : ig);
      });
      if (!retainGraph) node.released = true;
    }
  });
}
