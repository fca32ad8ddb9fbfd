import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { gutenberg, splitTokens, unigramBaseline, WordVocabulary } from "../../src/data/index.js";
import { NGramModel } from "../../src/models/index.js";
import { assertClose } from "../helpers.js";

// The tiny corpus "a b a c a b b a c b" with ids a=0, b=1, c=2 and a fourth id d=3 never seen.
const [a, b, c, d] = [0, 1, 2, 3];
const corpus = [a, b, a, c, a, b, b, a, c, b];
const V = 4;

describe("NGramModel: interpolated Kneser–Ney by hand", () => {
  // Bigrams (9): ab ba ac ca ab bb ba ac cb → c(ab)=2 c(ba)=2 c(ac)=2 c(ca)=1 c(bb)=1 c(cb)=1.
  // Context totals: c(a•)=4 with N1+(a•)=2; c(b•)=3, N1+=2; c(c•)=2, N1+=2.
  // Continuation counts N1+(•w): a ← {b, c} = 2, b ← {a, b, c} = 3, c ← {a} = 1, d = 0; they
  // sum to 6 (the bigram types), and 3 words have one. With D = 0.75 the unigram level is
  //   P(w) = max(N1+(•w) − 0.75, 0)/6 + 0.75·3/6 · 1/4
  //   P(a) = 1.25/6 + 0.09375 = 0.30208333   P(b) = 2.25/6 + 0.09375 = 0.46875
  //   P(c) = 0.25/6 + 0.09375 = 0.13541667   P(d) = 0.09375
  const unigram = [1.25 / 6 + 0.09375, 0.46875, 0.25 / 6 + 0.09375, 0.09375];
  const bigram = new NGramModel({ order: 2 }).fit(corpus, V);

  it("gives the continuation unigram to an empty (or unseen) context", () => {
    for (const w of [a, b, c, d]) {
      assertClose(bigram.prob([], w), unigram[w]);
      assertClose(bigram.prob([d], w), unigram[w]);
    }
  });

  it("interpolates bigram counts with the unigram level", () => {
    // P(w|a) = max(c(aw) − 0.75, 0)/4 + 0.75·2/4 · P(w)
    assertClose(bigram.prob([a], b), 1.25 / 4 + 0.375 * 0.46875); // 0.48828125
    assertClose(bigram.prob([a], a), 0.375 * unigram[a]); // 0.11328125
    assertClose(bigram.prob([a], c), 1.25 / 4 + 0.375 * unigram[c]); // 0.36328125
    assertClose(bigram.prob([a], d), 0.375 * 0.09375); // 0.03515625
    // P(a|c) = (1 − 0.75)/2 + 0.75·2/2 · P(a) = 0.3515625; only the last id of a context counts.
    assertClose(bigram.prob([c], a), 0.125 + 0.75 * unigram[a]);
    assertClose(bigram.prob([b, b, c], a), 0.3515625);
    assertClose(bigram.logProb([c], a), Math.log(0.3515625));
  });

  it("interpolates a trigram with continuation-count bigrams", () => {
    // Trigrams (8): aba bac aca cab abb bba bac acb; c(ba•) = 2 (bac twice), N1+(ba•) = 1.
    // Middle level after a: N1+(•ab) = 1 (c), N1+(•ac) = 1 (b): total 2, 2 types, so
    //   P_mid(c|a) = (1 − 0.75)/2 + 0.75·2/2 · P(c) = 0.2265625
    //   P(c|b a) = (2 − 0.75)/2 + 0.75·1/2 · 0.2265625 = 0.7099609375
    const trigram = new NGramModel({ order: 3 }).fit(corpus, V);
    assertClose(trigram.prob([b, a], c), 0.7099609375);
    assertClose(trigram.prob([a], c), 0.2265625);
    assertClose(trigram.prob([], b), unigram[b]);
  });

  it("computes perplexity from the per-token probabilities", () => {
    // "a b": a from the empty context, b after a.
    assertClose(bigram.perplexity([a, b]), Math.exp(-(Math.log(unigram[a]) + Math.log(0.48828125)) / 2));
    const report = bigram.evaluate([a, b]);
    assertClose(report.bits, report.nats / Math.LN2);
  });
});

describe("NGramModel: add-k", () => {
  it("adds k to every count", () => {
    const m = new NGramModel({ order: 2, smoothing: "add-k", k: 1 }).fit(corpus, V);
    assertClose(m.prob([a], b), (2 + 1) / (4 + 4));
    assertClose(m.prob([d], a), 1 / 4);
    const half = new NGramModel({ order: 1, smoothing: "add-k", k: 0.5 }).fit(corpus, V);
    assertClose(half.prob([c], a), (4 + 0.5) / (10 + 2)); // order 1 ignores the context
  });
});

describe("NGramModel on a real text", () => {
  const text = gutenberg("carroll-alice");
  const vocab = WordVocabulary.fromText(text, { minCount: 2 });
  const [train, valid] = splitTokens(vocab.encode(text), [0.9, 0.1]);

  it("gives distributions summing to 1 over the vocabulary, for seen and unseen contexts", () => {
    for (const order of [2, 3]) {
      for (const smoothing of ["kneser-ney", "add-k"] as const) {
        const m = new NGramModel({ order, smoothing }).fit(train, vocab.size);
        for (const ctx of [[], [vocab.id("the")], [vocab.id("said"), vocab.id("the")], [vocab.id("queen"), vocab.id("rabbit")]]) {
          let sum = 0;
          for (let w = 0; w < vocab.size; w++) sum += m.prob(ctx, w);
          assertClose(sum, 1, { message: `${smoothing} order ${order} context [${ctx}]` });
        }
      }
    }
  });

  it("beats the unigram baseline, and Kneser–Ney beats add-one, on held-out text", () => {
    const unigram = unigramBaseline(train, valid, vocab.size).perplexity;
    const kn = new NGramModel({ order: 3 }).fit(train, vocab.size).perplexity(valid);
    const addOne = new NGramModel({ order: 3, smoothing: "add-k" }).fit(train, vocab.size).perplexity(valid);
    assert.ok(kn < 0.5 * unigram, `KN trigram ${kn} vs unigram ${unigram}`);
    assert.ok(kn < addOne, `KN trigram ${kn} vs add-one ${addOne}`);
  });

  it("rejects bad options and ids", () => {
    assert.throws(() => new NGramModel({ order: 1 }), /order must be an integer ≥ 2 for kneser-ney smoothing, got 1/);
    assert.throws(() => new NGramModel({ discount: 1.5 }), /discount must be in \(0, 1\], got 1.5/);
    assert.throws(() => new NGramModel().prob([], 0), /not fitted/);
    assert.throws(() => new NGramModel({ order: 2 }).fit(corpus, V).prob([a], 4), /token id 4 is outside 0\.\.3/);
  });
});
