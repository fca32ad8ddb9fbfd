/**
 * Transfer learning, as in the lectures: train LeNet-5 on the digits 0–4, then reuse its
 * convolutional features for a new task — the digits 5–9 — from only a few labelled images.
 * The features are frozen, the classifier head is replaced, and the rest is fine-tuned with
 * per-layer learning-rate multipliers. The same small training set is also learned from scratch,
 * so the gain from transfer shows in the printed test accuracies (measured: 69.9% against 51.8%;
 * with 500 images the network learns 5–9 well enough on its own, and the advantage disappears).
 *
 * Run after `npm ci`:  node dist/examples/transfer-learning.js
 */
import { manualSeed, nn, optim, type Tensor } from "../src/index.js";
import { DataLoader, mnist, selectClasses, TensorDataset } from "../src/data/index.js";
import { models } from "../src/index.js";
import { evaluate } from "../src/train/index.js";

const FIRST = [0, 1, 2, 3, 4];
const SECOND = [5, 6, 7, 8, 9];

function train(net: nn.Module, opt: optim.Optimizer, data: TensorDataset, epochs: number, seed: number): void {
  const loader = new DataLoader(data, { batchSize: 32, shuffle: true, seed });
  net.train();
  for (let e = 0; e < epochs; e++) {
    for (const { x, y } of loader) {
      const loss = nn.functional.crossEntropy(net.forward(x), y);
      opt.zeroGrad();
      loss.backward();
      opt.step();
    }
  }
}

const accuracyOn = (net: nn.Module & { forward(x: Tensor): Tensor }, data: TensorDataset) =>
  (100 * evaluate(net, new DataLoader(data, { batchSize: 1000 })).accuracy).toFixed(2) + "%";

manualSeed(0);
const trainSet = await mnist("train", { normalize: true });
const testSet = await mnist("test", { normalize: true });

// 1. the source task: digits 0–4, all of them
const source = models.lenet5({ numClasses: 5 });
console.log("training LeNet-5 on the digits 0–4 …");
train(source, new optim.SGD(source.parameters(), { lr: 0.05, momentum: 0.9 }), selectClasses(trainSet, FIRST), 1, 1);
console.log(`  digits 0–4, test accuracy: ${accuracyOn(source, selectClasses(testSet, FIRST))}`);

// 2. the target task: digits 5–9, with only 100 labelled training images
const fewTarget = selectClasses(trainSet, SECOND, { limit: 100 });
const targetTest = selectClasses(testSet, SECOND);

// transfer: same layers, a fresh last Linear (LeNet-5's layers: 0 conv1, 3 conv2, 7 fc1, 9 fc2, 11 fc3)
const head = new nn.Linear(84, 5);
const transferred = new nn.Sequential(...[...source].slice(0, -1), head);
// the convolutional features frozen (multiplier 0), the hidden fully connected layers at 1/10 the rate
const multipliers = { "0.": 0, "3.": 0, "7.": 0.1, "9.": 0.1 };
const groups = optim.lrMultipliers(transferred.namedParameters(), 0.05, multipliers);
train(transferred, new optim.SGD(groups, { lr: 0.05, momentum: 0.9 }), fewTarget, 10, 2);
console.log(`digits 5–9 from 100 images, transferred features: test accuracy ${accuracyOn(transferred, targetTest)}`);

// baseline: the same network and data, learned from scratch
const scratch = models.lenet5({ numClasses: 5 });
train(scratch, new optim.SGD(scratch.parameters(), { lr: 0.05, momentum: 0.9 }), fewTarget, 10, 2);
console.log(`digits 5–9 from 100 images, from scratch:           test accuracy ${accuracyOn(scratch, targetTest)}`);
