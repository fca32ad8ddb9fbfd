import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Generator } from "../../../src/index.js";
import { search } from "../../../src/train/index.js";

const { promoted, ranked, rungEpochs } = search;

describe("rungEpochs", () => {
  it("multiplies by η from the minimum, the last rung raised to the maximum", () => {
    assert.deepEqual(rungEpochs(1, 4, 2), [1, 2, 4]);
    assert.deepEqual(rungEpochs(1, 10, 2), [1, 2, 4, 10]);
    assert.deepEqual(rungEpochs(1, 10, 3), [1, 3, 10]);
    assert.deepEqual(rungEpochs(1, 27, 3), [1, 3, 9, 27]);
    assert.deepEqual(rungEpochs(1, 3, 2), [1, 3]);
    assert.deepEqual(rungEpochs(2, 2, 3), [2]);
    assert.deepEqual(rungEpochs(2, 20, 2.5), [2, 5, 20]);
  });

  it("refuses a budget it cannot halve", () => {
    assert.throws(() => rungEpochs(1, 4, 1.5), /η must be at least 2, got 1.5/);
    assert.throws(() => rungEpochs(3, 2, 2), /the maximum epochs must be an integer ≥ the minimum \(3\), got 2/);
    assert.throws(() => rungEpochs(0, 2, 2), /the minimum epochs must be a positive integer, got 0/);
  });
});

describe("promoted", () => {
  const shuffled = <T>(items: T[], seed: number) => {
    const p = new Generator(seed).permutation(items.length);
    return Array.from(p, (i) => items[i]);
  };

  it("keeps exactly the best ⌊n/η⌋ by score, best first", () => {
    const g = new Generator(3);
    const scores = Array.from({ length: 16 }, (_, i) => ({ id: i + 1, score: g.uniform() }));
    const byScore = [...scores].sort((a, b) => b.score - a.score).map((s) => s.id);
    assert.deepEqual(promoted(scores, 2), byScore.slice(0, 8));
    assert.deepEqual(promoted(scores, 3), byScore.slice(0, 5));
    assert.deepEqual(promoted(scores, 4), byScore.slice(0, 4));
    assert.deepEqual(promoted(scores.slice(0, 1), 2), [scores[0].id], "at least one goes on");
  });

  it("settles ties by loss, then by id, whatever order the results came in", () => {
    const scores = [
      { id: 4, score: 0.9, loss: 0.3 },
      { id: 2, score: 0.9, loss: 0.2 },
      { id: 7, score: 0.9, loss: 0.2 },
      { id: 1, score: 0.8, loss: 0.1 },
      { id: 3, score: 0.95 },
      { id: 5, score: 0.9 },
    ];
    const expected = [3, 2, 7, 4, 5, 1];
    for (let seed = 0; seed < 10; seed++) assert.deepEqual(ranked(shuffled(scores, seed)).map((s) => s.id), expected);
    assert.deepEqual(promoted(shuffled(scores, 4), 2), [3, 2, 7]);
  });

  it("never promotes a failed trial, even when fewer than ⌊n/η⌋ succeeded", () => {
    const scores = [
      { id: 1, score: null },
      { id: 2, score: 0.5 },
      { id: 3, score: null },
      { id: 4, score: null },
    ];
    assert.deepEqual(promoted(scores, 2), [2]);
    assert.deepEqual(ranked(scores).map((s) => s.id), [2, 1, 3, 4]);
    assert.deepEqual(promoted([{ id: 1, score: null }], 2), []);
  });
});
