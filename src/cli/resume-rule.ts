/**
 * The one rule for `--resume`, the same for every training command: a resumed run keeps the
 * settings it was started with. Only its number of epochs may change (to train longer, or to stop
 * sooner than planned); any other flag that would change the run is refused, by name, beside the
 * run's own value — applying it halfway (a new batch size under a restored schedule, a learning
 * rate the restored optimiser overwrites) would make a run that no command line describes.
 */
import { flagOf, UsageError } from "./options.js";

export interface ResumeRule<S> {
  runDir: string;
  defaults: S;
  /** The settings saved in the run's checkpoint (ones it lacks, from before they existed, take the defaults). */
  saved: Partial<S>;
  /** The settings given on the command line. */
  given: Partial<S>;
  /** The setting that counts epochs, the one that may change (none: nothing may), and how many the run has trained. */
  epochs?: keyof S & string;
  done?: number;
}

/** A setting as a command line would give it. */
function asFlag(key: string, value: unknown): string {
  if (value === true) return flagOf(key);
  if (value === false || value === null) return `no ${flagOf(key)}`;
  return `${flagOf(key)} ${Array.isArray(value) ? value.join(",") : value}`;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** The settings a resumed run trains with, and what changed (e.g. "--epochs 10 given: was 5"), to announce. */
export function resumedSettings<S extends object>({ runDir, defaults, saved, given, epochs, done }: ResumeRule<S>): { settings: S; changed: string | null } {
  const settings: S = { ...defaults, ...saved };
  const refused = Object.entries(given).filter(([key, value]) => key !== epochs && !same(value, settings[key as keyof S]));
  if (refused.length > 0) {
    const theirs = refused.map(([key]) => asFlag(key, settings[key as keyof S]));
    throw new UsageError(
      `--resume: ${refused.map(([key, value]) => asFlag(key, value)).join(", ")} would change the run in ${runDir} (it was started with ${theirs.join(", ")}); ` +
        `${epochs ? `only ${flagOf(epochs)} may change` : "nothing may change"} when resuming — leave out --resume to start afresh (the earlier run is kept aside)`,
    );
  }
  if (epochs === undefined) return { settings, changed: null };
  const wanted = given[epochs];
  if (wanted === undefined || same(wanted, settings[epochs])) return { settings, changed: null };
  if ((wanted as number) < (done ?? 0)) throw new UsageError(`--resume: ${flagOf(epochs)} ${wanted} is fewer than the ${done} epochs the run in ${runDir} has trained`);
  const changed = `${flagOf(epochs)} ${wanted} given: was ${settings[epochs]}`;
  return { settings: { ...settings, [epochs]: wanted }, changed };
}
