/** C3D (Tran, Bourdev, Fergus, Torresani & Paluri, "Learning Spatiotemporal Features with 3D Convolutional Networks", 2015). */
import * as nn from "../nn/index.js";
import type { Tensor } from "../tensor/index.js";
import { vggClassifier } from "./conv-classifier.js";
import { checkDropout, checkNumClasses, type ClassifierOptions } from "./options.js";

export interface C3DOptions extends ClassifierOptions {
  /** Dropout probability after fc6 and fc7. Default 0.5. */
  dropout?: number;
}

/** C3D: 3-D convolutional `features` ending flattened, then the fully connected `classifier`. */
export class C3D extends nn.Module {
  constructor(public features: nn.Sequential, public classifier: nn.Sequential) {
    super();
  }

  forward(x: Tensor): Tensor {
    return this.classifier.forward(this.features.forward(x));
  }

  outputShape(inputShape: readonly number[], through: nn.ShapeTracer = nn.outputShapeOf): number[] {
    return through(this.classifier, through(this.features, inputShape));
  }
}

/** A 3×3×3 convolution with padding 1 (every C3D convolution) followed by ReLU, as two layers. */
const conv3 = (inChannels: number, outChannels: number) => [new nn.Conv3d(inChannels, outChannels, 3, { padding: 1 }), new nn.ReLU()];

/**
 * C3D for clips of 16 RGB frames of 112×112 (input [N, 3, 16, 112, 112]), the paper's Fig. 3:
 * eight 3×3×3 convolutions (stride 1, padding 1) in five stages of 64, 128, 256, 256, 512, 512,
 * 512, 512 filters, each stage closed by a max-pool: 1×2×2 after the first (so time is not
 * merged too early), 2×2×2 after the rest; then fc6 4096, fc7 4096 (each ReLU and dropout) and
 * fc8 over the classes (487, Sports-1M's, by default).
 *
 * | stage | output (C×T×H×W) |
 * | --- | --- |
 * | conv1a, pool1 1×2×2 | 64×16×56×56 |
 * | conv2a, pool2 | 128×8×28×28 |
 * | conv3a, conv3b, pool3 | 256×4×14×14 |
 * | conv4a, conv4b, pool4 | 512×2×7×7 |
 * | conv5a, conv5b, pool5 (ceil mode) | 512×1×4×4 = 8192 |
 *
 * pool5 rounds up, as Caffe's pooling (in which C3D was written) does, so the 7×7 map gives 4×4
 * and fc6 takes 8192 inputs; flooring would give 3×3. 79,991,015 parameters with 487 classes.
 */
export function c3d({ numClasses = 487, dropout = 0.5 }: C3DOptions = {}): C3D {
  checkNumClasses("c3d", numClasses);
  checkDropout("c3d", dropout);
  const pool = () => new nn.MaxPool3d(2, { stride: 2 });
  const features = new nn.Sequential(
    ...conv3(3, 64), new nn.MaxPool3d([1, 2, 2], { stride: [1, 2, 2] }),
    ...conv3(64, 128), pool(),
    ...conv3(128, 256), ...conv3(256, 256), pool(),
    ...conv3(256, 512), ...conv3(512, 512), pool(),
    ...conv3(512, 512), ...conv3(512, 512), new nn.MaxPool3d(2, { stride: 2, ceilMode: true }),
    new nn.Flatten(),
  );
  return new C3D(features, vggClassifier(512 * 4 * 4, numClasses, dropout));
}
