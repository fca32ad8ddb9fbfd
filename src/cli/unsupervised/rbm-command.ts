/**
 * `strata train rbm`: a binary RBM on stochastically binarised MNIST, trained by CD-k or PCD, with
 * the reconstruction error and pseudo-log-likelihood each epoch, filters and Gibbs samples as
 * PNGs, and at the end an AIS estimate of the average test log-likelihood.
 */
import { join } from "node:path";
import { Generator, manualSeed, type Tensor } from "../../index.js";
import { mnist } from "../../data/index.js";
import {
  aisSchedule, annealedLogPartition, averageLogLikelihood, binarize, BinaryRBM, dataLogOdds, gibbsSample, pseudoLogLikelihood,
} from "../../unsupervised/rbm/index.js";
import { TrainingRun, type CommandOptions } from "../training-run.js";
import { cdMethod, contrastiveDivergenceFor, type CdRunSettings } from "./cd-run.js";
import { writeDigitGrid, writeFilterGrid } from "./pictures.js";

export const RBM_DESCRIPTION = "binary RBM on binarised MNIST by CD-k or persistent CD; filters, Gibbs samples, AIS test log-likelihood";

export interface RbmSettings extends CdRunSettings {
  /** Training digits used (the first `limit`). */
  limit: number;
  /** Training digits the per-epoch pseudo-log-likelihood is measured on (the first ones). */
  pllSamples: number;
  aisRuns: number;
  /** AIS intermediate distributions (the paper's 14,500 take ~5 min for 500 hidden units here; see aisSchedule). */
  aisSteps: number;
  /** Test digits whose average log-likelihood is estimated (the first ones). */
  testSamples: number;
  /** Gibbs steps between the start (test digits) and the samples drawn. */
  gibbsSteps: number;
  seed: number;
}

export const RBM_DEFAULTS: RbmSettings = {
  hidden: 500, k: 1, persistent: false, epochs: 10, lr: 0.05, momentum: 0.5, finalMomentum: 0.9, weightDecay: 2e-4, batchSize: 100,
  limit: 60_000, pllSamples: 2000, aisRuns: 100, aisSteps: 14_500, testSamples: 10_000, gibbsSteps: 1000, seed: 1,
};

/**
 * Salakhutdinov & Murray (2008), average test log-probability of 500-hidden RBMs on MNIST by CD-k,
 * as quoted in issue #11 (CD1(500), CD3(500), CD25(500)); the paper's table could not be re-read
 * from here, so they are printed as quoted, not as checked figures.
 */
export const PAPER_TEST_LOG_LIKELIHOOD_500: Readonly<Record<number, number>> = { 1: -125.53, 3: -105.5, 25: -86.34 };

export type RbmCommandOptions = CommandOptions<RbmSettings>;

/** MNIST digits [N, 784] binarised once by a generator of their own (so a resumed run sees the same bits). */
async function binaryDigits(split: "train" | "test", limit: number, seed: number): Promise<Tensor> {
  return binarize((await mnist(split, { limit })).x.flatten(1), new Generator(seed));
}

export async function trainRbmCommand(options: RbmCommandOptions = {}): Promise<void> {
  const run = await TrainingRun.open({ kind: "rbm", defaults: RBM_DEFAULTS }, options);
  const { settings: s, runDir, logFile } = run;
  manualSeed(s.seed);
  const train = await binaryDigits("train", s.limit, s.seed + 1);
  const rbm = new BinaryRBM(784, s.hidden);
  rbm.visibleBias.values.set(dataLogOdds(train).values);
  const trainer = contrastiveDivergenceFor(rbm, run);
  run.start();

  console.log(`training a 784-${s.hidden} binary RBM by ${cdMethod(s)} on ${train.shape[0]} binarised MNIST digits: lr ${s.lr}, momentum ${s.momentum} → ${s.finalMomentum}, weight cost ${s.weightDecay}, batch ${s.batchSize}`);
  const pllData = train.narrow(0, 0, Math.min(s.pllSamples, train.shape[0]));
  for (let epoch = run.firstEpoch; epoch <= s.epochs; epoch++) {
    const start = performance.now();
    const reconstructionError = await trainer.trainEpoch(train, epoch, s.batchSize);
    const seconds = (performance.now() - start) / 1000;
    const pseudoLL = pseudoLogLikelihood(rbm, pllData);
    console.log(`epoch ${epoch}/${s.epochs}  reconstruction error ${reconstructionError.toFixed(2)} per digit  pseudo-log-likelihood ${pseudoLL.toFixed(2)} nats  ${seconds.toFixed(1)}s`);
    run.log.append({ epoch, reconstructionError, pseudoLogLikelihood: pseudoLL, seconds });
    await run.save(epoch, { model: rbm, optimizer: trainer.optimizer, extra: { chains: trainer.chains } });
  }

  const test = await binaryDigits("test", s.testSamples, s.seed + 2);
  await writeFilterGrid(join(runDir, "filters.png"), rbm.weight, { maxFilters: 100 });
  await writeDigitGrid(join(runDir, "samples.png"), await gibbsSample(rbm, test.narrow(0, 0, Math.min(100, test.shape[0])), { steps: s.gibbsSteps }));
  const start = performance.now();
  const ais = await annealedLogPartition(rbm, { runs: s.aisRuns, betas: aisSchedule(s.aisSteps), baseBiases: dataLogOdds(train) });
  const testLogLikelihood = averageLogLikelihood(rbm, test, ais.logPartition);
  const aisSeconds = (performance.now() - start) / 1000;
  const paper = PAPER_TEST_LOG_LIKELIHOOD_500[s.k];
  const reference = s.hidden === 500 && !s.persistent && paper !== undefined ? `; Salakhutdinov & Murray 2008, CD${s.k}(500): ${paper} (as quoted in issue #11)` : "";
  console.log(`AIS (${s.aisRuns} runs, ${s.aisSteps} intermediate distributions, ${aisSeconds.toFixed(0)} s): log Z = ${ais.logPartition.toFixed(2)} (±3σ bracket ${ais.low.toFixed(2)} … ${ais.high.toFixed(2)})`);
  console.log(`average test log-likelihood over ${test.shape[0]} digits: ${testLogLikelihood.toFixed(2)} nats${reference}`);
  run.log.append({ logPartition: ais.logPartition, logPartitionLow: ais.low, logPartitionHigh: ais.high, testLogLikelihood, testSamples: test.shape[0], aisSeconds });
  console.log(`filters: ${join(runDir, "filters.png")}  samples: ${join(runDir, "samples.png")}  log: ${logFile}`);
}
