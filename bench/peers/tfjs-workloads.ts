/**
 * The BENCHMARKS.md workloads on TensorFlow.js 4.22, written with tfjs-core's ops: tfjs-layers is not
 * a dependency, and the ops are what its layers call. Images are NHWC (TF.js's native layout). A
 * training step is `optimizer.minimize` (or `variableGrads` + clipping + `applyGradients` for W5),
 * with the loss read back so the step has finished. Nothing here is Node-only: the browser bench
 * (bench/browser) runs the same definitions in Chromium, on whichever backend is set.
 */
import * as tf from "@tensorflow/tfjs-core";
import { measureAll, type LibraryResult, type Runnable, type Timing } from "../harness.js";
import { buildWorkload } from "../workload-keys.js";

type Params = tf.Variable[];

function weight(params: Params, shape: number[], fanIn: number): tf.Variable {
  const v = tf.variable(tf.randomNormal(shape, 0, Math.sqrt(2 / fanIn)));
  params.push(v);
  return v;
}

function bias(params: Params, size: number): tf.Variable {
  const v = tf.variable(tf.zeros([size]));
  params.push(v);
  return v;
}

type Layer = (x: tf.Tensor) => tf.Tensor;

function dense(params: Params, inputs: number, outputs: number): Layer {
  const w = weight(params, [inputs, outputs], inputs);
  const b = bias(params, outputs);
  return (x) => tf.add(tf.matMul(x as tf.Tensor2D, w as tf.Tensor2D), b);
}

function conv(params: Params, inChannels: number, outChannels: number, kernel: number, pad: number): Layer {
  const w = weight(params, [kernel, kernel, inChannels, outChannels], inChannels * kernel * kernel);
  const b = bias(params, outChannels);
  return (x) => tf.add(tf.conv2d(x as tf.Tensor4D, w as tf.Tensor4D, 1, pad), b);
}

const relu: Layer = (x) => tf.relu(x);
const flatten: Layer = (x) => tf.reshape(x, [x.shape[0], -1]);
/** 'same' padding on a 3×3 stride-2 pool of an even map pads one at the end: Caffe's ceil mode, 32→16→8→4. */
const maxPool = (k: number, s: number, pad: "valid" | "same" = "valid"): Layer => (x) => tf.maxPool(x as tf.Tensor4D, k, s, pad);
const avgPool = (k: number, s: number, pad: "valid" | "same" = "valid"): Layer => (x) => tf.avgPool(x as tf.Tensor4D, k, s, pad);

function sequential(layers: Layer[]): Layer {
  return (x) => layers.reduce((h, layer) => layer(h), x);
}

function oneHotLabels(batch: number, classes: number): tf.Tensor2D {
  return tf.oneHot(tf.randomUniform([batch], 0, classes, "int32") as tf.Tensor1D, classes) as tf.Tensor2D;
}

const crossEntropy = (labels: tf.Tensor, logits: tf.Tensor) => tf.losses.softmaxCrossEntropy(labels, logits) as tf.Scalar;
/** NLL of log-probabilities: the mean over the batch of −log p(target). */
const nll = (labels: tf.Tensor, logProbs: tf.Tensor) => tf.neg(tf.mean(tf.sum(tf.mul(labels, logProbs), 1))) as tf.Scalar;

function trainingStep(net: Layer, optimizer: tf.Optimizer, x: tf.Tensor, labels: tf.Tensor, loss: (labels: tf.Tensor, out: tf.Tensor) => tf.Scalar): Runnable {
  return {
    units: x.shape[0],
    run() {
      const cost = optimizer.minimize(() => loss(labels, net(x)), true);
      cost?.dataSync();
      cost?.dispose();
    },
  };
}

function inference(net: Layer, x: tf.Tensor): Runnable {
  return {
    units: x.shape[0],
    run() {
      const out = tf.tidy(() => net(x));
      out.dataSync();
      out.dispose();
    },
  };
}

function w1(n: number): Runnable {
  const a = tf.randomNormal([n, n]) as tf.Tensor2D;
  const b = tf.randomNormal([n, n]) as tf.Tensor2D;
  return { units: (2 * n ** 3) / 1e9, run: () => tf.matMul(a, b).dispose() };
}

function w2(): Runnable {
  const p: Params = [];
  const net = sequential([dense(p, 3072, 1500), (x) => tf.tanh(x), dense(p, 1500, 10), (x) => tf.logSoftmax(x)]);
  return trainingStep(net, tf.train.sgd(0.01), tf.randomNormal([64, 3072]), oneHotLabels(64, 10), nll);
}

function w2m(): Runnable {
  const p: Params = [];
  const net = sequential([flatten, dense(p, 784, 256), relu, dense(p, 256, 256), relu, dense(p, 256, 10)]);
  return trainingStep(net, tf.train.momentum(0.01, 0.9), tf.randomNormal([64, 28, 28, 1]), oneHotLabels(64, 10), crossEntropy);
}

function lenet5(p: Params): Layer {
  return sequential([
    conv(p, 1, 6, 5, 2), relu, maxPool(2, 2),
    conv(p, 6, 16, 5, 0), relu, maxPool(2, 2),
    flatten, dense(p, 400, 120), relu, dense(p, 120, 84), relu, dense(p, 84, 10),
  ]);
}

function w3(): Runnable {
  const net = lenet5([]);
  return trainingStep(net, tf.train.momentum(0.01, 0.9), tf.randomNormal([64, 28, 28, 1]), oneHotLabels(64, 10), crossEntropy);
}

function w3i(batch: number): Runnable {
  return inference(lenet5([]), tf.randomNormal([batch, 28, 28, 1]));
}

function w4(): Runnable {
  const p: Params = [];
  const net = sequential([
    conv(p, 3, 32, 5, 2), maxPool(3, 2, "same"), relu,
    conv(p, 32, 32, 5, 2), relu, avgPool(3, 2, "same"),
    conv(p, 32, 64, 5, 2), relu, avgPool(3, 2, "same"),
    flatten, dense(p, 64 * 4 * 4, 64), dense(p, 64, 10),
  ]);
  return trainingStep(net, tf.train.momentum(0.001, 0.9), tf.randomNormal([64, 32, 32, 3]), oneHotLabels(64, 10), crossEntropy);
}

/**
 * Char-LSTM: embedding 65→128, one LSTM layer of 256 (gates i, f, g, o from one product each of x
 * and h), Adam, global-norm clip 5. The embedding is a one-hot × matrix product (BENCHMARKS.md
 * allows one-hot input): `gather`'s gradient needs UnsortedSegmentSum, which the wasm backend lacks.
 */
function w5(): Runnable {
  const [vocab, embed, hidden, steps, batch] = [65, 128, 256, 64, 32];
  const p: Params = [];
  const embedding = weight(p, [vocab, embed], 1);
  const wx = weight(p, [embed, 4 * hidden], embed);
  const wh = weight(p, [hidden, 4 * hidden], hidden);
  const b = bias(p, 4 * hidden);
  const out = dense(p, hidden, vocab);
  const tokens = tf.cast(tf.oneHot(tf.randomUniform([batch * steps], 0, vocab, "int32") as tf.Tensor1D, vocab), "float32") as tf.Tensor2D;
  const targets = tf.oneHot(tf.randomUniform([batch * steps], 0, vocab, "int32") as tf.Tensor1D, vocab);
  const optimizer = tf.train.adam(0.002);
  const loss = (): tf.Scalar => {
    const x = tf.matMul(tokens, embedding as tf.Tensor2D); // [batch·steps, embed]
    const xw = tf.reshape(tf.matMul(x, wx as tf.Tensor2D), [batch, steps, 4 * hidden]);
    const xwSteps = tf.unstack(xw, 1);
    let h: tf.Tensor2D = tf.zeros([batch, hidden]);
    let c: tf.Tensor = tf.zeros([batch, hidden]);
    const hs: tf.Tensor[] = [];
    for (let t = 0; t < steps; t++) {
      const gates = tf.add(tf.add(xwSteps[t], tf.matMul(h, wh as tf.Tensor2D)), b);
      const [i, f, g, o] = tf.split(gates, 4, 1);
      c = tf.add(tf.mul(tf.sigmoid(f), c), tf.mul(tf.sigmoid(i), tf.tanh(g)));
      h = tf.mul(tf.sigmoid(o), tf.tanh(c)) as tf.Tensor2D;
      hs.push(h);
    }
    const logits = out(tf.reshape(tf.stack(hs, 1), [-1, hidden]));
    return crossEntropy(targets, logits);
  };
  return {
    units: batch * steps,
    run() {
      tf.tidy(() => {
        const { value, grads } = tf.variableGrads(loss);
        const norm = tf.sqrt(tf.addN(Object.values(grads).map((g) => tf.sum(tf.square(g))))).dataSync()[0];
        const scale = Math.min(1, 5 / (norm + 1e-6));
        const clipped = Object.fromEntries(Object.entries(grads).map(([name, g]) => [name, tf.mul(g, scale)]));
        optimizer.applyGradients(clipped);
        value.dataSync();
      });
    },
  };
}

/** VGG-11 ("A"): 3×3 convolutions (pad 1) with ReLU, 2×2 max-pools at the "M"s, then 4096-4096-1000. */
function w6(batch: number): Runnable {
  const p: Params = [];
  const layers: Layer[] = [];
  let channels = 3;
  for (const v of [64, "M", 128, "M", 256, 256, "M", 512, 512, "M", 512, 512, "M"] as const) {
    if (v === "M") layers.push(maxPool(2, 2));
    else {
      layers.push(conv(p, channels, v, 3, 1), relu);
      channels = v;
    }
  }
  layers.push(flatten, dense(p, 512 * 7 * 7, 4096), relu, dense(p, 4096, 4096), relu, dense(p, 4096, 1000));
  return inference(sequential(layers), tf.randomNormal([batch, 224, 224, 3]));
}

/** Builds a workload of spec.ts by key on the TF.js backend that is set, or says why TF.js cannot express it. */
export function makeTfjsWorkload(key: string): Runnable | string {
  return buildWorkload(key, { w1, w2, w2m, w3, w3i, w4, w5, w6 }) ?? `no TF.js version of workload ${key}`;
}

/** Measures `keys` on the TF.js backend that is set; each workload's data, weights and optimiser state are freed before the next one is built. */
export function measureTfjs(keys: readonly string[], who: { library: string; backend: string; threads: number }, timing: Timing): Promise<LibraryResult> {
  return measureAll(keys, (key) => {
    tf.engine().startScope();
    const dispose = () => {
      tf.engine().endScope();
      tf.disposeVariables();
    };
    try {
      const made = makeTfjsWorkload(key);
      if (typeof made === "string") dispose();
      return typeof made === "string" ? made : { ...made, dispose };
    } catch (err) {
      dispose();
      throw err;
    }
  }, who, timing);
}
