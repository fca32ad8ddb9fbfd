/**
 * DrLIM (Hadsell, Chopra & LeCun 2006): a Siamese LeNet-5 whose two outputs are a point in the
 * plane, trained by the contrastive loss on pairs of MNIST digits (half of one class, half of two).
 * The distance threshold for "same digit?" is chosen on pairs of held-out training images, then
 * verification accuracy is measured once on 10,000 pairs of test digits, never seen in training;
 * the test digits' 2-D embedding is drawn, coloured by class.
 *
 * Run after `npm run build`:  node dist/examples/siamese-mnist.js [picture, default siamese-embedding.svg]
 */
import { writeFileSync } from "node:fs";
import { Generator, manualSeed, noGrad, optim, tensor, type Tensor } from "../src/index.js";
import { mnist, samplePairs } from "../src/data/index.js";
import { lenet5, Siamese } from "../src/models/index.js";
import { bestThreshold, trainContrastive, verificationAccuracy } from "../src/train/index.js";
import { scatterPlot } from "../src/viz/index.js";

const picture = process.argv[2] ?? "siamese-embedding.svg";
const start = performance.now();
const elapsed = () => `${((performance.now() - start) / 1000).toFixed(0)} s`;
manualSeed(1);
const all = await mnist("train");
const test = await mnist("test");
/** Training images from..to (the first 55,000 train, the last 5,000 choose the threshold) and their labels. */
const part = (from: number, to: number) => ({ x: all.x.narrow(0, from, to - from), y: all.y.values.subarray(from, to) });

const net = new Siamese(lenet5({ numClasses: 2 }));
const generator = new Generator(2);
const train = part(0, 55_000);
await trainContrastive(net, train.x, train.y, {
  optimizer: new optim.Adam(net.parameters(), { lr: 0.001 }), pairs: 55_000, epochs: 5, generator,
  onEpoch: (epoch, loss) => console.log(`epoch ${epoch}: contrastive loss ${loss.toFixed(4)}  (${elapsed()})`),
});
net.eval();

/** Distances and labels of `count` pairs of these images. */
function pairDistances(x: Tensor, y: ArrayLike<number>, count: number) {
  const p = samplePairs(y, count, generator);
  const d = noGrad(() => net.distances(x.indexSelect(0, tensor(p.first)), x.indexSelect(0, tensor(p.second)))).values;
  return { d, labels: p.dissimilar };
}
const held = part(55_000, 60_000);
const validation = pairDistances(held.x, held.y, 10_000);
const { threshold, accuracy: validationAccuracy } = bestThreshold(validation.d, validation.labels);
const testPairs = pairDistances(test.x, test.y.values, 10_000);
const accuracy = verificationAccuracy(testPairs.d, testPairs.labels, threshold);
console.log(`threshold ${threshold.toFixed(3)} chosen on held-out training pairs (${(100 * validationAccuracy).toFixed(2)}% there)`);
console.log(`verification accuracy on 10,000 pairs of test digits: ${(100 * accuracy).toFixed(2)}%  (${elapsed()})`);

const shown = 2000;
const embedding = noGrad(() => net.forward(test.x.narrow(0, 0, shown))).values as Float32Array;
writeFileSync(picture, scatterPlot(embedding, Int32Array.from(test.y.values.subarray(0, shown)), { title: "DrLIM: 2,000 test digits in 2-D, Siamese LeNet-5", xLabel: "embedding 1", yLabel: "embedding 2" }));
console.log(`embedding: ${picture}`);
