/**
 * The training worker: LeNet-5 on MNIST with Strata, off the page's main thread — where, on a
 * cross-origin-isolated page, the wasm backend may use a thread per core. It trains until paused,
 * tells the page about every batch, redraws the first layer's filters every few steps, tests on a
 * slice of the MNIST test set after every pass of a few steps, and classifies the digits drawn on
 * the page.
 */
import { backendInfo, nn, optim, Tensor } from "strata";
import { DataLoader, mnist, MNIST_MEAN, MNIST_STD, randomCrop, type TensorDataset } from "strata/data";
import { loadSafetensors } from "strata/io";
import { lenet5 } from "strata/models";
import { evaluate, fit, type BatchRecord } from "strata/train";
import { convWeight, filterImage, predict } from "strata/viz";
import type { FromWorker, ToWorker } from "./protocol.js";

/** The settings of `strata train lenet5`, less its label smoothing, whose floor would hide the loss falling to 0. */
const BATCH = 64;
const LR = 0.05;
const MOMENTUM = 0.9;
/** fit() wants a count; the page pauses long before. */
const EPOCHS = 1000;
const FILTERS_EVERY = 10;
/** A pass: 6,400 samples, a tenth of an epoch; testing the slice after it costs a few per cent of its time. */
const TEST_EVERY = 100;
/**
 * Tested in training-sized batches: the kernel memory's allocator reuses blocks of the sizes it
 * has seen, so other sizes grow it: 228 MiB after 3,000 steps with test batches of 100, 164 MiB with these.
 */
const TEST_SLICE = 32 * BATCH;
/** Samples/s over this many recent steps (fit's own figure averages the epoch, paused time included). */
const RATE_WINDOW = 20;

const crossEntropy = (output: Tensor, target: Tensor) => nn.functional.crossEntropy(output, target);
const post = (message: FromWorker, transfer: Transferable[] = []) => self.postMessage(message, { transfer });

const model = lenet5();
const optimizer = new optim.SGD(model.parameters(), { lr: LR, momentum: MOMENTUM });
let train: TensorDataset;
let test: TensorDataset;
let step = 0;
let pauseAsked = false;
let resume: (() => void) | null = null;
let started = false;
const stepTimes: number[] = [];
let lastStepEnd = 0;

async function init(mnistUrl: string, weightsUrl: string | null): Promise<void> {
  post({ type: "status", text: "Loading MNIST…" });
  [train, test] = await Promise.all([mnist("train", { dir: mnistUrl, normalize: true }), mnist("test", { dir: mnistUrl, normalize: true, limit: TEST_SLICE })]);
  if (weightsUrl) {
    post({ type: "status", text: `Loading weights from ${weightsUrl}…` });
    model.loadStateDict((await loadSafetensors(weightsUrl)).tensors);
  }
  postFilters();
  post({ type: "ready", info: backendInfo(), trainSize: train.length, testSize: test.length, pretrained: weightsUrl !== null });
}

function postFilters(): void {
  const image = filterImage(convWeight(model, "0"), { scale: 1, padding: 1 });
  const [height, width, channels] = image.shape;
  const values = Float32Array.from(image.values);
  post({ type: "filters", step, picture: { width, height, channels, values } }, [values.buffer]);
}

async function onBatchEnd({ epoch, batch, batches, loss, accuracy = NaN }: BatchRecord): Promise<void> {
  step++;
  stepTimes.push(performance.now() - lastStepEnd);
  if (stepTimes.length > RATE_WINDOW) stepTimes.shift();
  const samplesPerSecond = (BATCH * stepTimes.length) / (stepTimes.reduce((a, b) => a + b, 0) / 1000);
  post({ type: "batch", step, epoch, batch, batches, loss, accuracy, samplesPerSecond, info: backendInfo() });
  if (step % FILTERS_EVERY === 0) postFilters();
  if (step % TEST_EVERY === 0) {
    const tested = evaluate(model, new DataLoader(test, { batchSize: BATCH }), { loss: crossEntropy });
    post({ type: "tested", step, epoch, accuracy: tested.accuracy, loss: tested.loss });
  }
  if (pauseAsked) {
    post({ type: "paused", step });
    await new Promise<void>((resolve) => (resume = resolve));
  }
  lastStepEnd = performance.now();
}

async function run(): Promise<void> {
  const loader = new DataLoader(train, { batchSize: BATCH, shuffle: true, transform: randomCrop(28, { padding: 2 }) });
  lastStepEnd = performance.now();
  await fit({
    model, optimizer, train: loader, epochs: EPOCHS, loss: crossEntropy,
    progress: false, print: () => {}, onBatchEnd,
  });
}

function classify(pixels: Float32Array): number[] {
  const x = new Tensor(pixels.map((p) => (p - MNIST_MEAN) / MNIST_STD), [1, 1, 28, 28]);
  return Array.from(predict(model, x).probabilities);
}

function handle(message: ToWorker): void {
  switch (message.type) {
    case "init":
      init(message.mnistUrl, message.weightsUrl).catch(report);
      break;
    case "train":
      pauseAsked = false;
      if (resume) {
        const go = resume;
        resume = null;
        go();
      } else if (!started) {
        started = true;
        run().catch(report);
      }
      break;
    case "pause":
      pauseAsked = true;
      break;
    case "predict":
      post({ type: "prediction", id: message.id, probabilities: classify(message.pixels) });
      break;
  }
}

function report(error: unknown): void {
  post({ type: "error", message: error instanceof Error ? error.message : String(error) });
}

self.onmessage = (event: MessageEvent<ToWorker>) => {
  try {
    handle(event.data);
  } catch (error) {
    report(error);
  }
};
post({ type: "listening" });
