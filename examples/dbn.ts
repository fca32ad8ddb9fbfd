/**
 * A deep belief net on MNIST, the whole recipe: RBMs pretrained greedily by CD-1 (each on the
 * hidden probabilities of the one below), unrolled into a sigmoid net with a softmax layer on top,
 * fine-tuned by backprop, then scored on the 10,000 test digits.
 * Run it after `npm ci` with:  node dist/examples/dbn.js
 */
import { manualSeed, nn, optim } from "../src/index.js";
import { DataLoader, mnist, TensorDataset } from "../src/data/index.js";
import { fit } from "../src/train/index.js";
import { dbnClassifier, pretrainDbn } from "../src/unsupervised/rbm/index.js";

// Measured here without dropout: 784-500-500, 25 epochs: 98.48% (train 99.77%; 11.9 min in all);
// 784-500-500-2000 (Hinton et al.'s shape), 20 epochs: 98.49% (train 99.62%; 27.0 min). Both fit the
// training set, so fine-tuning regularises with dropout after each pretrained layer.
const hiddenSizes = [500, 500];
const dropout = 0.2;
const pretrainEpochs = 5;
const finetuneEpochs = 30;

manualSeed(0);
const start = performance.now();
const train = await mnist("train");
const test = await mnist("test");
const pixels = train.x.flatten(1);

console.log(`pretraining a ${[784, ...hiddenSizes].join("-")} DBN by CD-1, ${pretrainEpochs} epochs a layer`);
const layers = await pretrainDbn(pixels, hiddenSizes, {
  epochs: pretrainEpochs,
  onEpoch: ({ layer, epoch, reconstructionError, seconds }) =>
    console.log(`  layer ${layer + 1} epoch ${epoch}: reconstruction error ${reconstructionError.toFixed(2)} per sample (${seconds.toFixed(0)} s)`),
});
const pretrainSeconds = (performance.now() - start) / 1000;

const model = dbnClassifier(layers, 10, { dropout });
const optimizer = new optim.SGD(model.parameters(), { lr: 0.1, momentum: 0.9 });
const { history } = await fit({
  model,
  optimizer,
  loss: nn.functional.crossEntropy,
  train: new DataLoader(new TensorDataset(pixels, train.y), { batchSize: 100, shuffle: true, seed: 0 }),
  validation: new DataLoader(new TensorDataset(test.x.flatten(1), test.y), { batchSize: 1000 }),
  scheduler: new optim.CosineAnnealingLR(optimizer, { tMax: finetuneEpochs }),
  epochs: finetuneEpochs,
  progress: false,
});
const minutes = (performance.now() - start) / 60_000;
const accuracy = history[history.length - 1].valAccuracy! * 100;
console.log(`DBN ${[784, ...hiddenSizes, 10].join("-")}: test accuracy ${accuracy.toFixed(2)}% after ${finetuneEpochs} epochs of fine-tuning with dropout ${dropout} ` +
  `(Hinton et al. 2006: 98.75% with up-down fine-tuning); pretraining ${(pretrainSeconds / 60).toFixed(1)} min, in all ${minutes.toFixed(1)} min`);
