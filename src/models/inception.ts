/** GoogLeNet's building blocks as torchvision lays them out: BasicConv2d, Inception, InceptionAux. */
import * as nn from "../nn/index.js";
import { concat, flatten } from "../ops/index.js";
import type { Tensor } from "../tensor/index.js";

/** Convolution (no bias) → BatchNorm2d (eps 0.001) → ReLU; state-dict keys `conv.weight`, `bn.*`. */
export class BasicConv2d extends nn.Module {
  conv: nn.Conv2d;
  bn: nn.BatchNorm2d;

  constructor(inChannels: number, outChannels: number, kernelSize: number, options: { stride?: number; padding?: number } = {}) {
    super();
    this.conv = new nn.Conv2d(inChannels, outChannels, kernelSize, { ...options, bias: false });
    this.bn = new nn.BatchNorm2d(outChannels, { eps: 0.001 });
  }

  forward(x: Tensor): Tensor {
    return nn.functional.relu(this.bn.forward(this.conv.forward(x)));
  }

  outputShape(inputShape: readonly number[], through: nn.ShapeTracer = nn.outputShapeOf): number[] {
    return through(this.bn, through(this.conv, inputShape));
  }
}

export interface InceptionOptions {
  /**
   * Kernel of the "5×5" branch. Default 3: torchvision's GoogLeNet uses 3×3 there (and its
   * published weights depend on it); 5 gives the paper's 5×5.
   */
  wideKernel?: 3 | 5;
}

/**
 * The inception module (Szegedy et al., "Going Deeper with Convolutions", 2014): four branches
 * over the same input, concatenated along the channels — a 1×1 convolution (c1 channels); 1×1
 * (c3r) then 3×3 (c3); 1×1 (c5r) then the wide kernel (c5); a 3×3 stride-1 max-pool then 1×1
 * (poolProj). Out: c1 + c3 + c5 + poolProj channels at the input's height and width.
 */
export class Inception extends nn.Module {
  branch1: BasicConv2d;
  branch2: nn.Sequential;
  branch3: nn.Sequential;
  branch4: nn.Sequential;

  constructor(inChannels: number, c1: number, c3r: number, c3: number, c5r: number, c5: number, poolProj: number, { wideKernel = 3 }: InceptionOptions = {}) {
    super();
    if (wideKernel !== 3 && wideKernel !== 5) throw new RangeError(`Inception: wideKernel must be 3 or 5, got ${wideKernel}`);
    this.branch1 = new BasicConv2d(inChannels, c1, 1);
    this.branch2 = new nn.Sequential(new BasicConv2d(inChannels, c3r, 1), new BasicConv2d(c3r, c3, 3, { padding: 1 }));
    this.branch3 = new nn.Sequential(new BasicConv2d(inChannels, c5r, 1), new BasicConv2d(c5r, c5, wideKernel, { padding: (wideKernel - 1) / 2 }));
    this.branch4 = new nn.Sequential(new nn.MaxPool2d(3, { stride: 1, padding: 1, ceilMode: true }), new BasicConv2d(inChannels, poolProj, 1));
  }

  /** The four branches, in the order their outputs are concatenated. */
  get branches(): nn.Module[] {
    return [this.branch1, this.branch2, this.branch3, this.branch4];
  }

  forward(x: Tensor): Tensor {
    return concat(this.branches.map((b) => b.forward(x)), 1);
  }

  outputShape(inputShape: readonly number[], through: nn.ShapeTracer = nn.outputShapeOf): number[] {
    return nn.concatShape("Inception", this.branches.map((b) => through(b, inputShape)), 1);
  }
}

/**
 * GoogLeNet's auxiliary classifier (used in training only): 4×4 adaptive average pool → 1×1
 * BasicConv2d to 128 channels → Linear 2048→1024 → ReLU → dropout 0.7 → Linear 1024→numClasses.
 */
export class InceptionAux extends nn.Module {
  pool = new nn.AdaptiveAvgPool2d(4);
  conv: BasicConv2d;
  fc1 = new nn.Linear(2048, 1024);
  fc2: nn.Linear;
  dropout = new nn.Dropout(0.7);

  constructor(inChannels: number, numClasses: number) {
    super();
    this.conv = new BasicConv2d(inChannels, 128, 1);
    this.fc2 = new nn.Linear(1024, numClasses);
  }

  forward(x: Tensor): Tensor {
    const hidden = nn.functional.relu(this.fc1.forward(flatten(this.conv.forward(this.pool.forward(x)), 1)));
    return this.fc2.forward(this.dropout.forward(hidden));
  }

  outputShape(inputShape: readonly number[], through: nn.ShapeTracer = nn.outputShapeOf): number[] {
    const [batch, ...map] = through(this.conv, through(this.pool, inputShape));
    const hidden = through(this.fc1, [batch, map.reduce((a, b) => a * b, 1)]);
    return through(this.fc2, through(this.dropout, hidden));
  }
}
