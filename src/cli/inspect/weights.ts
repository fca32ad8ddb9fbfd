/** `strata inspect` sections about the weights: the layer table, filters, and filters across epochs. */
import { summary } from "../../nn/index.js";
import { convLayerPaths, convWeight, filterEvolution, filterImage, type ReportSection } from "../../viz/index.js";
import { readFilterSnapshots } from "../filter-snapshots.js";
import type { InspectContext } from "./context.js";

export function architectureSection({ model, test }: InspectContext): ReportSection {
  return {
    title: "Architecture",
    intro: "Every layer the input passes through, with its output shape, parameters and multiply-adds for one image.",
    figures: [{ caption: `nn.summary(model, [1, ${test.x.shape.slice(1).join(", ")}])`, text: summary(model, [1, ...test.x.shape.slice(1)]) }],
  };
}

export async function filtersSection({ model, runDir }: InspectContext): Promise<ReportSection> {
  const figures: ReportSection["figures"] = convLayerPaths(model).map((path) => {
    const weight = convWeight(model, path);
    const [out, inputs, kh, kw] = weight.shape;
    const layout = inputs === 1 || inputs === 3 ? "one tile per filter" : `a row per filter, a tile per input channel (${inputs})`;
    return { caption: `layer ${path}: ${out} filters ${inputs}×${kh}×${kw}, ${layout}, each at its own contrast`, image: filterImage(weight, { maxFilters: 64 }) };
  });
  const snapshots = await readFilterSnapshots(runDir);
  if (snapshots.length > 1) {
    figures.push({
      caption: `feature evolution: the filters of layer ${snapshots[0].layer} (columns) after epochs ${snapshots.map((s) => s.epoch).join(", ")} (rows, top to bottom)`,
      image: filterEvolution(snapshots.map((s) => s.weight), { maxFilters: 16 }),
    });
  }
  return {
    title: "Filters",
    intro: "Learned convolution filters. Smooth, structured first-layer filters (strokes, edges, blobs) are the sign of a healthy net; noisy ones mean too little training or too high a learning rate. The last figure shows the first layer after each epoch (Zeiler & Fergus 2014, fig. 4).",
    figures,
  };
}
