/** VGG (Simonyan & Zisserman, "Very Deep Convolutional Networks", 2014): configurations A to E. */
import * as nn from "../nn/index.js";
import { ConvClassifier, vggClassifier } from "./conv-classifier.js";
import { checkDropout, checkNumClasses, type ClassifierOptions } from "./options.js";

/** The columns of the paper's Table 1. */
export type VggConfig = "A" | "A-LRN" | "B" | "C" | "D" | "E";

export interface VggOptions extends ClassifierOptions {
  /** Batch normalisation after every convolution (torchvision's vgg*_bn). Default false. */
  batchNorm?: boolean;
  /** Dropout probability after each of the first two Linear layers. Default 0.5. */
  dropout?: number;
}

/** VGG's layers under their torchvision names (`features.0.weight`, `classifier.6.bias`, …). */
export class VGG extends ConvClassifier {}

/**
 * Table 1 as kernel sizes per block: the five blocks have 64, 128, 256, 512 and 512 channels and
 * each ends in a 2×2 max-pool. C differs from D only in the 1×1 third convolution of blocks 3–5.
 */
const blockKernels: Record<VggConfig, number[][]> = {
  A: [[3], [3], [3, 3], [3, 3], [3, 3]],
  "A-LRN": [[3], [3], [3, 3], [3, 3], [3, 3]],
  B: [[3, 3], [3, 3], [3, 3], [3, 3], [3, 3]],
  C: [[3, 3], [3, 3], [3, 3, 1], [3, 3, 1], [3, 3, 1]],
  D: [[3, 3], [3, 3], [3, 3, 3], [3, 3, 3], [3, 3, 3]],
  E: [[3, 3], [3, 3], [3, 3, 3, 3], [3, 3, 3, 3], [3, 3, 3, 3]],
};
const blockChannels = [64, 128, 256, 512, 512];

/**
 * VGG's convolutional part (`features`), as torchvision's make_layers builds it: per convolution
 * conv (padding keeps the size) → [BatchNorm2d] → ReLU, and a 2×2 max-pool after each block, so
 * the layers are numbered as there. A-LRN adds local response normalisation (AlexNet's settings)
 * after the first convolution's ReLU. From 3×224×224 it gives 512×7×7.
 */
export function vggFeatures(config: VggConfig, batchNorm = false): nn.Sequential {
  checkConfig(config);
  const features = new nn.Sequential();
  let inChannels = 3;
  blockKernels[config].forEach((kernels, block) => {
    for (const kernel of kernels) {
      const outChannels = blockChannels[block];
      features.add(new nn.Conv2d(inChannels, outChannels, kernel, { padding: (kernel - 1) / 2 }));
      if (batchNorm) features.add(new nn.BatchNorm2d(outChannels));
      features.add(new nn.ReLU());
      if (config === "A-LRN" && inChannels === 3) features.add(new nn.LocalResponseNorm(5, { alpha: 1e-4, beta: 0.75, k: 2 }));
      inChannels = outChannels;
    }
    features.add(new nn.MaxPool2d(2));
  });
  return features;
}

function checkConfig(config: VggConfig): void {
  if (!Object.hasOwn(blockKernels, config)) {
    throw new RangeError(`vgg: unknown configuration ${JSON.stringify(config)}; expected one of ${Object.keys(blockKernels).join(", ")}`);
  }
}

/**
 * VGG configuration A, A-LRN, B, C, D or E for 3×224×224 images: vggFeatures(config), a 7×7
 * adaptive average pool, and the classifier 25088 → 4096 → 4096 → numClasses with ReLU and
 * dropout. Parameter counts with 1000 classes: A and A-LRN 132,863,336, B 133,047,848,
 * C 133,638,952, D 138,357,544, E 143,667,240 (A, B, D, E as torchvision's vgg11, vgg13, vgg16,
 * vgg19, whose state dicts load). The layers keep their default (PyTorch) initialisation.
 */
export function vgg(config: VggConfig, { numClasses = 1000, batchNorm = false, dropout = 0.5 }: VggOptions = {}): VGG {
  checkConfig(config);
  checkNumClasses("vgg", numClasses);
  checkDropout("vgg", dropout);
  return new VGG(vggFeatures(config, batchNorm), new nn.AdaptiveAvgPool2d(7), vggClassifier(512 * 7 * 7, numClasses, dropout));
}
