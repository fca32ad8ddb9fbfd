/** `strata inspect` sections about activations: one digit through every layer, unit statistics, and the patches units like. */
import { Tensor } from "../../tensor/index.js";
import { activationImage, captureActivations, convLayerPaths, histogramGrid, imageGrid, reluPaths, topPatchesOfUnits, unitStatistics, type ReportSection } from "../../viz/index.js";
import type { InspectContext } from "./context.js";

/** Test images whose statistics are taken (dead units need a few hundred to mean "never fires"). */
const STATISTICS_SAMPLES = 500;

export function activationsSection(ctx: InspectContext): ReportSection {
  const input = ctx.sample(0);
  const { activations } = captureActivations(ctx.model, input);
  const figures: ReportSection["figures"] = [{ caption: `the input: test image 0 (label ${ctx.classNames[ctx.test.y.values[0]]})`, image: ctx.show(input, 4) }];
  for (const [path, activation] of activations) {
    const layer = ctx.model.getSubmodule(path).constructor.name;
    figures.push({ caption: `layer ${path} (${layer}), output [${activation.shape.join(", ")}]: ${activation.shape.length === 4 ? "one map per channel" : "one cell per unit"}, white = its strongest`, image: activationImage(activation) });
  }
  return {
    title: "Activations",
    intro: "What each layer computes for one test image, caught by forward hooks. Each map is scaled by its own peak, so a black map is one the layer left silent.",
    figures,
  };
}

export function unitStatisticsSection(ctx: InspectContext): ReportSection {
  const count = Math.min(STATISTICS_SAMPLES, ctx.test.x.shape[0]);
  const x = new Tensor(ctx.test.x.values.slice(0, (count * ctx.test.x.size) / ctx.test.x.shape[0]), [count, ...ctx.test.x.shape.slice(1)]);
  const stats = unitStatistics(ctx.model, x, { paths: reluPaths(ctx.model) });
  const percent = (v: number | null) => (v === null ? "–" : `${(v * 100).toFixed(1)}%`);
  return {
    title: "Hidden units",
    intro: `Over ${count} test images. A dead ReLU never fires on any of them (a unit here is a channel at one position, or a feature); many dead units waste capacity and often follow too high a learning rate.`,
    figures: [
      {
        caption: "per ReLU layer: mean and deviation of its outputs, the share of outputs that are 0, and the share of units that are always 0",
        table: { header: ["layer", "output", "mean", "std", "zeros", "dead units"], rows: stats.map((s) => [s.path, `[${s.shape.slice(1).join(", ")}]`, s.mean.toFixed(3), s.std.toFixed(3), percent(s.zeroFraction), percent(s.deadFraction)]) },
      },
      {
        caption: "histograms of the positive outputs of each ReLU layer (the zeros, counted above, would dwarf them)",
        svg: histogramGrid(stats.map((s) => ({ title: `layer ${s.path} (${s.type})`, values: s.sample.filter((v) => v > 0) })), { title: "activations per layer", xLabel: "activation", shareX: false }),
      },
    ],
  };
}

/** Units shown per layer, and how many of the test images are searched. */
const UNITS_SHOWN = 8;

export function topPatchesSection(ctx: InspectContext): ReportSection {
  const convs = new Set(convLayerPaths(ctx.model));
  // The ReLU right after each convolution: the units whose preferred patches mean something.
  const names = ctx.model.namedModules().map(([p]) => p);
  const paths = reluPaths(ctx.model).filter((path) => convs.has(names[names.indexOf(path) - 1]));
  const figures: ReportSection["figures"] = [];
  for (const path of paths) {
    const channels = captureActivations(ctx.model, ctx.sample(0), [path]).activations.get(path)!.shape[1];
    const units = Array.from({ length: Math.min(UNITS_SHOWN, channels) }, (_, unit) => unit);
    topPatchesOfUnits(ctx.model, ctx.test.x, path, units).forEach((patches, unit) => {
      figures.push({ caption: `layer ${path}, channel ${unit}`, image: imageGrid(patches.map((p) => ctx.show(p.patch, 3)), { columns: 3, padding: 2 }) });
    });
  }
  return {
    title: "What units respond to",
    intro: `For the first ${UNITS_SHOWN} channels after each convolution: the 9 test images (each once) on which the channel fires most, cropped to the receptive field of its strongest position (Zeiler & Fergus 2014, fig. 2). Deeper units see larger patches and respond to larger parts of a digit.`,
    figures,
  };
}
