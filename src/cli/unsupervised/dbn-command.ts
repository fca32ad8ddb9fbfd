/**
 * `strata train dbn`: a deep belief net on MNIST: RBMs pretrained greedily by CD-k, unrolled into a
 * sigmoid net with a softmax layer, fine-tuned by backprop; checkpoints every epoch of both phases.
 */
import { join } from "node:path";
import { defaultGenerator, manualSeed, nn, optim, type Tensor } from "../../index.js";
import { DataLoader, mnist, TensorDataset } from "../../data/index.js";
import { loadCheckpoint, saveCheckpoint, type Checkpoint, type StateValue } from "../../io/index.js";
import type { OptimizerStateDict } from "../../optim/index.js";
import { fit, JsonlLog } from "../../train/index.js";
import { BinaryRBM, dbnClassifier, pretrainDbn, type PretrainProgress, type PretrainResume } from "../../unsupervised/rbm/index.js";
import { definedOnly, prepareRunDir } from "../run-dir.js";
import { writeDigitFilters } from "./pictures.js";

export const DBN_DESCRIPTION = "deep belief net on MNIST: RBMs pretrained greedily by CD-k, then fine-tuned by backprop as a classifier";

export interface DbnSettings {
  /** Hidden layer sizes, bottom up. */
  hidden: number[];
  pretrainEpochs: number;
  finetuneEpochs: number;
  /** CD learning rate and Gibbs steps of pretraining. */
  pretrainLr: number;
  k: number;
  /** SGD learning rate (cosine-annealed over the epochs) and momentum of fine-tuning. */
  finetuneLr: number;
  momentum: number;
  /** Dropout after each pretrained layer while fine-tuning. */
  dropout: number;
  batchSize: number;
  /** Training digits used (the first `limit`). */
  limit: number;
  seed: number;
}

export const DBN_DEFAULTS: DbnSettings = {
  hidden: [500, 500], pretrainEpochs: 5, finetuneEpochs: 30, pretrainLr: 0.1, k: 1, finetuneLr: 0.1, momentum: 0.9, dropout: 0.2, batchSize: 100, limit: 60_000, seed: 1,
};

export interface DbnCommandOptions extends Partial<Omit<DbnSettings, "hidden">> {
  /** Hidden layer sizes, as numbers or a comma-separated list ("500,500,2000"). */
  hidden?: readonly number[] | string;
  out?: string;
  resume?: boolean;
  progress?: boolean;
}

interface PretrainExtra {
  kind: "dbn-pretrain";
  settings: DbnSettings;
  layer: number;
  epoch: number;
  chains: Tensor | null;
  generator: number[];
}

function parseHidden(hidden: DbnCommandOptions["hidden"]): number[] | undefined {
  if (hidden === undefined) return undefined;
  const sizes = typeof hidden === "string" ? hidden.split(",").map((part) => Number(part.trim())) : [...hidden];
  if (sizes.length === 0 || sizes.some((n) => !Number.isInteger(n) || n < 1)) {
    throw new RangeError(`--hidden: expected positive integer layer sizes such as 500,500,2000, got ${String(hidden)}`);
  }
  return sizes;
}

/** The layers of an interrupted pretraining, rebuilt from its checkpoint (state-dict keys `layers.i.weight`, …). */
function pretrainResume(checkpoint: Checkpoint, extra: PretrainExtra): PretrainResume {
  const layers = extra.settings.hidden.slice(0, extra.layer + 1).map((hidden, i) => {
    const rbm = new BinaryRBM(i === 0 ? 784 : extra.settings.hidden[i - 1], hidden);
    const prefix = `layers.${i}.`;
    rbm.loadStateDict(Object.fromEntries(Object.entries(checkpoint.model).filter(([key]) => key.startsWith(prefix)).map(([key, t]) => [key.slice(prefix.length), t])));
    return rbm;
  });
  return { layers, epochsDone: extra.epoch, optimizer: checkpoint.optimizer as unknown as OptimizerStateDict, chains: extra.chains };
}

export async function trainDbnCommand(options: DbnCommandOptions = {}): Promise<void> {
  const { out, resume, progress, hidden, ...overrides } = options;
  const s: DbnSettings = { ...DBN_DEFAULTS, ...definedOnly({ ...overrides, hidden: parseHidden(hidden) }) };
  const runDir = out ?? join("runs", "dbn");
  const { checkpointDir, logFile } = prepareRunDir(runDir, resume);
  manualSeed(s.seed);
  const train = await mnist("train", { limit: s.limit });
  const test = await mnist("test");
  const pixels = train.x.flatten(1);

  let continuePretraining: PretrainResume | undefined;
  let continueFinetuning = false;
  if (resume) {
    const checkpoint = await loadCheckpoint(checkpointDir);
    const extra = checkpoint.extra as unknown as PretrainExtra & { config?: { kind?: string } };
    if (extra?.kind === "dbn-pretrain") {
      continuePretraining = pretrainResume(checkpoint, extra);
      defaultGenerator.setState(extra.generator);
    } else if (extra?.config?.kind === "dbn-finetune") continueFinetuning = true;
    else throw new Error(`--resume: ${checkpointDir} holds no DBN run`);
  }

  const architecture = [784, ...s.hidden, 10].join("-");
  console.log(`training a ${architecture} DBN on ${pixels.shape[0]} MNIST digits: pretraining by CD-${s.k} (lr ${s.pretrainLr}, ${s.pretrainEpochs} epochs a layer), fine-tuning by SGD (lr ${s.finetuneLr}, momentum ${s.momentum}, dropout ${s.dropout}, ${s.finetuneEpochs} epochs)`);
  const log = new JsonlLog(logFile);
  const started = performance.now();
  const savePretraining = async ({ layer, epoch, reconstructionError, seconds, layers, trainer }: PretrainProgress) => {
    console.log(`pretraining layer ${layer + 1}/${s.hidden.length} epoch ${epoch}/${s.pretrainEpochs}  reconstruction error ${reconstructionError.toFixed(2)} per sample  ${seconds.toFixed(1)}s`);
    log.append({ phase: "pretrain", layer: layer + 1, epoch, reconstructionError, seconds });
    const model = Object.fromEntries(layers.flatMap((rbm, i) => [...rbm.stateDict()].map(([key, t]) => [`layers.${i}.${key}`, t])));
    const extra: PretrainExtra = { kind: "dbn-pretrain", settings: s, layer, epoch, chains: trainer.chains, generator: defaultGenerator.getState() };
    await saveCheckpoint(checkpointDir, { model, optimizer: trainer.optimizer.stateDict() as unknown as StateValue, extra: extra as unknown as StateValue });
  };
  const layers = continueFinetuning
    ? s.hidden.map((size, i) => new BinaryRBM(i === 0 ? 784 : s.hidden[i - 1], size))
    : await pretrainDbn(pixels, s.hidden, { epochs: s.pretrainEpochs, lr: s.pretrainLr, k: s.k, batchSize: s.batchSize, resume: continuePretraining, onEpoch: savePretraining });
  if (!continueFinetuning) await writeDigitFilters(join(runDir, "filters.png"), layers[0].weight, 100);

  const model = dbnClassifier(layers, 10, { dropout: s.dropout });
  const optimizer = new optim.SGD(model.parameters(), { lr: s.finetuneLr, momentum: s.momentum });
  const { history } = await fit({
    model,
    optimizer,
    loss: nn.functional.crossEntropy,
    train: new DataLoader(new TensorDataset(pixels, train.y), { batchSize: s.batchSize, shuffle: true, seed: s.seed }),
    validation: new DataLoader(new TensorDataset(test.x.flatten(1), test.y), { batchSize: 1000 }),
    scheduler: new optim.CosineAnnealingLR(optimizer, { tMax: Math.max(1, s.finetuneEpochs) }),
    epochs: s.finetuneEpochs,
    checkpointDir,
    resume: continueFinetuning,
    logFile,
    progress,
    config: { kind: "dbn-finetune", settings: s },
  });
  const minutes = (performance.now() - started) / 60_000;
  const last = history[history.length - 1];
  const outcome = last ? `test accuracy ${(last.valAccuracy! * 100).toFixed(2)}% (Hinton et al. 2006: 98.75%)` : "pretrained, not fine-tuned";
  console.log(`DBN ${architecture}: ${outcome}, ${minutes.toFixed(1)} min this run`);
  console.log(`checkpoint: ${checkpointDir}  filters: ${join(runDir, "filters.png")}  log: ${logFile}`);
}
