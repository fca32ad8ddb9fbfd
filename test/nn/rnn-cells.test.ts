import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { concat, gradcheck, manualSeed, nn, randn, type Tensor } from "../../src/index.js";
import { assertClose, assertShape } from "../helpers.js";
import { decode, type EncodedTensor } from "./fixture.js";

interface CellCase {
  mode: "RNN_TANH" | "RNN_RELU" | "LSTM" | "GRU";
  options: { bias: boolean };
  stateDict: Record<string, EncodedTensor>;
  input: EncodedTensor;
  h0: EncodedTensor;
  h: EncodedTensor;
  gradH: EncodedTensor;
  c0?: EncodedTensor;
  c?: EncodedTensor;
  gradC?: EncodedTensor;
  gradInput: EncodedTensor;
  gradH0: EncodedTensor;
  gradC0?: EncodedTensor;
  gradParams: Record<string, EncodedTensor>;
}

const cases = JSON.parse(readFileSync(new URL("../../../test/fixtures/rnn/cells.json", import.meta.url), "utf8")) as CellCase[];

function makeCell(c: CellCase): nn.Module {
  if (c.mode === "LSTM") return new nn.LSTMCell(3, 4, c.options);
  if (c.mode === "GRU") return new nn.GRUCell(3, 4, c.options);
  return new nn.RNNCell(3, 4, { ...c.options, nonlinearity: c.mode === "RNN_TANH" ? "tanh" : "relu" });
}

describe("RNNCell, LSTMCell, GRUCell against PyTorch", () => {
  for (const c of cases) {
    it(`${c.mode}${c.options.bias ? "" : " without bias"}: next state and every gradient match`, () => {
      const cell = makeCell(c);
      assert.deepEqual([...cell.stateDict().keys()], Object.keys(c.stateDict));
      cell.loadStateDict(Object.fromEntries(Object.entries(c.stateDict).map(([k, v]) => [k, decode(v)])));
      const x = decode(c.input).requiresGrad_();
      const h0 = decode(c.h0).requiresGrad_();
      let loss: Tensor;
      if (cell instanceof nn.LSTMCell) {
        const c0 = decode(c.c0!).requiresGrad_();
        const next = cell.forwardWithState(x, { h: h0, c: c0 });
        assertClose(next.h, decode(c.h), { message: "h" });
        assertClose(next.c, decode(c.c!), { message: "c" });
        assertClose(cell.forward(x, h0, c0), decode(c.h), { message: "forward gives h′" });
        loss = next.h.mul(decode(c.gradH)).sum().add(next.c.mul(decode(c.gradC!)).sum());
        loss.backward();
        assertClose(c0.grad!, decode(c.gradC0!), { message: "gradC0" });
      } else {
        const h = cell.forward(x, h0);
        assertClose(h, decode(c.h), { message: "h" });
        h.mul(decode(c.gradH)).sum().backward();
      }
      assertClose(x.grad!, decode(c.gradInput), { message: "gradInput" });
      assertClose(h0.grad!, decode(c.gradH0), { message: "gradH0" });
      const params = new Map(cell.namedParameters());
      for (const [name, g] of Object.entries(c.gradParams)) assertClose(params.get(name)!.grad!, decode(g), { message: `grad of ${name}` });
    });
  }
});

describe("cells", () => {
  const f64 = { dtype: "float64" } as const;
  const weights = (gates: number) => [randn([gates * 3, 2], f64), randn([gates * 3, 3], f64), randn([gates * 3], f64), randn([gates * 3], f64)];
  const asCell = (ws: Tensor[]) => ({ weightIh: ws[0], weightHh: ws[1], biasIh: ws[2], biasHh: ws[3] });
  const x = randn([2, 2], f64);
  const h = randn([2, 3], f64);
  const F = nn.functional;

  it("rnnTanhCell and rnnReluCell pass gradcheck", () => {
    assert.equal(gradcheck((x, h, ...ws) => F.rnnTanhCell(x, h, asCell(ws)), [x, h, ...weights(1)]), true);
    assert.equal(gradcheck((x, h, ...ws) => F.rnnReluCell(x, h, asCell(ws)), [x, h, ...weights(1)]), true);
  });

  it("lstmCell passes gradcheck through h′ and c′", () => {
    const c = randn([2, 3], f64);
    const fn = (x: Tensor, h: Tensor, c: Tensor, ...ws: Tensor[]) => {
      const next = F.lstmCell(x, { h, c }, asCell(ws));
      return concat([next.h, next.c], 1);
    };
    assert.equal(gradcheck(fn, [x, h, c, ...weights(4)]), true);
  });

  it("gruCell passes gradcheck", () => {
    assert.equal(gradcheck((x, h, ...ws) => F.gruCell(x, h, asCell(ws)), [x, h, ...weights(3)]), true);
  });

  it("a missing state is zeros; prints like PyTorch; errors name the cell", () => {
    manualSeed(5);
    const cell = new nn.GRUCell(3, 4);
    const x = randn([2, 3]);
    assertClose(cell.forward(x), cell.forward(x, randn([2, 4]).mul(0)));
    const lstm = new nn.LSTMCell(3, 4, { bias: false });
    assertShape(lstm.forwardWithState(x).c, [2, 4]);
    assert.deepEqual(lstm.namedParameters().map(([n]) => n), ["weight_ih", "weight_hh"]);
    assert.equal(lstm.toString(), "LSTMCell(3, 4, bias=False)");
    assert.equal(new nn.RNNCell(3, 4, { nonlinearity: "relu" }).toString(), "RNNCell(3, 4, nonlinearity=relu)");
    assert.throws(() => cell.forward(randn([2, 5])), /GRUCell: input must be \[batch, inputSize = 3\], got \[2, 5\]/);
    assert.throws(() => cell.forward(x, randn([3, 4])), /GRUCell: h must be \[batch = 2, hiddenSize = 4\], got \[3, 4\]/);
  });
});
