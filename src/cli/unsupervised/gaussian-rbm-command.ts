/**
 * `strata train gaussian-rbm`: a Gaussian–binary RBM on real-valued data — whitened mandrill
 * patches by default (it learns localized, oriented edge filters), or MNIST digits — by CD-k or
 * PCD. Each epoch prints the reconstruction error and the free-energy gap between held-out data and
 * the same samples with their components shuffled (how far CD has pushed the energy down on data
 * and up elsewhere); filters.png each epoch.
 */
import { join } from "node:path";
import { manualSeed, randperm, type Tensor } from "../../index.js";
import { noGrad } from "../../autograd/index.js";
import { Generator } from "../../tensor/index.js";
import { GaussianRBM } from "../../unsupervised/rbm/index.js";
import { TrainingRun, type CommandOptions } from "../training-run.js";
import { cdMethod, contrastiveDivergenceFor, type CdRunSettings } from "./cd-run.js";
import { writeFilterGrid } from "./pictures.js";
import { loadTrainingData, type DataSettings } from "./training-data.js";

export const GAUSSIAN_RBM_DESCRIPTION = "Gaussian–binary RBM on real-valued data (whitened natural patches: edge filters) by CD-k or persistent CD";

export interface GaussianRbmSettings extends DataSettings, CdRunSettings {}

export const GAUSSIAN_RBM_DEFAULTS: GaussianRbmSettings = {
  data: "patches", patchSize: 8, samples: 20000, testSamples: 2000, epsilon: 0.05, symmetries: false, seed: 1,
  hidden: 100, k: 1, persistent: false, epochs: 30, lr: 0.02, momentum: 0.5, finalMomentum: 0.9, weightDecay: 2e-4, batchSize: 100,
};

export type GaussianRbmCommandOptions = CommandOptions<GaussianRbmSettings>;

/**
 * The unit-variance visible units want standardised data (Hinton's practical guide §13.2): each
 * component centred on its training mean, and all divided by one scale, the training data's
 * standard deviation (one scale, not one per pixel: MNIST's border pixels have none).
 */
function standardize(train: Tensor, test: Tensor): { train: Tensor; test: Tensor } {
  return noGrad(() => {
    const mean = train.mean(0, true);
    const scale = train.sub(mean).std().itemSync();
    return { train: train.sub(mean).div(scale), test: test.sub(mean).div(scale) };
  });
}

/**
 * Held-out figures: the reconstruction error from p(h | v) (no sampling), and the mean free energy
 * of the shuffled samples minus that of the data. Shuffling keeps each sample's norm, so the visible
 * term ½‖v − b‖² hardly differs and the gap measures what the hidden units learned: 0 untrained.
 */
function heldOut(rbm: GaussianRBM, test: Tensor, shuffled: Tensor): { testReconstructionError: number; freeEnergyGap: number } {
  return noGrad(() => {
    const reconstruction = rbm.visibleMean(rbm.hiddenProbabilities(test));
    return {
      testReconstructionError: test.sub(reconstruction).square().sum().itemSync() / test.shape[0],
      freeEnergyGap: rbm.freeEnergy(shuffled).mean().itemSync() - rbm.freeEnergy(test).mean().itemSync(),
    };
  });
}

export async function trainGaussianRbmCommand(options: GaussianRbmCommandOptions = {}): Promise<void> {
  const run = await TrainingRun.open({ kind: "gaussian-rbm", defaults: GAUSSIAN_RBM_DEFAULTS }, options);
  const { settings: s, runDir, logFile } = run;
  manualSeed(s.seed);
  const data = await loadTrainingData(s);
  const { train, test } = standardize(data.train, data.test);
  const shuffled = test.indexSelect(1, randperm(test.shape[1], { generator: new Generator(s.seed + 1) }));
  const rbm = new GaussianRBM(train.shape[1], s.hidden);
  const trainer = contrastiveDivergenceFor(rbm, run);
  run.start();

  console.log(`training a ${train.shape[1]}-${s.hidden} Gaussian–binary RBM by ${cdMethod(s)} on ${data.description}, standardised`);
  console.log(`  lr ${s.lr}, momentum ${s.momentum} → ${s.finalMomentum}, weight cost ${s.weightDecay}, batch ${s.batchSize}`);
  for (let epoch = run.firstEpoch; epoch <= s.epochs; epoch++) {
    const start = performance.now();
    const reconstructionError = await trainer.trainEpoch(train, epoch, s.batchSize);
    const seconds = (performance.now() - start) / 1000;
    const figures = { reconstructionError, ...heldOut(rbm, test, shuffled) };
    console.log(`epoch ${epoch}/${s.epochs}  reconstruction error ${reconstructionError.toFixed(3)} (held out, from p(h | v): ${figures.testReconstructionError.toFixed(3)})  free energy of shuffled − data ${figures.freeEnergyGap.toFixed(2)}  ${seconds.toFixed(1)}s`);
    run.log.append({ epoch, ...figures, seconds });
    await run.save(epoch, { model: rbm, optimizer: trainer.optimizer, extra: { chains: trainer.chains } });
    await writeFilterGrid(join(runDir, "filters.png"), rbm.weight, { side: data.side, maxFilters: 100 });
  }
  console.log(`filters: ${join(runDir, "filters.png")}  log: ${logFile}`);
}
