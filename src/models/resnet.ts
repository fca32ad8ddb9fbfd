/** ResNet (He, Zhang, Ren & Sun, "Deep Residual Learning for Image Recognition", 2015), torchvision's layout. */
import * as nn from "../nn/index.js";
import { flatten } from "../ops/index.js";
import type { Tensor } from "../tensor/index.js";
import { checkNumClasses, type ClassifierOptions } from "./options.js";
import { BasicBlock, Bottleneck, resnetConv, type ResidualBlock } from "./resnet-blocks.js";

/** A residual block class: BasicBlock or Bottleneck. */
export interface BlockType {
  new (inChannels: number, planes: number, stride?: number, downsample?: nn.Sequential | null): ResidualBlock;
  /** Output channels per plane (1 for BasicBlock, 4 for Bottleneck). */
  readonly expansion: number;
}

/**
 * A stage of `blocks` blocks at `planes` planes; the first has the stride and, when the shape
 * changes, the 1×1-conv + batch-norm shortcut (`layerK.0.downsample.0/1`).
 */
function makeStage(block: BlockType, inChannels: number, planes: number, blocks: number, stride: number): nn.Sequential {
  const outChannels = planes * block.expansion;
  const downsample = stride !== 1 || inChannels !== outChannels
    ? new nn.Sequential(resnetConv(inChannels, outChannels, 1, stride), new nn.BatchNorm2d(outChannels))
    : null;
  const stage = new nn.Sequential(new block(inChannels, planes, stride, downsample));
  for (let i = 1; i < blocks; i++) stage.add(new block(outChannels, planes));
  return stage;
}

/**
 * ResNet for 3×224×224 images: 7×7 stride-2 conv → batch norm → ReLU → 3×3 stride-2 max-pool →
 * four stages at 64, 128, 256, 512 planes (stride 1, 2, 2, 2) → global average pool → Linear.
 * Attribute names are torchvision's (`layer1.0.conv1.weight`, `layer2.0.downsample.0.weight`,
 * `fc.weight`, …), so its state dicts load. The layers keep their default (PyTorch) initialisation.
 */
export class ResNet extends nn.Module {
  conv1: nn.Conv2d;
  bn1 = new nn.BatchNorm2d(64);
  relu = new nn.ReLU();
  maxpool = new nn.MaxPool2d(3, { stride: 2, padding: 1 });
  layer1: nn.Sequential;
  layer2: nn.Sequential;
  layer3: nn.Sequential;
  layer4: nn.Sequential;
  avgpool = new nn.AdaptiveAvgPool2d(1);
  fc: nn.Linear;

  /** layers: blocks per stage, e.g. [2, 2, 2, 2] for ResNet-18. */
  constructor(block: BlockType, layers: readonly [number, number, number, number], { numClasses = 1000 }: ClassifierOptions = {}) {
    super();
    checkNumClasses("ResNet", numClasses);
    if (layers.length !== 4 || layers.some((n) => !Number.isInteger(n) || n < 1)) {
      throw new RangeError(`ResNet: layers must give 4 positive block counts, got [${layers.join(", ")}]`);
    }
    this.conv1 = new nn.Conv2d(3, 64, 7, { stride: 2, padding: 3, bias: false });
    const widths = [64, 128, 256, 512];
    const stages = widths.map((planes, i) => makeStage(block, i === 0 ? 64 : widths[i - 1] * block.expansion, planes, layers[i], i === 0 ? 1 : 2));
    [this.layer1, this.layer2, this.layer3, this.layer4] = stages;
    this.fc = new nn.Linear(512 * block.expansion, numClasses);
  }

  /** The layers from the image to the pooled features, in order. */
  get trunk(): nn.Module[] {
    return [this.conv1, this.bn1, this.relu, this.maxpool, this.layer1, this.layer2, this.layer3, this.layer4, this.avgpool];
  }

  forward(x: Tensor): Tensor {
    return this.fc.forward(flatten(this.trunk.reduce((h, layer) => layer.forward(h), x), 1));
  }

  outputShape(inputShape: readonly number[], through: nn.ShapeTracer = nn.outputShapeOf): number[] {
    const [batch, ...rest] = this.trunk.reduce<number[]>((shape, layer) => through(layer, shape), [...inputShape]);
    return through(this.fc, [batch, rest.reduce((a, b) => a * b, 1)]);
  }
}

/** ResNet-18: basic blocks [2, 2, 2, 2]; 11,689,512 parameters with 1000 classes. */
export const resnet18 = (options: ClassifierOptions = {}) => new ResNet(BasicBlock, [2, 2, 2, 2], options);
/** ResNet-34: basic blocks [3, 4, 6, 3]; 21,797,672 parameters with 1000 classes. */
export const resnet34 = (options: ClassifierOptions = {}) => new ResNet(BasicBlock, [3, 4, 6, 3], options);
/** ResNet-50: bottleneck blocks [3, 4, 6, 3]; 25,557,032 parameters with 1000 classes. */
export const resnet50 = (options: ClassifierOptions = {}) => new ResNet(Bottleneck, [3, 4, 6, 3], options);
/** ResNet-101: bottleneck blocks [3, 4, 23, 3]; 44,549,160 parameters with 1000 classes. */
export const resnet101 = (options: ClassifierOptions = {}) => new ResNet(Bottleneck, [3, 4, 23, 3], options);
/** ResNet-152: bottleneck blocks [3, 8, 36, 3]; 60,192,808 parameters with 1000 classes. */
export const resnet152 = (options: ClassifierOptions = {}) => new ResNet(Bottleneck, [3, 8, 36, 3], options);
