import assert from "node:assert/strict";
import { describe, it } from "node:test";
import {
  bpttBatches,
  CharVocabulary,
  gutenberg,
  gutenbergNames,
  splitTokens,
  tokenize,
  unigramBaseline,
  WordVocabulary,
} from "../../src/data/index.js";
import { assertClose, assertShape } from "../helpers.js";

describe("gutenberg", () => {
  it("lists the NLTK selection and reads a text", () => {
    const names = gutenbergNames();
    assert.equal(names.length, 18);
    assert.ok(names.includes("austen-emma") && names.includes("shakespeare-hamlet"));
    assert.match(gutenberg("austen-emma").slice(0, 80), /^\[Emma by Jane Austen 1816\]/);
  });

  it("reads several texts in the order asked, and decodes the Latin-1 one without replacement characters", () => {
    const [caesar, alice] = gutenberg(["shakespeare-caesar", "carroll-alice"]);
    assert.match(alice, /Alice's Adventures in Wonderland/);
    assert.match(caesar, /Julius Caesar/);
    assert.ok(!caesar.includes("\uFFFD"));
  });

  it("names the available texts when given an unknown one", () => {
    assert.throws(() => gutenberg("austen-pride"), /no text named "austen-pride"; the available texts are austen-emma, austen-persuasion, .*whitman-leaves/);
  });
});

describe("CharVocabulary", () => {
  it("gives sorted code points ids and round-trips", () => {
    const v = new CharVocabulary("hello, wörld 😀");
    assert.deepEqual(v.chars, [" ", ",", "d", "e", "h", "l", "o", "r", "w", "ö", "😀"]);
    assert.deepEqual(Array.from(v.encode("hold")), [4, 6, 5, 2]);
    assert.equal(v.decode(v.encode("wörld 😀, hello")), "wörld 😀, hello");
  });

  it("applies the unknown-character policy", () => {
    assert.throws(() => new CharVocabulary("abc").encode("abz"), /character "z" \(U\+007A\) is not in the vocabulary of 3 characters/);
    assert.deepEqual(Array.from(new CharVocabulary("abc", { unknown: "skip" }).encode("azb")), [0, 1]);
    const replace = new CharVocabulary("abc", { unknown: "replace" });
    assert.equal(replace.size, 4);
    assert.deepEqual(Array.from(replace.encode("azb")), [1, 0, 2]);
    assert.equal(replace.decode(replace.encode("azb")), "a\uFFFDb");
    assert.throws(() => replace.decode([4]), /id 4 is outside 0\.\.3/);
  });
});

describe("tokenize and WordVocabulary", () => {
  it("lowercases and separates words from punctuation, keeping inner apostrophes", () => {
    assert.deepEqual(tokenize("Emma's \"Twenty-one\" years; don't!\n"), ["emma's", '"', "twenty", "-", "one", '"', "years", ";", "don't", "!"]);
  });

  it("orders by count, maps rare words to <unk> and counts them", () => {
    const v = WordVocabulary.fromText("the cat and the dog and the bird. A cat!", { minCount: 2 });
    assert.deepEqual(v.words, ["<unk>", "the", "and", "cat"]);
    // dropped: dog, bird, ".", "a", "!" (5 tokens)
    assert.deepEqual(Array.from(v.counts), [5, 3, 2, 2]);
    assert.deepEqual(Array.from(v.encode("The dog and CAT")), [1, 0, 2, 3]);
    assert.deepEqual(v.decode([3, 0]), ["cat", "<unk>"]);
    assert.equal(v.has("dog"), false);
    assert.deepEqual(new WordVocabulary(["b", "a", "b", "c", "a"], { maxSize: 2 }).words, ["<unk>", "a", "b"]);
  });
});

describe("splitTokens", () => {
  it("cuts contiguous parts at floored cumulative fractions", () => {
    const parts = splitTokens(Int32Array.from({ length: 10 }, (_, i) => i), [0.75, 0.15, 0.1]);
    assert.deepEqual(parts.map((p) => Array.from(p)), [[0, 1, 2, 3, 4, 5, 6], [7, 8], [9]]);
    assert.throws(() => splitTokens(new Int32Array(4), [0.5, 0.4]), /must be non-negative and sum to 1 \(they sum to 0\.9/);
  });
});

describe("bpttBatches", () => {
  it("cuts the stream into batchSize parallel streams and shifts targets by one", () => {
    // 11 tokens, batchSize 2: streams [0..4] and [5..9] (token 10 dropped); inputs 0..3 per stream.
    const tokens = Int32Array.from({ length: 11 }, (_, i) => i);
    const batches = [...bpttBatches(tokens, 2, 3)];
    assert.equal(batches.length, 2);
    assertShape(batches[0].x, [2, 3]);
    assert.deepEqual(batches[0].x.dtype, "int32");
    assert.deepEqual(batches[0].x.toArray(), [[0, 1, 2], [5, 6, 7]]);
    assert.deepEqual(batches[0].y.toArray(), [[1, 2, 3], [6, 7, 8]]);
    // The last batch holds what is left: one column.
    assert.deepEqual(batches[1].x.toArray(), [[3], [8]]);
    assert.deepEqual(batches[1].y.toArray(), [[4], [9]]);
  });

  it("rejects streams too short for one target", () => {
    assert.throws(() => [...bpttBatches(new Int32Array(3), 2, 4)], /streams of 1 for batchSize 2/);
    assert.throws(() => [...bpttBatches(new Int32Array(30), 0, 4)], /batchSize must be a positive integer, got 0/);
  });
});

describe("unigramBaseline", () => {
  it("scores held-out tokens with add-one unigram frequencies", () => {
    // train counts over 3 ids: [3, 1, 0], add-one: p = [4, 2, 1] / 7.
    const r = unigramBaseline(Int32Array.from([0, 0, 1, 0]), Int32Array.from([0, 2]), 3);
    const nats = -(Math.log(4 / 7) + Math.log(1 / 7)) / 2;
    assertClose(r.nats, nats);
    assertClose(r.bits, nats / Math.log(2));
    assertClose(r.perplexity, Math.sqrt(49 / 4));
  });
});
