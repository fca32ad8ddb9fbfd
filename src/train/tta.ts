/**
 * Test-time augmentation: a classifier's softmax probabilities averaged over several views of each
 * image (crops, mirror images, rescalings — see data's fiveCrop, tenCrop, horizontalFlip, rescale).
 */
import { noGrad } from "../autograd/index.js";
import type { TestViews } from "../data/views.js";
import { withEvalMode, type Module } from "../nn/index.js";
import { concat, softmax } from "../ops/index.js";
import { fmtShape, ShapeError, type Tensor } from "../tensor/index.js";

/**
 * The mean over views(x) of softmax(model(view)), [N, classes], computed in evaluation mode without
 * a graph, batchSize images at a time. With views = x => [x] it is the model's own probabilities.
 */
export function predictOverViews(model: Module, x: Tensor, views: TestViews, { batchSize = 500 }: { batchSize?: number } = {}): Tensor {
  if (!Number.isInteger(batchSize) || batchSize < 1) throw new RangeError(`predictOverViews: batchSize must be a positive integer, got ${batchSize}`);
  const n = x.shape[0];
  const rows: Tensor[] = [];
  withEvalMode(model, () => noGrad(() => {
    for (let from = 0; from < n; from += batchSize) {
      const shown = views(x.narrow(0, from, Math.min(batchSize, n - from)));
      if (shown.length === 0) throw new RangeError("predictOverViews: views returned no view of the batch; return at least one tensor");
      const probabilities = shown.map((view) => softmax(model.forward(view), 1));
      probabilities.forEach((p, i) => {
        if (p.ndim !== 2 || p.shape[0] !== shown[0].shape[0] || p.shape[1] !== probabilities[0].shape[1]) {
          throw new ShapeError(`predictOverViews: view ${i} gave scores of shape ${fmtShape(p.shape)}, view 0 ${fmtShape(probabilities[0].shape)}; every view must give [N, classes] alike`);
        }
      });
      rows.push(probabilities.reduce((sum, p) => sum.add(p)).div(probabilities.length));
    }
  }));
  if (rows.length === 0) throw new RangeError("predictOverViews: x holds no images");
  return concat(rows, 0);
}
