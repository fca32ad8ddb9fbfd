/** The house-numbers convnet (Sermanet, Chintala & LeCun, ICPR 2012) shown in LeCun & Ranzato's deep learning tutorial. */
import * as nn from "../nn/index.js";
import { concat, flatten } from "../ops/index.js";
import type { Tensor } from "../tensor/index.js";
import { checkNumClasses, type ClassifierOptions } from "./options.js";

/** L2 pooling over 2×2 windows, stride 2: √(Σ x²) of each window. */
const l2Pool = () => new nn.LPPool2d(2, 2, { stride: 2 });

/** One feature stage: convolution, tanh, L2 pooling, subtractive normalisation (7×7 Gaussian over all maps). */
const stage = (inChannels: number, outChannels: number, kernel: number) => new nn.Sequential(
  new nn.Conv2d(inChannels, outChannels, kernel), new nn.Tanh(), l2Pool(), new nn.LocalContrastNorm(7, { divisive: false }),
);

const sizeOf = (shape: readonly number[]) => shape.reduce((a, b) => a * b, 1);

/**
 * Two feature stages and a two-layer classifier with multi-stage features: the classifier sees
 * the second stage's maps and, pooled once more, the first stage's ("local motifs" beside the
 * global features).
 *
 * | part | configuration | output at 3×32×32 | parameters |
 * | --- | --- | --- | --- |
 * | stage1 | conv 16@5×5; tanh; L2 pool 2×2; subtractive norm | 16×14×14 | 16·3·25 + 16 = 1,216 |
 * | stage2 | conv 512@7×7; tanh; L2 pool 2×2; subtractive norm | 512×4×4 | 512·16·49 + 512 = 401,920 |
 * | skip | L2 pool 2×2 of stage1 | 16×7×7 | |
 * | classifier | Linear (8192 + 784 = 8976)→20; tanh; Linear 20→numClasses | 10 | 179,540 + 210 |
 *
 * 582,886 parameters with 10 classes. From the paper: 16 then 512 features with 5×5 then 7×7
 * filters, 20 hidden units, L2 pooling, subtractive-only normalisation (the division hurt on this
 * data) and multi-stage features. Our choices where it leaves the detail to its EBLearn code:
 * tanh units, a 2×2 box for the L2 pool (the paper's figure weights a 3×3 window by a Gaussian),
 * a 7×7 normalisation window, full connections from the 16 maps to the 512 (EBLearn used a sparse
 * connection table) and one more 2×2 L2 pool on the first stage's branch. The input is the
 * paper's: YUV, 32×32, locally contrast-normalised beforehand (e.g. nn.functional.localContrastNorm).
 */
export class SvhnNet extends nn.Module {
  stage1 = stage(3, 16, 5);
  stage2 = stage(16, 512, 7);
  skip = l2Pool();
  classifier: nn.Sequential;

  constructor({ numClasses = 10 }: ClassifierOptions = {}) {
    super();
    checkNumClasses("svhnNet", numClasses);
    this.classifier = new nn.Sequential(new nn.Linear(16 * 7 * 7 + 512 * 4 * 4, 20), new nn.Tanh(), new nn.Linear(20, numClasses));
  }

  forward(x: Tensor): Tensor {
    const first = this.stage1.forward(x);
    const features = [this.skip.forward(first), this.stage2.forward(first)].map((h) => flatten(h, 1));
    return this.classifier.forward(concat(features, 1));
  }

  outputShape(inputShape: readonly number[], through: nn.ShapeTracer = nn.outputShapeOf): number[] {
    const first = through(this.stage1, inputShape);
    const [skip, second] = [through(this.skip, first), through(this.stage2, first)];
    return through(this.classifier, [first[0], sizeOf(skip.slice(1)) + sizeOf(second.slice(1))]);
  }
}

/** The SVHN net for 3×32×32 images (10 digit classes by default). */
export const svhnNet = (options: ClassifierOptions = {}) => new SvhnNet(options);
