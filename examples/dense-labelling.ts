/**
 * Dense labelling (Farabet, Couprie, Najman & LeCun 2013) on generated scenes: 2–5 MNIST digits at
 * scales 0.6–1.6 on 112×112 canvases with stroke clutter, every pixel labelled with its digit's
 * class or background. A multi-scale convnet (models.SceneParser: one convnet shared by the three
 * scales of a Laplacian pyramid, 1×1 convolutions per pixel) is trained on random 48×48 crops of
 * scenes made from MNIST training digits, with the background's weight in the loss lowered (it
 * covers 95% of the pixels), and measured on 200 whole scenes made from test digits: pixel
 * accuracy beside the all-background baseline's, each class's IoU and the mean IoU. A picture
 * shows held-out scenes, their true label maps and the predicted ones.
 *
 * Run after `npm run build`:
 *   node dist/examples/dense-labelling.js [picture, default dense-labelling.png] [--scales 3] [--steps 2000]
 * (`--scales 1` trains the same net on the full scale alone, for comparison.)
 */
import { manualSeed, tensor } from "../src/index.js";
import { digitScenes, mnist, SCENE_BACKGROUND } from "../src/data/index.js";
import { SceneParser } from "../src/models/index.js";
import { evaluateDenseLabeller, predictLabels, trainDenseLabeller } from "../src/train/index.js";
import { imageGrid, labelMapImage, toImage, upscale, writePng } from "../src/viz/index.node.js";

const args = process.argv.slice(2);
/** The number after `--name` (both taken out of args), or the default. */
const option = (name: string, fallback: number) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? Number(args.splice(at, 2)[1]) : fallback;
};
const scales = option("scales", 3);
const steps = option("steps", 2000);
const picture = args[0] ?? "dense-labelling.png";
const start = performance.now();
const elapsed = () => `${((performance.now() - start) / 60_000).toFixed(1)} min`;
manualSeed(1);

const sceneOptions = { size: 112, digits: [2, 5], scale: [0.6, 1.6], clutter: 3 } as const;
const train = digitScenes(await mnist("train"), { ...sceneOptions, count: 2000, seed: 1 });
const held = digitScenes(await mnist("test"), { ...sceneOptions, count: 200, seed: 2 });
const classes = 11;

const parser = new SceneParser({ classes, scales, widths: [8, 16, 32], hidden: 32 });
const classWeight = tensor(Float32Array.from({ length: classes }, (_, k) => (k === SCENE_BACKGROUND ? 0.3 : 1)));
console.log(`training a ${scales}-scale parser (${parser.parameters().reduce((n, p) => n + p.size, 0)} parameters) on 48×48 crops of 2,000 scenes:`);
trainDenseLabeller(parser, train.images, train.labels, { steps, batchSize: 12, crop: 48, lr: 5e-3, classWeight, print: (line) => console.log(`  ${line}  (${elapsed()})`) });

const scores = evaluateDenseLabeller(parser, held.images, held.labels, classes);
const background = held.labels.values.filter((v) => v === SCENE_BACKGROUND).length / held.labels.size;
const percent = (v: number) => `${(100 * v).toFixed(2)}%`;
console.log(`on 200 held-out scenes (${elapsed()}):`);
console.log(`  pixel accuracy ${percent(scores.pixelAccuracy)}  (all-background baseline ${percent(background)})`);
console.log(`  IoU per class: ${scores.iou.map((v, k) => `${k === SCENE_BACKGROUND ? "bg" : k} ${v.toFixed(3)}`).join(", ")}`);
const digits = scores.present.filter((k) => k !== SCENE_BACKGROUND);
console.log(`  mean IoU ${scores.meanIoU.toFixed(3)} over ${scores.present.length} classes; over the digits alone ${(digits.reduce((a, k) => a + scores.iou[k], 0) / digits.length).toFixed(3)}`);

// rows: six held-out scenes; columns: the scene, its true labels, the predicted labels (black is background)
const shown = 6;
const predicted = predictLabels(parser, held.images.narrow(0, 0, shown));
const tiles = Array.from({ length: shown }, (_, i) => [
  toImage(held.images.select(0, i)),
  labelMapImage(held.labels.select(0, i), { background: SCENE_BACKGROUND }),
  labelMapImage(predicted.select(0, i), { background: SCENE_BACKGROUND }),
]).flat().map((tile) => upscale(tile, 2));
await writePng(picture, imageGrid(tiles, { columns: 3, padding: 4 }));
console.log(`picture: ${picture}`);
