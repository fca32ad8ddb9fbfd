/**
 * The BENCHMARKS.md workloads on ConvNetJS 0.3.0, where it can express them. ConvNetJS computes in
 * float64 (its volumes are Float64Arrays), one sample at a time: its Trainer accumulates gradients
 * over `batch_size` calls of `train` and then updates, so a batch-64 training step is 64 calls.
 * Its softmax layer's loss is cross-entropy on the softmax, i.e. log-softmax followed by NLL.
 */
import convnetjs from "convnetjs";
import { measureAll, type LibraryResult, type Runnable, type Timing } from "../harness.js";

type LayerDef = convnetjs.LayerDef;

function network(defs: LayerDef[]): convnetjs.Net {
  const net = new convnetjs.Net();
  net.makeLayers(defs);
  return net;
}

function randomSamples(count: number, sx: number, sy: number, depth: number): convnetjs.Vol[] {
  return Array.from({ length: count }, () => new convnetjs.Vol(sx, sy, depth)); // a Vol without a fill value is random
}

function trainingStep(defs: LayerDef[], options: { learning_rate: number; momentum: number }, input: [number, number, number]): Runnable {
  const net = network(defs);
  const batch = 64;
  const trainer = new convnetjs.Trainer(net, { method: "sgd", batch_size: batch, l2_decay: 0, ...options });
  const xs = randomSamples(batch, ...input);
  const ys = xs.map(() => Math.floor(Math.random() * 10));
  return { units: batch, run: () => xs.forEach((x, i) => trainer.train(x, ys[i])) };
}

function inference(defs: LayerDef[], batch: number, input: [number, number, number]): Runnable {
  const net = network(defs);
  const xs = randomSamples(batch, ...input);
  return { units: batch, run: () => xs.forEach((x) => net.forward(x)) };
}

const input = (sx: number, sy: number, depth: number): LayerDef => ({ type: "input", out_sx: sx, out_sy: sy, out_depth: depth });

const lenet5: LayerDef[] = [
  input(28, 28, 1),
  { type: "conv", sx: 5, filters: 6, stride: 1, pad: 2, activation: "relu" },
  { type: "pool", sx: 2, stride: 2 },
  { type: "conv", sx: 5, filters: 16, stride: 1, pad: 0, activation: "relu" },
  { type: "pool", sx: 2, stride: 2 },
  { type: "fc", num_neurons: 120, activation: "relu" },
  { type: "fc", num_neurons: 84, activation: "relu" },
  { type: "softmax", num_classes: 10 },
];

function vgg11(): LayerDef[] {
  const defs: LayerDef[] = [input(224, 224, 3)];
  for (const v of [64, "M", 128, "M", 256, 256, "M", 512, 512, "M", 512, 512, "M"] as const) {
    defs.push(v === "M" ? { type: "pool", sx: 2, stride: 2 } : { type: "conv", sx: 3, filters: v, stride: 1, pad: 1, activation: "relu" });
  }
  defs.push({ type: "fc", num_neurons: 4096, activation: "relu" }, { type: "fc", num_neurons: 4096, activation: "relu" }, { type: "softmax", num_classes: 1000 });
  return defs;
}

function makeConvnetjsWorkload(key: string): Runnable | string {
  switch (key) {
    case "W1-256": case "W1-1024": return "ConvNetJS has no matrix-product API (its fc layer multiplies one sample by the weights)";
    case "W2": return trainingStep([input(1, 1, 3072), { type: "fc", num_neurons: 1500, activation: "tanh" }, { type: "softmax", num_classes: 10 }], { learning_rate: 0.01, momentum: 0 }, [1, 1, 3072]);
    case "W2m": return trainingStep([input(28, 28, 1), { type: "fc", num_neurons: 256, activation: "relu" }, { type: "fc", num_neurons: 256, activation: "relu" }, { type: "softmax", num_classes: 10 }], { learning_rate: 0.01, momentum: 0.9 }, [28, 28, 1]);
    case "W3": return trainingStep(lenet5, { learning_rate: 0.01, momentum: 0.9 }, [28, 28, 1]);
    case "W3i": return inference(lenet5, 256, [28, 28, 1]);
    case "W3i-1": return inference(lenet5, 1, [28, 28, 1]);
    case "W4": return "ConvNetJS has no average pooling (its pool layer is max only)";
    case "W5": return "ConvNetJS has no recurrent (LSTM) layer";
    case "W6-1": return inference(vgg11(), 1, [224, 224, 3]);
    // Known from W6 b=1: one repetition would take ~4 minutes (8 images one after another), over the budget.
    case "W6-8": return "ConvNetJS has no batched inference: b=8 is 8 single images, b=1's images/s at 8× the time (about 4 minutes a repetition, so not run)";
    default: return `no ConvNetJS version of workload ${key}`;
  }
}

export async function runConvnetjs(keys: readonly string[], timing: Timing): Promise<LibraryResult> {
  const result = await measureAll(keys, makeConvnetjsWorkload, { library: "convnetjs", backend: "js", threads: 1 }, timing);
  result.notes.unshift("convnetjs computes in float64 (Float64Array volumes), one sample at a time");
  return result;
}
