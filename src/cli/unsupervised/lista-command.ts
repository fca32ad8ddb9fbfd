/**
 * `strata train lista`: learned ISTA (or LCoD) with K unfolded steps, trained to predict the
 * optimal sparse codes of a dictionary learned first (on whitened mandrill patches or MNIST).
 * Each epoch prints the held-out relative code error ‖Z_pred − Z*‖²/‖Z*‖² beside K steps of ISTA
 * and FISTA from zero; writes the learned encoder W_e as filters.png.
 */
import { join } from "node:path";
import { Adam } from "../../optim/index.js";
import { Generator, type Tensor } from "../../tensor/index.js";
import { codePredictionEpoch, dictionaryStep, forEachBatch, Lcod, Lista, relativeCodeError, SparseCoding } from "../../unsupervised/sparse-coding/index.js";
import { writeFilterGrid } from "./pictures.js";
import { TrainingRun, type CommandOptions } from "../training-run.js";
import { runEpochs } from "./epoch-runner.js";
import { SPARSE_CODING_DEFAULTS, type SparseCodingSettings } from "./sparse-coding-command.js";
import { loadTrainingData } from "./training-data.js";

export const LISTA_DESCRIPTION = "LISTA / LCoD: ISTA or coordinate descent unfolded K times and trained to predict optimal sparse codes";

export interface ListaSettings extends SparseCodingSettings {
  /** "lista" or "lcod". */
  model: "lista" | "lcod";
  /** K, the unfolded steps. */
  steps: number;
  /** Epochs of dictionary learning before LISTA is trained. */
  dictionaryEpochs: number;
  /** FISTA steps that give the target codes Z*. */
  targetIterations: number;
}

export const LISTA_DEFAULTS: ListaSettings = {
  // λ 0.4 rather than sparse coding's 0.8: at 0.8 only 1.6% of units are active, and 10 CoD steps already reach Z*
  ...SPARSE_CODING_DEFAULTS, lambda: 0.4, symmetries: true, epochs: 10, batchSize: 100, lr: 0.001,
  model: "lista", steps: 2, dictionaryEpochs: 2, targetIterations: 300,
};

export type ListaCommandOptions = CommandOptions<ListaSettings>;

export async function trainListaCommand(options: ListaCommandOptions): Promise<void> {
  const run = await TrainingRun.open({ kind: "lista", defaults: LISTA_DEFAULTS, dir: options.model ?? LISTA_DEFAULTS.model }, options);
  const { settings: s, runDir } = run;
  if (s.model !== "lista" && s.model !== "lcod") throw new TypeError(`--model must be "lista" or "lcod", got ${JSON.stringify(s.model)}`);
  const data = await loadTrainingData(s);
  const coder = new SparseCoding(data.train.shape[1], s.atoms, { lambda: s.lambda, seed: s.seed });
  const generator = new Generator(s.seed);
  console.log(`training ${s.model === "lista" ? "LISTA" : "LCoD"} (K = ${s.steps}) on ${data.description}`);
  if (!run.resumed) {
    const dictionaryOptimizer = new Adam(coder.parameters(), { lr: SPARSE_CODING_DEFAULTS.lr });
    for (let epoch = 1; epoch <= s.dictionaryEpochs; epoch++) {
      const { energy } = forEachBatch([data.train], { batchSize: 250, generator }, (y) => dictionaryStep(coder, y, dictionaryOptimizer, { iterations: s.iterations }));
      console.log(`  dictionary epoch ${epoch}/${s.dictionaryEpochs}: energy ${energy.toPrecision(4)}`);
    }
  }
  const model = s.model === "lista" ? new Lista(coder, s.steps) : new Lcod(coder, s.steps);
  const optimizer = new Adam(model.parameters(), { lr: s.lr });
  run.start();
  let targets: { train: Tensor; test: Tensor } | null = null;
  // what the learned model is measured against: K steps of the iteration it unfolds (and of FISTA)
  const baselines = (optimal: Tensor): Record<string, number> =>
    s.model === "lista"
      ? { istaK: relativeCodeError(coder.infer(data.test, { method: "ista", iterations: s.steps }), optimal), fistaK: relativeCodeError(coder.infer(data.test, { iterations: s.steps }), optimal) }
      : { codK: relativeCodeError(coder.cod(data.test, s.steps), optimal) };
  await runEpochs({
    run, model, optimizer, generator,
    fixed: { dictionary: coder.weight },
    restored: (fixed) => coder.weight.values.set(fixed.dictionary.values),
    epoch: () => {
      targets ??= { train: coder.infer(data.train, { iterations: s.targetIterations }), test: coder.infer(data.test, { iterations: s.targetIterations }) };
      const loss = codePredictionEpoch(model, data.train, targets.train, optimizer, { batchSize: s.batchSize, generator });
      return { loss, testError: relativeCodeError(model.forward(data.test), targets.test), ...baselines(targets.test) };
    },
    afterEpoch: () => writeFilterGrid(join(runDir, "filters.png"), model.encoder, { side: data.side }),
  });
}
