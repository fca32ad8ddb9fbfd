/** Reverse-mode differentiation over the recorded DAG. */
import { add } from "../ops/arithmetic.js";
import { cast } from "../ops/cast.js";
import { onesLike, zerosLike } from "../ops/creation.js";
import { fmtShape, sameShape, ShapeError } from "../tensor/shape.js";
import type { Tensor } from "../tensor/tensor.js";
import { checkedBackward, isAnomalyEnabled } from "./anomaly.js";
import { enableGrad, noGrad } from "./mode.js";

/** Options of backward() and grad(). */
export interface BackwardOptions {
  /** Keep the graph so backward can run through it again. Default false, or true with createGraph. */
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

/** Check the output and its seed gradient, naming the calling function in errors. */
function seedGradient(op: string, root: Tensor, grad: Tensor | undefined): Tensor {
  if (!root.requiresGrad) {
    throw new Error(`${op}: this tensor does not require a gradient (no input had requiresGrad, or it was made inside noGrad)`);
  }
  if (!grad && root.size !== 1) {
    throw new ShapeError(`${op}: a gradient must be passed for a non-scalar output of shape ${fmtShape(root.shape)}`);
  }
  if (grad && !sameShape(grad.shape, root.shape)) {
    throw new ShapeError(`${op}: gradient of shape ${fmtShape(grad.shape)} does not match the output's shape ${fmtShape(root.shape)}`);
  }
  return grad ?? onesLike(root);
}

/**
 * Walk the graph from root in reverse topological order, summing each tensor's gradient over all
 * its uses before passing it on, and hand every tensor's total to `deliver`.
 */
function propagate(op: string, root: Tensor, seed: Tensor, options: BackwardOptions, deliver: (t: Tensor, g: Tensor) => void): void {
  // as in PyTorch, a graph of gradients keeps the forward graph too (its backward refers to it)
  const { createGraph = false, retainGraph = createGraph } = options;
  const run = createGraph ? enableGrad : noGrad;
  run(() => {
    const grads = new Map<Tensor, Tensor>([[root, seed]]);
    for (const t of topoOrder(root)) {
      const g = grads.get(t);
      if (!g) continue;
      grads.delete(t);
      deliver(t, createGraph ? g : g.detach());
      const node = t.gradFn;
      if (!node) continue;
      if (node.released) {
        throw new Error(`${op}: the graph through ${node.name} was already freed by an earlier backward(); pass { retainGraph: true } to the first call`);
      }
      const inputGrads = isAnomalyEnabled() ? checkedBackward(node, g) : node.backward(g);
      node.inputs.forEach((input, i) => {
        const returned = inputGrads[i];
        if (!returned || !input.requiresGrad) return;
        if (!sameShape(returned.shape, input.shape)) {
          throw new ShapeError(`${op}: ${node.name} returned a gradient of shape ${fmtShape(returned.shape)} for an input of shape ${fmtShape(input.shape)}`);
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

/**
 * Back-propagate from root (a scalar, or pass `grad` of its shape), adding the result into `.grad`
 * of every leaf that requires a gradient and of non-leaves that called retainGrad().
 */
export function backward(root: Tensor, grad?: Tensor, options: BackwardOptions = {}): void {
  const seed = seedGradient("backward", root, grad);
  propagate("backward", root, seed, options, (t, g) => {
    if (t.isLeaf || t.retainsGrad) t.grad = t.grad ? add(t.grad, g) : g;
  });
}

export interface GradOptions extends BackwardOptions {
  /** dLoss/dOutput; needed when the output is not a scalar. */
  gradOutput?: Tensor;
}

/**
 * The gradients of `output` with respect to each of `inputs` (torch.autograd.grad), returned rather
 * than stored: no `.grad` is touched. An input the output does not depend on gets zeros. With
 * `createGraph`, the results are themselves differentiable (Hessian-vector products, penalties).
 */
export function grad(output: Tensor, inputs: readonly Tensor[], options: GradOptions = {}): Tensor[] {
  const seed = seedGradient("grad", output, options.gradOutput);
  const found = new Map<Tensor, Tensor>();
  const wanted = new Set(inputs);
  propagate("grad", output, seed, options, (t, g) => {
    if (wanted.has(t)) found.set(t, g);
  });
  return inputs.map((x) => found.get(x) ?? zerosLike(x));
}
