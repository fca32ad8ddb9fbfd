/**
 * The page: starts the training worker, shows what it reports (the chart, the filters, speed and
 * backend, test accuracy) and asks it to classify what is drawn on the pad. `?weights=URL` starts
 * from trained weights (a LeNet-5 state dict in a safetensors file).
 */
import type { BackendInfo } from "strata";
// The studio's try-it panel reads drawn digits too: one pad and one MNIST-style preprocessing
// (crop to the ink, scale to 20×20, centre by mass in 28×28) serve both pages.
import { inkOf, mnistDigit } from "../../src/cli/studio/client/digit.js";
import { SketchPad } from "../../src/cli/studio/client/sketch-pad.js";
import { TrainingChart } from "./chart.js";
import { drawPicture } from "./picture.js";
import type { FromWorker, ToWorker } from "./protocol.js";

const byId = <T extends HTMLElement = HTMLElement>(id: string) => document.getElementById(id) as T;
const MiB = 2 ** 20;

/** What the page has heard, and the drawing pad's classifier: for the browser tests and the console. */
const example = {
  ready: false,
  info: null as BackendInfo | null,
  /** Every batch's loss, in order. */
  losses: [] as number[],
  /** The kernel memory's size after each step (index = step − 1). */
  memoryBytes: [] as number[],
  tests: [] as { step: number; accuracy: number }[],
  error: null as string | null,
  /** Classifies what is on the pad: the top three digits and their probabilities, most likely first. */
  classify,
};
Object.assign(globalThis, { strataExample: example });

const worker = new Worker(new URL("./trainer.js", import.meta.url), { type: "module" });
const send = (message: ToWorker) => worker.postMessage(message);
const chart = new TrainingChart(byId("chart"));
const pad = new SketchPad(byId<HTMLCanvasElement>("pad"), inkChanged);
const toggle = byId<HTMLButtonElement>("toggle");
let training = false;

worker.onmessage = (event: MessageEvent<FromWorker>) => receive(event.data);
worker.onerror = (event) => fail(event.message || "the training worker failed to start");
const weights = new URLSearchParams(location.search).get("weights");

toggle.addEventListener("click", () => {
  training = !training;
  send({ type: training ? "train" : "pause" });
  toggle.textContent = training ? "Pause" : "Resume";
  byId("status").textContent = training
    ? "Training: batches of 64, SGD with momentum, digits shifted up to 2 pixels; tested on held-out digits every 100 steps."
    : "Paused. Draw a digit to see what the network has learned so far.";
});
byId("clear").addEventListener("click", () => {
  pad.clear();
  inkChanged();
});

function receive(message: FromWorker): void {
  switch (message.type) {
    case "listening":
      send({ type: "init", mnistUrl: new URL("mnist/", location.href).href, weightsUrl: weights && new URL(weights, location.href).href });
      break;
    case "status":
      byId("status").textContent = message.text;
      break;
    case "ready":
      example.ready = true;
      showInfo(message.info);
      toggle.disabled = false;
      byId("test-size").textContent = message.testSize.toLocaleString();
      byId("status").textContent = `${message.trainSize.toLocaleString()} training and ${message.testSize.toLocaleString()} held-out test digits loaded` +
        (message.pretrained ? "; the network starts from trained weights." : ". Press Start.");
      break;
    case "batch":
      example.losses.push(message.loss);
      example.memoryBytes.push(message.info.memoryBytes);
      chart.addBatch(message.step, message.loss, message.accuracy);
      showInfo(message.info);
      byId("progress").textContent = `epoch ${message.epoch} · batch ${message.batch} of ${message.batches} · step ${message.step}`;
      byId("speed").textContent = `${Math.round(message.samplesPerSecond).toLocaleString()} samples/s`;
      break;
    case "filters":
      drawPicture(byId<HTMLCanvasElement>("filters"), message.picture);
      byId("filters-step").textContent = `after step ${message.step}`;
      break;
    case "tested":
      example.tests.push({ step: message.step, accuracy: message.accuracy });
      chart.addTest(message.step, message.accuracy);
      byId("test-accuracy").textContent = `${(100 * message.accuracy).toFixed(2)}% at step ${message.step}`;
      break;
    case "paused":
      byId("progress").textContent += " · paused";
      break;
    case "prediction":
      answer(message.id, message.probabilities);
      break;
    case "error":
      fail(message.message);
      break;
  }
}

function showInfo(info: BackendInfo): void {
  example.info = info;
  byId("backend").textContent = `${info.backend} · ${info.threads} thread${info.threads === 1 ? "" : "s"}`;
  byId("why").textContent = `Threads: ${info.why}.`;
  byId("memory").textContent = `${Math.round(info.memoryBytes / MiB)} MiB`;
}

function fail(text: string): void {
  example.error = text;
  byId("status").textContent = `Error: ${text}`;
  byId("status").classList.add("error");
}

type Guess = { digit: number; probability: number };
const pending = new Map<number, (probabilities: number[]) => void>();
let nextId = 0;
let classifying = false;
let inkChangedSince = false;

/** Strokes come faster than answers: one question at a time, and one more if the ink changed meanwhile. */
function inkChanged(): void {
  if (classifying) {
    inkChangedSince = true;
    return;
  }
  classifying = true;
  void classify().finally(() => {
    classifying = false;
    if (inkChangedSince) {
      inkChangedSince = false;
      inkChanged();
    }
  });
}

async function classify(): Promise<Guess[]> {
  const { data, width, height } = pad.pixels();
  const pixels = mnistDigit(inkOf(data, width, height), width, height);
  byId("seen-figure").hidden = pixels === null;
  if (!pixels) {
    showGuesses([]);
    return [];
  }
  drawPicture(byId<HTMLCanvasElement>("seen"), { width: 28, height: 28, channels: 1, values: pixels });
  const id = nextId++;
  const probabilities = await new Promise<number[]>((resolve) => {
    pending.set(id, resolve);
    send({ type: "predict", id, pixels });
  });
  const guesses = probabilities.map((probability, digit) => ({ digit, probability })).sort((a, b) => b.probability - a.probability).slice(0, 3);
  showGuesses(guesses);
  return guesses;
}

function answer(id: number, probabilities: number[]): void {
  pending.get(id)?.(probabilities);
  pending.delete(id);
}

function showGuesses(guesses: Guess[]): void {
  const rows = guesses.map(({ digit, probability }) => {
    const row = document.createElement("li");
    row.innerHTML = `<span class="digit">${digit}</span><span class="bar"><span style="width:${(100 * probability).toFixed(1)}%"></span></span><span class="p">${(100 * probability).toFixed(1)}%</span>`;
    return row;
  });
  byId("guesses").replaceChildren(...rows);
  byId("draw-hint").hidden = guesses.length > 0;
}
