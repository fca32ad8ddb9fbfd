import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { corpusBleu } from "../../src/train/index.js";
import { assertClose } from "../helpers.js";

interface BleuCase {
  references: string[][][];
  hypotheses: string[][];
  maxOrder: number;
  bleu: number;
  precisions: number[];
  brevityPenalty: number;
  hypothesisLength: number;
  referenceLength: number;
}

/** Made by test/fixtures/fixtures_bleu.py, a plain Python implementation (NLTK is not installed here). */
const { cases } = JSON.parse(readFileSync(new URL("../../../test/fixtures/bleu/corpus-bleu.json", import.meta.url), "utf8")) as { cases: BleuCase[] };
const words = (s: string) => s.split(" ");

describe("corpusBleu", () => {
  it("works out a hand-computed example: p1..p4 = 5/6, 3/5, 2/4, 1/3, no brevity penalty, BLEU = (1/12)^¼", () => {
    const score = corpusBleu([[words("the cat sat on a mat")]], [words("the cat sat on the mat")]);
    assertClose(score.precisions, [5 / 6, 3 / 5, 2 / 4, 1 / 3]);
    assert.equal(score.brevityPenalty, 1);
    assertClose(score.bleu, Math.pow(1 / 12, 1 / 4));
  });

  it("penalises a short corpus by exp(1 − r/c), r from the closest reference length, the shorter on a tie", () => {
    // Hypothesis of 5 words; references of 4 and 6 words are equally close, so r = 4 and c > r: no penalty.
    assert.equal(corpusBleu([[words("a b c d"), words("a b c d e f")]], [words("a b c d e")]).brevityPenalty, 1);
    // Against the 6-word reference alone: BP = exp(1 − 6/5).
    const short = corpusBleu([[words("a b c d e f")]], [words("a b c d e")]);
    assertClose(short.brevityPenalty, Math.exp(1 - 6 / 5));
    assertClose(short.bleu, Math.exp(1 - 6 / 5)); // every n-gram of the hypothesis matches
    assert.equal(short.referenceLength, 6);
  });

  it("clips a repeated word by its largest count in any one reference", () => {
    const score = corpusBleu([[words("the cat"), words("the the dog")]], [words("the the the")], { maxOrder: 1 });
    assertClose(score.precisions, [2 / 3]);
  });

  it("is 0 when some order has no match, and 1 for a perfect corpus", () => {
    assert.equal(corpusBleu([[words("a b c d")]], [words("a b d c")]).bleu, 0);
    assert.equal(corpusBleu([[words("a b c d")], [words("one two three four five")]], [words("a b c d"), words("one two three four five")]).bleu, 1);
  });

  it("agrees with the independent Python implementation on random corpora", () => {
    assert.equal(cases.length, 12);
    for (const c of cases) {
      const score = corpusBleu(c.references, c.hypotheses, { maxOrder: c.maxOrder });
      assertClose(score.bleu, c.bleu, { rtol: 1e-12 });
      assertClose(score.precisions, c.precisions, { rtol: 1e-12 });
      assertClose(score.brevityPenalty, c.brevityPenalty, { rtol: 1e-12 });
      assert.equal(score.hypothesisLength, c.hypothesisLength);
      assert.equal(score.referenceLength, c.referenceLength);
    }
  });

  it("names what is wrong with its input", () => {
    assert.throws(() => corpusBleu([[words("a")]], []), /^RangeError: corpusBleu: 0 hypotheses but 1 reference lists/);
    assert.throws(() => corpusBleu([[]], [words("a")]), /corpusBleu: hypothesis 0 has no reference/);
    assert.throws(() => corpusBleu([[words("a")]], [words("a")], { maxOrder: 0 }), /corpusBleu: maxOrder must be a positive integer, got 0/);
  });
});
