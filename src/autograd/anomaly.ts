/**
 * Anomaly detection (PyTorch's torch.autograd.detect_anomaly): while on, every op's output is checked
 * for NaN and infinities as it is made, and every gradient as backward() computes it, and the first op
 * to produce one from finite inputs is named — in backward, with the stack of the forward call that
 * made the op. It costs a pass over every value and a stack trace per op: for hunting a NaN, not for
 * training.
 */
import { countNonFinite } from "../tensor/finite.js";
import { fmtShape } from "../tensor/shape.js";
import type { GradNode, Tensor } from "../tensor/tensor.js";
import { withSetting } from "./scoped.js";

let enabled = false;
/** Inside a node's backward, whose ops are checked as that node's output rather than one by one. */
let inBackward = false;

export function isAnomalyEnabled(): boolean {
  return enabled;
}

/** Turn anomaly detection on or off until called again (fit's detectAnomaly option does this for a run). */
export function setDetectAnomaly(on: boolean): void {
  enabled = on;
}

/** Run the synchronous fn with anomaly detection on. */
export function detectAnomaly<T>(fn: () => T): T {
  return withSetting({ get: isAnomalyEnabled, set: setDetectAnomaly }, true, fn, "detectAnomaly takes a synchronous function; for an async loop use setDetectAnomaly(true) or fit's detectAnomaly option");
}

/** The first NaN or infinity found, and the op that made it. */
export class AnomalyError extends Error {
  constructor(message: string, readonly op: string) {
    super(message);
    this.name = "AnomalyError";
  }
}

const isFloat = (t: Tensor) => t.dtype !== "int32";
const nonFinite = (t: Tensor) => (isFloat(t) ? countNonFinite(t.values) : 0);

/** Checks the output of the forward op `name`; called by record() for every differentiable op. */
export function checkForward(name: string, out: Tensor, inputs: readonly Tensor[]): void {
  if (inBackward) return;
  const bad = nonFinite(out);
  if (bad === 0) return;
  const fed = inputs.findIndex((t) => nonFinite(t) > 0);
  if (fed >= 0) {
    throw new AnomalyError(
      `detectAnomaly: input ${fed} of ${name} (shape ${fmtShape(inputs[fed].shape)}) already holds NaN or infinite values, ` +
        "and no recorded op made them: they came from data, a parameter, or a tensor built from values",
      name,
    );
  }
  throw new AnomalyError(`detectAnomaly: ${name} made ${bad} NaN or infinite values (of ${out.size}, shape ${fmtShape(out.shape)}) from finite inputs`, name);
}

/** Runs the backward of `node` and checks the gradients it returns, given a finite incoming gradient. */
export function checkedBackward(node: GradNode, incoming: Tensor): readonly (Tensor | null)[] {
  const outer = inBackward;
  inBackward = true;
  let returned: readonly (Tensor | null)[];
  try {
    returned = node.backward(incoming);
  } finally {
    inBackward = outer;
  }
  if (nonFinite(incoming) > 0) return returned; // an earlier node is to blame, and was checked first
  returned.forEach((grad, i) => {
    const bad = grad ? nonFinite(grad) : 0;
    if (bad === 0) return;
    const origin = node.createdAt ? `\nThe forward call that made ${node.name}:\n${node.createdAt.split("\n").slice(1).join("\n")}` : "";
    throw new AnomalyError(
      `detectAnomaly: the backward of ${node.name} made ${bad} NaN or infinite values in the gradient of its input ${i} (shape ${fmtShape(grad!.shape)}) from a finite incoming gradient${origin}`,
      node.name,
    );
  });
  return returned;
}
