/** `strata inspect` sections that explain decisions: saliency, guided backprop, deconvnet, occlusion; class models and adversarial examples. */
import { Sequential } from "../../nn/index.js";
import { Tensor } from "../../tensor/index.js";
import {
  adversarialTable, imageGrid, classModel, convLayerPaths, deconvnet, guidedBackprop, heatmap, iterativeFgsm, occlusion, saliency, strongestChannel, toImage, upscale,
  type Predictions, type ReportSection,
} from "../../viz/index.js";
import type { InspectContext } from "./context.js";

/** The first correctly classified test image of each of the first `count` classes. */
function oneOfEachClass(ctx: InspectContext, predictions: Predictions, count: number): number[] {
  const found: number[] = [];
  for (let c = 0; c < Math.min(count, ctx.data.numClasses); c++) {
    const i = [...ctx.test.y.values].findIndex((label, j) => label === c && predictions.predicted[j] === c);
    if (i >= 0) found.push(i);
  }
  return found;
}

/** The path of the activation just after the last convolution's ReLU/pooling: where deconvnet units are taken from. */
function deconvLayer(ctx: InspectContext): string | null {
  const convs = convLayerPaths(ctx.model);
  if (!(ctx.model instanceof Sequential) || convs.length === 0) return null;
  const names = ctx.model.namedChildren().map(([name]) => name);
  const last = names.indexOf(convs[convs.length - 1]);
  return last < 0 ? null : names[Math.min(last + 1, names.length - 1)];
}

export function attributionSection(ctx: InspectContext, predictions: Predictions): ReportSection {
  const figures: ReportSection["figures"] = [];
  const layer = deconvLayer(ctx);
  for (const index of oneOfEachClass(ctx, predictions, 6)) {
    const x = ctx.sample(index);
    const label = ctx.test.y.values[index];
    const big = (map: Tensor) => upscale(heatmap(map), 4);
    const guided = guidedBackprop(ctx.model, x, label, { reduce: "max-abs" });
    const tiles = [ctx.show(x, 4), big(saliency(ctx.model, x, label)), big(guided), big(occlusion(ctx.model, x, label, { patch: 6 }).map)];
    let caption = `test image ${index} (${ctx.classNames[label]}): the image; saliency and guided backprop (yellow = most sensitive); occlusion (the true class's probability with the square there: dark = covering it hurts)`;
    if (layer !== null && ctx.model instanceof Sequential) {
      const unit = strongestChannel(ctx.model, x, layer);
      tiles.push(upscale(toImage(deconvnet(ctx.model, x, { layer, unit }), { contrast: "symmetric" }), 4));
      caption += `; deconvnet projection of layer ${layer}'s strongest channel (${unit})`;
    }
    figures.push({ caption, image: imageRow(tiles) });
  }
  return {
    title: "Why it decided",
    intro: "Four ways to ask which pixels a decision rests on. Saliency: the gradient of the class score with respect to each pixel (Simonyan et al. 2013). Guided backprop: the same with only positive signals passed back through each ReLU (Springenberg et al. 2015). Occlusion: the true class's probability as a grey square covers each part (Zeiler & Fergus 2014, fig. 7). Deconvnet: one unit of the last convolutional stage projected back to pixels through unpooling, rectification and the transposed filters (Zeiler & Fergus, fig. 2).",
    figures,
  };
}

/** Tiles of one size side by side. */
const imageRow = (tiles: Tensor[]) => imageGrid(tiles, { columns: tiles.length, padding: 4 });

/** ε in pixel units (0…1) of the adversarial table. */
const EPSILONS = [0.05, 0.1, 0.15, 0.2, 0.3];
/** Correctly classified test images attacked for the table. */
const ATTACKED = 200;

export function optimisedInputsSection(ctx: InspectContext, predictions: Predictions): ReportSection {
  const inputShape = ctx.test.x.shape.slice(1);
  const { mean, std } = ctx.data.normalization ?? { mean: 0, std: 1 };
  const range = { clampMin: (0 - mean) / std, clampMax: (1 - mean) / std };
  const models = Array.from({ length: ctx.data.numClasses }, (_, c) => classModel(ctx.model, c, { inputShape, ...range }));
  const right = [...ctx.test.y.values.keys()].filter((i) => predictions.predicted[i] === ctx.test.y.values[i]).slice(0, ATTACKED);
  const x = new Tensor(Float32Array.from(right.flatMap((i) => [...ctx.sample(i).values])), [right.length, ...inputShape]);
  const y = new Tensor(Int32Array.from(right, (i) => ctx.test.y.values[i]), [right.length]);
  const rows = adversarialTable(ctx.model, x, y, EPSILONS.map((e) => e / std), range);
  const attack = iterativeFgsm(ctx.model, x, y, { epsilon: 0.2 / std, ...range });
  const fooled = attack.flipped.map((f, i) => (f ? i : -1)).filter((i) => i >= 0).slice(0, 8);
  return {
    title: "Optimising the input",
    intro: "Class models: for each class, the image gradient ascent on its score finds from a blank start, with L2 decay, jitter and blur (Simonyan et al. 2013). Adversarial examples: images changed by at most ε per pixel along the sign of the loss gradient, once (FGSM, Goodfellow et al. 2015) or in 10 clipped steps (iterative FGSM, Kurakin et al. 2017), and how often that changes a right answer (Szegedy et al. 2014's 'intriguing properties').",
    figures: [
      {
        caption: `class models, ${models.map((m, c) => `${ctx.classNames[c]}: p = ${m.probability.toFixed(3)}`).join(", ")}`,
        image: imageGrid(models.map((m) => ctx.show(m.image, 3)), { columns: 5, padding: 4 }),
      },
      {
        caption: `success rate of the attacks on ${right.length} correctly classified test images, ε in pixel units (0–1)`,
        table: { header: ["ε", "FGSM", "iterative FGSM (10 steps)"], rows: rows.map((r, i) => [EPSILONS[i], `${(r.fgsmSuccess * 100).toFixed(1)}%`, `${(r.iterativeSuccess * 100).toFixed(1)}%`]) },
      },
      ...fooled.map((i) => ({
        caption: `iterative FGSM, ε = 0.2: a ${ctx.classNames[y.values[i]]} now read as ${ctx.classNames[attack.predictions.values[i]]} (original, then adversarial)`,
        image: imageRow([ctx.show(ctx.sample(right[i]), 3), ctx.show(new Tensor(attack.adversarial.values.slice(i * x.size / right.length, (i + 1) * x.size / right.length), inputShape), 3)]),
      })),
    ],
  };
}
