/**
 * `strata train dbn`: a deep belief net on MNIST: RBMs pretrained greedily by CD-k, unrolled into a
 * sigmoid net with a softmax layer, fine-tuned by backprop; checkpoints every epoch of both phases.
 */
import { join } from "node:path";
import { manualSeed, nn, optim, zeros, type Tensor } from "../../index.js";
import { DataLoader, mnist, TensorDataset } from "../../data/index.js";
import type { Checkpoint } from "../../io/index.js";
import type { OptimizerStateDict } from "../../optim/index.js";
import { fit } from "../../train/index.js";
import { BinaryRBM, dbnClassifier, pretrainDbn, type PretrainProgress, type PretrainResume } from "../../unsupervised/rbm/index.js";
import { TrainingRun, type CommandOptions } from "../training-run.js";
import { writeFilterGrid } from "./pictures.js";

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

export type DbnCommandOptions = Omit<CommandOptions<DbnSettings>, "hidden"> & {
  /** Hidden layer sizes, as numbers or a comma-separated list ("500,500,2000"). */
  hidden?: readonly number[] | string;
};

/** Where pretraining stood when its checkpoint was saved (fine-tuning checkpoints are fit()'s). */
interface PretrainRecord {
  phase: "pretrain";
  layer: number;
  layerEpoch: number;
  chains: Tensor | null;
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
function pretrainResume(checkpoint: Checkpoint, hidden: number[], record: PretrainRecord): PretrainResume {
  const layers = hidden.slice(0, record.layer + 1).map((size, i) => {
    const rbm = new BinaryRBM(i === 0 ? 784 : hidden[i - 1], size);
    const prefix = `layers.${i}.`;
    rbm.loadStateDict(Object.fromEntries(Object.entries(checkpoint.model).filter(([key]) => key.startsWith(prefix)).map(([key, t]) => [key.slice(prefix.length), t])));
    return rbm;
  });
  return { layers, epochsDone: record.layerEpoch, optimizer: checkpoint.optimizer as unknown as OptimizerStateDict, chains: record.chains };
}

export async function trainDbnCommand(options: DbnCommandOptions = {}): Promise<void> {
  const spec = { kind: "dbn", defaults: DBN_DEFAULTS, epochs: "finetuneEpochs", unit: "fine-tuning epoch" } as const;
  const run = await TrainingRun.open<DbnSettings>(spec, { ...options, hidden: parseHidden(options.hidden) });
  const { settings: s, runDir, checkpointDir, logFile } = run;
  manualSeed(s.seed);
  const train = await mnist("train", { limit: s.limit });
  const test = await mnist("test");
  const pixels = train.x.flatten(1);

  const pretraining = run.resumed?.record.phase === "pretrain" ? (run.resumed.record as unknown as PretrainRecord) : null;
  const continuePretraining = pretraining ? pretrainResume(run.resumed!.checkpoint, s.hidden, pretraining) : undefined;
  const continueFinetuning = run.resumed !== null && !pretraining;
  // fine-tuning comes after pretraining: its settings take the library's checks now, before any of it runs
  new nn.Dropout(s.dropout);
  new optim.SGD([zeros([1])], { lr: s.finetuneLr, momentum: s.momentum });
  if (pretraining) run.restore({}); // the generator, as pretraining left it (fit() restores its own)
  run.start();
  if (pretraining) console.log(`  its pretraining was saved after layer ${pretraining.layer + 1}, epoch ${pretraining.layerEpoch}`);

  const architecture = [784, ...s.hidden, 10].join("-");
  console.log(`training a ${architecture} DBN on ${pixels.shape[0]} MNIST digits: pretraining by CD-${s.k} (lr ${s.pretrainLr}, ${s.pretrainEpochs} epochs a layer), fine-tuning by SGD (lr ${s.finetuneLr}, momentum ${s.momentum}, dropout ${s.dropout}, ${s.finetuneEpochs} epochs)`);
  const started = performance.now();
  const savePretraining = async ({ layer, epoch, reconstructionError, seconds, layers, trainer }: PretrainProgress) => {
    console.log(`pretraining layer ${layer + 1}/${s.hidden.length} epoch ${epoch}/${s.pretrainEpochs}  reconstruction error ${reconstructionError.toFixed(2)} per sample  ${seconds.toFixed(1)}s`);
    run.log.append({ phase: "pretrain", layer: layer + 1, epoch, reconstructionError, seconds });
    const model = Object.fromEntries(layers.flatMap((rbm, i) => [...rbm.stateDict()].map(([key, t]) => [`layers.${i}.${key}`, t])));
    const record: PretrainRecord = { phase: "pretrain", layer, layerEpoch: epoch, chains: trainer.chains };
    // epoch 0: the epochs the resume rule counts are fine-tuning's, none of which is done yet
    await run.save(0, { model, optimizer: trainer.optimizer, extra: { ...record } });
  };
  const layers = continueFinetuning
    ? s.hidden.map((size, i) => new BinaryRBM(i === 0 ? 784 : s.hidden[i - 1], size))
    : await pretrainDbn(pixels, s.hidden, { epochs: s.pretrainEpochs, lr: s.pretrainLr, k: s.k, batchSize: s.batchSize, resume: continuePretraining, onEpoch: savePretraining });
  if (!continueFinetuning) await writeFilterGrid(join(runDir, "filters.png"), layers[0].weight, { maxFilters: 100 });

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
    progress: options.progress,
    config: run.fitConfig(),
    onCheckpoint: () => run.checkpointSaved(),
  });
  const minutes = (performance.now() - started) / 60_000;
  const last = history[history.length - 1];
  const outcome = last ? `test accuracy ${(last.valAccuracy! * 100).toFixed(2)}% (Hinton et al. 2006: 98.75%)` : "pretrained, not fine-tuned";
  console.log(`DBN ${architecture}: ${outcome}, ${minutes.toFixed(1)} min this run`);
  console.log(`checkpoint: ${checkpointDir}  filters: ${join(runDir, "filters.png")}  log: ${logFile}`);
}
