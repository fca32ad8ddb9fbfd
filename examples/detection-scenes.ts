/**
 * Detection on generated scenes, OverFeat-style: 2–5 MNIST digits at scales 0.6–1.6 (17 to 45
 * pixels) on 112×112 canvases with clutter. A small convnet learns, on 28×28 windows cut from scenes
 * made of training digits, to name the digit centred in a window (or background) and to regress its
 * box; made fully convolutional, it runs over each held-out scene (test digits) zoomed to five
 * scales, so that every digit meets the window at about the size it was trained on; each map
 * position gives a scored box, and non-maximum suppression within each class keeps the best.
 * Prints VOC AP per class and mAP at IoU 0.5, and draws a few held-out scenes with their boxes.
 *
 * Run after `npm run build`:  node dist/examples/detection-scenes.js [picture, default detection.png]
 */
import { manualSeed } from "../src/index.js";
import { digitScenes, mnist, sceneWindows } from "../src/data/index.js";
import { detectMultiScale, fullyConvolutional, windowDetector } from "../src/models/index.js";
import { detectionAP, trainWindowDetector } from "../src/train/index.js";
import { drawBoxes, imageGrid, toImage, upscale, writePng } from "../src/viz/index.node.js";

const picture = process.argv[2] ?? "detection.png";
const start = performance.now();
const elapsed = () => `${((performance.now() - start) / 1000).toFixed(0)} s`;
manualSeed(1);
/** Zooms that bring digit boxes 11–34 pixels tall to the 20 pixels of a training window, each within ±15%. */
const SCALES = [0.62, 0.8, 1.04, 1.36, 1.77];
const sceneOptions = { size: 112, digits: [2, 5], scale: [0.6, 1.6], clutter: 3 } as const;
const trainScenes = digitScenes(await mnist("train"), { count: 2000, seed: 1, ...sceneOptions });
const testScenes = digitScenes(await mnist("test"), { count: 200, seed: 2, ...sceneOptions });

const windows = sceneWindows(trainScenes, { scales: SCALES, seed: 3 });
const positives = windows.classes.values.filter((c) => c < 10).length;
console.log(`${windows.classes.shape[0]} training windows from 2,000 scenes: ${positives} digits, ${windows.classes.shape[0] - positives} background`);
const net = windowDetector();
await trainWindowDetector(net, windows, { epochs: 5, lr: 1.5e-3, boxWeight: 2, seed: 4, print: (line) => console.log(`  ${line}  (${elapsed()})`) });
net.eval();

const detections = detectMultiScale(fullyConvolutional(net, [1, 28, 28]), testScenes.images, { scales: SCALES, iouThreshold: 0.3 });
const { perClass, mAP } = detectionAP(detections, testScenes.boxes);
console.log(`VOC AP at IoU 0.5 on 200 held-out scenes (${testScenes.boxes.flat().length} digits):`);
console.log(`  digit   ${perClass.map((c) => String(c.label).padStart(5)).join(" ")}`);
console.log(`  AP      ${perClass.map((c) => c.ap.toFixed(3)).join(" ")}`);
console.log(`mAP ${mAP.toFixed(3)}  (${elapsed()})`);

// six held-out scenes, 3× larger: detections scoring ≥ 0.5 in their class's colour with the digit named, ground truth thin white
// (ten saturated hues rather than a plot palette, whose greys would pass for the white ground truth)
const colors = Array.from({ length: 10 }, (_, k) => hueColor(k / 10));
const zoom = 3;
const tiles = Array.from({ length: 6 }, (_, n) => {
  const scene = upscale(toImage(testScenes.images.select(0, n)), zoom);
  const scaled = (b: { x1: number; y1: number; x2: number; y2: number }) => ({ x1: b.x1 * zoom, y1: b.y1 * zoom, x2: b.x2 * zoom, y2: b.y2 * zoom });
  const found = detections[n].filter((d) => d.score >= 0.5).map((d) => ({ ...scaled(d), color: colors[d.label], thickness: 2, gap: 2, label: d.label }));
  const truth = testScenes.boxes[n].map((b) => ({ ...scaled(b), color: [1, 1, 1] as const }));
  return drawBoxes(scene, [...found, ...truth]);
});
await writePng(picture, imageGrid(tiles, { columns: 3, padding: 4 }));
console.log(`picture: ${picture}`);

/** A fully saturated colour of hue h (0–1 around the colour wheel), RGB in [0, 1]. */
function hueColor(h: number): [number, number, number] {
  const channel = (offset: number) => Math.min(1, Math.max(0, Math.abs(((h + offset) % 1) * 6 - 3) - 1));
  return [channel(0), channel(2 / 3), channel(1 / 3)];
}
