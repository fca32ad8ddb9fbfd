import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { gutenberg, WordVocabulary } from "../../src/data/index.js";
import { analogyAccuracy, analogyQuestions, AUSTEN_ANALOGY_PAIRS, NoiseSampler, sgnsStep, Word2Vec } from "../../src/models/index.js";
import { Generator } from "../../src/tensor/index.js";
import { assertClose } from "../helpers.js";

describe("sgnsStep", () => {
  it("matches the SGNS gradient worked out by hand", () => {
    // dim 2; center 0 has v = (0.5, −1); context 1 has u_c = (1, 0.5); negative 2 has u_n = (2, 1).
    // u_c·v = 0 and u_n·v = 0, so σ = 1/2 for both: L = −log σ(0) − log σ(−0) = 2 ln 2,
    // g_c = σ − 1 = −1/2, g_n = σ − 0 = 1/2. With lr = 0.1:
    //   ∂L/∂v = g_c u_c + g_n u_n = (−0.5, −0.25) + (1, 0.5) = (0.5, 0.25) → v' = (0.45, −1.025)
    //   u_c' = u_c − 0.1·(−1/2)·v = (1.025, 0.45);  u_n' = u_n − 0.1·(1/2)·v = (1.975, 1.05)
    const input = Float64Array.from([0.5, -1, 9, 9, 9, 9]);
    const output = Float64Array.from([7, 7, 1, 0.5, 2, 1]);
    const loss = sgnsStep(input, output, 2, 0, 1, [2], 0.1);
    assertClose(loss, 2 * Math.LN2);
    assertClose(input, [0.45, -1.025, 9, 9, 9, 9]);
    assertClose(output, [7, 7, 1.025, 0.45, 1.975, 1.05]);
  });

  it("moves every row by −lr times the finite-difference gradient of the loss", () => {
    const g = new Generator(3);
    const dim = 4;
    const input = Float64Array.from({ length: 5 * dim }, () => g.normal());
    const output = Float64Array.from({ length: 5 * dim }, () => g.normal());
    const [center, context, negatives] = [1, 3, [0, 4, 2]];
    const lossAt = (inp: Float64Array, out: Float64Array): number => sgnsStep(inp, out, dim, center, context, negatives, 0);
    const eps = 1e-6;
    const numeric = (table: "input" | "output", k: number): number => {
      const [inp, out] = [input.slice(), output.slice()];
      const t = table === "input" ? inp : out;
      t[k] += eps;
      const plus = lossAt(inp, out);
      t[k] -= 2 * eps;
      return (plus - lossAt(inp, out)) / (2 * eps);
    };
    const expectedInput = Float64Array.from(input, (x, k) => x - numeric("input", k));
    const expectedOutput = Float64Array.from(output, (x, k) => x - numeric("output", k));
    sgnsStep(input, output, dim, center, context, negatives, 1);
    assertClose(input, expectedInput, { atol: 1e-7 });
    assertClose(output, expectedOutput, { atol: 1e-7 });
  });

  it("skips a negative that is the context word", () => {
    const input = Float64Array.from([1, 0]);
    const output = Float64Array.from([0, 0]);
    // Only the positive term: −log σ(0) = ln 2; were the negative counted it would add ln 2 again.
    assertClose(sgnsStep(input, output, 1, 0, 1, [1, 1], 0), Math.LN2);
  });
});

describe("NoiseSampler", () => {
  it("draws ids in proportion to count^0.75 and never a zero count", () => {
    const counts = [0, 16, 1, 81];
    const noise = new NoiseSampler(counts);
    const weights = [0, 8, 1, 27]; // 16^0.75, 1^0.75, 81^0.75
    weights.forEach((w, id) => assertClose(noise.probability(id), w / 36));
    const g = new Generator(0);
    const seen = [0, 0, 0, 0];
    const n = 36000;
    for (let i = 0; i < n; i++) seen[noise.sample(g)] += 1;
    assert.equal(seen[0], 0);
    weights.forEach((w, id) => assert.ok(Math.abs(seen[id] / n - w / 36) < 0.01, `id ${id}: ${seen[id] / n} vs ${w / 36}`));
    assert.throws(() => new NoiseSampler([0, 0]), /every count is zero/);
  });
});

/** Sentences "x x W x x" where W is drawn from a group and each x from that group's context words. */
function groupedCorpus(groups: { words: string[]; contexts: string[][] }[], sentences: number, g: Generator): string[] {
  const tokens: string[] = [];
  for (let s = 0; s < sentences; s++) {
    const group = groups[g.int(groups.length)];
    const w = g.int(group.words.length);
    const pick = (): string => {
      const pool = group.contexts[g.int(group.contexts.length)];
      return pool[g.int(pool.length)];
    };
    tokens.push(pick(), pick(), group.words[w], pick(), pick(), ".");
  }
  return tokens;
}

describe("Word2Vec on synthetic corpora", () => {
  it("puts words with identical contexts nearest to each other", () => {
    const g = new Generator(1);
    const groups = [
      { words: ["cat", "dog"], contexts: [["fur", "paw", "tail", "bark", "pet"]] },
      { words: ["red", "blue"], contexts: [["paint", "color", "bright", "dark", "shade"]] },
      { words: ["run", "walk"], contexts: [["fast", "slow", "legs", "path", "step"]] },
    ];
    const tokens = groupedCorpus(groups, 700, g);
    const vocab = new WordVocabulary(tokens);
    const model = new Word2Vec(vocab, { dim: 16, window: 2, epochs: 5, subsample: 0, generator: g });
    const report = model.train(vocab.encodeTokens(tokens));
    assert.ok(report.pairs > 0 && report.meanLoss < 2.5, `mean loss ${report.meanLoss}`);
    for (const [a, b] of [["cat", "dog"], ["red", "blue"], ["run", "walk"]]) {
      assert.equal(model.nearest(a, 1)[0].word, b, `nearest(${a}): ${JSON.stringify(model.nearest(a, 3))}`);
    }
    const near = model.nearest("cat", 4);
    assert.ok(!near.some((s) => s.word === "cat" || s.word === "<unk>"));
    assert.ok(near[0].similarity >= near[3].similarity);
  });

  it("answers analogies that the corpus was built to contain", () => {
    // Each word is a gender × role; its contexts mix that gender's words and that role's words,
    // so vec(queen) − vec(king) ≈ vec(woman) − vec(man) ≈ vec(girl) − vec(boy).
    const male = ["he", "his", "him"];
    const female = ["she", "hers", "her"];
    const royal = ["crown", "throne", "palace"];
    const adult = ["work", "farm", "field"];
    const child = ["play", "toy", "school"];
    const groups = [
      { words: ["king"], contexts: [male, royal] },
      { words: ["queen"], contexts: [female, royal] },
      { words: ["man"], contexts: [male, adult] },
      { words: ["woman"], contexts: [female, adult] },
      { words: ["boy"], contexts: [male, child] },
      { words: ["girl"], contexts: [female, child] },
    ];
    const g = new Generator(2);
    const tokens = groupedCorpus(groups, 900, g);
    const vocab = new WordVocabulary(tokens);
    const model = new Word2Vec(vocab, { dim: 16, window: 2, epochs: 5, subsample: 0, generator: g });
    model.train(vocab.encodeTokens(tokens));
    assert.equal(model.analogy("man", "woman", "king")[0].word, "queen");
    const questions = analogyQuestions([["man", "woman"], ["king", "queen"], ["boy", "girl"]]);
    assert.equal(questions.length, 6);
    const score = analogyAccuracy(model, [...questions, ["man", "woman", "prince", "princess"]]);
    assert.deepEqual({ ...score, accuracy: undefined }, { correct: 6, total: 6, skipped: 1, accuracy: undefined });
    assert.equal(score.accuracy, 1);
  });

  it("repeats a run exactly from the same seed", () => {
    const tokens = "a b c a b d a c b d c a".split(" ");
    const vocab = new WordVocabulary(tokens);
    const run = (): Float32Array => {
      const m = new Word2Vec(vocab, { dim: 4, window: 2, generator: new Generator(7) });
      m.train(vocab.encodeTokens(tokens));
      return m.input;
    };
    assert.deepEqual(run(), run());
  });

  it("names unknown words and bad options", () => {
    const vocab = new WordVocabulary(["a", "b"]);
    assert.throws(() => new Word2Vec(vocab, { dim: 2 }).nearest("c"), /Word2Vec.nearest: "c" is not in the vocabulary of 3 words/);
    assert.throws(() => new Word2Vec(vocab, { window: 0 }), /window must be a positive integer, got 0/);
    assert.throws(() => new Word2Vec(vocab, { dim: 2 }).train(Int32Array.from([1, 5])), /token id 5 is outside 0\.\.2/);
  });
});

describe("AUSTEN_ANALOGY_PAIRS", () => {
  it("uses only words that occur at least 50 times in the three Austen novels", () => {
    const vocab = WordVocabulary.fromText(gutenberg(["austen-emma", "austen-persuasion", "austen-sense"]).join("\n"), { minCount: 50 });
    for (const pairs of Object.values(AUSTEN_ANALOGY_PAIRS)) {
      for (const w of pairs.flat()) assert.ok(vocab.has(w), `"${w}" occurs fewer than 50 times`);
    }
  });
});
