/**
 * The lectures' optimisers side by side on MNIST: SGD with momentum (its rate tuned on validation
 * data), stochastic diagonal Levenberg–Marquardt, vSGD (no rate to tune) and L-BFGS on large
 * mini-batches. One table: epochs until validation accuracy first reaches the target, final
 * validation and test accuracy, and time. Run after `npm run build` with:
 *   node dist/examples/optimizers-mnist.js [--epochs 6] [--hidden 300] [--train 55000] [--target 0.98]
 */
import { parseArgs } from "node:util";
import { manualSeed, nextTurn, nn, optim, type Tensor } from "../src/index.js";
import { DataLoader, mnist, subset } from "../src/data/index.js";
import { evaluate } from "../src/train/index.js";

const { values: args } = parseArgs({
  options: { epochs: { type: "string", default: "6" }, hidden: { type: "string", default: "300" }, train: { type: "string", default: "55000" }, target: { type: "string", default: "0.98" } },
});
const epochs = Number(args.epochs);
const hidden = Number(args.hidden);
const target = Number(args.target);

const full = await mnist("train", { normalize: true });
const range = (start: number, end: number) => Int32Array.from({ length: end - start }, (_, i) => start + i);
const train = subset(full, range(0, Number(args.train)));
const validation = subset(full, range(55000, 60000));
const test = await mnist("test", { normalize: true });

const makeNet = () => new nn.Sequential(new nn.Flatten(), new nn.Linear(784, hidden), new nn.ReLU(), new nn.Linear(hidden, 10));
const lossOf = (net: nn.Sequential, x: Tensor, y: Tensor) => nn.functional.crossEntropy(net.forward(x), y);

/** How one optimiser takes a step on a batch: SGD-like (backward, then step) or with a closure (L-BFGS). */
interface Method {
  name: string;
  batchSize: number;
  make(net: nn.Sequential): optim.Optimizer;
  /** backward with the graph kept, for the optimisers that measure curvature */
  createGraph?: boolean;
  closure?: boolean;
}

interface Result {
  method: string;
  epochsToTarget: number | null;
  validation: number;
  test: number;
  seconds: number;
}

async function run(method: Method, runEpochs = epochs): Promise<Result> {
  manualSeed(1);
  const net = makeNet();
  const opt = method.make(net);
  const loader = new DataLoader(train, { batchSize: method.batchSize, shuffle: true, seed: 1 });
  let epochsToTarget: number | null = null;
  let accuracy = 0;
  const start = performance.now();
  for (let epoch = 1; epoch <= runEpochs; epoch++) {
    for (const { x, y } of loader) {
      if (method.closure) {
        (opt as optim.LBFGS).step(() => {
          opt.zeroGrad();
          const loss = lossOf(net, x, y);
          loss.backward();
          return loss;
        });
      } else {
        opt.zeroGrad();
        lossOf(net, x, y).backward(undefined, { createGraph: method.createGraph ?? false });
        opt.step();
      }
      await nextTurn();
    }
    accuracy = evaluate(net, new DataLoader(validation, { batchSize: 1000 })).accuracy;
    if (epochsToTarget === null && accuracy >= target) epochsToTarget = epoch;
  }
  const seconds = (performance.now() - start) / 1000;
  const testAccuracy = evaluate(net, new DataLoader(test, { batchSize: 1000 })).accuracy;
  return { method: method.name, epochsToTarget, validation: accuracy, test: testAccuracy, seconds };
}

// SGD's rate, tuned: one epoch each, kept by validation accuracy
const sgd = (lr: number): Method => ({ name: `SGD momentum 0.9, lr ${lr}`, batchSize: 64, make: (net) => new optim.SGD(net.parameters(), { lr, momentum: 0.9 }) });
const sweep: [number, number][] = [];
for (const lr of [0.01, 0.03, 0.1]) sweep.push([lr, (await run(sgd(lr), 1)).validation]);
const bestLr = sweep.reduce((best, s) => (s[1] > best[1] ? s : best))[0];
console.log(`SGD rate sweep (1 epoch, validation accuracy): ${sweep.map(([lr, a]) => `lr ${lr}: ${(a * 100).toFixed(2)}%`).join(", ")} → lr ${bestLr}`);

const methods: Method[] = [
  sgd(bestLr),
  { name: "SDLM, ε 0.01, μ 0.1", batchSize: 64, createGraph: true, make: (net) => new optim.SDLM(net.parameters(), { lr: 0.01, mu: 0.1 }) },
  { name: "vSGD (no rate)", batchSize: 64, createGraph: true, make: (net) => new optim.VSGD(net.parameters()) },
  { name: "L-BFGS, batch 5000, 10 iterations, strong Wolfe", batchSize: 5000, closure: true, make: (net) => new optim.LBFGS(net.parameters(), { maxIter: 10, historySize: 20, lineSearchFn: "strongWolfe" }) },
];
// rows print as each run ends (L-BFGS's epochs cost about ten of SGD's)
console.log(`\nMLP 784-${hidden}-10 (ReLU), ${train.length} training images, ${epochs} epochs; validation: training images 55,000–59,999; test: the 10,000 test images\n`);
console.log(`| optimiser | epochs to ${(target * 100).toFixed(0)}% (validation) | final validation | test | time |`);
console.log("| --- | --- | --- | --- | --- |");
for (const method of methods) {
  const r = await run(method);
  console.log(`| ${r.method} | ${r.epochsToTarget ?? `not in ${epochs}`} | ${(r.validation * 100).toFixed(2)}% | ${(r.test * 100).toFixed(2)}% | ${r.seconds.toFixed(0)} s |`);
}
