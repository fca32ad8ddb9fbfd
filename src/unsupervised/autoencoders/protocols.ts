/**
 * The lectures' ways of using a pre-trained stack with labels: a linear (softmax) classifier on the
 * frozen features, or the whole stack fine-tuned with a softmax layer on top. Both take any array
 * of encoder modules (an autoencoder stack's, a DBN's, or freshly initialised ones for training
 * from scratch), so the three protocols can be compared on the same footing.
 */
import { nn, optim, zeros, type Tensor } from "../../index.js";
import { DataLoader, TensorDataset } from "../../data/index.js";
import { evaluate, fit, type EpochRecord } from "../../train/index.js";
import { featureMatrix } from "../feature-matrix.js";
import { encodeWith } from "./stacked.js";

/** Samples x [N, …] with class indices y [N] (int32). */
export interface LabelledData {
  x: Tensor;
  y: Tensor;
}

export interface SupervisedOptions {
  epochs?: number;
  batchSize?: number;
  /** SGD's initial learning rate, decayed to 0 along a cosine over the run. */
  lr?: number;
  momentum?: number;
  weightDecay?: number;
  /** The shuffling seed. */
  seed?: number;
  /** Show a progress bar (default false). */
  progress?: boolean;
  /** Where the epoch lines go (default console.log). */
  print?: (line: string) => void;
  checkpointDir?: string;
  resume?: boolean;
  logFile?: string;
}

export const SUPERVISED_DEFAULTS = { epochs: 20, batchSize: 64, lr: 0.1, momentum: 0.9, weightDecay: 0, seed: 1 };

export interface ProtocolResult {
  /** The classifier on raw inputs: encoders then the softmax layer (logits out). */
  model: nn.Sequential;
  /** Test accuracy in [0, 1]. */
  accuracy: number;
  history: EpochRecord[];
  seconds: number;
}

const classCount = (y: Tensor) => y.max().itemSync() + 1;

/** encoders then a linear layer to `classes` logits, on inputs of `inputWidth` features (images are flattened). */
export function stackClassifier(encoders: readonly nn.Module[], inputWidth: number, classes: number): nn.Sequential {
  const width = encodeWith(encoders, zeros([1, inputWidth])).shape[1];
  return new nn.Sequential(new nn.Flatten(), ...encoders, new nn.Linear(width, classes));
}

/** Train `trainable` (the parameters updated) inside `model` with cross-entropy on train; test accuracy after. */
async function trainClassifier(model: nn.Module, trainable: nn.Module, train: LabelledData, test: LabelledData, options: SupervisedOptions): Promise<Omit<ProtocolResult, "model">> {
  const d = SUPERVISED_DEFAULTS;
  const { epochs = d.epochs, batchSize = d.batchSize, lr = d.lr, momentum = d.momentum, weightDecay = d.weightDecay, seed = d.seed } = options;
  const optimizer = new optim.SGD(trainable.parameters(), { lr, momentum, weightDecay });
  const loader = new DataLoader(new TensorDataset(train.x, train.y), { batchSize, shuffle: true, seed });
  const scheduler = new optim.CosineAnnealingLR(optimizer, { tMax: Math.max(1, epochs * loader.length) });
  const start = performance.now();
  const { history } = await fit({
    model: trainable,
    optimizer, loss: nn.functional.crossEntropy, train: loader, epochs, scheduler, schedulerInterval: "batch",
    progress: options.progress ?? false, print: options.print, checkpointDir: options.checkpointDir, resume: options.resume, logFile: options.logFile,
  });
  const seconds = (performance.now() - start) / 1000;
  const { accuracy } = evaluate(model, new DataLoader(new TensorDataset(test.x, test.y), { batchSize: 1000 }));
  return { accuracy, history, seconds };
}

/**
 * Protocol (b): a softmax classifier trained on the encoders' frozen codes (computed once), tested on
 * test. The encoders are left unchanged.
 */
export async function linearProbe(encoders: readonly nn.Module[], train: LabelledData, test: LabelledData, options: SupervisedOptions = {}): Promise<ProtocolResult> {
  const inputs = checkLabelled("linearProbe", train, test);
  const codes = { x: encodeWith(encoders, inputs.train), y: train.y };
  const classifier = new nn.Linear(codes.x.shape[1], classCount(train.y));
  const model = new nn.Sequential(new nn.Flatten(), ...encoders, classifier);
  const result = await trainClassifier(model, classifier, codes, { x: inputs.test, y: test.y }, options);
  return { model, ...result };
}

/** Protocol (c), or (a) with freshly initialised encoders: encoders + softmax layer trained end to end on train. */
export async function fineTune(encoders: readonly nn.Module[], train: LabelledData, test: LabelledData, options: SupervisedOptions = {}): Promise<ProtocolResult> {
  const inputs = checkLabelled("fineTune", train, test);
  const model = stackClassifier(encoders, inputs.train.shape[1], classCount(train.y));
  const result = await trainClassifier(model, model, { x: inputs.train, y: train.y }, { x: inputs.test, y: test.y }, options);
  return { model, ...result };
}

function checkLabelled(who: string, train: LabelledData, test: LabelledData): { train: Tensor; test: Tensor } {
  const x = featureMatrix(who, "train.x", train.x);
  const t = featureMatrix(who, "test.x", test.x, x.shape[1]);
  for (const [name, data, rows] of [["train.y", train.y, x.shape[0]], ["test.y", test.y, t.shape[0]]] as const) {
    if (data.dtype !== "int32" || data.ndim !== 1 || data.shape[0] !== rows) {
      throw new RangeError(`${who}: ${name} must be int32 class indices [${rows}] (one per sample), got ${data.dtype} [${data.shape.join(", ")}]`);
    }
  }
  return { train: x, test: t };
}
