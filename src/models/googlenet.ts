/** GoogLeNet (Szegedy et al., 2014) in torchvision's layout (batch-normalised BasicConv2d layers). */
import * as nn from "../nn/index.js";
import { flatten } from "../ops/index.js";
import type { Tensor } from "../tensor/index.js";
import { BasicConv2d, Inception, InceptionAux } from "./inception.js";
import { checkDropout, checkNumClasses, type ClassifierOptions } from "./options.js";

export interface GoogLeNetOptions extends ClassifierOptions {
  /** Build the two auxiliary classifiers (`aux1` after inception4a, `aux2` after inception4d). Default false. */
  auxLogits?: boolean;
  /** Dropout probability before the final Linear layer. Default 0.2, as torchvision. */
  dropout?: number;
}

/** The logits and, when the network has them, the auxiliary classifiers' logits. */
export interface GoogLeNetOutputs {
  logits: Tensor;
  aux1: Tensor | null;
  aux2: Tensor | null;
}

const ceilPool = (kernel: number) => new nn.MaxPool2d(kernel, { stride: 2, ceilMode: true });

/** GoogLeNet with torchvision's attribute names, so state dicts (`inception4a.branch2.1.conv.weight`, …) load. */
export class GoogLeNet extends nn.Module {
  conv1 = new BasicConv2d(3, 64, 7, { stride: 2, padding: 3 });
  maxpool1 = ceilPool(3);
  conv2 = new BasicConv2d(64, 64, 1);
  conv3 = new BasicConv2d(64, 192, 3, { padding: 1 });
  maxpool2 = ceilPool(3);
  inception3a = new Inception(192, 64, 96, 128, 16, 32, 32);
  inception3b = new Inception(256, 128, 128, 192, 32, 96, 64);
  maxpool3 = ceilPool(3);
  inception4a = new Inception(480, 192, 96, 208, 16, 48, 64);
  inception4b = new Inception(512, 160, 112, 224, 24, 64, 64);
  inception4c = new Inception(512, 128, 128, 256, 24, 64, 64);
  inception4d = new Inception(512, 112, 144, 288, 32, 64, 64);
  inception4e = new Inception(528, 256, 160, 320, 32, 128, 128);
  maxpool4 = ceilPool(2);
  inception5a = new Inception(832, 256, 160, 320, 32, 128, 128);
  inception5b = new Inception(832, 384, 192, 384, 48, 128, 128);
  aux1: InceptionAux | null;
  aux2: InceptionAux | null;
  avgpool = new nn.AdaptiveAvgPool2d(1);
  dropout: nn.Dropout;
  fc: nn.Linear;

  constructor({ numClasses = 1000, auxLogits = false, dropout = 0.2 }: GoogLeNetOptions = {}) {
    super();
    checkNumClasses("GoogLeNet", numClasses);
    checkDropout("GoogLeNet", dropout);
    this.aux1 = auxLogits ? new InceptionAux(512, numClasses) : null;
    this.aux2 = auxLogits ? new InceptionAux(528, numClasses) : null;
    this.dropout = new nn.Dropout(dropout);
    this.fc = new nn.Linear(1024, numClasses);
  }

  /** The layers from the image to the pooled 1024 features, in order. */
  get trunk(): nn.Module[] {
    return [
      this.conv1, this.maxpool1, this.conv2, this.conv3, this.maxpool2,
      this.inception3a, this.inception3b, this.maxpool3,
      this.inception4a, this.inception4b, this.inception4c, this.inception4d, this.inception4e, this.maxpool4,
      this.inception5a, this.inception5b, this.avgpool,
    ];
  }

  /** The class logits (the auxiliary classifiers are not run: see forwardWithAux). */
  forward(x: Tensor): Tensor {
    return this.forwardWithAux(x, false).logits;
  }

  /**
   * The logits and the auxiliary classifiers' logits (null without them), for training with the
   * paper's extra losses (weighted 0.3 there). withAux = false skips the auxiliary heads.
   */
  forwardWithAux(x: Tensor, withAux = true): GoogLeNetOutputs {
    let aux1: Tensor | null = null;
    let aux2: Tensor | null = null;
    for (const layer of this.trunk) {
      x = layer.forward(x);
      if (withAux && layer === this.inception4a && this.aux1) aux1 = this.aux1.forward(x);
      if (withAux && layer === this.inception4d && this.aux2) aux2 = this.aux2.forward(x);
    }
    return { logits: this.fc.forward(this.dropout.forward(flatten(x, 1))), aux1, aux2 };
  }

  outputShape(inputShape: readonly number[], through: nn.ShapeTracer = nn.outputShapeOf): number[] {
    const [batch, ...rest] = this.trunk.reduce<number[]>((shape, layer) => through(layer, shape), [...inputShape]);
    return through(this.fc, through(this.dropout, [batch, rest.reduce((a, b) => a * b, 1)]));
  }
}

/**
 * GoogLeNet for 3×224×224 images, torchvision's layout: 6,624,904 parameters with 1000 classes and
 * no auxiliary classifiers, 13,004,888 with them (as torchvision's googlenet). Like torchvision it
 * uses batch normalisation and 3×3 kernels in the inception modules' "5×5" branches.
 */
export function googlenet(options: GoogLeNetOptions = {}): GoogLeNet {
  return new GoogLeNet(options);
}
