import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { logSoftmax, manualSeed, nn, noGrad, optim, tensor } from "../../src/index.js";
import { tokenize, WordVocabulary } from "../../src/data/index.js";
import { NGramModel, NPLM, RecurrentLM, scoreSentence } from "../../src/models/index.js";
import type { LanguageModel } from "../../src/models/index.js";
import { assertClose } from "../helpers.js";

const TOY = "the cat sat on the mat . the dog sat on the rug . the cat saw the dog . ".repeat(6);
const vocab = new WordVocabulary(tokenize(TOY));
const ids = vocab.encode(TOY);
const LIKELY = ". the dog sat on the mat .";
const UNLIKELY = ". mat the on sat dog the .";

/** An NPLM fitted to the toy corpus by full-batch Adam. */
function toyNplm(): NPLM {
  manualSeed(4);
  const model = new NPLM({ vocabSize: vocab.size, context: 2, embeddingDim: 4, hidden: 12 });
  const positions = Array.from({ length: ids.length - 1 }, (_, i) => i + 1);
  const x = model.windows(ids, positions);
  const y = tensor(Int32Array.from(positions, (p) => ids[p]), [positions.length]);
  const optimizer = new optim.Adam(model.parameters(), { lr: 0.05 });
  for (let step = 0; step < 60; step++) {
    optimizer.zeroGrad();
    nn.functional.crossEntropy(model.forward(x), y).backward();
    optimizer.step();
  }
  return model;
}

/** An LSTM language model fitted to the toy corpus, read as one stream, by full-batch Adam. */
function toyLstm(): RecurrentLM {
  manualSeed(4);
  const model = new RecurrentLM(vocab.size, { cell: "lstm", embeddingDim: 6, hiddenSize: 16 });
  const x = tensor(ids.subarray(0, -1), [1, ids.length - 1]);
  const y = tensor(ids.subarray(1), [ids.length - 1]);
  const optimizer = new optim.Adam(model.parameters(), { lr: 0.05 });
  for (let step = 0; step < 60; step++) {
    optimizer.zeroGrad();
    nn.functional.crossEntropy(model.forward(x).reshape([-1, vocab.size]), y).backward();
    optimizer.step();
  }
  return model;
}

describe("LanguageModel.score: n-grams against hand-computed smoothed probabilities", () => {
  // The corpus of ngram.test.ts, "a b a c a b b a c b": c(ab) = 2, c(ac) = 2, c(ba) = 2, c(bb) = 1,
  // c(ca) = 1, c(cb) = 1; c(a•) = 4, c(b•) = 3, c(c•) = 2; a fourth id d is never seen.
  const [a, b, c] = [0, 1, 2];
  const corpus = [a, b, a, c, a, b, b, a, c, b];

  it("adds the add-k probabilities of tokens 1 … m − 1", () => {
    const model = new NGramModel({ order: 2, smoothing: "add-k", k: 1 }).fit(corpus, 4);
    // P(b|a) = (2 + 1)/(4 + 4), P(a|b) = (2 + 1)/(3 + 4), P(c|a) = (2 + 1)/(4 + 4); token 0 is given.
    assertClose(model.score([a, b, a, c]), Math.log(3 / 8) + Math.log(3 / 7) + Math.log(3 / 8), { atol: 1e-12 });
    assert.equal(model.score([c]), 0);
  });

  it("adds the Kneser–Ney probabilities, the first tokens on the shorter contexts they have", () => {
    const bigram = new NGramModel({ order: 2 }).fit(corpus, 4);
    // From ngram.test.ts: P(b|a) = 1.25/4 + 0.375·0.46875 = 0.48828125, and
    // P(c|b) = max(0 − 0.75, 0)/3 + 0.75·2/3 · P(c) with P(c) = 0.25/6 + 0.09375.
    assertClose(bigram.score([a, b, c]), Math.log(0.48828125) + Math.log(0.5 * (0.25 / 6 + 0.09375)), { atol: 1e-12 });
    const trigram = new NGramModel({ order: 3 }).fit(corpus, 4);
    assertClose(trigram.score([c, a, b, a]), trigram.logProb([c], a) + trigram.logProb([c, a], b) + trigram.logProb([a, b], a), { atol: 1e-12 });
  });
});

describe("LanguageModel.score: neural models equal the sum of their per-token log-probabilities", () => {
  it("NPLM: each token from its own window, start slots before token 0", () => {
    manualSeed(2);
    const model = new NPLM({ vocabSize: 6, context: 3, embeddingDim: 3, hidden: 5, directConnections: true });
    const tokens = Array.from({ length: 700 }, (_, i) => (i * 7 + (i >> 3)) % 6); // more than one scoring batch
    let expected = 0;
    noGrad(() => {
      for (let t = 1; t < tokens.length; t++) {
        const window = [t - 3, t - 2, t - 1].map((i) => (i < 0 ? 6 : tokens[i]));
        expected += logSoftmax(model.forward(tensor(Int32Array.from(window), [1, 3]))).values[tokens[t]];
      }
    });
    assertClose(model.score(tokens), expected, { rtol: 1e-5 });
  });

  for (const cell of ["rnn", "lstm"] as const) {
    it(`RecurrentLM (${cell}): chunked scoring equals one pass over the whole stream`, () => {
      manualSeed(3);
      const model = new RecurrentLM(7, { cell, embeddingDim: 4, hiddenSize: 6 });
      const tokens = Int32Array.from({ length: 600 }, (_, i) => (i * 5 + (i >> 2)) % 7); // more than two chunks
      const logits = noGrad(() => model.forward(tensor(tokens.subarray(0, -1), [1, tokens.length - 1])));
      const logProbs = logSoftmax(logits).values;
      let expected = 0;
      for (let t = 1; t < tokens.length; t++) expected += logProbs[(t - 1) * 7 + tokens[t]];
      assertClose(model.score(tokens), expected, { rtol: 1e-5 });
      assert.throws(() => model.score([0, 7]), /RecurrentLM\.score: token 1 has id 7, outside 0\.\.6/);
    });
  }
});

describe("scoreSentence", () => {
  const ngram = new NGramModel({ order: 3 }).fit(ids, vocab.size);
  const models: [string, () => LanguageModel][] = [
    ["3-gram Kneser–Ney", () => ngram],
    ["NPLM", toyNplm],
    ["LSTM", toyLstm],
  ];
  for (const [name, make] of models) {
    it(`${name}: a sentence like the corpus scores higher than its words shuffled`, () => {
      const model = make();
      const likely = scoreSentence(model, vocab, LIKELY);
      const unlikely = scoreSentence(model, vocab, UNLIKELY);
      assert.ok(likely > unlikely + 5, `${LIKELY}: ${likely}, ${UNLIKELY}: ${unlikely}`);
      assert.ok(likely < 0);
    });
  }

  it("tokenises like lm-compare and reads unknown words as <unk>", () => {
    assert.equal(scoreSentence(ngram, vocab, "The Zebra sat."), ngram.score([vocab.id("the"), 0, vocab.id("sat"), vocab.id(".")]));
    assert.throws(() => scoreSentence(ngram, vocab, "  "), /scoreSentence: the sentence "  " has no tokens/);
  });
});
