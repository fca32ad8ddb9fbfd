/**
 * A search's state, OUT/search.json: its settings, every trial's configuration and results at each
 * rung, and the retrained best. Written atomically after every result, so a killed search resumes
 * with all it had finished. Which trials go on, and which is best, is worked out from the results
 * (standings), never stored, so it cannot disagree with them.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { writeFileAtomic } from "../../io/index.js";
import { search } from "../../train/index.js";

export interface SearchSettings {
  recipe: string;
  trials: number;
  eta: number;
  minEpochs: number;
  maxEpochs: number;
  /** --limit of every trial and of the retrained best; null: all the data. */
  limit: number | null;
  valSize: number;
  seed: number;
  /** The --space text (or file name) laid over the recipe's default space; null: the default. */
  space: string | null;
}

/** What one epoch of a trial scored on the validation set. */
export interface EpochScore {
  epoch: number;
  valAccuracy: number;
  valLoss: number;
}

export interface Trial {
  id: number;
  config: search.Config;
  /** Its run directory, relative to the search's. */
  runDir: string;
  /** Every epoch it has trained, in order. */
  curve: EpochScore[];
  /** Why it failed, and at which rung; a failed trial goes no further. */
  failure?: { rung: number; message: string };
}

export interface FinalRun {
  runDir: string;
  valAccuracy: number;
  testAccuracy: number;
  testLoss: number;
  testSamples: number;
}

export interface SearchState {
  settings: SearchSettings;
  /** The epochs each rung trains to. */
  rungs: number[];
  trials: Trial[];
  /** The best trial once the last rung is done, retrained and scored on the test set. */
  final?: FinalRun;
}

export const STATE_FILE = "search.json";

export function readState(outDir: string): SearchState {
  const file = join(outDir, STATE_FILE);
  try {
    return JSON.parse(readFileSync(file, "utf8")) as SearchState;
  } catch (error) {
    throw new Error(`--resume: cannot read the search state ${file}: ${(error as Error).message}`);
  }
}

/** Saves the state; saves run one after another, so a later state never loses the race to an earlier one. */
export class StateWriter {
  private last: Promise<void> = Promise.resolve();
  constructor(private readonly outDir: string) {}
  save(state: SearchState): Promise<void> {
    const text = JSON.stringify(state, null, 1) + "\n";
    this.last = this.last.then(() => writeFileAtomic(join(this.outDir, STATE_FILE), text));
    return this.last;
  }
}

/** A trial's score at the rung that trains to `epochs`: its validation figures after that epoch, if it got there. */
export function scoreAt(trial: Trial, epochs: number): EpochScore | undefined {
  return trial.curve.find((e) => e.epoch === epochs);
}

export type TrialStatus = "best" | "finished" | "stopped" | "failed" | "pending";

export interface Standings {
  /** The trials that must train to the rung at index `rung` before the search can go on; empty when it is done. */
  pending: Trial[];
  rung: number;
  /** Each trial's status, by id. */
  status: Map<number, TrialStatus>;
  /** The best trial, once the last rung is done (null if every trial failed). */
  best: Trial | null | undefined;
}

/** Where the search stands: which rung is under way, and who trains in it, worked out from the results by successive halving. */
export function standings({ settings, rungs, trials }: SearchState): Standings {
  const status = new Map<number, TrialStatus>(trials.map((t) => [t.id, t.failure ? "failed" : "pending"]));
  const failedAt = (t: Trial, rung: number) => t.failure?.rung === rung;
  let alive = trials;
  for (let rung = 0; rung < rungs.length; rung++) {
    const pending = alive.filter((t) => !failedAt(t, rung) && !scoreAt(t, rungs[rung]));
    if (pending.length > 0) return { pending, rung, status, best: undefined };
    const scores = alive.map((t) => {
      const s = failedAt(t, rung) ? undefined : scoreAt(t, rungs[rung]);
      return { id: t.id, score: s?.valAccuracy ?? null, loss: s?.valLoss };
    });
    const last = rung === rungs.length - 1;
    const kept = new Set(last ? [] : search.promoted(scores, settings.eta));
    for (const t of alive) if (!kept.has(t.id) && !t.failure) status.set(t.id, last ? "finished" : "stopped");
    if (last) {
      const best = search.ranked(scores).find((s) => s.score !== null);
      if (best) status.set(best.id, "best");
      return { pending: [], rung, status, best: best ? trials.find((t) => t.id === best.id)! : null };
    }
    alive = alive.filter((t) => kept.has(t.id));
  }
  throw new Error("standings: a search has at least one rung");
}
