/** bAbI samples as memory-network tensors: the vocabulary, slots most recent first, and inserted empty memories. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Generator } from "../../src/index.js";
import { babiBatch, babiBatchRows, BabiVocabulary, parseBabi, trimBabiBatch, withEmptyMemories } from "../../src/data/index.js";

const STORY = `1 Mary moved to the bathroom.
2 John went to the hallway.
3 Where is Mary?\tbathroom\t1
4 Daniel got the apple.
5 Daniel took the milk.
6 What is Daniel carrying?\tapple,milk\t4 5
`;

describe("BabiVocabulary", () => {
  it("gives padding id 0, words in order of first use, and a list answer one class", () => {
    const vocab = BabiVocabulary.fromSamples(parseBabi(STORY));
    assert.equal(vocab.word(0), "<pad>");
    assert.deepEqual(vocab.words.slice(1, 6), ["mary", "moved", "to", "the", "bathroom"]);
    assert.ok(vocab.id("apple,milk") > 0);
    assert.equal(vocab.word(vocab.id("apple,milk")), "apple,milk");
    assert.throws(() => vocab.id("garden"), /BabiVocabulary: unknown word "garden"/);
  });
});

describe("babiBatch", () => {
  const samples = parseBabi(STORY);
  const vocab = BabiVocabulary.fromSamples(samples);
  const ids = (words: string) => words.split(" ").map((w) => vocab.id(w));

  it("puts the most recent statement in slot 0, pads sentences and slots, and keeps the last M", () => {
    const batch = babiBatch(samples, vocab, { memorySize: 3 });
    assert.deepEqual(batch.memories.shape, [2, 3, 5]);
    assert.deepEqual(batch.queries.shape, [2, 5]);
    const row = (b: number, slot: number) => Array.from(batch.memories.values.subarray((b * 3 + slot) * 5, (b * 3 + slot + 1) * 5));
    assert.deepEqual(row(0, 0), ids("john went to the hallway"));
    assert.deepEqual(row(0, 1), ids("mary moved to the bathroom"));
    assert.deepEqual(row(0, 2), [0, 0, 0, 0, 0]);
    assert.deepEqual(Array.from(batch.memoryMask.values), [1, 1, 0, 1, 1, 1]);
    // the second question sees 4 statements; the oldest (Mary's move) falls out of 3 slots
    assert.deepEqual(batch.storyIndex, [[1, 0, -1], [3, 2, 1]]);
    assert.deepEqual(row(1, 0), [...ids("daniel took the milk"), 0]);
    assert.deepEqual(Array.from(batch.queries.values.subarray(5)), [...ids("what is daniel carrying"), 0]);
    assert.deepEqual(Array.from(batch.answers.values), [vocab.id("bathroom"), vocab.id("apple,milk")]);
  });

  it("names a sentence longer than sentenceLength and a bad memorySize", () => {
    assert.throws(() => babiBatch(samples, vocab, { sentenceLength: 3 }), /babiBatch: sample 0's statement 1 has 5 words, more than sentenceLength 3/);
    assert.throws(() => babiBatch(samples, vocab, { memorySize: 0 }), /babiBatch: memorySize must be a positive integer, got 0/);
  });

  it("selects rows in the order asked", () => {
    const batch = babiBatch(samples, vocab);
    const rows = babiBatchRows(batch, [1, 0]);
    assert.deepEqual(Array.from(rows.answers.values), [vocab.id("apple,milk"), vocab.id("bathroom")]);
    assert.deepEqual(rows.storyIndex[0], batch.storyIndex[1]);
    assert.throws(() => babiBatchRows(batch, [2]), /babiBatchRows: row 2 is out of range for a batch of 2 samples/);
  });
});

describe("withEmptyMemories", () => {
  const samples = parseBabi(STORY);
  const vocab = BabiVocabulary.fromSamples(samples);
  const batch = babiBatch(samples, vocab, { memorySize: 8 });

  it("inserts empty slots (gaps in time, out of the mask) between statements, keeping their order", () => {
    const noisy = withEmptyMemories(batch, 0.5, new Generator(3));
    let gaps = 0;
    noisy.storyIndex.forEach((slots, b) => {
      const kept = slots.filter((s) => s >= 0);
      assert.deepEqual(kept, batch.storyIndex[b].filter((s) => s >= 0), "every statement kept, most recent first");
      const last = Math.max(...slots.map((s, i) => (s >= 0 ? i : -1)));
      slots.forEach((s, i) => {
        const empty = noisy.memories.values.subarray((b * 8 + i) * 5, (b * 8 + i + 1) * 5).every((w) => w === 0);
        assert.equal(empty, s < 0);
        assert.equal(noisy.memoryMask.values[b * 8 + i], s < 0 ? 0 : 1, "only statements are in the mask");
        if (s < 0 && i < last) gaps++;
      });
    });
    assert.ok(gaps > 0, "at fraction 0.5, some of 6 statements get an empty slot before them");
    assert.deepEqual(withEmptyMemories(batch, 0, new Generator(3)).memories.values, batch.memories.values);
    assert.throws(() => withEmptyMemories(batch, 1, new Generator(3)), /fraction must be in \[0, 1\), got 1/);
  });
});

describe("trimBabiBatch", () => {
  const samples = parseBabi(STORY);
  const vocab = BabiVocabulary.fromSamples(samples);
  const batch = babiBatch(samples, vocab, { memorySize: 8, sentenceLength: 9 });

  it("cuts the slots past the last statement and the words past the longest sentence, keeping the rest in place", () => {
    const trimmed = trimBabiBatch(batch);
    // the second question holds 4 statements of at most 5 words; the questions have at most 4 words
    assert.deepEqual(trimmed.memories.shape, [2, 4, 5]);
    assert.deepEqual(trimmed.memoryMask.shape, [2, 4]);
    assert.deepEqual(trimmed.queries.shape, [2, 4]);
    for (let b = 0; b < 2; b++) {
      for (let slot = 0; slot < 4; slot++) {
        const full = Array.from(batch.memories.values.subarray((b * 8 + slot) * 9, (b * 8 + slot) * 9 + 5));
        assert.deepEqual(Array.from(trimmed.memories.values.subarray((b * 4 + slot) * 5, (b * 4 + slot + 1) * 5)), full);
        assert.equal(trimmed.memoryMask.values[b * 4 + slot], batch.memoryMask.values[b * 8 + slot]);
      }
      assert.deepEqual(Array.from(trimmed.queries.values.subarray(b * 4, b * 4 + 4)), Array.from(batch.queries.values.subarray(b * 9, b * 9 + 4)));
      assert.deepEqual(trimmed.storyIndex[b], batch.storyIndex[b].slice(0, 4));
    }
    assert.equal(trimmed.answers, batch.answers);
  });

  it("keeps the empty slots that random noise put before a statement", () => {
    const noisy = withEmptyMemories(batch, 0.5, new Generator(3));
    const trimmed = trimBabiBatch(noisy);
    const last = Math.max(...noisy.storyIndex.flatMap((slots) => slots.map((s, i) => (s >= 0 ? i : -1))));
    assert.equal(trimmed.memories.shape[1], last + 1);
    assert.deepEqual(trimmed.storyIndex, noisy.storyIndex.map((slots) => slots.slice(0, last + 1)));
  });
});
