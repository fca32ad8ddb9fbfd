/**
 * `strata train psd`: predictive sparse decomposition on whitened mandrill patches or MNIST — the
 * dictionary and a D·tanh(W_e y + b) encoder trained jointly; prints the energy and how well the
 * encoder alone predicts the optimal codes on held-out samples, then its speed against FISTA;
 * writes the dictionary as filters.png and the encoder's rows as encoder-filters.png.
 */
import { join } from "node:path";
import { Adam } from "../../optim/index.js";
import { Generator } from "../../tensor/index.js";
import { codingSpeed, Psd, TanhEncoder } from "../../unsupervised/psd/index.js";
import { forEachBatch, relativeCodeError, SparseCoding } from "../../unsupervised/sparse-coding/index.js";
import { writeFilterGrid } from "./pictures.js";
import { TrainingRun, type CommandOptions } from "../training-run.js";
import { runEpochs } from "./epoch-runner.js";
import { SPARSE_CODING_DEFAULTS, type SparseCodingSettings } from "./sparse-coding-command.js";
import { loadTrainingData } from "./training-data.js";

export const PSD_DESCRIPTION = "predictive sparse decomposition: sparse coding with a feed-forward encoder trained to predict the codes";

export interface PsdSettings extends SparseCodingSettings {
  /** Weight α of the prediction term. */
  alpha: number;
}

export const PSD_DEFAULTS: PsdSettings = { ...SPARSE_CODING_DEFAULTS, alpha: 1, lr: 0.003 };

export type PsdCommandOptions = CommandOptions<PsdSettings>;

export async function trainPsdCommand(options: PsdCommandOptions): Promise<void> {
  const run = await TrainingRun.open({ kind: "psd", defaults: PSD_DEFAULTS }, options);
  const { settings: s, runDir } = run;
  const data = await loadTrainingData(s);
  const features = data.train.shape[1];
  const encoder = new TanhEncoder(features, s.atoms);
  const psd = new Psd(new SparseCoding(features, s.atoms, { lambda: s.lambda, seed: s.seed }), encoder, { alpha: s.alpha, iterations: s.iterations });
  const optimizer = new Adam(psd.parameters(), { lr: s.lr });
  const generator = new Generator(s.seed);
  run.start();
  console.log(`training PSD on ${data.description}`);
  console.log(`  ${s.atoms} atoms, λ ${s.lambda}, α ${s.alpha}, ${s.iterations} FISTA steps per batch of ${s.batchSize} from the encoder's prediction, Adam lr ${s.lr}`);
  await runEpochs({
    run, model: psd, optimizer, generator,
    epoch: () => {
      const train = forEachBatch([data.train], { batchSize: s.batchSize, generator }, (y) => psd.learningStep(y, optimizer));
      // held out: how far the encoder's codes are from the codes PSD infers (its training target)
      return { ...train, testEncoderError: relativeCodeError(psd.forward(data.test), psd.infer(data.test, 200)) };
    },
    afterEpoch: async () => {
      await writeFilterGrid(join(runDir, "filters.png"), psd.coder.weight, { side: data.side });
      await writeFilterGrid(join(runDir, "encoder-filters.png"), encoder.linear.weight, { side: data.side });
    },
  });
  const speed = codingSpeed(psd, data.test, 100);
  console.log(
    `coding ${data.test.shape[0]} held-out samples: encoder ${Math.round(speed.encoder)} samples/s, FISTA (${speed.iterations} steps) ` +
      `${Math.round(speed.fista)} samples/s — the encoder is ${(speed.encoder / speed.fista).toFixed(0)}× faster`,
  );
  console.log(`filters: ${join(runDir, "filters.png")}, ${join(runDir, "encoder-filters.png")}`);
}
