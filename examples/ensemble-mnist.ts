/**
 * Model ensembles and test-time augmentation on MNIST. Five LeNet-5s differing only in their seed
 * (initial weights and batch order) are trained for 2 epochs each on the 60,000 training digits,
 * with random shifts of up to 1 pixel; then the error on the 10,000 test digits is printed for the
 * first net alone, the first three and all five averaged (models.ensemble: the mean of their
 * softmax probabilities), each without and with test-time augmentation (train.predictOverViews).
 *
 * The views are those that keep a digit a digit: the image, its four shifts by one pixel
 * diagonally (the corner crops of the image padded by 1), and the image rescaled by 0.9 and 1.1.
 * Mirror images are left out: a flipped 2, 3, 4, 5, 7 or 9 is no longer the same digit, unlike the
 * flipped cat of a photograph, which is why 10-crop (five crops and their mirror images) is for photographs.
 *
 * Run after `npm run build`:  node dist/examples/ensemble-mnist.js
 */
import { manualSeed, nn, optim, pad, type Tensor } from "../src/index.js";
import { DataLoader, fiveCrop, mnist, randomTranslate, rescale } from "../src/data/index.js";
import { ensemble, lenet5 } from "../src/models/index.js";
import { accuracy, fit, predictOverViews } from "../src/train/index.js";

const SEEDS = [1, 2, 3, 4, 5];
const start = performance.now();
const elapsed = () => `${((performance.now() - start) / 1000).toFixed(0)} s`;
const train = await mnist("train");
const test = await mnist("test");

const nets = [];
for (const seed of SEEDS) {
  manualSeed(seed);
  const net = lenet5();
  const loader = new DataLoader(train, { batchSize: 64, shuffle: true, seed, transform: randomTranslate(1) });
  await fit({ model: net, optimizer: new optim.Adam(net.parameters(), { lr: 1e-3 }), loss: nn.functional.crossEntropy, train: loader, epochs: 2, progress: false, print: () => {} });
  nets.push(net);
  console.log(`net ${nets.length} (seed ${seed}) trained  (${elapsed()})`);
}

const digitViews = (x: Tensor) => [x, ...fiveCrop(pad(x, [1, 1, 1, 1]), 28).slice(0, 4), rescale(x, 0.9), rescale(x, 1.1)];
const errorOf = (probabilities: Tensor) => `${(100 * (1 - accuracy(probabilities, test.y))).toFixed(2)}%`;

const singles = nets.map((net) => errorOf(predictOverViews(net, test.x, (x) => [x])));
console.log(`each net alone, test error: ${singles.join(", ")}`);
console.log("\n| nets | test error | with test-time augmentation (7 views) |\n| ---: | ---: | ---: |");
for (const n of [1, 3, 5]) {
  const model = ensemble(nets.slice(0, n));
  const plain = errorOf(predictOverViews(model, test.x, (x) => [x]));
  const augmented = errorOf(predictOverViews(model, test.x, digitViews));
  console.log(`| ${n} | ${plain} | ${augmented} |`);
}
console.log(`\n(${elapsed()} in all)`);
