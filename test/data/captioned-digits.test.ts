import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { randn, tensor } from "../../src/index.js";
import { CAPTION_CANVAS, CAPTION_END, CAPTION_START, captionBatch, captionDecoding, captionedDigits, captionTrainingBatches, captionVocabulary, describeDigits, DIGIT_LAYOUTS, digitPlaces, mnist } from "../../src/data/index.js";
import { assertShape } from "../helpers.js";

const source = await mnist("train", { limit: 200 });

describe("describeDigits: the caption grammar", () => {
  it("says what is where, column by column, with a comma closing a two-digit left column", () => {
    assert.equal(describeDigits([1], [1]), "a one");
    assert.equal(describeDigits([2], [7, 2]), "a seven above a two");
    assert.equal(describeDigits([1, 1], [3, 5]), "a three left of a five");
    assert.equal(describeDigits([2, 1], [7, 2, 4]), "a seven above a two , left of a four");
    assert.equal(describeDigits([1, 2], [4, 7, 2]), "a four left of a seven above a two");
    assert.equal(describeDigits([2, 2], [8, 0, 6, 9]), "an eight above a zero , left of a six above a nine");
  });

  it("rejects an unknown layout, a wrong number of digits and a digit outside 0–9", () => {
    assert.throws(() => describeDigits([3], [1, 2, 3]), /^RangeError: describeDigits: unknown layout \[3\]; layouts are \[1\], \[2\], \[1, 1\], \[1, 2\], \[2, 1\], \[2, 2\]$/);
    assert.throws(() => describeDigits([1, 1], [1]), /describeDigits: layout \[1, 1\] holds 2 digits, got 1/);
    assert.throws(() => describeDigits([1], [10]), /describeDigits: digits must be integers 0–9, got 10/);
  });
});

describe("captionedDigits", () => {
  it("places each layout's digits at fixed, distinct places: a lone column centred across, a lone digit centred down", () => {
    assert.deepEqual(digitPlaces([1]), [{ top: 14, left: 14 }]);
    assert.deepEqual(digitPlaces([1, 2]), [{ top: 14, left: 0 }, { top: 0, left: 28 }, { top: 28, left: 28 }]);
    const signatures = DIGIT_LAYOUTS.map((l) => JSON.stringify(digitPlaces(l)));
    assert.equal(new Set(signatures).size, DIGIT_LAYOUTS.length);
  });

  it("pastes the drawn source digits, unshifted without jitter, and captions them by the grammar", () => {
    const set = captionedDigits(source, { count: 60, seed: 3, jitter: 0 });
    assertShape(set.images, [60, 1, CAPTION_CANVAS, CAPTION_CANVAS]);
    assert.equal(new Set(set.layouts.map((l) => l.join())).size, 6, "every layout is drawn");
    for (let n = 0; n < 60; n++) {
      assert.deepEqual(set.digits[n], set.sources[n].map((i) => source.y.values[i]));
      assert.equal(set.captions[n], describeDigits(set.layouts[n], set.digits[n]));
      const canvas = set.images.values.subarray(n * 56 * 56, (n + 1) * 56 * 56);
      const covered = new Uint8Array(56 * 56);
      digitPlaces(set.layouts[n]).forEach(({ top, left }, k) => {
        for (let r = 0; r < 28; r++) {
          for (let c = 0; c < 28; c++) {
            assert.equal(canvas[(top + r) * 56 + left + c], source.x.values[set.sources[n][k] * 784 + r * 28 + c]);
            covered[(top + r) * 56 + left + c] = 1;
          }
        }
      });
      canvas.forEach((v, p) => assert.ok(covered[p] === 1 || v === 0, `image ${n}: ink at pixel ${p} outside its digits`));
    }
  });

  it("is reproducible from its seed, jitters within bounds, and differs between seeds", () => {
    const a = captionedDigits(source, { count: 20, seed: 5 });
    const b = captionedDigits(source, { count: 20, seed: 5 });
    const c = captionedDigits(source, { count: 20, seed: 6 });
    assert.deepEqual(a.images.values, b.images.values);
    assert.deepEqual(a.captions, b.captions);
    assert.notDeepEqual(a.captions, c.captions);
    const still = captionedDigits(source, { count: 20, seed: 5, jitter: 0 });
    assert.deepEqual(still.captions, a.captions, "jitter moves digits but draws the same layouts and digits");
    assert.notDeepEqual(still.images.values, a.images.values);
  });

  it("draws only the layouts asked for", () => {
    const set = captionedDigits(source, { count: 30, seed: 1, layouts: [[1, 1]] });
    assert.ok(set.captions.every((c) => /^an? \w+ left of an? \w+$/.test(c)));
  });

  it("names what is wrong with its arguments", () => {
    assert.throws(() => captionedDigits({ x: randn([4, 1, 14, 14]), y: tensor(new Int32Array(4)) }, { count: 1, seed: 0 }), /^TypeError: captionedDigits: source.x must be float images \[M, 1, 28, 28\], got float32 \[4, 1, 14, 14\]$/);
    assert.throws(() => captionedDigits({ x: source.x, y: tensor(new Int32Array(3)) }, { count: 1, seed: 0 }), /captionedDigits: source.y must hold one digit per image, \[200\], got \[3\]/);
    assert.throws(() => captionedDigits(source, { count: 0, seed: 0 }), /captionedDigits: count must be a positive integer, got 0/);
    assert.throws(() => captionedDigits(source, { count: 1, seed: 0, jitter: 15 }), /captionedDigits: jitter must be an integer in 0…14, got 15/);
    assert.throws(() => captionedDigits(source, { count: 1, seed: 0, layouts: [[1, 1, 1]] }), /captionedDigits: unknown layout \[1, 1, 1\]/);
  });
});

describe("captionBatch", () => {
  const vocabulary = captionVocabulary();

  it("has the grammar's 16 words, start, end and padding (<unk>, id 0)", () => {
    assert.equal(vocabulary.size, 19);
    assert.equal(vocabulary.words[0], "<unk>");
  });

  it("teacher-forces: start then the words in, the words then the end out, padded with 0", () => {
    const b = captionBatch(vocabulary, ["a one", "a three left of a five"]);
    const [start, end] = [vocabulary.id("<start>"), vocabulary.id("<end>")];
    const ids = (s: string) => Array.from(vocabulary.encode(s));
    assertShape(b.input, [2, 7]);
    assert.deepEqual(Array.from(b.input.values), [start, ...ids("a one"), 0, 0, 0, 0, start, ...ids("a three left of a five")]);
    assert.deepEqual(Array.from(b.target.values), [...ids("a one"), end, 0, 0, 0, 0, ...ids("a three left of a five"), end]);
  });

  it("names a word that is not in the vocabulary, and refuses empty captions", () => {
    assert.throws(() => captionBatch(vocabulary, ["a one", "a eleven"]), /^RangeError: captionBatch: caption 1 "a eleven" has the word "eleven", which is not a caption word of the vocabulary/);
    assert.throws(() => captionBatch(vocabulary, [""]), /captionBatch: caption 0 is empty/);
    assert.throws(() => captionBatch(vocabulary, []), /captionBatch: need at least one caption/);
  });
});

describe("captionTrainingBatches and captionDecoding", () => {
  it("step k is a teacher-forcing batch of the images captionedDigits draws with seed firstSeed + k", async () => {
    const digits = await mnist("test", { limit: 300 });
    const vocabulary = captionVocabulary();
    const batches = captionTrainingBatches(digits, vocabulary, 4, 70);
    const drawn = captionedDigits(digits, { count: 4, seed: 73 });
    const batch = batches(3);
    assert.deepEqual(batch.images.values, drawn.images.values);
    assert.deepEqual(batch.input.values, captionBatch(vocabulary, drawn.captions).input.values);
    assert.deepEqual(batch.target.values, captionBatch(vocabulary, drawn.captions).target.values);
  });

  it("decodes from the start token to the end token", () => {
    const vocabulary = captionVocabulary();
    assert.deepEqual(captionDecoding(vocabulary, 9), { startToken: vocabulary.id(CAPTION_START), endToken: vocabulary.id(CAPTION_END), maxLength: 9 });
  });
});
