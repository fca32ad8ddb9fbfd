/**
 * Deep belief nets (Hinton, Osindero & Teh 2006): binary RBMs stacked greedily, each trained on the
 * hidden probabilities of the one below, then unrolled into a feed-forward sigmoid net whose
 * layers are ordinary nn.Linear modules (for a linear probe, or fine-tuning by backprop).
 */
import { noGrad } from "../../autograd/index.js";
import { concat } from "../../ops/index.js";
import { Dropout, Linear, Sequential, Sigmoid, type Module } from "../../nn/index.js";
import type { OptimizerStateDict } from "../../optim/index.js";
import { defaultGenerator, type Tensor } from "../../tensor/index.js";
import { BinaryRBM } from "./binary-rbm.js";
import { ContrastiveDivergence, type CdOptions } from "./contrastive-divergence.js";
import { dataLogOdds } from "./visible-data.js";

/** Where greedy pretraining stands after an epoch: enough to report it and to checkpoint it. */
export interface PretrainProgress {
  /** The layer in training (0-based) and its epoch (1-based). */
  layer: number;
  epoch: number;
  reconstructionError: number;
  seconds: number;
  /** Every layer so far, the last one the one in training. */
  layers: BinaryRBM[];
  trainer: ContrastiveDivergence;
}

/** A pretraining run to continue: its layers (the last possibly unfinished) and the last one's trainer state. */
export interface PretrainResume {
  layers: BinaryRBM[];
  epochsDone: number;
  optimizer?: OptimizerStateDict;
  chains?: Tensor | null;
}

export interface DbnPretrainOptions extends Omit<CdOptions, "probabilities"> {
  /** Epochs per layer (default 10). */
  epochs?: number;
  batchSize?: number;
  /** Called (and awaited) after every epoch of every layer. */
  onEpoch?: (progress: PretrainProgress) => void | Promise<void>;
  resume?: PretrainResume;
}

/** p(h = 1 | v) for every row of data, a few thousand rows at a time so the graph-free temporaries stay small. */
export function hiddenProbabilitiesOf(rbm: BinaryRBM, data: Tensor, chunk = 5000): Tensor {
  return noGrad(() => {
    const parts: Tensor[] = [];
    for (let start = 0; start < data.shape[0]; start += chunk) parts.push(rbm.hiddenProbabilities(data.narrow(0, start, Math.min(chunk, data.shape[0] - start))));
    return concat(parts, 0);
  });
}

/**
 * Greedy layer-wise pretraining: one BinaryRBM per entry of hiddenSizes, each trained by CD on
 * the layer below's hidden probabilities (the first on data in [0, 1], taken as probabilities,
 * as Hinton's DBN code takes MNIST's grey levels); visible biases start at the data's log-odds.
 */
export async function pretrainDbn(data: Tensor, hiddenSizes: readonly number[], options: DbnPretrainOptions = {}): Promise<BinaryRBM[]> {
  const { epochs = 10, batchSize = 100, onEpoch, resume, generator = defaultGenerator, ...cd } = options;
  if (hiddenSizes.length === 0) throw new RangeError("pretrainDbn: hiddenSizes is empty; give at least one hidden layer size");
  const layers = resume ? [...resume.layers] : [];
  let input = data;
  for (let layer = 0; layer < hiddenSizes.length; layer++) {
    const resuming = resume !== undefined && layer === resume.layers.length - 1;
    let rbm = layers[layer];
    if (!rbm) {
      rbm = new BinaryRBM(input.shape[1], hiddenSizes[layer], { generator });
      rbm.visibleBias.values.set(dataLogOdds(input).values);
      layers.push(rbm);
    }
    const trainer = new ContrastiveDivergence(rbm, { ...cd, generator, probabilities: true });
    if (resuming && resume.optimizer) trainer.optimizer.loadStateDict(resume.optimizer);
    if (resuming) trainer.chains = resume.chains ?? null;
    const firstEpoch = resuming ? resume.epochsDone + 1 : layer < (resume?.layers.length ?? 0) ? epochs + 1 : 1;
    for (let epoch = firstEpoch; epoch <= epochs; epoch++) {
      const start = performance.now();
      const reconstructionError = await trainer.trainEpoch(input, epoch, batchSize);
      await onEpoch?.({ layer, epoch, reconstructionError, seconds: (performance.now() - start) / 1000, layers, trainer });
    }
    if (layer < hiddenSizes.length - 1) input = hiddenProbabilitiesOf(rbm, input);
  }
  return layers;
}

/** An RBM's recognition half as a module: Linear(visible, hidden) holding a copy of its W and c, then a Sigmoid. */
export function rbmEncoderLayers(rbm: BinaryRBM): [Linear, Sigmoid] {
  const linear = new Linear(rbm.visible, rbm.hidden);
  linear.weight.values.set(rbm.weight.values);
  linear.bias!.values.set(rbm.hiddenBias.values);
  return [linear, new Sigmoid()];
}

/** The DBN's layers unrolled into a feed-forward sigmoid encoder (features for a linear probe, or a stack to fine-tune). */
export function dbnEncoder(layers: readonly BinaryRBM[]): Sequential {
  if (layers.length === 0) throw new RangeError("dbnEncoder: no layers given");
  return new Sequential(...layers.flatMap(rbmEncoderLayers));
}

export interface DbnClassifierOptions {
  /** Dropout probability after each pretrained layer during fine-tuning (default 0: none). */
  dropout?: number;
}

/**
 * The unrolled DBN with a fresh Linear(top, classes) on top: logits for crossEntropy (its softmax),
 * ready for backprop fine-tuning; with `dropout`, a Dropout after each sigmoid layer (Srivastava
 * et al. 2014 fine-tune DBNs so).
 */
export function dbnClassifier(layers: readonly BinaryRBM[], classes: number, { dropout = 0 }: DbnClassifierOptions = {}): Sequential {
  if (layers.length === 0) throw new RangeError("dbnClassifier: no layers given");
  const modules: Module[] = layers.flatMap((rbm) => (dropout > 0 ? [...rbmEncoderLayers(rbm), new Dropout(dropout)] : rbmEncoderLayers(rbm)));
  modules.push(new Linear(layers[layers.length - 1].hidden, classes));
  return new Sequential(...modules);
}
