import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { gradcheck, manualSeed, nn, randn, tensor } from "../../src/index.js";
import { assertClose, assertShape } from "../helpers.js";
import { decode, type EncodedTensor } from "./fixture.js";

interface EmbeddingCase {
  weight: EncodedTensor;
  paddingIdx: number;
  input: EncodedTensor;
  output: EncodedTensor;
  gradOutput: EncodedTensor;
  gradWeight: EncodedTensor;
}

const fixture = JSON.parse(readFileSync(new URL("../../../test/fixtures/rnn/embedding.json", import.meta.url), "utf8")) as EmbeddingCase;
const ids = (values: number[], shape: number[]) => tensor(Int32Array.from(values), shape);

describe("Embedding", () => {
  it("matches PyTorch with a padding index: the (non-zero) padding row is returned but gets no gradient", () => {
    const emb = new nn.Embedding(6, 3, { paddingIdx: fixture.paddingIdx });
    emb.loadStateDict({ weight: decode(fixture.weight) });
    const out = emb.forward(decode(fixture.input));
    assertClose(out, decode(fixture.output));
    out.mul(decode(fixture.gradOutput)).sum().backward();
    assertClose(emb.weight.grad!, decode(fixture.gradWeight));
    assert.deepEqual(Array.from(emb.weight.grad!.values.slice(6, 9)), [0, 0, 0]);
  });

  it("looks up rows for an input of any shape: [..., embeddingDim]", () => {
    const emb = new nn.Embedding(4, 2);
    emb.weight.values.set([0, 1, 10, 11, 20, 21, 30, 31]);
    assertClose(emb.forward(ids([3, 0, 2, 2], [2, 1, 2])), [30, 31, 0, 1, 20, 21, 20, 21]);
    assertShape(emb.forward(ids([3, 0, 2, 2], [2, 1, 2])), [2, 1, 2, 2]);
    assertShape(emb.forward(ids([1], [])), [2]);
  });

  it("repeated ids accumulate gradients; gradcheck passes through the table", () => {
    const emb = new nn.Embedding(3, 2);
    emb.forward(ids([1, 1, 2], [3])).sum().backward();
    assertClose(emb.weight.grad!, [0, 0, 2, 2, 1, 1]);
    const index = ids([0, 2, 2, 1, 0], [5]);
    // no paddingIdx here: its row deliberately gets no gradient, which finite differences would see
    assert.equal(gradcheck((w) => nn.functional.embedding(index, w), [randn([3, 4], { dtype: "float64" })]), true);
  });

  it("initialises N(0, 1) with the padding row zero (negative paddingIdx counts from the end)", () => {
    manualSeed(6);
    const emb = new nn.Embedding(200, 50, { paddingIdx: -1 });
    assert.equal(emb.paddingIdx, 199);
    const w = Array.from(emb.weight.values);
    assert.ok(w.slice(199 * 50).every((v) => v === 0), "padding row is zero");
    const body = w.slice(0, 199 * 50);
    const mean = body.reduce((s, v) => s + v, 0) / body.length;
    const variance = body.reduce((s, v) => s + (v - mean) ** 2, 0) / body.length;
    assert.ok(Math.abs(mean) < 0.03 && Math.abs(variance - 1) < 0.05, `mean ${mean}, variance ${variance}`);
    assert.equal(emb.toString(), "Embedding(200, 50, padding_idx=199)");
  });

  it("names the layer and the bad value in errors", () => {
    const emb = new nn.Embedding(4, 2);
    assert.throws(() => emb.forward(ids([4], [1])), /embedding: index 4 is out of range for a table of 4 rows \(valid: 0…3\)/);
    assert.throws(() => emb.forward(tensor([1])), /embedding: indices must be int32, got float32/);
    assert.throws(() => new nn.Embedding(4, 2, { paddingIdx: 4 }), /Embedding: paddingIdx must be an integer in \[-4, 3\].*got 4/);
    assert.throws(() => new nn.Embedding(0, 2), /Embedding: numEmbeddings must be a positive integer, got 0/);
  });
});
