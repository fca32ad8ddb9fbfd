/** AlexNet as Krizhevsky, Sutskever & Hinton (2012) drew it: two towers (grouped convolutions) and LRN. */
import * as nn from "../nn/index.js";
import { AlexNet, type AlexNetOptions } from "./alexnet.js";
import { vggClassifier } from "./conv-classifier.js";
import { checkDropout, checkNumClasses } from "./options.js";

/**
 * Caffe's local response normalisation in AlexNet (`norm1`, `norm2` of bvlc_alexnet): 5 channels,
 * α 1e-4, β 0.75, k 1. Caffe divides α by the window, x / (k + α/5 · Σ x²)^β, as PyTorch does, so
 * the numbers carry over unchanged. The paper (cuda-convnet) does not divide: its k 2, α 1e-4 are
 * PyTorch's k 2, α 5e-4; Caffe's reference model kept the paper's α and changed the response.
 */
const caffeLrn = () => new nn.LocalResponseNorm(5, { alpha: 1e-4, beta: 0.75, k: 1 });

/** A convolution followed by ReLU, as two layers. */
const convRelu = (inChannels: number, outChannels: number, kernel: number, options: nn.ConvLayerOptions = {}) =>
  [new nn.Conv2d(inChannels, outChannels, kernel, options), new nn.ReLU()];

/**
 * The 2012 AlexNet for 3×227×227 images, layer for layer as Caffe's bvlc_alexnet (60,965,224
 * parameters with 1000 classes). The paper split the network over two GPUs; here the towers are
 * convolution groups: conv2, conv4 and conv5 see only their own tower's half of the channels
 * (groups 2), conv3 and the fully connected layers see both.
 *
 * | layer | configuration | output | parameters |
 * | --- | --- | --- | --- |
 * | features.0 | conv 96@11×11, stride 4; ReLU; LRN | 96×55×55 | 96·3·121 + 96 = 34,944 |
 * | features.3 | max-pool 3×3 stride 2 | 96×27×27 | |
 * | features.4 | conv 256@5×5, padding 2, groups 2; ReLU; LRN | 256×27×27 | 256·48·25 + 256 = 307,456 |
 * | features.7 | max-pool 3×3 stride 2 | 256×13×13 | |
 * | features.8 | conv 384@3×3, padding 1; ReLU | 384×13×13 | 384·256·9 + 384 = 885,120 |
 * | features.10 | conv 384@3×3, padding 1, groups 2; ReLU | 384×13×13 | 384·192·9 + 384 = 663,936 |
 * | features.12 | conv 256@3×3, padding 1, groups 2; ReLU | 256×13×13 | 256·192·9 + 256 = 442,624 |
 * | features.14 | max-pool 3×3 stride 2 | 256×6×6 | |
 * | classifier.0 | Linear 9216→4096 (fc6); ReLU; dropout | 4096 | 37,752,832 |
 * | classifier.3 | Linear 4096→4096 (fc7); ReLU; dropout | 4096 | 16,781,312 |
 * | classifier.6 | Linear 4096→numClasses (fc8) | 1000 | 4,097,000 |
 *
 * Every window tiles 227 exactly ((227 − 11)/4 + 1 = 55, (55 − 3)/2 + 1 = 27, …); the paper's
 * "224×224" does not. The LRN follows the ReLU and precedes the pooling, as in the paper and
 * bvlc_alexnet (Caffe's bvlc_reference_caffenet swaps the two; the count is the same).
 * torchvision's `alexnet()` is the one-tower variant of "One weird trick" (2014), not this one.
 */
export function alexnetOriginal({ numClasses = 1000, dropout = 0.5 }: AlexNetOptions = {}): AlexNet {
  checkNumClasses("alexnetOriginal", numClasses);
  checkDropout("alexnetOriginal", dropout);
  const pool = () => new nn.MaxPool2d(3, { stride: 2 });
  const features = new nn.Sequential(
    ...convRelu(3, 96, 11, { stride: 4 }), caffeLrn(), pool(),
    ...convRelu(96, 256, 5, { padding: 2, groups: 2 }), caffeLrn(), pool(),
    ...convRelu(256, 384, 3, { padding: 1 }),
    ...convRelu(384, 384, 3, { padding: 1, groups: 2 }),
    ...convRelu(384, 256, 3, { padding: 1, groups: 2 }), pool(),
  );
  return new AlexNet(features, new nn.AdaptiveAvgPool2d(6), vggClassifier(256 * 6 * 6, numClasses, dropout));
}
