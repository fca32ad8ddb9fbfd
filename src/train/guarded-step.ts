/**
 * One optimiser update that a NaN or an infinity cannot get through: the loss is checked before
 * backward() and every gradient before step(), so the weights (and the last checkpoint) keep their
 * last finite values, and the error says where the bad value came from — the input batch, the
 * loss, or the gradient of which parameter — with advice that fits that cause.
 */
import { countNonFinite } from "../tensor/finite.js";
import type { Tensor } from "../tensor/index.js";
import { clipGradNorm } from "../optim/index.js";

/** Why a training step was refused; the weights were not updated. */
export class NonFiniteError extends Error {
  constructor(
    message: string,
    /** What held the first non-finite value. */
    readonly source: "input" | "loss" | "gradient",
  ) {
    super(message);
    this.name = "NonFiniteError";
  }
}

export interface GuardedStepOptions {
  optimizer: { zeroGrad(): void; step(): void };
  /** The model whose parameters' gradients are checked; an nn.Module's namedParameters name them in errors. */
  model: { parameters(): Tensor[]; namedParameters?(): [string, Tensor][] };
  /** Where the step is, for errors: "fit: epoch 3, batch 17". */
  where: string;
  /** The batch's tensors, blamed when they hold non-finite values. */
  inputs?: readonly Tensor[];
  /** Clip the gradients' global L2 norm to this before the update. */
  clipGradNorm?: number;
}

const ADVICE = "turn on detectAnomaly (fit's option, or setDetectAnomaly(true)) to find the op that first made it";

/**
 * backward() and step() for `loss` when the loss and every gradient are finite (the loss's value is
 * returned); otherwise a NonFiniteError, with nothing updated.
 */
export function guardedStep(loss: Tensor, options: GuardedStepOptions): number {
  const value = loss.itemSync();
  if (!Number.isFinite(value)) throw lossError(value, options);
  options.optimizer.zeroGrad();
  loss.backward();
  if (options.clipGradNorm !== undefined) clipGradNorm(options.model.parameters(), options.clipGradNorm);
  assertFiniteGradients(options.model, options.where, `though the loss is ${value}`);
  options.optimizer.step();
  return value;
}

/**
 * Throws a NonFiniteError naming every parameter of `model` whose gradient holds a NaN or an
 * infinity; for loops that compute gradients themselves (contrastive divergence) before step().
 */
export function assertFiniteGradients(model: GuardedStepOptions["model"], where: string, context = ""): void {
  const named = model.namedParameters?.() ?? model.parameters().map((p): [string, Tensor] => [`a parameter of shape [${p.shape.join(", ")}]`, p]);
  const bad = named.filter(([, p]) => p.grad && countNonFinite(p.grad.values) > 0);
  if (bad.length > 0) throw gradientError(bad, where, context);
}

function lossError(value: number, { where, inputs = [] }: GuardedStepOptions): NonFiniteError {
  const tainted = inputs.map((t, i) => [i, t.dtype === "int32" ? 0 : countNonFinite(t.values), t.size] as const).filter(([, n]) => n > 0);
  if (tainted.length > 0) {
    const which = tainted.map(([i, n, size]) => `input ${i} holds ${n} of ${size}`).join(", ");
    return new NonFiniteError(
      `${where}: the batch itself is not finite (${which} NaN or infinite values), so the loss is ${value}; the weights were not updated. ` +
        "Check the data: a corrupt file, a division by a zero standard deviation in normalisation, a log of 0 in preprocessing",
      "input",
    );
  }
  return new NonFiniteError(
    `${where}: the loss is ${value} though the batch is finite; the weights were not updated. ` +
      `The forward pass overflowed or took a log of 0: lower the learning rate, clip gradients (clipGradNorm), or ${ADVICE}`,
    "loss",
  );
}

function gradientError(bad: [string, Tensor][], where: string, context: string): NonFiniteError {
  const described = bad.map(([name, p]) => `${name} (${countNonFinite(p.grad!.values)} of ${p.size} values)`);
  const list = described.length > 3 ? `${described.slice(0, 3).join(", ")} and ${described.length - 3} more` : described.join(", ");
  return new NonFiniteError(
    `${where}: the gradient of ${list} is not finite${context ? `, ${context}` : ""}; the weights were not updated. ` +
      `A step of backward overflowed: lower the learning rate, clip gradients (clipGradNorm), or ${ADVICE}`,
    "gradient",
  );
}
