/**
 * DrLIM (Hadsell, Chopra & LeCun 2006): a Siamese LeNet-5 trained by the contrastive loss on pairs
 * of MNIST digits (half of one class, half of two), measured by verification ("same digit?") on
 * pairs of test digits, in two protocols:
 *
 * 1. all ten classes: the net's output is a point in the plane, and the test digits' 2-D
 *    embedding is drawn, coloured by class;
 * 2. unseen classes: the net learns a 16-D embedding from the digits 0–4 only, and is measured on
 *    pairs of 5–9, classes it never saw (as a face verifier meets people it was not trained on).
 *
 * In both, the distance threshold is chosen on pairs of held-out training images of the classes
 * trained on, and the test pairs are measured once.
 *
 * Run after `npm run build`:  node dist/examples/siamese-mnist.js [picture, default siamese-embedding.svg]
 */
import { writeFileSync } from "node:fs";
import { Generator, manualSeed, noGrad, optim, tensor, type Tensor } from "../src/index.js";
import { mnist, samplePairs, selectClasses, type TensorDataset } from "../src/data/index.js";
import { lenet5, Siamese } from "../src/models/index.js";
import { bestThreshold, trainContrastive, verificationAccuracy } from "../src/train/index.js";
import { scatterPlot } from "../src/viz/index.js";

const picture = process.argv[2] ?? "siamese-embedding.svg";
const start = performance.now();
const elapsed = () => `${((performance.now() - start) / 1000).toFixed(0)} s`;
const percent = (x: number) => `${(100 * x).toFixed(2)}%`;
manualSeed(1);
const generator = new Generator(2);
const train = await mnist("train");
const test = await mnist("test");

/** Images and labels of rows from..to of a dataset. */
const rows = (data: TensorDataset, from: number, to: number) => ({ x: data.x.narrow(0, from, to - from), y: data.y.values.subarray(from, to) });

/** A Siamese LeNet-5 with an `outputs`-D embedding, trained for 5 epochs on the first 11/12 of `data`, its threshold chosen on the rest. */
async function trainVerifier(data: TensorDataset, outputs: number, name: string) {
  const net = new Siamese(lenet5({ numClasses: outputs }));
  const split = Math.round((data.x.shape[0] * 11) / 12);
  const fit = rows(data, 0, split);
  await trainContrastive(net, fit.x, fit.y, {
    optimizer: new optim.Adam(net.parameters(), { lr: 0.001 }), pairs: split, epochs: 5, generator,
    onEpoch: (epoch, loss) => console.log(`${name} epoch ${epoch}: contrastive loss ${loss.toFixed(4)}  (${elapsed()})`),
  });
  net.eval();
  const held = rows(data, split, data.x.shape[0]);
  const chosen = bestThreshold(...pairDistances(net, held.x, held.y, 10_000));
  console.log(`${name}: threshold ${chosen.threshold.toFixed(3)} chosen on pairs of ${held.x.shape[0]} held-out training images (${percent(chosen.accuracy)} there)`);
  return { net, threshold: chosen.threshold };
}

/** Distances and dissimilar flags of `count` pairs of these images. */
function pairDistances(net: Siamese, x: Tensor, y: ArrayLike<number>, count: number): [ArrayLike<number>, ArrayLike<number>] {
  const p = samplePairs(y, count, generator);
  const d = noGrad(() => net.distances(x.indexSelect(0, tensor(p.first)), x.indexSelect(0, tensor(p.second)))).values;
  return [d, p.dissimilar];
}

/** Verification accuracy on 10,000 pairs of these test digits. */
const testAccuracy = ({ net, threshold }: { net: Siamese; threshold: number }, data: TensorDataset) => verificationAccuracy(...pairDistances(net, data.x, data.y.values, 10_000), threshold);

// 1. All ten classes, a 2-D embedding.
const planar = await trainVerifier(train, 2, "all classes, 2-D");
console.log(`all classes, 2-D: verification accuracy on 10,000 pairs of test digits: ${percent(testAccuracy(planar, test))}  (${elapsed()})`);
const shown = 2000;
const embedding = noGrad(() => planar.net.forward(test.x.narrow(0, 0, shown))).values as Float32Array;
writeFileSync(picture, scatterPlot(embedding, Int32Array.from(test.y.values.subarray(0, shown)), { title: "DrLIM: 2,000 test digits in 2-D, Siamese LeNet-5", xLabel: "embedding 1", yLabel: "embedding 2" }));
console.log(`embedding: ${picture}`);

// 2. Trained on 0–4, measured on 5–9.
const seen = [0, 1, 2, 3, 4];
const unseen = [5, 6, 7, 8, 9];
const verifier = await trainVerifier(selectClasses(train, seen), 16, "digits 0–4, 16-D");
console.log(`digits 0–4, 16-D: on 10,000 pairs of test digits 0–4 (seen classes): ${percent(testAccuracy(verifier, selectClasses(test, seen)))}`);
console.log(`digits 0–4, 16-D: on 10,000 pairs of test digits 5–9 (classes never seen): ${percent(testAccuracy(verifier, selectClasses(test, unseen)))}  (${elapsed()})`);
