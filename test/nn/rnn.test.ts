import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { concat, gradcheck, manualSeed, nn, randn, tensor, type Tensor } from "../../src/index.js";
import { assertClose, assertShape } from "../helpers.js";
import { decode, type EncodedTensor } from "./fixture.js";

interface SequenceCase {
  mode: "RNN_TANH" | "RNN_RELU" | "LSTM" | "GRU";
  options: { numLayers: number; bidirectional: boolean; batchFirst: boolean; bias: boolean };
  stateDict: Record<string, EncodedTensor>;
  input: EncodedTensor;
  output: EncodedTensor;
  h: EncodedTensor;
  c?: EncodedTensor;
  gradOutput: EncodedTensor;
  gradH: EncodedTensor;
  gradC?: EncodedTensor;
  gradInput: EncodedTensor;
  gradParams: Record<string, EncodedTensor>;
  lengths?: number[];
  h0?: EncodedTensor;
  c0?: EncodedTensor;
  gradH0?: EncodedTensor;
  gradC0?: EncodedTensor;
}

const load = (name: string) => JSON.parse(readFileSync(new URL(`../../../test/fixtures/rnn/${name}`, import.meta.url), "utf8")) as SequenceCase[];

function makeLayer(c: SequenceCase): nn.RNNBase {
  if (c.mode === "LSTM") return new nn.LSTM(3, 4, c.options);
  if (c.mode === "GRU") return new nn.GRU(3, 4, c.options);
  return new nn.RNN(3, 4, { ...c.options, nonlinearity: c.mode === "RNN_TANH" ? "tanh" : "relu" });
}

const describeCase = (c: SequenceCase) =>
  `${c.mode} ${JSON.stringify(c.options)}${c.h0 ? " with initial state" : ""}${c.lengths ? ` lengths ${JSON.stringify(c.lengths)}` : ""}`;

function checkAgainstPyTorch(c: SequenceCase): void {
  const layer = makeLayer(c);
  assert.deepEqual([...layer.stateDict().keys()], Object.keys(c.stateDict), "state-dict keys and order are PyTorch's");
  layer.loadStateDict(Object.fromEntries(Object.entries(c.stateDict).map(([k, v]) => [k, decode(v)])));
  const x = decode(c.input).requiresGrad_();
  const h0 = c.h0 ? decode(c.h0).requiresGrad_() : null;
  const c0 = c.c0 ? decode(c.c0).requiresGrad_() : null;
  const result = layer.forwardWithState(x, { h: h0, c: c0 }, { lengths: c.lengths });
  assertClose(result.output, decode(c.output), { message: "output" });
  assertClose(result.h, decode(c.h), { message: "h" });
  let loss: Tensor = result.output.mul(decode(c.gradOutput)).sum().add(result.h.mul(decode(c.gradH)).sum());
  if (c.c) {
    assertClose(result.c!, decode(c.c), { message: "c" });
    loss = loss.add(result.c!.mul(decode(c.gradC!)).sum());
  }
  loss.backward();
  assertClose(x.grad!, decode(c.gradInput), { message: "gradInput" });
  if (c.gradH0) assertClose(h0!.grad!, decode(c.gradH0), { message: "gradH0" });
  if (c.gradC0) assertClose(c0!.grad!, decode(c.gradC0), { message: "gradC0" });
  const params = new Map(layer.namedParameters());
  for (const [name, g] of Object.entries(c.gradParams)) assertClose(params.get(name)!.grad!, decode(g), { message: `grad of ${name}` });
}

describe("RNN, LSTM, GRU against PyTorch", () => {
  for (const c of load("sequences.json")) {
    it(`${describeCase(c)}: loads the state dict; output, final states and every gradient match`, () => checkAgainstPyTorch(c));
  }
  for (const c of load("packed.json")) {
    it(`${describeCase(c)}: a padded variable-length batch matches pack_padded_sequence`, () => checkAgainstPyTorch(c));
  }
});

/** Every element of the given tensors in one vector, so gradcheck checks them all. */
const flatAll = (...ts: Tensor[]) => concat(ts.map((t) => t.reshape([t.size])));

describe("recurrent layers", () => {
  it("LSTM: a 2-layer bidirectional LSTM passes gradcheck in float64 (input, states and weights)", () => {
    const f64 = { dtype: "float64" } as const;
    const w = (rows: number, cols?: number) => randn(cols === undefined ? [rows] : [rows, cols], { ...f64, std: 0.5 });
    const cells = [3, 3, 4, 4].map((inputSize) => [w(8, inputSize), w(8, 2), w(8), w(8)]);
    const x = randn([3, 2, 3], f64);
    const h0 = randn([4, 2, 2], f64);
    const c0 = randn([4, 2, 2], f64);
    const fn = (x: Tensor, h0: Tensor, c0: Tensor, ...flat: Tensor[]) => {
      const weights = [0, 1, 2, 3].map((i) => ({ weightIh: flat[4 * i], weightHh: flat[4 * i + 1], biasIh: flat[4 * i + 2], biasHh: flat[4 * i + 3] }));
      const r = nn.functional.rnnSequence("LSTM", x, weights, { numLayers: 2, bidirectional: true, h0, c0 });
      return flatAll(r.output, r.h, r.c!);
    };
    assert.equal(gradcheck(fn, [x, h0, c0, ...cells.flat()]), true);
  });

  it("GRU with lengths passes gradcheck: padded steps give no gradient path", () => {
    const f64 = { dtype: "float64" } as const;
    const weights = [randn([6, 2], f64), randn([6, 2], f64), randn([6], f64), randn([6], f64)];
    const fn = (x: Tensor, a: Tensor, b: Tensor, c: Tensor, d: Tensor) => {
      const r = nn.functional.rnnSequence("GRU", x, [{ weightIh: a, weightHh: b, biasIh: c, biasHh: d }], { lengths: [3, 1], batchFirst: true });
      return flatAll(r.output, r.h);
    };
    assert.equal(gradcheck(fn, [randn([2, 3, 2], f64), ...weights]), true);
  });

  it("has output [T, N, D·hidden] (or batch first) and states [layers·D, N, hidden]; forward(x) is the output", () => {
    manualSeed(1);
    const lstm = new nn.LSTM(3, 5, { numLayers: 3, bidirectional: true, batchFirst: true });
    const x = randn([2, 7, 3]);
    const r = lstm.forwardWithState(x);
    assertShape(r.output, [2, 7, 10]);
    assertShape(r.h, [6, 2, 5]);
    assertShape(r.c!, [6, 2, 5]);
    assertClose(lstm.forward(x), r.output);
    assertShape(new nn.GRU(3, 5).forward(randn([7, 2, 3])), [7, 2, 5]);
  });

  it("the final forward-direction state is the output's last step; the reverse one is the output's first step", () => {
    manualSeed(2);
    const gru = new nn.GRU(3, 4, { bidirectional: true });
    const r = gru.forwardWithState(randn([5, 2, 3]));
    assertClose(r.h.select(0, 0), r.output.select(0, 4).narrow(1, 0, 4));
    assertClose(r.h.select(0, 1), r.output.select(0, 0).narrow(1, 4, 4));
  });

  it("applies dropout between layers only when training, never after the last layer", () => {
    manualSeed(3);
    const x = randn([4, 2, 3]);
    const deep = new nn.LSTM(3, 4, { numLayers: 2, dropout: 0.5 });
    const plain = new nn.LSTM(3, 4, { numLayers: 2 });
    plain.loadStateDict(deep.stateDict());
    assertClose(deep.eval().forward(x), plain.forward(x), { message: "eval: no dropout" });
    const trained = Array.from(deep.train().forward(x).values);
    assert.ok(trained.some((v, i) => Math.abs(v - plain.forward(x).values[i]) > 1e-4), "training: dropout changes the output");
    const single = new nn.RNN(3, 4, { dropout: 0.5 });
    assertClose(single.train().forward(x), single.eval().forward(x), { message: "one layer: nothing to drop" });
  });

  it("initialises every weight and bias in U(±1/√hidden), as PyTorch", () => {
    manualSeed(4);
    const gru = new nn.GRU(10, 25, { numLayers: 2 });
    const bound = 1 / 5;
    for (const [name, p] of gru.namedParameters()) {
      const v = Array.from(p.values);
      assert.ok(v.every((e) => Math.abs(e) <= bound), `${name} inside the bound`);
      assert.ok(Math.max(...v) > 0.9 * bound && Math.min(...v) < -0.9 * bound, `${name} reaches the bound`);
    }
    assert.deepEqual(gru.namedParameters().map(([n, p]) => [n, [...p.shape]]), [
      ["weight_ih_l0", [75, 10]], ["weight_hh_l0", [75, 25]], ["bias_ih_l0", [75]], ["bias_hh_l0", [75]],
      ["weight_ih_l1", [75, 25]], ["weight_hh_l1", [75, 25]], ["bias_ih_l1", [75]], ["bias_hh_l1", [75]],
    ]);
  });

  it("prints like PyTorch", () => {
    assert.equal(new nn.LSTM(3, 4, { numLayers: 2, batchFirst: true, bidirectional: true }).toString(), "LSTM(3, 4, num_layers=2, batch_first=True, bidirectional=True)");
    assert.equal(new nn.RNN(3, 4, { nonlinearity: "relu", dropout: 0.25, bias: false }).toString(), "RNN(3, 4, bias=False, dropout=0.25, nonlinearity=relu)");
    assert.equal(new nn.GRU(2, 8).toString(), "GRU(2, 8)");
  });

  it("names the layer, what it got and what it expected in errors", () => {
    const lstm = new nn.LSTM(3, 4, { numLayers: 2 });
    assert.throws(() => lstm.forward(randn([5, 2, 6])), /LSTM: input must be \[seq, batch, inputSize\] with inputSize = 3, got \[5, 2, 6\]/);
    assert.throws(() => lstm.forward(randn([5, 2, 3]), randn([1, 2, 4])), /LSTM: h0 must be .*\[2, 2, 4\], got \[1, 2, 4\]/);
    assert.throws(() => lstm.forwardWithState(randn([5, 2, 3]), {}, { lengths: [5, 6] }), /LSTM: every length must be an integer in 1…5.*got 6/);
    assert.throws(() => lstm.forwardWithState(randn([5, 2, 3]), {}, { lengths: tensor([5], { dtype: "int32" }) }), /lengths has 1 entries but the batch has 2/);
    assert.throws(() => new nn.RNN(3, 4, { nonlinearity: "sigmoid" as "tanh" }), /RNN: nonlinearity must be "tanh" or "relu", got "sigmoid"/);
    assert.throws(() => new nn.GRU(3, 0), /GRU: hiddenSize must be a positive integer, got 0/);
  });
});
