/** ResNet's residual blocks (He et al., 2015) as torchvision lays them out: BasicBlock and Bottleneck. */
import * as nn from "../nn/index.js";
import { add } from "../ops/index.js";
import { fmtShape, ShapeError, type Tensor } from "../tensor/index.js";

/** A bias-free k×k convolution with "same" padding for stride 1, as every ResNet convolution is. */
export function resnetConv(inChannels: number, outChannels: number, kernel: 1 | 3, stride = 1): nn.Conv2d {
  return new nn.Conv2d(inChannels, outChannels, kernel, { stride, padding: (kernel - 1) / 2, bias: false });
}

/**
 * relu(residual(x) + shortcut(x)): the shortcut is the identity, or `downsample` (1×1 conv and
 * batch norm) where the block changes the channels or the resolution.
 */
export abstract class ResidualBlock extends nn.Module {
  /** Projection shortcut, or null for the identity. */
  abstract downsample: nn.Sequential | null;
  abstract relu: nn.ReLU;
  /** The residual branch's layers in order (ReLU included, the final one excluded). */
  abstract get residualLayers(): nn.Module[];

  forward(x: Tensor): Tensor {
    const residual = this.residualLayers.reduce((h, layer) => layer.forward(h), x);
    return this.relu.forward(add(residual, this.downsample ? this.downsample.forward(x) : x));
  }

  outputShape(inputShape: readonly number[], through: nn.ShapeTracer = nn.outputShapeOf): number[] {
    const residual = this.residualLayers.reduce<number[]>((shape, layer) => through(layer, shape), [...inputShape]);
    const shortcut = this.downsample ? through(this.downsample, inputShape) : [...inputShape];
    if (fmtShape(residual) !== fmtShape(shortcut)) {
      throw new ShapeError(`${this.constructor.name}: the residual branch gives ${fmtShape(residual)} but the shortcut ${fmtShape(shortcut)}; they must match to be added`);
    }
    return through(this.relu, residual);
  }
}

/** Two 3×3 convolutions (the first with the block's stride), each followed by batch norm. Output: planes channels. */
export class BasicBlock extends ResidualBlock {
  static readonly expansion = 1;
  conv1: nn.Conv2d;
  bn1: nn.BatchNorm2d;
  relu = new nn.ReLU();
  conv2: nn.Conv2d;
  bn2: nn.BatchNorm2d;
  downsample: nn.Sequential | null;

  constructor(inChannels: number, planes: number, stride = 1, downsample: nn.Sequential | null = null) {
    super();
    this.conv1 = resnetConv(inChannels, planes, 3, stride);
    this.bn1 = new nn.BatchNorm2d(planes);
    this.conv2 = resnetConv(planes, planes, 3);
    this.bn2 = new nn.BatchNorm2d(planes);
    this.downsample = downsample;
  }

  get residualLayers(): nn.Module[] {
    return [this.conv1, this.bn1, this.relu, this.conv2, this.bn2];
  }
}

/**
 * 1×1 down to planes channels, 3×3 with the block's stride (torchvision's "ResNet v1.5"), 1×1 up
 * to 4·planes, each followed by batch norm. Output: 4·planes channels.
 */
export class Bottleneck extends ResidualBlock {
  static readonly expansion = 4;
  conv1: nn.Conv2d;
  bn1: nn.BatchNorm2d;
  conv2: nn.Conv2d;
  bn2: nn.BatchNorm2d;
  conv3: nn.Conv2d;
  bn3: nn.BatchNorm2d;
  relu = new nn.ReLU();
  downsample: nn.Sequential | null;

  constructor(inChannels: number, planes: number, stride = 1, downsample: nn.Sequential | null = null) {
    super();
    const outChannels = planes * Bottleneck.expansion;
    this.conv1 = resnetConv(inChannels, planes, 1);
    this.bn1 = new nn.BatchNorm2d(planes);
    this.conv2 = resnetConv(planes, planes, 3, stride);
    this.bn2 = new nn.BatchNorm2d(planes);
    this.conv3 = resnetConv(planes, outChannels, 1);
    this.bn3 = new nn.BatchNorm2d(outChannels);
    this.downsample = downsample;
  }

  get residualLayers(): nn.Module[] {
    return [this.conv1, this.bn1, this.relu, this.conv2, this.bn2, this.relu, this.conv3, this.bn3];
  }
}
