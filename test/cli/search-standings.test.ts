/** Where a search stands, worked out from its results alone: who trains next, who was stopped, who is best. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { standings, type SearchState, type Trial } from "../../src/cli/search/search-state.js";

/** A trial with a validation accuracy for each epoch given. */
const trial = (id: number, accuracies: number[], failure?: Trial["failure"]): Trial => ({
  id,
  config: { lr: id / 100 },
  runDir: `trials/${id}`,
  curve: accuracies.map((valAccuracy, i) => ({ epoch: i + 1, valAccuracy, valLoss: 1 - valAccuracy })),
  failure,
});
const searchOf = (trials: Trial[]): SearchState => ({
  settings: { recipe: "lenet5", trials: trials.length, eta: 2, minEpochs: 1, maxEpochs: 4, limit: null, valSize: 100, seed: 1, space: null },
  rungs: [1, 2, 4],
  trials,
});

describe("search standings", () => {
  it("a fresh search trains every trial to the first rung", () => {
    const s = standings(searchOf([trial(1, []), trial(2, [])]));
    assert.deepEqual([s.rung, s.pending.map((t) => t.id)], [0, [1, 2]]);
  });

  it("the best half of a finished rung trains next; the others are stopped", () => {
    const s = standings(searchOf([trial(1, [0.5]), trial(2, [0.9]), trial(3, [0.7]), trial(4, [0.8])]));
    assert.deepEqual([s.rung, s.pending.map((t) => t.id)], [1, [2, 4]]);
    assert.deepEqual([s.status.get(1), s.status.get(3)], ["stopped", "stopped"]);
    assert.equal(s.best, undefined);
  });

  it("a trial that fails after its promotion keeps its place at the rung it passed, so nobody else is promoted in its stead", () => {
    const failed = trial(2, [0.9], { rung: 1, message: "exit code 1: diverged" });
    const s = standings(searchOf([trial(1, [0.5]), failed, trial(3, [0.7]), trial(4, [0.8, 0.85])]));
    assert.deepEqual([s.rung, s.pending.map((t) => t.id)], [2, [4]], "trial 4, the only one left, trains to the last rung");
    assert.equal(s.status.get(2), "failed");
    assert.equal(s.status.get(3), "stopped");
  });

  it("the best at the last rung is best, the others that got there finished; no trial is left pending", () => {
    const s = standings(searchOf([trial(1, [0.5]), trial(2, [0.9, 0.91]), trial(3, [0.7]), trial(4, [0.8, 0.95, 0.96, 0.97])]));
    assert.deepEqual(s.pending, []);
    assert.equal(s.best?.id, 4);
    assert.deepEqual([...s.status].sort(), [[1, "stopped"], [2, "stopped"], [3, "stopped"], [4, "best"]]);
  });

  it("when every trial failed there is no best", () => {
    const s = standings(searchOf([trial(1, [], { rung: 0, message: "exit code 1" }), trial(2, [], { rung: 0, message: "killed by SIGKILL" })]));
    assert.deepEqual([s.pending, s.best], [[], null]);
  });
});
