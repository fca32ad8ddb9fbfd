/**
 * `strata train sparse-coding`: dictionary learning (unit-norm atoms, codes by FISTA) on whitened
 * mandrill patches or MNIST digits; prints the energy, sparsity and reconstruction error per epoch,
 * writes the atoms as filters.png.
 */
import { join } from "node:path";
import { Adam } from "../../optim/index.js";
import { Generator } from "../../tensor/index.js";
import { dictionaryStep, forEachBatch, SparseCoding } from "../../unsupervised/sparse-coding/index.js";
import { writeFilterGrid } from "./pictures.js";
import { TrainingRun, type CommandOptions } from "../training-run.js";
import { runEpochs } from "./epoch-runner.js";
import { loadTrainingData, type DataSettings } from "./training-data.js";

export const SPARSE_CODING_DESCRIPTION = "sparse coding: a dictionary of unit-norm atoms learned with codes inferred by FISTA (edge filters on whitened natural patches)";

export interface SparseCodingSettings extends DataSettings {
  epochs: number;
  atoms: number;
  lambda: number;
  /** FISTA steps per batch. */
  iterations: number;
  batchSize: number;
  lr: number;
}

export const SPARSE_CODING_DEFAULTS: SparseCodingSettings = {
  epochs: 5, data: "patches", patchSize: 8, samples: 20000, testSamples: 2000, epsilon: 0.05, symmetries: false, seed: 1,
  atoms: 128, lambda: 0.8, iterations: 50, batchSize: 250, lr: 0.003,
};

export type SparseCodingCommandOptions = CommandOptions<SparseCodingSettings>;

export async function trainSparseCodingCommand(options: SparseCodingCommandOptions): Promise<void> {
  const run = await TrainingRun.open({ kind: "sparse-coding", defaults: SPARSE_CODING_DEFAULTS }, options);
  const { settings: s, runDir } = run;
  const data = await loadTrainingData(s);
  const coder = new SparseCoding(data.train.shape[1], s.atoms, { lambda: s.lambda, seed: s.seed });
  const optimizer = new Adam(coder.parameters(), { lr: s.lr });
  const generator = new Generator(s.seed);
  run.start();
  console.log(`training sparse coding on ${data.description}`);
  console.log(`  ${s.atoms} atoms, λ ${s.lambda}, ${s.iterations} FISTA steps per batch of ${s.batchSize}, Adam lr ${s.lr}`);
  await runEpochs({
    run, model: coder, optimizer, generator,
    epoch: () => {
      const train = forEachBatch([data.train], { batchSize: s.batchSize, generator }, (y) => dictionaryStep(coder, y, optimizer, { iterations: s.iterations }));
      const codes = coder.infer(data.test, { iterations: 200 });
      const testEnergy = coder.energy(data.test, codes).mean().itemSync();
      const residual = data.test.sub(coder.reconstruct(codes)).square().sum().itemSync() / data.test.square().sum().itemSync();
      return { energy: train.energy, activeFraction: train.activeFraction, testEnergy, testRelativeResidual: residual };
    },
    afterEpoch: () => writeFilterGrid(join(runDir, "filters.png"), coder.weight, { side: data.side }),
  });
  console.log(`filters: ${join(runDir, "filters.png")}`);
}
