/**
 * `strata search RECIPE`: random search over a declared space with successive halving. Each trial is
 * a `strata train` run of its own (OUT/trials/NNN) trained by a worker process; a promoted trial goes
 * on from its checkpoint. The best trial on validation is then trained again in OUT/best, and only
 * that run is scored on the test set.
 */
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { Generator, getBackend } from "../../index.js";
import { definedOnly } from "../../train/defined-only.js";
import { search } from "../../train/index.js";
import { writeSvg } from "../../viz/index.node.js";
import { UsageError } from "../options.js";
import { resumedSettings } from "../resume-rule.js";
import { checkRunDir, takeRunDir } from "../run-dir.js";
import { classifierDefaults, trainCommand, type TrainCommandOptions } from "../train-command.js";
import { asFlags, curvesChart, formatValue, resultsTable } from "./search-report.js";
import { describeSpace, SEARCHABLE, searchSpace } from "./search-space.js";
import { readState, standings, STATE_FILE, StateWriter, type SearchSettings, type SearchState, type Trial } from "./search-state.js";
import { forEachInParallel, runTrialJob } from "./trial-process.js";

/** The defaults besides those of the recipe's (its epochs are the last rung's, its validation set ranks the trials). */
export const SEARCH_DEFAULTS: Omit<SearchSettings, "recipe" | "valSize" | "maxEpochs"> = { trials: 16, eta: 2, minEpochs: 1, limit: null, seed: 1, space: null };

export type SearchOptions = Partial<Omit<SearchSettings, "recipe">> & { out?: string; resume?: boolean; overwrite?: boolean; workers?: number; progress?: boolean };

const percent = (v: number) => `${(v * 100).toFixed(2)}%`;

/** Two workers at most by default: each trains on one thread, and more than the cores only queue. */
export const defaultWorkers = () => Math.min(2, availableParallelism());

/** The `strata train` settings of a trial: its configuration and the search's budget, data and seed. */
function trialSettings(settings: SearchSettings, config: search.Config): TrainCommandOptions {
  return { ...config, epochs: settings.maxEpochs, limit: settings.limit, valSize: settings.valSize, seed: settings.seed };
}

/** Trial 1 is the recipe's own settings (where the space leaves a setting to chance), so the search weighs its finds against the default; the rest are drawn from the space. */
function drawTrials(space: search.SearchSpace, settings: SearchSettings): Trial[] {
  const defaults = classifierDefaults(settings.recipe) as unknown as Record<string, search.ParamValue>;
  const generator = new Generator(settings.seed);
  const first = search.sampleConfig(Object.fromEntries(Object.entries(space).map(([k, p]) => [k, typeof p === "object" ? defaults[k] : p])), generator);
  return Array.from({ length: settings.trials }, (_, i) => ({
    id: i + 1,
    config: i === 0 ? first : search.sampleConfig(space, generator),
    runDir: join("trials", String(i + 1).padStart(3, "0")),
    curve: [],
  }));
}

/** Checks the settings a fresh search starts with, naming the flag at fault. */
function checkSettings(s: SearchSettings): number[] {
  if (!(s.eta >= 2)) throw new UsageError(`--eta ${s.eta}: successive halving keeps the best 1/η of the trials at each rung, so η must be at least 2`);
  if (s.maxEpochs < s.minEpochs) throw new UsageError(`--max-epochs ${s.maxEpochs} is below --min-epochs ${s.minEpochs}`);
  if (s.valSize === 0) throw new UsageError("--val-size 0: a search ranks its trials on validation data; give a positive --val-size");
  return search.rungEpochs(s.minEpochs, s.maxEpochs, s.eta);
}

/** The search in `out` to continue (--resume, with nothing changed) or a fresh one, its directory taken once every input is checked. */
async function openSearch(recipe: string, options: SearchOptions, out: string, writer: StateWriter): Promise<SearchState> {
  const given: Partial<SearchSettings> = definedOnly({ trials: options.trials, eta: options.eta, minEpochs: options.minEpochs, maxEpochs: options.maxEpochs, limit: options.limit, valSize: options.valSize, seed: options.seed, space: options.space });
  const { valSize, epochs } = classifierDefaults(recipe);
  const defaults: SearchSettings = { ...SEARCH_DEFAULTS, recipe, valSize, maxEpochs: epochs };
  if (options.resume) {
    if (!existsSync(join(out, STATE_FILE))) throw new Error(`--resume: no search in ${out} (${STATE_FILE} is missing; start it without --resume, or pass --out)`);
    const state = readState(out);
    if (state.settings.recipe !== recipe) throw new UsageError(`--resume: the search in ${out} is of ${state.settings.recipe}, not ${recipe}`);
    resumedSettings<SearchSettings>({ runDir: out, defaults, saved: state.settings, given });
    const done = state.trials.filter((t) => t.curve.length > 0 || t.failure).length;
    console.log(`resuming the search in ${out}: ${done} of ${state.trials.length} trials have results${state.final ? "; the best is already retrained and scored" : ""}`);
    return state;
  }
  const settings: SearchSettings = { ...defaults, ...given };
  const rungs = checkSettings(settings);
  const space = searchSpace(recipe, settings.space ?? undefined);
  const state: SearchState = { settings, rungs, trials: drawTrials(space, settings) };
  const saved = takeRunDir(out, { overwrite: options.overwrite, results: "search state" });
  await writer.save(state);
  saved();
  console.log(`searching ${recipe}: ${settings.trials} trials, successive halving with η ${settings.eta} at ${rungs.join(", ")} epochs (trial 1: the recipe's defaults)`);
  console.log(`  space: ${describeSpace(space)}`);
  console.log(`  ranked on ${Math.min(settings.valSize, settings.limit ?? Infinity)} validation images held out of the training set${settings.limit ? ` (--limit ${settings.limit})` : ""}; the test set is scored once, by the retrained best`);
  return state;
}

/** Trains every rung's trials, a few workers at a time, saving the state after each result. */
async function runRungs(state: SearchState, out: string, workers: number, writer: StateWriter): Promise<void> {
  const { rungs, settings } = state;
  for (let now = standings(state); now.pending.length > 0; now = standings(state)) {
    const until = rungs[now.rung];
    console.log(`rung ${now.rung + 1} of ${rungs.length}: ${now.pending.length} trial${now.pending.length === 1 ? "" : "s"} to epoch ${until}, ${Math.min(workers, now.pending.length)} at a time`);
    await forEachInParallel(now.pending, workers, async (trial) => {
      const runDir = join(out, trial.runDir);
      mkdirSync(runDir, { recursive: true });
      const resume = existsSync(join(runDir, "checkpoint", "checkpoint.json"));
      const job = { recipe: settings.recipe, settings: trialSettings(settings, trial.config), runDir, until, resume, backend: getBackend() };
      const outcome = await runTrialJob(job, join(runDir, "worker.log"));
      if ("report" in outcome) {
        trial.curve = outcome.report.curve;
        const score = trial.curve[trial.curve.length - 1];
        console.log(`  trial ${trial.id}: epoch ${score.epoch}  val acc ${percent(score.valAccuracy)}  loss ${score.valLoss.toFixed(4)}  (${configLine(trial.config)})`);
      } else {
        trial.failure = { rung: now.rung, message: outcome.failure };
        console.log(`  trial ${trial.id} failed (${configLine(trial.config)}): ${outcome.failure}  [log: ${join(runDir, "worker.log")}]`);
      }
      await writer.save(state);
    });
  }
}

const configLine = (config: search.Config) => Object.entries(config).map(([k, v]) => `${k} ${formatValue(v)}`).join(", ");

export async function searchCommand(recipe: string, options: SearchOptions): Promise<void> {
  if (!SEARCHABLE.includes(recipe)) throw new UsageError(`strata search: unknown recipe "${recipe}"; it searches ${SEARCHABLE.join(", ")}`);
  if (options.resume && options.overwrite) throw new UsageError("--resume continues the search and --overwrite replaces it: give one of them");
  const out = options.out ?? join("runs", `search-${recipe}`);
  checkRunDir(out);
  const writer = new StateWriter(out);
  const state = await openSearch(recipe, options, out, writer);
  await runRungs(state, out, options.workers ?? defaultWorkers(), writer);

  const now = standings(state);
  const table = resultsTable(state, now);
  console.log(`\n${table}\n`);
  const chart = curvesChart(state, now);
  if (chart) writeSvg(join(out, "search.svg"), chart);
  const best = now.best;
  if (!best) {
    writeResults(out, state, table);
    throw new Error(`every trial failed; see the table above and each trial's worker.log under ${join(out, "trials")}`);
  }
  const bestVal = best.curve[best.curve.length - 1].valAccuracy;
  console.log(`best: trial ${best.id}, validation accuracy ${percent(bestVal)} after ${state.settings.maxEpochs} epochs: ${asFlags(best.config)}`);
  if (!state.final) {
    const bestDir = join(out, "best");
    console.log(`training it again in ${bestDir}, then scoring it once on the test set`);
    const resume = existsSync(join(bestDir, "checkpoint", "checkpoint.json"));
    const { history, test } = await trainCommand(recipe, { ...trialSettings(state.settings, best.config), out: bestDir, resume, progress: options.progress });
    state.final = { runDir: "best", valAccuracy: history[history.length - 1].valAccuracy ?? NaN, testAccuracy: test!.accuracy, testLoss: test!.loss, testSamples: test!.samples };
    await writer.save(state);
  }
  const f = state.final;
  console.log(`search result: trial ${best.id} retrained: validation ${percent(f.valAccuracy)}, test ${percent(f.testAccuracy)} (${f.testSamples} images, loss ${f.testLoss.toFixed(4)}); run ${join(out, f.runDir)}`);
  writeResults(out, state, table);
  console.log(`table: ${join(out, "results.md")}${chart ? `  curves: ${join(out, "search.svg")}` : ""}`);
}

/** OUT/results.md: the settings, the table, and the retrained best's scores. */
function writeResults(out: string, state: SearchState, table: string): void {
  const s = state.settings;
  const lines = [
    `# strata search ${s.recipe}`,
    "",
    `${s.trials} trials, η ${s.eta}, rungs at ${state.rungs.join(", ")} epochs, seed ${s.seed}, validation ${s.valSize} images${s.limit ? `, --limit ${s.limit}` : ""}${s.space ? `, --space ${s.space}` : ""}. Trial 1 is the recipe's defaults.`,
    "",
    table,
    "",
  ];
  if (state.final) lines.push(`The best trial retrained (${state.final.runDir}/): validation accuracy ${percent(state.final.valAccuracy)}, test accuracy ${percent(state.final.testAccuracy)} on ${state.final.testSamples} images (loss ${state.final.testLoss.toFixed(4)}).`, "");
  writeFileSync(join(out, "results.md"), lines.join("\n"));
}
