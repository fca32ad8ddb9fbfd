/**
 * A training run killed (SIGKILL, as in a power cut) at an arbitrary moment after its first
 * checkpoint, then resumed, ends with exactly the weights of a run never interrupted, and its log
 * names every epoch once: for fit() (mlp), the char-rnn loop and the unsupervised loops.
 */
import assert from "node:assert/strict";
import { once } from "node:events";
import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { describe, it } from "node:test";
import { loadCheckpoint } from "../../src/io/index.js";
import { JsonlLog } from "../../src/train/index.js";
import { scratchDir, startStrata, strata } from "./run-strata.js";

const dir = scratchDir("strata-kill-");
const text = join(dir, "text.txt");
writeFileSync(text, "the quick brown fox jumps over the lazy dog. ".repeat(40));

const RUNS: Record<string, string[]> = {
  "mlp (fit)": ["mlp", "--limit", "600", "--val-size", "100", "--batch-size", "50"],
  "char-rnn": ["char-rnn", "--text", text, "--hidden", "16", "--seq-len", "8", "--batch-size", "4"],
  autoencoder: ["autoencoder", "--hidden", "24", "--limit", "600", "--test-limit", "100", "--batch-size", "50"],
  "sparse-coding": ["sparse-coding", "--samples", "400", "--test-samples", "50", "--atoms", "16", "--iterations", "10", "--batch-size", "100"],
};
const EPOCHS = ["--epochs", "4"];
/** How long after the first checkpoint each run is killed: within epoch 2, or its save. */
const DELAYS_MS = [0, 15, 40, 80];

async function weights(run: string): Promise<Record<string, number[]>> {
  const { model } = await loadCheckpoint(join(run, "checkpoint"));
  return Object.fromEntries(Object.entries(model).map(([k, t]) => [k, Array.from(t.values)]));
}

const epochsLogged = (run: string) => JsonlLog.read(join(run, "log.jsonl")).flatMap((r) => (typeof r.epoch === "number" ? [r.epoch] : []));

describe("killed and resumed, a run ends where an uninterrupted one does", () => {
  Object.entries(RUNS).forEach(([name, args], i) => {
    it(name, async () => {
      const straight = join(dir, `${i}-straight`);
      const r = strata("train", ...args, ...EPOCHS, "--out", straight);
      assert.equal(r.code, 0, r.stderr);

      const killed = join(dir, `${i}-killed`);
      const child = startStrata("train", ...args, ...EPOCHS, "--out", killed);
      const exited = once(child, "exit");
      while (!existsSync(join(killed, "checkpoint", "checkpoint.json")) && child.exitCode === null) await sleep(5);
      await sleep(DELAYS_MS[i % DELAYS_MS.length]);
      child.kill("SIGKILL");
      const [code, signal] = await exited;
      assert.equal(signal, "SIGKILL", `the run ended by itself (exit ${code}) before it was killed`);
      assert.ok(epochsLogged(killed).length < 4, "killed before its last epoch");

      const resumed = strata("train", ...args, ...EPOCHS, "--out", killed, "--resume");
      assert.equal(resumed.code, 0, resumed.stderr);
      assert.deepEqual(await weights(killed), await weights(straight), "the same weights, bit for bit");
      assert.deepEqual(epochsLogged(killed), epochsLogged(straight), "each epoch logged once");
    });
  });
});
