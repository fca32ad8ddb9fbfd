/** A multilayer perceptron: Flatten, then Linear layers with a non-linearity (and optional dropout) between them. */
import * as nn from "../nn/index.js";

export interface MlpOptions {
  /** Layer widths from input to output, e.g. [784, 800, 10]. */
  sizes: readonly number[];
  activation?: "relu" | "tanh" | "sigmoid";
  /** Dropout probability after each hidden activation (0 = none). */
  dropout?: number;
}

const activations = { relu: () => new nn.ReLU(), tanh: () => new nn.Tanh(), sigmoid: () => new nn.Sigmoid() };

export function mlp({ sizes, activation = "relu", dropout = 0 }: MlpOptions): InstanceType<typeof nn.Sequential> {
  if (sizes.length < 2 || sizes.some((s) => !Number.isInteger(s) || s < 1)) {
    throw new RangeError(`mlp: sizes must list at least two positive integer widths, got [${sizes.join(", ")}]`);
  }
  if (!(activation in activations)) throw new TypeError(`mlp: unknown activation "${activation}"; expected relu, tanh or sigmoid`);
  const net = new nn.Sequential(new nn.Flatten());
  for (let i = 0; i + 1 < sizes.length; i++) {
    net.add(new nn.Linear(sizes[i], sizes[i + 1]));
    if (i + 2 < sizes.length) {
      net.add(activations[activation]());
      if (dropout > 0) net.add(new nn.Dropout(dropout));
    }
  }
  return net;
}
