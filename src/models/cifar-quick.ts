/** The CIFAR-10 "quick" convnet of Caffe's examples (workload W4 of shared/BENCHMARKS.md). */
import * as nn from "../nn/index.js";
import { checkNumClasses, type ClassifierOptions } from "./options.js";

/**
 * For 3×32×32 images: conv 32@5×5 pad 2 → max-pool 3×3 s2 → ReLU → conv 32@5×5 pad 2 → ReLU →
 * avg-pool 3×3 s2 → conv 64@5×5 pad 2 → ReLU → avg-pool 3×3 s2 → Linear 1024→64 → Linear
 * 64→numClasses (default 10). Caffe's pools round up (ceil mode), so the maps are 32→16→8→4.
 * 145,578 parameters with 10 classes.
 */
export function cifarQuick({ numClasses = 10 }: ClassifierOptions = {}): nn.Sequential {
  checkNumClasses("cifarQuick", numClasses);
  const pool = (kind: "max" | "avg") => (kind === "max" ? new nn.MaxPool2d(3, { stride: 2, ceilMode: true }) : new nn.AvgPool2d(3, { stride: 2, ceilMode: true }));
  return new nn.Sequential(
    new nn.Conv2d(3, 32, 5, { padding: 2 }), pool("max"), new nn.ReLU(),
    new nn.Conv2d(32, 32, 5, { padding: 2 }), new nn.ReLU(), pool("avg"),
    new nn.Conv2d(32, 64, 5, { padding: 2 }), new nn.ReLU(), pool("avg"),
    new nn.Flatten(),
    new nn.Linear(64 * 4 * 4, 64),
    new nn.Linear(64, numClasses),
  );
}
