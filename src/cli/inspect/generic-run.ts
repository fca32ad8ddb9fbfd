/**
 * `strata inspect` for a run that is not a classifier recipe (an autoencoder, RBM, sparse coding…):
 * every numeric column of its log as a curve, its drawable weights as filters, and the pictures
 * the training command left in the run directory (filters.png, samples.png, …).
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { decode } from "fast-png";
import type { Checkpoint } from "../../io/index.js";
import { Tensor, fmtShape } from "../../tensor/index.js";
import { lineChart, readRunLog, type Image, type ReportSection } from "../../viz/index.node.js";
import { weightPicture } from "../filters-command.js";

/** Log fields that describe the run's pace, not what it learned. */
const PACE = new Set(["epoch", "seconds", "samplesPerSecond", "lr"]);

export function logCurvesSection(runDir: string): ReportSection {
  const records = readRunLog(runDir);
  const numeric = (key: string) => records.filter((r) => typeof r[key] === "number");
  const keys = [...new Set(records.flatMap((r) => Object.keys(r)))].filter((k) => !PACE.has(k) && numeric(k).length > 0);
  // A number logged every epoch is a curve; one logged once (a final evaluation) is a figure in a table.
  const curves = keys.filter((k) => numeric(k).length > 1);
  const once = keys.filter((k) => numeric(k).length === 1);
  const figures: ReportSection["figures"] = curves.map((key) => ({
    caption: `${key} per epoch`,
    svg: lineChart({ series: [{ name: key, points: records.map((r, i): [number, number | null] => [typeof r.epoch === "number" ? r.epoch : i + 1, typeof r[key] === "number" ? (r[key] as number) : null]) }], title: key, xLabel: "epoch", yLabel: key, width: 480, height: 300 }),
  }));
  if (once.length > 0) figures.push({ caption: "figures the run logged once (at its end)", table: { header: ["figure", "value"], rows: once.map((k) => [k, String(numeric(k)[0][k])]) } });
  return { title: "Training", intro: `Every number the run logged (${join(runDir, "log.jsonl")}).`, figures };
}

export function weightsSection(checkpoint: Checkpoint): ReportSection {
  const figures = Object.entries(checkpoint.model).flatMap(([name, weight]) => {
    const image = weightPicture(weight, 100);
    return image ? [{ caption: `${name} ${fmtShape(weight.shape)}, each filter at its own contrast`, image }] : [];
  });
  return { title: "Filters", intro: "Every weight of the model that has the shape of images (a convolution, or a matrix with a 28×28 or patch-sized side), one tile per unit.", figures };
}

/** A decoded PNG as an image tensor [H, W, C] in [0, 1]. */
function readPng(path: string): Image {
  const png = decode(readFileSync(path));
  const scale = png.depth === 16 ? 65535 : 255;
  return new Tensor(Float32Array.from(png.data, (v) => v / scale), [png.height, png.width, png.channels]);
}

export function runPicturesSection(runDir: string): ReportSection {
  const files = readdirSync(runDir).filter((f) => f.endsWith(".png")).sort();
  return {
    title: "Pictures of the run",
    intro: "What the training command drew (filters, samples, reconstructions, …), as it left them in the run directory.",
    figures: files.map((file) => ({ caption: file, image: readPng(join(runDir, file)) })),
  };
}
