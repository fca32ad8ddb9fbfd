/**
 * A binary RBM of 500 hidden units on binarised MNIST by CD-1: reconstruction error and
 * pseudo-log-likelihood per epoch, the filters and Gibbs samples as PNGs, and the average test
 * log-likelihood by annealed importance sampling beside Salakhutdinov & Murray's figure.
 * Run it after `npm ci` with:  node dist/examples/rbm.js   (writes rbm-filters.png, rbm-samples.png)
 */
import { Generator, manualSeed } from "../src/index.js";
import { mnist } from "../src/data/index.js";
import { PAPER_TEST_LOG_LIKELIHOOD_500 } from "../src/cli/unsupervised/rbm-command.js";
import { writeFilterGrid, writeDigitGrid } from "../src/cli/unsupervised/pictures.js";
import {
  aisSchedule, annealedLogPartition, averageLogLikelihood, binarize, BinaryRBM, ContrastiveDivergence, dataLogOdds, gibbsSample, pseudoLogLikelihood,
} from "../src/unsupervised/rbm/index.js";

const epochs = 5;
manualSeed(0);
// Salakhutdinov & Murray binarise MNIST stochastically; one draw per pixel, fixed by its own seed.
const train = binarize((await mnist("train")).x.flatten(1), new Generator(1));
const test = binarize((await mnist("test")).x.flatten(1), new Generator(2));

const rbm = new BinaryRBM(784, 500);
rbm.visibleBias.values.set(dataLogOdds(train).values);
const trainer = new ContrastiveDivergence(rbm, { k: 1, lr: 0.05 });
for (let epoch = 1; epoch <= epochs; epoch++) {
  const start = performance.now();
  const error = await trainer.trainEpoch(train, epoch);
  const pll = pseudoLogLikelihood(rbm, train.narrow(0, 0, 2000));
  console.log(`epoch ${epoch}: reconstruction error ${error.toFixed(2)} per digit, pseudo-log-likelihood ${pll.toFixed(2)} nats (${((performance.now() - start) / 1000).toFixed(0)} s)`);
}
await writeFilterGrid("rbm-filters.png", rbm.weight, { maxFilters: 100 });
await writeDigitGrid("rbm-samples.png", await gibbsSample(rbm, test.narrow(0, 0, 100), { steps: 1000 }));

const start = performance.now();
const ais = await annealedLogPartition(rbm, { runs: 100, betas: aisSchedule(14_500), baseBiases: dataLogOdds(train) });
const logLikelihood = averageLogLikelihood(rbm, test, ais.logPartition);
console.log(`AIS, 100 runs × 14,500 intermediate distributions (${((performance.now() - start) / 1000).toFixed(0)} s): log Z ${ais.logPartition.toFixed(2)} (±3σ: ${ais.low.toFixed(2)} … ${ais.high.toFixed(2)})`);
console.log(`average test log-likelihood ${logLikelihood.toFixed(2)} nats after ${epochs} epochs; Salakhutdinov & Murray 2008, CD1(500): ${PAPER_TEST_LOG_LIKELIHOOD_500[1]} (as quoted in issue #11)`);
