import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Generator } from "../../src/index.js";
import { SEQ_VOCAB, seqBatch, seqTaskExamples, solveSeqTask, type SeqTask } from "../../src/data/index.js";

const draw = (task: SeqTask, seed: number, options = { minLength: 2, maxLength: 6 }) => seqTaskExamples(task, 200, new Generator(seed), options);

describe("seq tasks", () => {
  it("solves the worked examples", () => {
    assert.equal(solveSeqTask("reverse", "3141"), "1413");
    assert.equal(solveSeqTask("sort", "3141"), "1134");
    assert.equal(solveSeqTask("add", "12+345"), "357");
    assert.equal(solveSeqTask("add", "999+1"), "1000");
    assert.throws(() => solveSeqTask("add", "12"), /solveSeqTask: an add source is "a\+b", got "12"/);
  });

  it("reverses: each target digit mirrors the source, lengths in range", () => {
    for (const { source, target } of draw("reverse", 1)) {
      assert.ok(source.length >= 2 && source.length <= 6 && /^\d+$/.test(source), source);
      assert.equal(target.length, source.length);
      for (let i = 0; i < source.length; i++) assert.equal(target[i], source[source.length - 1 - i]);
    }
  });

  it("sorts: the same digits in non-decreasing order", () => {
    for (const { source, target } of draw("sort", 2)) {
      for (let i = 1; i < target.length; i++) assert.ok(target[i - 1] <= target[i], target);
      for (let d = 0; d < 10; d++) assert.equal(target.split(String(d)).length, source.split(String(d)).length);
    }
  });

  it("adds: operands of 1–3 digits without leading zeros, their sum as decimal text", () => {
    for (const { source, target } of draw("add", 3, { minLength: 1, maxLength: 3 })) {
      const m = /^(0|[1-9]\d{0,2})\+(0|[1-9]\d{0,2})$/.exec(source);
      assert.ok(m, source);
      assert.equal(Number(target), Number(m[1]) + Number(m[2]));
    }
  });

  it("is seeded, and restricts the digits when asked", () => {
    assert.deepEqual(draw("reverse", 7), draw("reverse", 7));
    assert.notDeepEqual(draw("reverse", 7), draw("reverse", 8));
    const few = seqTaskExamples("sort", 100, new Generator(1), { minLength: 3, maxLength: 3, digits: 3 });
    assert.ok(few.every(({ source }) => /^[012]{3}$/.test(source)));
  });

  it("keeps the train and test splits apart", () => {
    const options = { minLength: 3, maxLength: 3 };
    const train = new Set(seqTaskExamples("reverse", 2000, new Generator(1), options).map((e) => e.source));
    const test = seqTaskExamples("reverse", 300, new Generator(2), { ...options, split: "test" });
    assert.ok(train.size > 500 && test.every((e) => !train.has(e.source)));
  });

  it("pads a batch: source, SOS-shifted decoder input, EOS-terminated target, lengths", () => {
    const b = seqBatch([{ source: "12", target: "21" }, { source: "345", target: "543" }]);
    // ids: PAD 0, SOS 1, EOS 2, digit d is 3 + d
    assert.deepEqual(b.source.toArray(), [[4, 5, 0], [6, 7, 8]]);
    assert.deepEqual(Array.from(b.sourceLengths.values), [2, 3]);
    assert.deepEqual(b.decoderInput.toArray(), [[1, 5, 4, 0], [1, 8, 7, 6]]);
    assert.deepEqual(b.target.toArray(), [[5, 4, 2, 0], [8, 7, 6, 2]]);
    assert.deepEqual(Array.from(b.targetLengths.values), [3, 4]);
    assert.equal(b.source.dtype, "int32");
  });

  it("encodes and decodes the vocabulary, and names bad input", () => {
    assert.deepEqual(SEQ_VOCAB.encode("09+"), [3, 12, 13]);
    assert.equal(SEQ_VOCAB.decode([1, 3, 12, 13, 2, 0]), "09+");
    assert.throws(() => SEQ_VOCAB.encode("1a"), /SEQ_VOCAB.encode: only digits and '\+' are in the vocabulary, got "a"/);
    assert.throws(() => draw("reverse", 1, { minLength: 4, maxLength: 2 }), /seqTaskExamples: need integers 1 ≤ minLength ≤ maxLength, got minLength 4, maxLength 2/);
  });
});
