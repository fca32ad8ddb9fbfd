/**
 * The standard workloads of shared/BENCHMARKS.md, on Strata. Each builds its model and data once,
 * and exposes one repetition (a training step, an inference batch, a product) and how many units
 * (samples, tokens, FLOPs) a repetition is worth.
 */
import { matmul, models, nn, noGrad, optim, randint, randn, type Tensor } from "../src/index.js";
import type { Runnable } from "./harness.js";
import { buildWorkload } from "./workload-keys.js";

type Loss = (output: Tensor, target: Tensor) => Tensor;

function trainingStep(model: nn.Module & { forward(x: Tensor): Tensor }, opt: optim.Optimizer, x: Tensor, y: Tensor, loss: Loss): Runnable {
  return {
    units: x.shape[0],
    run() {
      const l = loss(model.forward(x), y);
      opt.zeroGrad();
      l.backward();
      opt.step();
    },
  };
}

const crossEntropy: Loss = (o, t) => nn.functional.crossEntropy(o, t);

function w1(n: number): Runnable {
  const a = randn([n, n]);
  const b = randn([n, n]);
  return { units: (2 * n ** 3) / 1e9, run: () => void matmul(a, b) };
}

function w2(): Runnable {
  const net = new nn.Sequential(new nn.Linear(3072, 1500), new nn.Tanh(), new nn.Linear(1500, 10), new nn.LogSoftmax(1));
  const opt = new optim.SGD(net.parameters(), { lr: 0.01 });
  return trainingStep(net, opt, randn([64, 3072]), randint(0, 10, [64]), (o, t) => nn.functional.nllLoss(o, t));
}

function w2m(): Runnable {
  const net = models.mlp({ sizes: [784, 256, 256, 10] });
  const opt = new optim.SGD(net.parameters(), { lr: 0.01, momentum: 0.9 });
  return trainingStep(net, opt, randn([64, 1, 28, 28]), randint(0, 10, [64]), crossEntropy);
}

function w3(): Runnable {
  const net = models.lenet5();
  const opt = new optim.SGD(net.parameters(), { lr: 0.01, momentum: 0.9 });
  return trainingStep(net, opt, randn([64, 1, 28, 28]), randint(0, 10, [64]), crossEntropy);
}

function w3i(batch: number): Runnable {
  const net = models.lenet5().eval();
  const x = randn([batch, 1, 28, 28]);
  return { units: batch, run: () => void noGrad(() => net.forward(x)) };
}

/** The CIFAR-10 "quick" net (models.cifarQuick). */
function w4(): Runnable {
  const net = models.cifarQuick();
  const opt = new optim.SGD(net.parameters(), { lr: 0.001, momentum: 0.9 });
  return trainingStep(net, opt, randn([64, 3, 32, 32]), randint(0, 10, [64]), crossEntropy);
}

/** Char-LSTM: vocabulary 65, embedding 128, LSTM 256, sequence 64, batch 32, Adam, clip 5. */
function w5(): Runnable {
  const model = new models.RecurrentLM(65, { cell: "lstm", embeddingDim: 128, hiddenSize: 256 });
  const opt = new optim.Adam(model.parameters(), { lr: 0.002 });
  const x = randint(0, 65, [32, 64]);
  const y = randint(0, 65, [32, 64]);
  return {
    units: 32 * 64,
    run() {
      const logits = model.forward(x);
      const l = nn.functional.crossEntropy(logits.reshape([-1, 65]), y.reshape([-1]));
      opt.zeroGrad();
      l.backward();
      optim.clipGradNorm(model.parameters(), 5);
      opt.step();
    },
  };
}

function w6(batch: number): Runnable {
  const net = models.vgg("A").eval();
  const x = randn([batch, 3, 224, 224]);
  return { units: batch, run: () => void noGrad(() => net.forward(x)) };
}

/** Builds a workload of spec.ts by key (its model, optimiser and data, once). */
export function makeStrataWorkload(key: string): Runnable {
  const workload = buildWorkload(key, { w1, w2, w2m, w3, w3i, w4, w5, w6 });
  if (!workload) throw new Error(`makeStrataWorkload: unknown workload key "${key}"`);
  return workload;
}
