/**
 * Train a multilayer perceptron on MNIST with the library API — the loop `strata train mlp` runs,
 * written out by hand. Run it after `npm ci` with:  node dist/examples/mnist-mlp.js
 */
import { manualSeed, nextTurn, nn, noGrad, optim } from "../src/index.js";
import { DataLoader, mnist } from "../src/data/index.js";

manualSeed(0);
const train = await mnist("train", { normalize: true });
const test = await mnist("test", { normalize: true });

const net = new nn.Sequential(
  new nn.Flatten(),
  new nn.Linear(784, 800), new nn.ReLU(),
  new nn.Linear(800, 10),
);
console.log(net.toString());

const opt = new optim.SGD(net.parameters(), { lr: 0.1, momentum: 0.9 });
const epochs = 2;
const loader = new DataLoader(train, { batchSize: 64, shuffle: true, seed: 0 });
const schedule = new optim.CosineAnnealingLR(opt, { tMax: epochs * loader.length });

for (let epoch = 1; epoch <= epochs; epoch++) {
  let seen = 0;
  let lossSum = 0;
  const start = performance.now();
  for (const { x, y } of loader) {
    const loss = nn.functional.crossEntropy(net.forward(x), y);
    opt.zeroGrad();
    loss.backward();
    opt.step();
    schedule.step();
    lossSum += loss.itemSync() * y.shape[0];
    seen += y.shape[0];
    // one turn of the event loop a step: the memory of the tensors this step dropped goes back to the backend
    await nextTurn();
  }
  const seconds = (performance.now() - start) / 1000;
  console.log(`epoch ${epoch}: mean training loss ${(lossSum / seen).toFixed(4)} (${seconds.toFixed(0)} s)`);
}

// evaluation: no graph, dropout off
net.eval();
let correct = 0;
noGrad(() => {
  for (const { x, y } of new DataLoader(test, { batchSize: 1000 })) {
    const predicted = net.forward(x).argmax(1);
    correct += predicted.eq(y).sum().itemSync();
  }
});
console.log(`test accuracy: ${((100 * correct) / test.length).toFixed(2)}%`);
