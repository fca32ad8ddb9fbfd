/** LeNet-5 (LeCun et al., 1998) for 1×28×28 images such as MNIST. */
import * as nn from "../nn/index.js";
import { checkNumClasses, type ClassifierOptions } from "./options.js";

export interface LeNet5Options extends ClassifierOptions {
  /** The 1998 paper's tanh and average pooling instead of ReLU and max-pooling. Default false. */
  classic?: boolean;
}

/**
 * LeNet-5 for 1×28×28 inputs, as one nn.Sequential (so its layers can be iterated, sliced and
 * reused): conv 6@5×5 padding 2 → ReLU → max-pool 2×2 → conv 16@5×5 → ReLU → max-pool 2×2 →
 * Flatten → Linear 400→120 → ReLU → Linear 120→84 → ReLU → Linear 84→numClasses (default 10).
 * The padding stands in for the paper's 32×32 input. 61,706 parameters with 10 classes.
 */
export function lenet5({ numClasses = 10, classic = false }: LeNet5Options = {}): nn.Sequential {
  checkNumClasses("lenet5", numClasses);
  const activation = () => (classic ? new nn.Tanh() : new nn.ReLU());
  const pool = () => (classic ? new nn.AvgPool2d(2) : new nn.MaxPool2d(2));
  return new nn.Sequential(
    new nn.Conv2d(1, 6, 5, { padding: 2 }), activation(), pool(),
    new nn.Conv2d(6, 16, 5), activation(), pool(),
    new nn.Flatten(),
    new nn.Linear(16 * 5 * 5, 120), activation(),
    new nn.Linear(120, 84), activation(),
    new nn.Linear(84, numClasses),
  );
}
