import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { gutenberg, splitTokens, tokenize, WordVocabulary } from "../../src/data/index.js";
import { NGramModel } from "../../src/models/index.js";
import { compareLanguageModels, formatLmComparison, LM_COMPARE_SPLIT, type LmComparison } from "../../src/train/index.js";

// A tiny corpus: the first 3,000 tokens of Emma, with tiny neural models trained for one epoch.
const tokens = tokenize(gutenberg("austen-emma")).slice(0, 3000);
const tiny = { minCount: 2, embeddingDim: 8, hiddenSize: 12, nplmContext: 3, nplmHidden: 10, batchSize: 4, seqLen: 10, epochs: 1, minutes: 10, seed: 3 };

/** The splits exactly as the comparison makes them (vocabulary from the training 80%). */
function heldOutSplits(minCount: number): { vocab: WordVocabulary; train: Int32Array; validation: Int32Array; test: Int32Array } {
  const trainEnd = Math.floor(tokens.length * LM_COMPARE_SPLIT[0]);
  const vocab = new WordVocabulary(tokens.slice(0, trainEnd), { minCount });
  const [train, validation, test] = splitTokens(vocab.encodeTokens(tokens), LM_COMPARE_SPLIT);
  return { vocab, train, validation, test };
}

describe("compareLanguageModels on a tiny corpus", async () => {
  const events: { model: string; epoch: number; trainLoss: number }[] = [];
  const result = await compareLanguageModels(tokens, tiny, (e) => events.push(e));
  const { vocab, train, validation, test } = heldOutSplits(tiny.minCount);
  const row = (prefix: string) => {
    const r = result.rows.find((x) => x.model.startsWith(prefix));
    assert.ok(r, `no row for ${prefix}: ${result.rows.map((x) => x.model).join(", ")}`);
    return r;
  };

  it("has a row for every model, with finite perplexities above 1", () => {
    assert.deepEqual(result.rows.map((r) => r.model), ["unigram (add-1)", "3-gram Kneser–Ney", "3-gram add-k (k=0.01)", "NPLM n=4 8→10", "Elman RNN 8→12", "LSTM 8→12"]);
    for (const r of result.rows) {
      for (const split of [r.validation, r.test]) {
        assert.ok(Number.isFinite(split.perplexity) && split.perplexity > 1, `${r.model}: perplexity ${split.perplexity}`);
        assert.ok(Math.abs(split.perplexity - Math.exp(split.nats)) < 1e-9 * split.perplexity);
      }
      assert.ok(r.trainSeconds >= 0);
    }
    assert.equal(result.vocabSize, vocab.size);
    assert.deepEqual(result.vocabulary.words, vocab.words);
    assert.deepEqual(result.splitTokens, [train.length, validation.length, test.length]);
  });

  it("scores every model on the same target tokens: all of each held-out split but its first", () => {
    for (const r of result.rows) {
      assert.equal(r.validation.tokens, validation.length - 1, r.model);
      assert.equal(r.test.tokens, test.length - 1, r.model);
    }
  });

  it("has the Kneser–Ney 3-gram beat the unigram, and every model beat a uniform guess", () => {
    for (const split of ["validation", "test"] as const) {
      assert.ok(row("3-gram Kneser")[split].perplexity < row("unigram")[split].perplexity, split);
      for (const r of result.rows) assert.ok(r[split].perplexity < vocab.size, `${r.model} ${split}: ${r[split].perplexity} ≥ V = ${vocab.size}`);
    }
  });

  it("scores the n-gram as NGramModel.evaluate does, less the first token", () => {
    // evaluate() also scores token 0 with an empty context; remove that term and renormalise.
    const kn = new NGramModel({ order: 3 }).fit(train, vocab.size);
    const m = validation.length;
    const nllTargets = kn.evaluate(validation).nats * m + kn.logProb([], validation[0]);
    assert.ok(Math.abs(row("3-gram Kneser").validation.nats - nllTargets / (m - 1)) < 1e-9);
  });

  it("reports each model's held-out perplexity as its score of the split", () => {
    for (const r of result.rows.filter((x) => x.lm)) {
      assert.ok(Math.abs(r.test.nats + r.lm!.score(test) / (test.length - 1)) < 1e-9, r.model);
    }
    assert.equal(row("unigram").lm, undefined);
  });

  it("counts the NPLM's parameters: embeddings (and the start row), H and d, U and b", () => {
    const [V, E, h, c] = [vocab.size, tiny.embeddingDim, tiny.nplmHidden, tiny.nplmContext];
    assert.equal(row("NPLM").parameters, (V + 1) * E + c * E * h + h + h * V + V);
  });

  it("counts the recurrent models' parameters: embedding, recurrent weights and biases, decoder", () => {
    const [V, E, H] = [vocab.size, tiny.embeddingDim, tiny.hiddenSize];
    const expected = (gates: number) => V * E + gates * (E * H + H * H + 2 * H) + H * V + V;
    assert.equal(row("Elman").parameters, expected(1));
    assert.equal(row("LSTM").parameters, expected(4));
  });

  it("counts the n-gram's stored 1-, 2- and 3-grams", () => {
    const distinct = (n: number) => new Set(Array.from({ length: train.length - n + 1 }, (_, i) => train.slice(i, i + n).join(" "))).size;
    assert.equal(row("3-gram Kneser").parameters, distinct(1) + distinct(2) + distinct(3));
    assert.equal(row("unigram").parameters, vocab.size);
  });

  it("trains each neural model for the epochs asked and reports them", () => {
    assert.deepEqual(events.map((e) => [e.model, e.epoch]), [["NPLM n=4 8→10", 1], ["Elman RNN 8→12", 1], ["LSTM 8→12", 1]]);
    assert.equal(row("NPLM").epochs, 1);
    for (const e of events) assert.ok(Number.isFinite(e.trainLoss) && e.trainLoss < Math.log(vocab.size) + 1);
    assert.equal(row("Elman").epochs, 1);
    assert.equal(row("LSTM").epochs, 1);
    assert.equal(row("unigram").epochs, undefined);
  });
});

describe("compareLanguageModels settings", () => {
  it("stops training at the time budget after at least one chunk", async () => {
    const r = await compareLanguageModels(tokens, { ...tiny, cells: ["rnn"], epochs: 3, minutes: 1e-9 });
    const chunksPerEpoch = Math.ceil((Math.floor(r.splitTokens[0] / tiny.batchSize) - 1) / tiny.seqLen);
    assert.equal(r.rows.at(-1)!.epochs, 1 / chunksPerEpoch);
    const minibatchesPerEpoch = Math.ceil((r.splitTokens[0] - 1) / (tiny.batchSize * tiny.seqLen));
    assert.equal(r.rows.find((x) => x.model.startsWith("NPLM"))!.epochs, 1 / minibatchesPerEpoch);
  });

  it("rejects too small a corpus and bad budgets, naming the problem", async () => {
    await assert.rejects(() => compareLanguageModels(tokens.slice(0, 10), tiny), /compareLanguageModels: 10 tokens are too few/);
    await assert.rejects(() => compareLanguageModels(tokens, { ...tiny, epochs: 0 }), /epochs must be a positive integer, got 0/);
    await assert.rejects(() => compareLanguageModels(tokens, { ...tiny, minutes: -1 }), /minutes must be positive, got -1/);
    await assert.rejects(() => compareLanguageModels(tokens, { ...tiny, nplmHidden: 1.5 }), /nplmHidden must be a positive integer, got 1\.5/);
  });
});

describe("formatLmComparison", () => {
  it("aligns the table and notes the shared targets", () => {
    const score = (perplexity: number, tokens: number) => ({ nats: Math.log(perplexity), bits: Math.log2(perplexity), perplexity, tokens });
    const result: LmComparison = {
      vocabSize: 50,
      vocabulary: new WordVocabulary([]),
      splitTokens: [80, 10, 10],
      rows: [
        { model: "unigram (add-1)", parameters: 50, validation: score(40.04, 9), test: score(41, 9), trainSeconds: 0.0004 },
        { model: "LSTM 8→12", parameters: 12345, validation: score(30.26, 9), test: score(31.5, 9), trainSeconds: 150, epochs: 1.5 },
      ],
    };
    assert.deepEqual(formatLmComparison(result), [
      "model            parameters  val ppl  test ppl             train time",
      "---------------  ----------  -------  --------  ---------------------",
      "unigram (add-1)          50     40.0      41.0                   0 ms",
      "LSTM 8→12            12,345     30.3      31.5  2.5 min (1.50 epochs)",
      "perplexity = exp(mean nats per token) over the same 9 validation / 9 test target tokens for every model;",
      "count models' parameters are their stored counts (vocabulary ids for the unigram, distinct 1…n-grams of the training split for an n-gram).",
    ]);
  });
});
