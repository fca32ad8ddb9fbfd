import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { manualSeed, nn, ones, randn, select, sum, tensor, type Tensor } from "../../src/index.js";
import { assertClose, assertShape } from "../helpers.js";

const causal = (n: number) => tensor(Int32Array.from({ length: n * n }, (_, i) => (i % n > Math.floor(i / n) ? 1 : 0)), [n, n]);

describe("nn.MultiheadAttention", () => {
  it("has PyTorch's parameter names, shapes and initial zero biases", () => {
    const mha = new nn.MultiheadAttention(8, 2);
    assert.deepEqual(mha.namedParameters().map(([k, p]) => [k, [...p.shape]]), [
      ["in_proj_weight", [24, 8]], ["in_proj_bias", [24]], ["out_proj.weight", [8, 8]], ["out_proj.bias", [8]],
    ]);
    assert.ok(mha.in_proj_bias!.values.every((v) => v === 0) && mha.out_proj.bias!.values.every((v) => v === 0));
    const bound = Math.sqrt(6 / (8 + 24)); // Xavier-uniform over the packed [3E, E] weight
    assert.ok(mha.in_proj_weight!.values.every((v) => Math.abs(v) <= bound));
    const separate = new nn.MultiheadAttention(8, 2, { kdim: 5, vdim: 3, bias: false });
    assert.deepEqual(separate.namedParameters().map(([k, p]) => [k, [...p.shape]]), [
      ["q_proj_weight", [8, 8]], ["k_proj_weight", [8, 5]], ["v_proj_weight", [8, 3]], ["out_proj.weight", [8, 8]],
    ]);
    assert.equal(mha.toString().split("\n")[0], "MultiheadAttention(");
  });

  it("forward is self-attention's output; weights sum to 1 over the keys and a causal mask hides later ones", () => {
    manualSeed(3);
    const mha = new nn.MultiheadAttention(6, 3, { batchFirst: true });
    const x = randn([2, 4, 6]);
    const [out, weights] = mha.forwardWithWeights(x, x, x, { attnMask: causal(4), averageAttnWeights: false });
    assertShape(out, [2, 4, 6]);
    assertShape(weights!, [2, 3, 4, 4]);
    assertClose(sum(weights!, -1), ones([2, 3, 4]), { rtol: 1e-5 });
    const later = weights!.values.filter((_, i) => i % 4 > Math.floor(i / 4) % 4); // key index > query index
    assert.equal(later.length, 2 * 3 * 6);
    assert.ok(later.every((w) => w === 0));
    assert.deepEqual(Array.from(mha.forward(x).values), Array.from(mha.forwardWithWeights(x, x, x)[0].values));
    assert.equal(mha.forwardWithWeights(x, x, x, { needWeights: false })[1], null);
  });

  it("an unbatched [L, E] input gives batch 0 of the batched result, in either layout", () => {
    manualSeed(4);
    const mha = new nn.MultiheadAttention(4, 2);
    const q = randn([3, 4]);
    const kv = randn([5, 4]);
    const mask = tensor([0, 0, 1, 0, 1], { dtype: "int32" });
    const [out, weights] = mha.forwardWithWeights(q, kv, kv, { keyPaddingMask: mask });
    const [batchedOut, batchedWeights] = mha.forwardWithWeights(q.reshape([3, 1, 4]), kv.reshape([5, 1, 4]), kv.reshape([5, 1, 4]), { keyPaddingMask: mask.reshape([1, 5]) });
    assertShape(out, [3, 4]);
    assertClose(out, select(batchedOut, 1, 0), { rtol: 1e-6 });
    assertClose(weights!, select(batchedWeights!, 0, 0), { rtol: 1e-6 });
    assert.ok([2, 4].every((k) => [0, 1, 2].every((row) => weights!.values[row * 5 + k] === 0)));
  });

  it("drops attention weights in training only", () => {
    manualSeed(5);
    const mha = new nn.MultiheadAttention(4, 1, { dropout: 1 });
    const x = randn([2, 1, 4]);
    const bias = tensor([0.5, -1, 2, 0.25]);
    mha.out_proj.bias!.values.set(bias.values);
    const [trainOut, trainWeights] = mha.forwardWithWeights(x, x, x);
    assert.ok(trainWeights!.values.every((w) => w === 0));
    assertClose(select(trainOut, 0, 1), bias); // nothing attended: only the output bias is left
    mha.eval();
    assertClose(sum(mha.forwardWithWeights(x, x, x)[1]!, -1), ones([1, 2]), { rtol: 1e-6 });
  });

  it("names the shapes when inputs or masks do not fit", () => {
    const mha = new nn.MultiheadAttention(8, 2);
    const x = randn([3, 2, 8]);
    assert.throws(
      () => mha.forward(randn([3, 2, 7])),
      /^ShapeError: MultiheadAttention: the feature sizes differ from the layer's; got query \[3, 2, 7\], key \[3, 2, 7\], value \[3, 2, 7\] \(expected query \[L, N, embedDim=8\], key \[S, N, kdim=8\], value \[S, N, vdim=8\], batchFirst false\)$/,
    );
    assert.throws(() => mha.forward(x, randn([4, 2, 8]), randn([5, 2, 8])), /key and value must have the same length S; got query \[3, 2, 8\], key \[4, 2, 8\], value \[5, 2, 8\]/);
    assert.throws(() => mha.forward(x, randn([4, 3, 8])), /query, key and value must have the same batch size N/);
    assert.throws(() => mha.forward(randn([8])), /query must have 2 \(unbatched\) or 3 dimensions/);
    assert.throws(() => mha.forward(x, randn([4, 8])), /key and value must have as many dimensions as query/);
    assert.throws(() => mha.forwardWithWeights(x, x, x, { keyPaddingMask: ones([3, 2]) }), /^ShapeError: multiHeadAttention: keyPaddingMask has shape \[3, 2\]; expected \[N, S\] = \[2, 3\]$/);
    assert.throws(
      () => mha.forwardWithWeights(x, x, x, { attnMask: causal(4) }),
      /^ShapeError: multiHeadAttention: attnMask has shape \[4, 4\]; expected \[L, S\] = \[3, 3\] or \[N·numHeads, L, S\] = \[4, 3, 3\]$/,
    );
    assert.throws(() => new nn.MultiheadAttention(8, 3), /embedDim 8 must be divisible by numHeads 3/);
    assert.throws(() => new nn.MultiheadAttention(8, 2, { dropout: 2 }), /dropout must be in \[0, 1\], got 2/);
  });

  it("takes a float mask as an additive bias on the scores", () => {
    manualSeed(6);
    const mha = new nn.MultiheadAttention(4, 2, { batchFirst: true });
    const x = randn([1, 2, 4]);
    const boolMask = tensor([[0, 1], [0, 0]], { dtype: "int32" });
    const floatMask = tensor([[0, -Infinity], [0, 0]]);
    const viaBool: Tensor = mha.forwardWithWeights(x, x, x, { attnMask: boolMask })[1]!;
    assertClose(mha.forwardWithWeights(x, x, x, { attnMask: floatMask })[1]!, viaBool, { rtol: 1e-6 });
    assert.equal(viaBool.values[0], 1);
  });
});
