/** LeNet-5 (LeCun et al., 1998) for 1×28×28 images such as MNIST. */
import * as nn from "../nn/index.js";
import { checkDropout, checkNumClasses, type ClassifierOptions } from "./options.js";

export interface LeNet5Options extends ClassifierOptions {
  /** The 1998 paper's tanh and average pooling instead of ReLU and max-pooling. Default false. */
  classic?: boolean;
  /** Dropout probability after each hidden fully connected layer (default 0: none, and no Dropout layers). */
  dropout?: number;
  /** Multiplies every layer's width (6, 16, 120, 84), rounded (default 1: the paper's widths). */
  width?: number;
}

/**
 * LeNet-5 for 1×28×28 inputs, as one nn.Sequential (so its layers can be iterated, sliced and
 * reused): conv 6@5×5 padding 2 → ReLU → max-pool 2×2 → conv 16@5×5 → ReLU → max-pool 2×2 →
 * Flatten → Linear 400→120 → ReLU → Linear 120→84 → ReLU → Linear 84→numClasses (default 10).
 * The padding stands in for the paper's 32×32 input. 61,706 parameters with 10 classes.
 * `width` and `dropout` (for hyper-parameter search) leave the model exactly as above at their defaults.
 */
export function lenet5({ numClasses = 10, classic = false, dropout = 0, width = 1 }: LeNet5Options = {}): nn.Sequential {
  checkNumClasses("lenet5", numClasses);
  checkDropout("lenet5", dropout);
  if (!(width > 0) || !Number.isFinite(width)) throw new RangeError(`lenet5: width must be a positive multiplier, got ${width}`);
  const [c1, c2, f1, f2] = [6, 16, 120, 84].map((n) => Math.max(1, Math.round(n * width)));
  const activation = () => (classic ? new nn.Tanh() : new nn.ReLU());
  const pool = () => (classic ? new nn.AvgPool2d(2) : new nn.MaxPool2d(2));
  // no Dropout layer at all when 0, so the default model's layer indices (and state-dict names) are the paper's
  const drop = () => (dropout > 0 ? [new nn.Dropout(dropout)] : []);
  return new nn.Sequential(
    new nn.Conv2d(1, c1, 5, { padding: 2 }), activation(), pool(),
    new nn.Conv2d(c1, c2, 5), activation(), pool(),
    new nn.Flatten(),
    new nn.Linear(c2 * 5 * 5, f1), activation(), ...drop(),
    new nn.Linear(f1, f2), activation(), ...drop(),
    new nn.Linear(f2, numClasses),
  );
}
