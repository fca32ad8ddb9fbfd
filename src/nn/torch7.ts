/**
 * The Torch7 contract `backward(input, gradOutput) → gradInput`, built on autograd: forward runs
 * again on a fresh leaf copy of the input, and gradOutput is back-propagated through it. Parameter
 * gradients accumulate into `.grad` on the way, as Torch7's accGradParameters does.
 */
import { backward, enableGrad } from "../autograd/index.js";
import { zeros } from "../ops/index.js";
import { floatOf, fmtShape, sameShape, ShapeError, type Tensor } from "../tensor/index.js";

let replaying = false;

/**
 * True while a Torch7-style backward re-runs forward. Stochastic layers (Dropout) then reuse the
 * draw of their previous forward, so the gradient belongs to the output the caller actually saw.
 */
export function isReplayingForward(): boolean {
  return replaying;
}

/** Re-run `forward` on a leaf copy of input, back-propagate gradOutput (ones for a scalar), return gradInput. */
export function gradInputByReplay(
  owner: string,
  input: Tensor,
  forward: (x: Tensor) => Tensor,
  gradOutput?: Tensor,
): Tensor {
  const x = input.detach();
  if (x.dtype !== "int32") x.requiresGrad_(true);
  const previous = replaying;
  replaying = true;
  let output: Tensor;
  try {
    output = enableGrad(() => forward(x));
  } finally {
    replaying = previous;
  }
  if (gradOutput && !sameShape(gradOutput.shape, output.shape)) {
    throw new ShapeError(`${owner}.backward: gradOutput has shape ${fmtShape(gradOutput.shape)} but the output has shape ${fmtShape(output.shape)}`);
  }
  if (!gradOutput && output.size !== 1) {
    throw new ShapeError(`${owner}.backward: a gradOutput is needed for an output of shape ${fmtShape(output.shape)}`);
  }
  if (output.requiresGrad) backward(output, gradOutput);
  return x.grad ?? zeros(input.shape, { dtype: floatOf(input.dtype) });
}
