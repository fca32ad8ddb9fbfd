/**
 * OverFeat-style fully convolutional evaluation: a classifier trained on fixed-size inputs is
 * rewritten so that a larger input yields a map of class scores in one pass. The first Linear
 * after the Flatten becomes a convolution whose kernel covers the whole feature map the network
 * saw in training; every later Linear becomes a 1×1 convolution. Weights are copied, so the new
 * network computes, at each position of the map, exactly what the original computes on the
 * corresponding window — provided the layers before the Flatten pad nothing (with zero padding,
 * windows inside the large image see real pixels where the original saw padding).
 */
import { noGrad } from "../autograd/index.js";
import * as nn from "../nn/index.js";
import { zeros } from "../ops/index.js";
import { fmtShape, ShapeError } from "../tensor/index.js";

/**
 * A fully convolutional copy of `model`, which must be an nn.Sequential of the form
 * [feature layers…, Flatten, Linear, (activation/dropout…, Linear)…]. `inputShape` is the
 * [channels, height, width] of one training input.
 */
export function fullyConvolutional(model: nn.Sequential, inputShape: readonly [number, number, number]): nn.Sequential {
  const layers = [...model];
  const flattenAt = layers.findIndex((m) => m instanceof nn.Flatten);
  if (flattenAt < 0) throw new TypeError("fullyConvolutional: the model has no Flatten layer to turn into a convolution");
  const features = layers.slice(0, flattenAt);
  const featureShape = noGrad(() => new nn.Sequential(...features).forward(zeros([1, ...inputShape])).shape);
  if (featureShape.length !== 4) {
    throw new ShapeError(`fullyConvolutional: the layers before Flatten must give [N, C, H, W] maps; they give ${fmtShape(featureShape)}`);
  }
  const [, channels, height, width] = featureShape;
  const converted = new nn.Sequential(...features);
  let first = true;
  for (const layer of layers.slice(flattenAt + 1)) {
    if (!(layer instanceof nn.Linear)) {
      converted.add(layer); // activations and dropout act elementwise on maps as on vectors
      continue;
    }
    const [kh, kw, inChannels] = first ? [height, width, channels] : [1, 1, layer.inFeatures];
    if (inChannels * kh * kw !== layer.inFeatures) {
      throw new ShapeError(
        `fullyConvolutional: Linear(${layer.inFeatures}, ${layer.outFeatures}) follows features of shape ${fmtShape(featureShape.slice(1))} ` +
          `(${channels * height * width} values); they must match`,
      );
    }
    converted.add(linearAsConv(layer, inChannels, kh, kw));
    first = false;
  }
  return converted;
}

/** A Conv2d computing the same as `linear` on a flattened [inChannels, kh, kw] window (C-order, as Flatten lays it out). */
function linearAsConv(linear: nn.Linear, inChannels: number, kh: number, kw: number): nn.Conv2d {
  const conv = new nn.Conv2d(inChannels, linear.outFeatures, [kh, kw], { bias: linear.bias !== null });
  // Linear's weight [out, C·kh·kw] and Conv2d's [out, C, kh, kw] share one memory order
  conv.weight.values.set(linear.weight.values);
  if (linear.bias && conv.bias) conv.bias.values.set(linear.bias.values);
  return conv;
}
