/** End-to-end memory networks: one hop by hand, attention, position encoding, tying, gradients, and learning bAbI task 1. */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { gradcheck, manualSeed, tensor, type Tensor } from "../../src/index.js";
import { babiBatch, BabiVocabulary, generateBabi, parseBabi } from "../../src/data/index.js";
import { MemN2N, memn2nEvaluate, positionEncoding, positionWeights, trainMemN2N, type MemN2NOptions } from "../../src/models/index.js";
import { assertClose, assertShape } from "../helpers.js";

/** Set a parameter found by its dotted state-dict name (how gradcheck's float64 copies are put in). */
function assign(model: MemN2N, name: string, value: Tensor): void {
  const path = name.split(".");
  let owner: Record<string, unknown> = model as unknown as Record<string, unknown>;
  for (const key of path.slice(0, -1)) owner = owner[key] as Record<string, unknown>;
  owner[path[path.length - 1]] = value;
}

function setRows(weight: Tensor, rows: number[][]): void {
  weight.values.set(rows.flat());
}

describe("MemN2N", () => {
  // vocabulary: 0 pad, 1…3 words; slot 0 holds word 1, slot 1 words 2 and 3; the question is word 3
  const memories = tensor(Int32Array.of(1, 0, 2, 3), [1, 2, 2]);
  const queries = tensor(Int32Array.of(3, 0), [1, 2]);

  it("computes one hop as the paper's equations, by hand (bag of words, adjacent tying)", () => {
    const model = new MemN2N(4, { embeddingDim: 2, hops: 1, memorySize: 2, encoding: "bow", temporal: false });
    setRows(model.memory[0].words.weight, [[0, 0], [1, 0], [0, 1], [1, 1]]); // A = B (both slots hold a statement: no empty slot)
    setRows(model.memory[1].words.weight, [[0, 0], [0, 2], [1, 0], [3, 1]]); // C = Wᵀ
    // u = B·q = [1, 1]; m = [1, 0], [1, 2] → scores 1, 3; p = softmax = [1, e²] / (1 + e²)
    const { logits, attention } = model.forwardWithAttention(memories, queries);
    const p1 = Math.exp(2) / (1 + Math.exp(2));
    assertClose(attention[0], [1 - p1, p1]);
    // c = [0, 2], [4, 1]; o = p·c; u + o = [1 + 4 p1, 1 + 2 (1 − p1) + p1]; logits = C·(u + o)
    const [x, y] = [1 + 4 * p1, 1 + 2 * (1 - p1) + p1];
    assertClose(logits, [0, 2 * y, x, 3 * x + y]);
    model.linearStart = true; // no softmax: the attention is the scores themselves
    assertClose(model.forwardWithAttention(memories, queries).attention[0], [1, 3]);
  });

  it("lets the empty slots of its memory take part in the softmax with score 0, as the authors' code", () => {
    // the same hop with memorySize 4: two empty slots join the softmax, p = [e¹, e³] / (e¹ + e³ + 2 e⁰)
    const model = new MemN2N(4, { embeddingDim: 2, hops: 1, memorySize: 4, encoding: "bow", temporal: false });
    setRows(model.memory[0].words.weight, [[0, 0], [1, 0], [0, 1], [1, 1]]);
    const z = Math.exp(1) + Math.exp(3) + 2;
    assertClose(model.forwardWithAttention(memories, queries).attention[0], [Math.exp(1) / z, Math.exp(3) / z]);
    // a slot the mask leaves out counts as empty too: one statement and three empty slots
    const mask = tensor(Int32Array.of(1, 0), [1, 2]);
    assertClose(model.forwardWithAttention(memories, queries, mask).attention[0], [Math.exp(1) / (Math.exp(1) + 3), 0]);
  });

  it("gives logits [N, V] and per hop an attention [N, M] that ignores padding slots and sums to 1 over the statements", () => {
    manualSeed(0);
    const samples = generateBabi(1, { questions: 20, seed: 1 });
    const vocab = BabiVocabulary.fromSamples(parseBabi(samples));
    const batch = babiBatch(parseBabi(samples), vocab, { memorySize: 12 });
    const model = new MemN2N(vocab.size, { memorySize: 12, attendEmptySlots: false });
    const { logits, attention } = model.forwardWithAttention(batch.memories, batch.queries, batch.memoryMask);
    assertShape(logits, [20, vocab.size]);
    assert.equal(attention.length, 3);
    for (const p of attention) {
      assertShape(p, [20, 12]);
      for (let b = 0; b < 20; b++) {
        const row = p.values.subarray(b * 12, (b + 1) * 12);
        assertClose(Array.from(row).reduce((s, v) => s + v, 0), 1, { rtol: 1e-5 });
        row.forEach((v, i) => batch.memoryMask.values[b * 12 + i] === 0 && assert.equal(v, 0));
      }
    }
    assert.throws(() => model.forward(batch.memories, batch.answers), /MemN2N: queries must be int32 \[N, L\] with N = 20 as memories, got int32 \[20\]/);
    const tooMany = babiBatch(parseBabi(samples), vocab, { memorySize: 13 });
    assert.throws(() => model.forward(tooMany.memories, tooMany.queries), /13 memory slots, more than the model's memorySize 12/);
  });

  it("weighs words by the position-encoding formula, each sentence by its own length", () => {
    // J = 3, d = 2: l_kj = (1 − j/3) − (k/2)(1 − 2j/3)
    assertClose(positionEncoding(3, 2).flat(), [0.5, 1 / 3, 0.5, 2 / 3, 0.5, 1]);
    const weights = positionWeights(tensor(Int32Array.of(5, 6, 7, 0, 4, 0, 0, 0), [2, 4]), 2);
    assertShape(weights, [2, 4, 2]);
    assertClose(weights.values.subarray(0, 8), [0.5, 1 / 3, 0.5, 2 / 3, 0.5, 1, 0, 0]);
    // a one-word sentence: l_k1 = 0 − (k/2)(1 − 2) = k/2
    assertClose(weights.values.subarray(8), [0.5, 1, 0, 0, 0, 0, 0, 0]);
  });

  it("weighs words as the authors' Matlab code does with \"position-matlab\": mean 1, about twice §4.1's weights", () => {
    // d = 20, J = 4: l_11 = 1 + 4 (1 − 10.5)(1 − 2.5) / 80 = 1.7125; l_20,4 = 1 + 4 (9.5)(1.5) / 80 = 1.7125; l_1,4 = 1 − 57/80
    const matlab = positionEncoding(4, 20, "matlab");
    assertClose([matlab[0][0], matlab[3][19], matlab[3][0], matlab[0][19]], [1.7125, 1.7125, 0.2875, 0.2875]);
    const mean = (rows: number[][]) => rows.flat().reduce((a, b) => a + b, 0) / rows.flat().length;
    assertClose([mean(matlab), mean(positionEncoding(4, 20))], [1, 0.50625], { atol: 1e-12 });
    const weights = positionWeights(tensor(Int32Array.of(5, 6, 7, 0), [1, 4]), 2, "matlab");
    assertClose(weights.values, [...positionEncoding(3, 2, "matlab").flat(), 0, 0]);
    assert.throws(() => new MemN2N(10, { encoding: "positional" as "bow" }), /MemN2N: encoding must be "bow", "position" or "position-matlab", got "positional"/);
  });

  it("shares parameters as the tying asks: adjacent K + 1 embeddings, layer-wise A, C, B, H and W", () => {
    const [V, d, M, K] = [10, 4, 6, 3];
    const count = (tying: "adjacent" | "layerwise", temporal = true) =>
      new MemN2N(V, { embeddingDim: d, memorySize: M, hops: K, tying, temporal }).parameters().reduce((s, p) => s + p.size, 0);
    assert.equal(count("adjacent"), (K + 1) * (V * d + M * d));
    assert.equal(count("adjacent", false), (K + 1) * V * d);
    assert.equal(count("layerwise"), 2 * (V * d + M * d) + V * d + d * d + V * d);
    const adjacent = new MemN2N(V, { hops: K });
    assert.equal(adjacent.hop(1).input, adjacent.hop(0).output);
    assert.equal(adjacent.query, adjacent.hop(0).input);
    const layerwise = new MemN2N(V, { hops: K, tying: "layerwise" });
    assert.equal(layerwise.hop(2).input, layerwise.hop(0).input);
    assert.notEqual(layerwise.hop(0).input, layerwise.hop(0).output);
    assert.throws(() => new MemN2N(V, { tying: "none" as "adjacent" }), /MemN2N: tying must be "adjacent" or "layerwise", got "none"/);
  });

  for (const options of [{ tying: "adjacent" }, { tying: "layerwise", encoding: "bow" }, { tying: "adjacent", linear: true }] as const) {
    it(`passes gradcheck in float64 (${JSON.stringify(options)})`, () => {
      manualSeed(2);
      const config: MemN2NOptions = { embeddingDim: 3, hops: 2, memorySize: 2, tying: options.tying, encoding: "encoding" in options ? options.encoding : "position", initStd: 0.5 };
      const model = new MemN2N(4, config);
      model.linearStart = "linear" in options;
      const named = model.namedParameters();
      gradcheck(
        (...weights) => {
          named.forEach(([name], i) => assign(model, name, weights[i]));
          // no padding words: the padding row is kept out of the gradient by design, yet a bag of words would read it
          return model.forward(tensor(Int32Array.of(1, 2, 2, 3), [1, 2, 2]), tensor(Int32Array.of(3, 1), [1, 2]));
        },
        named.map(([, p]) => p),
      );
    });
  }

  it("learns bAbI task 1 from 1,000 questions in 12 epochs: at most 5% error on 1,000 others", () => {
    manualSeed(3);
    const train = parseBabi(generateBabi(1, { questions: 1000, seed: 1 }));
    const test = parseBabi(generateBabi(1, { questions: 1000, seed: 2 }));
    const vocab = BabiVocabulary.fromSamples([...train, ...test]);
    // 20 slots rather than the paper's 50 keep this at ~1 s an epoch; task 1's answer is the actor's last move
    const options = { memorySize: 20, sentenceLength: 6 };
    const model = new MemN2N(vocab.size, { memorySize: 20 });
    const reports = trainMemN2N(model, babiBatch(train, vocab, options), { epochs: 12, randomNoise: 0.1 });
    const { error } = memn2nEvaluate(model, babiBatch(test, vocab, options));
    assert.ok(error <= 0.05, `test error ${error}; validation errors ${reports.map((r) => r.validationError.toFixed(3)).join(" ")}`);
  });
});
