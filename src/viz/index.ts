/**
 * strata/viz: seeing inside a network. Plain functions that return images (tensors [H, W, C] in
 * [0, 1]) or SVG plots: filters, activations, unit statistics, the patches a unit likes best,
 * attribution, optimised inputs, curves, t-SNE, and one HTML report of them all. Everything here
 * runs in Node.js and browsers; in Node, `strata/viz` also gives the file helpers of index.node.ts.
 */
export { imageGrid, toImage, toRgb, upscale, stretch } from "./image.js";
export type { Contrast, GridOptions, Image } from "./image.js";
export { encodePng, pngDataUrl } from "./png.js";
export { heatmap, overlay } from "./colormap.js";
export type { Colormap, HeatmapOptions } from "./colormap.js";
export { convLayerPaths, convWeight, filterEvolution, filterImage, firstConvPath } from "./filters.js";
export type { FilterImageOptions } from "./filters.js";
export { activationImage, captureActivations, extractFeatures, inference, strongestChannel } from "./activations.js";
export { reluPaths, unitStatistics } from "./unit-stats.js";
export type { LayerStatistics } from "./unit-stats.js";
export { receptiveField } from "./receptive-field.js";
export type { ReceptiveField } from "./receptive-field.js";
export { topPatches, topPatchesOfUnits } from "./top-patches.js";
export type { TopPatch, TopPatchOptions } from "./top-patches.js";
export { confidentMistakes, confusionCounts, predict } from "./predictions.js";
export type { Mistake, Predictions } from "./predictions.js";
export { warpImage } from "./warp.js";
export type { Warp } from "./warp.js";
export { invarianceCurves } from "./invariance.js";
export type { InvarianceCurve, InvarianceOptions, WarpKind } from "./invariance.js";
export { featureTapping } from "./tapping.js";
export type { LabelledSet, TapResult, TappingOptions } from "./tapping.js";
export { escapeHtml, renderReport, reportFigureFiles } from "./report.js";
export type { Figure, FigureFile, Report, ReportSection } from "./report.js";
export * from "./attribution/index.js";
export * from "./optimize-input/index.js";
export * from "./plots/index.js";
export { tsne } from "./tsne.js";
export type { TsneResult } from "./tsne.js";
export type { TsneMethod, TsneOptions } from "./tsne-options.js";
export { retrievalGrid } from "./retrieval-grid.js";
export { labelMapImage } from "./label-map.js";
export type { LabelMapOptions } from "./label-map.js";
export { drawBoxes } from "./boxes.js";
export type { DrawnBox } from "./boxes.js";
export { attentionFigure, captionGrid } from "./caption-figures.js";
export type { AttentionFigureOptions, CaptionGridOptions } from "./caption-figures.js";
