/** The resume rule every training command shares: the run's own settings, more (or fewer) epochs announced, any other change refused by name. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { UsageError } from "../../src/cli/options.js";
import { resumedSettings } from "../../src/cli/resume-rule.js";

const defaults = { epochs: 3, lr: 0.05, batchSize: 64, hidden: [500, 500], augment: true, text: null as string | null };
const saved = { epochs: 5, lr: 0.02, batchSize: 32, hidden: [64, 32], augment: false, text: "/data/a.txt" };
const rule = (given: Partial<typeof defaults>, done = 2) => resumedSettings({ runDir: "runs/x", defaults, saved, given, epochs: "epochs", done });

describe("resumedSettings", () => {
  it("takes the run's saved settings over the defaults, and the defaults for settings it predates", () => {
    assert.deepEqual(rule({}), { settings: saved, changed: null });
    const { settings } = resumedSettings({ runDir: "runs/x", defaults, saved: { lr: 0.02 }, given: {}, epochs: "epochs", done: 1 });
    assert.deepEqual(settings, { ...defaults, lr: 0.02 });
  });

  it("accepts flags that repeat the run's values", () => {
    assert.deepEqual(rule({ lr: 0.02, hidden: [64, 32], augment: false, text: "/data/a.txt" }).changed, null);
  });

  it("applies a new number of epochs and says what it was", () => {
    assert.deepEqual(rule({ epochs: 10 }), { settings: { ...saved, epochs: 10 }, changed: "--epochs 10 given: was 5" });
    assert.equal(rule({ epochs: 2 }).settings.epochs, 2, "stopping sooner is allowed down to the epochs done");
    assert.throws(() => rule({ epochs: 1 }), /--resume: --epochs 1 is fewer than the 2 epochs the run in runs\/x has trained/);
  });

  it("refuses every other change in one line naming each flag, its value and the run's", () => {
    const error = (() => {
      try {
        rule({ epochs: 10, lr: 0.1, batchSize: 32, hidden: [64], augment: true, text: null });
      } catch (e) {
        return e as Error;
      }
    })();
    assert.ok(error instanceof UsageError, "a command line that cannot be right: exit code 2");
    assert.equal(
      error.message,
      "--resume: --lr 0.1, --hidden 64, --augment, no --text would change the run in runs/x (it was started with --lr 0.02, --hidden 64,32, no --augment, --text /data/a.txt); " +
        "only --epochs may change when resuming — leave out --resume to start afresh (the earlier run is kept aside)",
    );
  });
});
