/** nn.functional (also nn.F): the stateless twin of every layer, activation and loss. */
export { linear, dropout, dropoutMask, flatten } from "./layers.js";
export { abs, elu, leakyRelu, logSoftmax, prelu, relu, sigmoid, softmax, softplus, softShrink, tanh } from "./activations.js";
export { crossEntropy, multiMarginLoss, nllLoss } from "./classification-losses.js";
export type { CrossEntropyOptions, MultiMarginLossOptions, NLLLossOptions } from "./classification-losses.js";
export { huberLoss, l1Loss, mseLoss } from "./regression-losses.js";
export type { HuberLossOptions } from "./regression-losses.js";
export { binaryCrossEntropyWithLogits, klDiv } from "./probability-losses.js";
export type { BCEWithLogitsOptions, KLDivOptions } from "./probability-losses.js";
export type { LossOptions, Reduction } from "./reduction.js";
export { batchNorm } from "./norm-batch.js";
export type { BatchNormOptions } from "./norm-batch.js";
export { divisiveNorm, localContrastNorm, localResponseNorm } from "./norm-local.js";
export type { DivisiveNormOptions, LocalContrastNormOptions, LocalResponseNormOptions } from "./norm-local.js";
export { dropConnect } from "../dropconnect.js";
export type { DropConnectFunctionalOptions } from "../dropconnect.js";
export { dropout2d } from "../dropout2d.js";
