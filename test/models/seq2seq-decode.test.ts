import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { beamSearch, greedyDecode, type StepDecoder } from "../../src/models/index.js";
import { assertClose } from "../helpers.js";

const EOS = 0;
const A = 1;
const B = 2;
const START = 3;

/**
 * A hand-built decoder over tokens EOS, A, B (START is only ever fed): P(first = A) = 0.6, but after
 * A the model is unsure, while after B it ends with 0.95. Greedy takes A, then A, then ends
 * (0.6·0.36·0.97 = 0.20952); the best sequence is B then the end (0.4·0.95 = 0.38).
 */
const NEXT: Record<string, [number, number, number, number]> = {
  "": [0, 0.6, 0.4, 0],
  [`${A}`]: [0.3, 0.36, 0.34, 0],
  [`${B}`]: [0.95, 0.03, 0.02, 0],
};
const LATER: [number, number, number, number] = [0.97, 0.02, 0.01, 0];

/** The state is each row's prefix; the decoder looks its next-token distribution up in NEXT. */
const toy: StepDecoder<number[][]> = {
  vocabSize: 4,
  step(tokens, prefixes) {
    const state = prefixes.map((p, i) => (tokens[i] === START ? p : [...p, tokens[i]]));
    const logProbs = state.flatMap((p) => (NEXT[p.join(",")] ?? LATER).map(Math.log));
    return { logProbs, state };
  },
  reorder: (prefixes, rows) => Array.from(rows, (r) => prefixes[r]),
};
const options = { startToken: START, endToken: EOS, maxLength: 10 };

describe("greedy and beam-search decoding", () => {
  it("greedy follows the locally best token", () => {
    assert.deepEqual(greedyDecode(toy, [[]], 1, options), [[A, A]]);
  });

  it("beam search finds the better sequence greedy misses, hypotheses best first", () => {
    const [hyps] = beamSearch(toy, [[]], 1, { ...options, beamWidth: 2 });
    assert.deepEqual(hyps.map((h) => h.tokens), [[B], [A, A]]);
    assertClose(hyps.map((h) => h.logProb), [Math.log(0.4 * 0.95), Math.log(0.6 * 0.36 * 0.97)]);
    assert.ok(hyps.every((h) => h.finished && h.score === h.logProb));
  });

  it("keeps up to k hypotheses in order of score", () => {
    const [hyps] = beamSearch(toy, [[]], 1, { ...options, beamWidth: 3 });
    // B·EOS 0.38, A·A·EOS 0.20952, A·B·EOS 0.6·0.34·0.97 = 0.19788
    assert.deepEqual(hyps.map((h) => h.tokens), [[B], [A, A], [A, B]]);
    assertClose(hyps.map((h) => h.logProb), [Math.log(0.38), Math.log(0.20952), Math.log(0.19788)]);
  });

  it("with beam width 1 equals greedy", () => {
    const [hyps] = beamSearch(toy, [[]], 1, { ...options, beamWidth: 1 });
    assert.deepEqual(hyps.map((h) => h.tokens), [[A, A]]);
  });

  it("normalises by length when asked: logProb / length^α", () => {
    const [hyps] = beamSearch(toy, [[]], 1, { ...options, beamWidth: 2, lengthPenalty: 1 });
    assertClose(hyps.map((h) => h.score), [Math.log(0.38) / 2, Math.log(0.20952) / 3]);
  });

  it("returns the live prefixes, unfinished, when maxLength cuts the search off", () => {
    const [hyps] = beamSearch(toy, [[]], 1, { ...options, maxLength: 1, beamWidth: 2 });
    assert.deepEqual(hyps.map((h) => [h.tokens, h.finished]), [[[A], false], [[B], false]]);
    assert.deepEqual(greedyDecode(toy, [[]], 1, { ...options, maxLength: 1 }), [[A]]);
  });

  it("decodes a batch of examples independently", () => {
    // the second example starts after B, so it ends at once; the first is as above
    const results = beamSearch(toy, [[], [B]], 2, { ...options, beamWidth: 2 });
    assert.deepEqual(results.map((hyps) => hyps[0].tokens), [[B], []]);
    assert.deepEqual(greedyDecode(toy, [[], [B]], 2, options), [[A, A], []]);
  });

  it("keeps searching while a live prefix is likelier than the k-th finished hypothesis", () => {
    // A is likely at every step until A·A·A, which ends with 0.95; ending early, or after B, is
    // unlikely (0.05, 0.045) but ranks second among the candidates of the first two steps, so k = 2
    // such hypotheses finish while the likely prefix is still growing.
    const next: Record<string, number[]> = { "": [0.05, 0.9, 0.05, 0], [`${A}`]: [0.05, 0.9, 0.05, 0], [`${B}`]: [0.9, 0.05, 0.05, 0], [`${A},${A}`]: [0.05, 0.9, 0.05, 0] };
    const patient: StepDecoder<number[][]> = {
      ...toy,
      step(tokens, prefixes) {
        const state = prefixes.map((p, i) => (tokens[i] === START ? p : [...p, tokens[i]]));
        return { logProbs: state.flatMap((p) => (next[p.join(",")] ?? [0.95, 0.03, 0.02, 0]).map(Math.log)), state };
      },
    };
    const [hyps] = beamSearch(patient, [[]], 1, { ...options, beamWidth: 2 });
    assert.deepEqual(hyps.map((h) => h.tokens), [[A, A, A], []]);
    assertClose(hyps.map((h) => h.logProb), [Math.log(0.9 ** 3 * 0.95), Math.log(0.05)]);
  });

  it("names bad options", () => {
    assert.throws(() => beamSearch(toy, [[]], 1, { ...options, beamWidth: 0 }), /beamSearch: beamWidth must be a positive integer, got 0/);
    assert.throws(() => greedyDecode(toy, [[]], 1, { ...options, maxLength: 0 }), /greedyDecode: maxLength must be a positive integer, got 0/);
  });
});
