/**
 * The fused lstmCell op: its values against the cell written in elementwise ops and a worked
 * example, its gradients against finite differences (through h′, c′, both, and two chained steps,
 * and to second order), how it shares one backward between its two outputs, and its errors.
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { add, concat, getBackend, listBackends, lstmCell, mul, narrow, randn, setBackend, sigmoid, sum, tanh, tensor, type Tensor } from "../../src/index.js";
import { assertClose } from "../helpers.js";
import { assertGradcheck, assertGradgradcheck, sampler } from "./gradcheck.js";

/** The same step in elementwise ops, as the LSTM layer used to compute it. */
function composedCell(gates: Tensor, c: Tensor): { h: Tensor; c: Tensor } {
  const hidden = c.shape[1];
  const [i, f, g, o] = [0, 1, 2, 3].map((k) => narrow(gates, 1, k * hidden, hidden));
  const cNext = add(mul(sigmoid(f), c), mul(sigmoid(i), tanh(g)));
  return { h: mul(sigmoid(o), tanh(cNext)), c: cNext };
}

describe("lstmCell values", () => {
  for (const backend of listBackends()) {
    it(`agrees with the cell in elementwise ops on the ${backend} backend (float32, hidden 5)`, () => {
      const initial = getBackend();
      try {
        setBackend(backend);
        const gates = randn([3, 20], { std: 3 });
        const c = randn([3, 5]);
        const fused = lstmCell(gates, c);
        const composed = composedCell(gates, c);
        assertClose(fused.h, composed.h, { rtol: 1e-5, atol: 1e-6 });
        assertClose(fused.c, composed.c, { rtol: 1e-5, atol: 1e-6 });
      } finally {
        setBackend(initial);
      }
    });
  }

  it("works a step by hand: zero gates open every gate halfway", () => {
    // i = f = o = σ(0) = ½, g = tanh(0) = 0: c′ = c/2, h′ = tanh(c/2)/2
    const { h, c } = lstmCell(tensor([[0, 0, 0, 0, 0, 0, 0, 0]]), tensor([[2, -4]]));
    assertClose(c, [1, -2]);
    assertClose(h, [Math.tanh(1) / 2, Math.tanh(-2) / 2]);
    // a saturated step: input gate open, forget gate shut, g = tanh(1), output gate open
    const big = 40;
    const step = lstmCell(tensor([[big, -big, 1, big]]), tensor([[5]]));
    assertClose(step.c, [Math.tanh(1)]);
    assertClose(step.h, [Math.tanh(Math.tanh(1))]);
  });

  it("computes in float64 when either input is float64", () => {
    const { h, c } = lstmCell(tensor([[0.1, 0.2, 0.3, 0.4]], { dtype: "float64" }), tensor([[1]]));
    assert.equal(h.dtype, "float64");
    assert.equal(c.dtype, "float64");
  });

  it("rejects gates that are not [batch, 4·hidden] for c [batch, hidden], naming both shapes", () => {
    assert.throws(() => lstmCell(randn([2, 12]), randn([2, 4])), /lstmCell: expected gates \[batch, 4·hidden\] and c \[batch, hidden\], got gates \[2, 12\] and c \[2, 4\]/);
    assert.throws(() => lstmCell(randn([3, 16]), randn([2, 4])), /got gates \[3, 16\] and c \[2, 4\]/);
    assert.throws(() => lstmCell(randn([16]), randn([4])), /got gates \[16\] and c \[4\]/);
  });
});

describe("lstmCell gradients (gradcheck, float64)", () => {
  const r = sampler(21);
  it("through h′ and c′ together", () => {
    assertGradcheck((g, c) => {
      const out = lstmCell(g, c);
      return concat([out.h, out.c], 1);
    }, [r.normal([3, 8]), r.normal([3, 2])]);
  });

  it("through h′ alone and c′ alone (the other output unused)", () => {
    assertGradcheck((g, c) => lstmCell(g, c).h, [r.normal([2, 12]), r.normal([2, 3])]);
    assertGradcheck((g, c) => lstmCell(g, c).c, [r.normal([2, 12]), r.normal([2, 3])]);
  });

  it("through two chained steps whose outputs are both used", () => {
    assertGradcheck((g1, g2, c) => {
      const first = lstmCell(g1, c);
      const second = lstmCell(add(g2, concat([first.h, first.h, first.h, first.h], 1)), first.c);
      return concat([first.h, second.h, second.c], 1);
    }, [r.normal([2, 8]), r.normal([2, 8]), r.normal([2, 2])]);
  });

  it("to second order (the backward written in ops under createGraph)", () => {
    assertGradgradcheck((g, c) => {
      const out = lstmCell(g, c);
      return concat([out.h, out.c], 1);
    }, [r.normal([2, 8]), r.normal([2, 2])]);
  });

  it("one backward serves both outputs, and a retained graph can run it again", () => {
    const gates = randn([2, 8], { requiresGrad: true });
    const sameGates = gates.detach().requiresGrad_();
    const c = randn([2, 2]);
    const loss = (out: { h: Tensor; c: Tensor }) => add(sum(out.h), sum(mul(out.c, 3)));
    loss(composedCell(sameGates, c)).backward();
    const fused = loss(lstmCell(gates, c));
    fused.backward(undefined, { retainGraph: true });
    assertClose(gates.grad!, sameGates.grad!, { rtol: 1e-5, atol: 1e-6 });
    // the second pass adds the same gradient again: nothing of the first pass was left behind
    fused.backward();
    assertClose(gates.grad!, mul(sameGates.grad!, 2), { rtol: 1e-5, atol: 1e-6 });
  });
});
