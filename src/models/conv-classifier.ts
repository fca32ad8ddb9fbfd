/**
 * The shape shared by AlexNet, ZFNet and VGG as torchvision lays them out: convolutional
 * `features`, an adaptive average pool `avgpool` (the identity at the design input size; it lets
 * other sizes through), flattening, then a fully connected `classifier`.
 */
import type { Tensor } from "../tensor/index.js";
import * as nn from "../nn/index.js";
import { flatten } from "../ops/index.js";

export class ConvClassifier extends nn.Module {
  constructor(
    public features: nn.Sequential,
    public avgpool: nn.AdaptiveAvgPool2d,
    public classifier: nn.Sequential,
  ) {
    super();
  }

  forward(x: Tensor): Tensor {
    return this.classifier.forward(flatten(this.avgpool.forward(this.features.forward(x)), 1));
  }

  /** Output shape for an input shape, with `through` carrying it across each part (see nn.summary). */
  outputShape(inputShape: readonly number[], through: nn.ShapeTracer = nn.outputShapeOf): number[] {
    const [batch, ...map] = through(this.avgpool, through(this.features, inputShape));
    return through(this.classifier, [batch, map.reduce((a, b) => a * b, 1)]);
  }
}

/**
 * The classifier of VGG (and of our ZFNet): Linear → ReLU → Dropout → Linear → ReLU → Dropout →
 * Linear, 4096 wide, so its Linear layers are `classifier.0`, `.3` and `.6` as in torchvision.
 */
export function vggClassifier(inFeatures: number, numClasses: number, dropout: number): nn.Sequential {
  return new nn.Sequential(
    new nn.Linear(inFeatures, 4096), new nn.ReLU(), new nn.Dropout(dropout),
    new nn.Linear(4096, 4096), new nn.ReLU(), new nn.Dropout(dropout),
    new nn.Linear(4096, numClasses),
  );
}
