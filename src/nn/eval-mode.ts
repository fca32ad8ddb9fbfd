/** Running a module in evaluation mode for a moment, its own and its layers' modes restored after. */
import type { Module } from "./module.js";

/** fn's result with model and every layer in it in evaluation mode; each layer's mode is restored after, even on a throw. */
export function withEvalMode<T>(model: Module, fn: () => T): T {
  const modes = model.modules().map((m) => [m, m.training] as const);
  model.eval();
  try {
    return fn();
  } finally {
    for (const [m, training] of modes) m.training = training;
  }
}
