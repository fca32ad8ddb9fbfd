/**
 * nn: modules, layers, activations, losses, initialisers and their functional forms.
 * Used as `import { nn } from "strata"`: `new nn.Linear(784, 800)`, `nn.functional.crossEntropy(logits, y)`.
 */
export { Parameter } from "./parameter.js";
export { Module } from "./module.js";
export { StateDictError } from "./state-dict.js";
export type { LoadStateDictOptions, LoadStateDictResult, StateDictLike } from "./state-dict.js";
export { Sequential } from "./sequential.js";
export { Linear } from "./linear.js";
export type { LinearOptions } from "./linear.js";
export { Dropout, Flatten, Identity } from "./basic-layers.js";
export { Abs, ELU, LeakyReLU, LogSoftmax, PReLU, ReLU, Sigmoid, Softmax, Softplus, Softshrink, Tanh } from "./activations.js";
export { BCEWithLogitsLoss, CrossEntropyLoss, HuberLoss, KLDivLoss, L1Loss, Loss, MSELoss, MultiMarginLoss, NLLLoss } from "./losses.js";
export * as init from "./init.js";
export * as functional from "./functional/index.js";
export * as F from "./functional/index.js";
export type { Reduction, LossOptions } from "./functional/index.js";
export { BatchNorm1d, BatchNorm2d, BatchNorm3d } from "./batchnorm.js";
export type { BatchNormLayerOptions } from "./batchnorm.js";
export { DivisiveNorm, LocalContrastNorm, LocalResponseNorm } from "./normalization.js";
export { DropConnect } from "./dropconnect.js";
export type { DropConnectOptions } from "./dropconnect.js";
export { Dropout2d } from "./dropout2d.js";
export { summary, summarize } from "./summary.js";
export type { ModelSummary, SummaryOptions, SummaryRow } from "./summary.js";
export { outputShapeOf } from "./summary-shapes.js";
export type { ShapeAware, ShapeTracer } from "./summary-shapes.js";
export { Conv1d, Conv2d, Conv3d, ConvNd } from "./conv.js";
export type { ConvLayerOptions } from "./conv.js";
export { ConvTranspose1d, ConvTranspose2d, ConvTranspose3d, ConvTransposeNd } from "./conv-transpose.js";
export type { ConvTransposeLayerOptions } from "./conv-transpose.js";
export { windowTilingProblem } from "./conv-tiling.js";
export type { WindowSpec } from "./conv-tiling.js";
export { LocallyConnected2d, TiledConv2d } from "./local.js";
export type { LocalConvLayerOptions } from "./local.js";
export { Upsample } from "./upsample.js";
export { AvgPool1d, AvgPool2d, AvgPool3d, AvgPoolNd, LPPool1d, LPPool2d, LPPool3d, LPPoolNd, MaxPool1d, MaxPool2d, MaxPool3d, MaxPoolNd } from "./pool.js";
export { SumPool1d, SumPool2d, SumPool3d, SumPoolNd, WindowPool } from "./pool.js";
export type { AvgPoolLayerOptions, LPPoolLayerOptions, MaxPoolLayerOptions, PoolLayerOptions, SumPoolLayerOptions } from "./pool.js";
export { AdaptiveAvgPool1d, AdaptiveAvgPool2d, AdaptiveAvgPool3d, AdaptiveAvgPoolNd, AdaptiveMaxPool1d, AdaptiveMaxPool2d, AdaptiveMaxPool3d } from "./pool-adaptive.js";
export { AdaptiveMaxPoolNd, AdaptivePool } from "./pool-adaptive.js";
export type { AdaptiveMaxPoolLayerOptions } from "./pool-adaptive.js";
export { MaxUnpool1d, MaxUnpool2d, MaxUnpool3d, MaxUnpoolNd } from "./pool-unpool.js";
export type { MaxUnpoolLayerOptions } from "./pool-unpool.js";
export { FeatureL2Pool, LogSumExpPool2d, StochasticPool2d } from "./pool-special.js";
export type { LogSumExpPoolLayerOptions, StochasticPoolLayerOptions } from "./pool-special.js";
export { Maxout, MaxoutLinear } from "./maxout.js";
