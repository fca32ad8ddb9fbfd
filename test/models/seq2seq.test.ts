import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Generator, manualSeed } from "../../src/index.js";
import { SEQ_VOCAB, seqBatch, seqTaskExamples, type SeqExample } from "../../src/data/index.js";
import { beamSearch, greedyDecode, Seq2Seq, seq2seqExactMatch, trainSeq2Seq } from "../../src/models/index.js";
import { assertClose, assertShape } from "../helpers.js";

const tokens = { startToken: SEQ_VOCAB.SOS, endToken: SEQ_VOCAB.EOS };

/** Every string of `length` digits drawn from 0…digits−1. */
function allStrings(digits: number, length: number): string[] {
  return Array.from({ length: digits ** length }, (_, i) => i.toString(digits).padStart(length, "0"));
}

describe("Seq2Seq", () => {
  it("gives teacher-forced logits [N, T, vocab], unchanged by the padding of other sequences", () => {
    manualSeed(0);
    for (const attention of ["general", "none"] as const) {
      const model = new Seq2Seq(SEQ_VOCAB.size, { embeddingDim: 8, hiddenSize: 16, attention }).eval();
      const short: SeqExample = { source: "12", target: "21" };
      const batch = seqBatch([short, { source: "34567", target: "76543" }]);
      const logits = model.forward(batch.source, batch.sourceLengths, batch.decoderInput);
      assertShape(logits, [2, 6, SEQ_VOCAB.size]);
      const alone = seqBatch([short]);
      const own = model.forward(alone.source, alone.sourceLengths, alone.decoderInput);
      // the short example's 3 decoder steps see the same encoder outputs with or without padding
      assertClose(logits.narrow(0, 0, 1).narrow(1, 0, 3), own, { message: attention });
    }
  });

  it("names a bad attention and a non-integer source", () => {
    assert.throws(() => new Seq2Seq(5, { attention: "dot" as "general" }), /Seq2Seq: attention must be "general" or "none", got "dot"/);
    const model = new Seq2Seq(5, { hiddenSize: 4, embeddingDim: 4 });
    assert.throws(() => model.encode(model.output.weight, seqBatch([{ source: "1", target: "1" }]).sourceLengths), /Seq2Seq.encode: source must be int32 \[N, S\], got float32 \[5, 4\]/);
  });

  it("learns to reverse 3-digit strings of 5 symbols, also the held-out ones; beam width 1 decodes as greedy", () => {
    manualSeed(1);
    const generator = new Generator(3);
    const options = { minLength: 3, maxLength: 3, digits: 5 };
    const model = new Seq2Seq(SEQ_VOCAB.size, { embeddingDim: 16, hiddenSize: 32 });
    const losses = trainSeq2Seq(model, () => seqBatch(seqTaskExamples("reverse", 32, generator, options)), { steps: 200, lr: 0.01 });
    assert.ok(losses[losses.length - 1] < 0.05 * losses[0], `loss ${losses[0]} → ${losses[losses.length - 1]}`);

    // all 125 strings; those of the test split were never trained on
    const examples = allStrings(5, 3).map((source) => ({ source, target: [...source].reverse().join("") }));
    const heldOut = new Set(seqTaskExamples("reverse", 200, new Generator(4), { ...options, split: "test" }).map((e) => e.source));
    const heldOutMatch = seq2seqExactMatch(model, seqBatch(examples.filter((e) => heldOut.has(e.source))), tokens);
    assert.ok(heldOut.size >= 20 && heldOutMatch.accuracy >= 0.9, `held-out exact match ${heldOutMatch.accuracy} on ${heldOut.size}`);
    const all = seqBatch(examples);
    const greedy = seq2seqExactMatch(model, all, tokens);
    assert.ok(greedy.accuracy >= 0.95, `greedy exact match ${greedy.accuracy}`);
    assert.ok(seq2seqExactMatch(model, all, { ...tokens, beamWidth: 3 }).accuracy >= 0.95);

    model.eval();
    const state = model.encode(all.source, all.sourceLengths);
    const decode = { ...tokens, maxLength: 6 };
    const beam1 = beamSearch(model.stepDecoder(), state, examples.length, { ...decode, beamWidth: 1 });
    assert.deepEqual(beam1.map((hyps) => hyps[0].tokens), greedyDecode(model.stepDecoder(), state, examples.length, decode));
    // beam search ranks by total log-probability
    const beam3 = beamSearch(model.stepDecoder(), state, examples.length, { ...decode, beamWidth: 3 });
    for (const hyps of beam3) for (let i = 1; i < hyps.length; i++) assert.ok(hyps[i - 1].score >= hyps[i].score);
  });
});
