import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Generator, manualSeed, optim } from "../../src/index.js";
import { bpttBatches, CharVocabulary, splitTokens, unigramBaseline } from "../../src/data/index.js";
import { RecurrentLM, sampleText, type RecurrentCell } from "../../src/models/index.js";
import { detachState, evaluateTbptt, trainTbpttEpoch } from "../../src/train/index.js";

const text = "hello world! ".repeat(80);
const vocab = new CharVocabulary(text);
const [trainIds, validIds] = splitTokens(vocab.encode(text), [0.8, 0.2]);

async function trained(cell: RecurrentCell = "lstm"): Promise<RecurrentLM> {
  manualSeed(7);
  const model = new RecurrentLM(vocab.size, { cell, embeddingDim: 8, hiddenSize: 24 });
  const optimizer = new optim.Adam(model.parameters(), { lr: 0.02 });
  for (let epoch = 0; epoch < 6; epoch++) {
    await trainTbpttEpoch({ model, optimizer, chunks: bpttBatches(trainIds, 4, 6), clipGradNorm: 5 });
  }
  return model;
}

describe("truncated BPTT with a character-level LSTM", async () => {
  const model = await trained();

  it("learns the text far below the unigram baseline", () => {
    const baseline = unigramBaseline(trainIds, validIds, vocab.size).nats;
    const loss = evaluateTbptt(model, bpttBatches(validIds, 2, 6));
    assert.ok(loss < 0.2 * baseline, `validation ${loss.toFixed(3)} nats/char against the unigram's ${baseline.toFixed(3)}`);
  });

  for (const cell of ["rnn", "gru"] as const) {
    it(`learns it with an ${cell === "rnn" ? "Elman RNN" : "GRU"} too, whose state has no cell memory`, async () => {
      const other = await trained(cell);
      assert.equal(other.forwardWithState(bpttBatches(trainIds, 2, 4).next().value!.x).state.c, undefined);
      const loss = evaluateTbptt(other, bpttBatches(validIds, 2, 6));
      assert.ok(loss < 0.2 * unigramBaseline(trainIds, validIds, vocab.size).nats, `${cell}: ${loss.toFixed(3)} nats/char`);
    });
  }

  it("uses the state carried across chunks", () => {
    // chunks of 3 characters: without the carried state the model cannot tell where in the
    // 13-character period a chunk starts, so its first predictions are guesses
    const carried = evaluateTbptt(model, bpttBatches(validIds, 2, 3));
    const chunks = [...bpttBatches(validIds, 2, 3)];
    const fresh = chunks.reduce((sum, chunk) => sum + evaluateTbptt(model, [chunk]) * chunk.y.size, 0) / chunks.reduce((n, c) => n + c.y.size, 0);
    assert.ok(carried < 0.5 * fresh, `carried ${carried.toFixed(3)} vs fresh ${fresh.toFixed(3)} nats/char`);
  });

  it("samples the text it learned, and repeats a sample from the same seed", () => {
    const a = sampleText(model, vocab, { prime: "hello", length: 20, temperature: 0.2, generator: new Generator(1) });
    const b = sampleText(model, vocab, { prime: "hello", length: 20, temperature: 0.2, generator: new Generator(1) });
    assert.equal(a, b);
    assert.ok(a.startsWith(" world! hello"), `sampled ${JSON.stringify(a)}`);
    assert.throws(() => sampleText(model, vocab, { length: 5, temperature: 0 }), /temperature must be positive/);
  });

  it("cuts the graph at chunk boundaries", () => {
    const { state } = model.forwardWithState(bpttBatches(trainIds, 2, 4).next().value!.x);
    assert.ok(state.h.requiresGrad, "the state is part of the chunk's graph");
    const cut = detachState(state);
    assert.equal(cut.h.gradFn, null);
    assert.equal(cut.c!.requiresGrad, false);
    assert.deepEqual(Array.from(cut.h.values), Array.from(state.h.values));
  });
});
