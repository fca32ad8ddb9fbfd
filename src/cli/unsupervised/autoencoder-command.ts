/**
 * `strata train autoencoder`: a plain, tied, sparse, denoising or contractive autoencoder on MNIST,
 * checkpointed every epoch (with --resume), logging the training objective and the test
 * reconstruction error, and drawing the encoder's filters and some test digits' reconstructions.
 */
import { join } from "node:path";
import { manualSeed, noGrad, optim } from "../../index.js";
import { mnist } from "../../data/index.js";
import {
  Autoencoder, CODE_ACTIVATIONS, evaluateReconstruction, rowLoader, trainAutoencoderEpoch,
  type AutoencoderOptions, type CodeActivation, type ReconstructionLoss,
} from "../../unsupervised/autoencoders/index.js";
import { writeFilterGrid, writeReconstructions } from "./pictures.js";
import { TrainingRun, type CommandOptions } from "../training-run.js";

export const AUTOENCODER_KINDS = ["plain", "tied", "sparse", "denoising", "contractive"] as const;
export type AutoencoderKind = (typeof AUTOENCODER_KINDS)[number];

export interface AutoencoderSettings {
  kind: AutoencoderKind;
  hidden: number;
  epochs: number;
  batchSize: number;
  lr: number;
  momentum: number;
  loss: ReconstructionLoss;
  activation: CodeActivation;
  /** sparse: the target mean activation ρ and the penalty's weight β. */
  rho: number;
  beta: number;
  /** denoising: "masking" (corruption = fraction zeroed) or "gaussian" (corruption = noise std). */
  noise: "masking" | "gaussian";
  corruption: number;
  /** contractive: λ. */
  contraction: number;
  /** Training digits used (the first ones of the 60,000). */
  limit: number;
  /** Test digits the reconstruction error is measured on (the first ones of the 10,000). */
  testLimit: number;
  seed: number;
}

export const AUTOENCODER_DEFAULTS: AutoencoderSettings = {
  kind: "denoising", hidden: 500, epochs: 10, batchSize: 64, lr: 0.03, momentum: 0.9, loss: "bce", activation: "sigmoid",
  rho: 0.05, beta: 3, noise: "masking", corruption: 0.25, contraction: 0.1, limit: 60000, testLimit: 10000, seed: 1,
};

export const AUTOENCODER_DESCRIPTION = "an autoencoder (plain, tied, sparse, denoising or contractive) on MNIST digits: filters and reconstructions";

export type AutoencoderCommandOptions = CommandOptions<AutoencoderSettings>;

/** The autoencoder that settings describe, on 784-pixel digits. */
export function autoencoderFromSettings(s: AutoencoderSettings): Autoencoder {
  if (!(AUTOENCODER_KINDS as readonly string[]).includes(s.kind)) throw new RangeError(`--kind must be one of ${AUTOENCODER_KINDS.join(", ")}; got "${s.kind}"`);
  if (!(CODE_ACTIVATIONS as readonly string[]).includes(s.activation)) throw new RangeError(`--activation must be one of ${CODE_ACTIVATIONS.join(", ")}; got "${s.activation}"`);
  const byKind: Record<AutoencoderKind, AutoencoderOptions> = {
    plain: {},
    tied: { tied: true },
    sparse: { sparsity: { target: s.rho, weight: s.beta } },
    denoising: { corruption: { kind: s.noise, level: s.corruption } },
    contractive: { contraction: s.contraction },
  };
  return new Autoencoder(784, s.hidden, { activation: s.activation, loss: s.loss, ...byKind[s.kind] });
}

export async function trainAutoencoderCommand(options: AutoencoderCommandOptions): Promise<void> {
  const run = await TrainingRun.open({ kind: "autoencoder", defaults: AUTOENCODER_DEFAULTS }, options);
  const { runDir, checkpointDir, logFile, settings: s } = run;
  manualSeed(s.seed);
  const model = autoencoderFromSettings(s);
  const optimizer = new optim.SGD(model.parameters(), { lr: s.lr, momentum: s.momentum });
  run.restore({ model, optimizer });
  const train = (await mnist("train", { limit: s.limit })).x;
  const test = (await mnist("test", { limit: s.testLimit })).x;
  const loader = rowLoader(train, s.batchSize, s.seed);
  run.start();
  console.log(`training a ${s.kind} autoencoder 784-${s.hidden}-784 (${s.activation} codes, ${s.loss} loss; shaping: ${model.energyShaping.join(", ") || "none"}) on ${train.shape[0]} digits`);
  console.log(`  SGD lr ${s.lr} momentum ${s.momentum}, batch ${s.batchSize}, ${s.epochs} epochs, seed ${s.seed}`);
  for (let epoch = run.firstEpoch; epoch <= s.epochs; epoch++) {
    const start = performance.now();
    loader.setEpoch(epoch);
    const losses = await trainAutoencoderEpoch(model, optimizer, loader);
    const testError = evaluateReconstruction(model, test);
    const seconds = (performance.now() - start) / 1000;
    const penalty = losses.penalty > 0 ? `  penalty ${losses.penalty.toFixed(3)}` : "";
    console.log(`epoch ${epoch}/${s.epochs}  train ${s.loss} ${losses.reconstruction.toFixed(3)}${penalty}  test ${s.loss} ${testError.toFixed(3)}  ${seconds.toFixed(1)}s`);
    run.log.append({ epoch, ...losses, testReconstruction: testError, seconds });
    await run.save(epoch, { model, optimizer });
  }
  await writeFilterGrid(join(runDir, "filters.png"), model.encoder.weight, { maxFilters: 100 });
  const digits = test.narrow(0, 0, 12).reshape([12, 784]);
  model.eval();
  await writeReconstructions(join(runDir, "reconstructions.png"), digits, noGrad(() => model.forward(digits)));
  console.log(`test reconstruction error (${s.loss} per digit): ${evaluateReconstruction(model, test).toFixed(3)}`);
  console.log(`filters: ${join(runDir, "filters.png")}  reconstructions: ${join(runDir, "reconstructions.png")}  checkpoint: ${checkpointDir}  log: ${logFile}`);
}
