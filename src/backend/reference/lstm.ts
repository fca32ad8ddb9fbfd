/**
 * The fused LSTM cell, pointwise over [B, H]: each element of the new state reads its four gate
 * pre-activations (blocks i, f, g, o of a [B, 4H] row). Computed in float64, rounded on store.
 */
import type { LstmCellGradients, LstmCellOutput, TensorData } from "../kernels.js";
import { result } from "./util.js";

/** The logistic function without overflow: exp is only ever taken of a non-positive number. */
function sigmoid(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x));
  const e = Math.exp(x);
  return e / (1 + e);
}

export function lstmCell(gates: TensorData, c: TensorData): LstmCellOutput {
  const [batch, hidden] = c.shape;
  const { dtype } = c;
  const h = result(c.shape, dtype);
  const cNext = result(c.shape, dtype);
  const activations = result(gates.shape, dtype);
  const tanhC = result(c.shape, dtype);
  const [gv, cv, hv, cnv, av, tv] = [gates, c, h, cNext, activations, tanhC].map((t) => t.values);
  for (let b = 0; b < batch; b++) {
    for (let j = 0; j < hidden; j++) {
      const k = b * hidden + j;
      const gi = b * 4 * hidden + j;
      const gf = gi + hidden;
      const gg = gf + hidden;
      const go = gg + hidden;
      const i = sigmoid(gv[gi]);
      const f = sigmoid(gv[gf]);
      const g = Math.tanh(gv[gg]);
      const o = sigmoid(gv[go]);
      const cn = f * cv[k] + i * g;
      const tc = Math.tanh(cn);
      av[gi] = i;
      av[gf] = f;
      av[gg] = g;
      av[go] = o;
      cnv[k] = cn;
      tv[k] = tc;
      hv[k] = o * tc;
    }
  }
  return { h, c: cNext, activations, tanhC };
}

export function lstmCellBackward(gradH: TensorData | null, gradC: TensorData | null, c: TensorData, activations: TensorData, tanhC: TensorData): LstmCellGradients {
  const [batch, hidden] = c.shape;
  const gates = result(activations.shape, c.dtype);
  const gradCPrev = result(c.shape, c.dtype);
  const [cv, av, tv, dg, dcv] = [c, activations, tanhC, gates, gradCPrev].map((t) => t.values);
  const dhv = gradH?.values;
  const dcNextv = gradC?.values;
  for (let b = 0; b < batch; b++) {
    for (let j = 0; j < hidden; j++) {
      const k = b * hidden + j;
      const gi = b * 4 * hidden + j;
      const gf = gi + hidden;
      const gg = gf + hidden;
      const go = gg + hidden;
      const i = av[gi];
      const f = av[gf];
      const g = av[gg];
      const o = av[go];
      const tc = tv[k];
      const dh = dhv ? dhv[k] : 0;
      // c′ reaches the loss directly and through h′ = o·tanh(c′)
      const dcNext = (dcNextv ? dcNextv[k] : 0) + dh * o * (1 - tc * tc);
      dg[gi] = dcNext * g * i * (1 - i);
      dg[gf] = dcNext * cv[k] * f * (1 - f);
      dg[gg] = dcNext * i * (1 - g * g);
      dg[go] = dh * tc * o * (1 - o);
      dcv[k] = dcNext * f;
    }
  }
  return { gates, c: gradCPrev };
}
