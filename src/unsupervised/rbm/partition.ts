/** log Z of a binary RBM: exactly, by summing over every state of its smaller layer (a check for AIS), and the test log-likelihood given log Z. */
import { noGrad } from "../../autograd/index.js";
import { logsumexp, tensor } from "../../ops/index.js";
import type { Tensor } from "../../tensor/index.js";
import type { BinaryRBM } from "./binary-rbm.js";
import { checkVisibleData } from "./visible-data.js";

/** Enumerating more than 2^20 states would take minutes and gigabytes. */
const MAX_ENUMERATED_UNITS = 20;

/** Every binary vector of length n as rows, [2^n, n] (row r holds r's bits, lowest first). */
export function allBinaryStates(n: number): Tensor {
  const values = new Float32Array((1 << n) * n);
  for (let r = 0; r < 1 << n; r++) for (let i = 0; i < n; i++) values[r * n + i] = (r >> i) & 1;
  return tensor(values, [1 << n, n]);
}

/**
 * log Z = log Σ_{v,h} exp(−E(v, h)), exact. Over the hidden states it is
 * log Σ_h exp(cᵀh + Σ_i softplus(b_i + (Wᵀh)_i)); over the visible ones log Σ_v exp(−F(v));
 * whichever layer is smaller is enumerated, so either may be up to 20 units.
 */
export function exactLogPartition(rbm: BinaryRBM): number {
  const smaller = Math.min(rbm.visible, rbm.hidden);
  if (smaller > MAX_ENUMERATED_UNITS) {
    throw new RangeError(`exactLogPartition: enumerating 2^${smaller} states is out of reach; one layer must have at most ${MAX_ENUMERATED_UNITS} units (use annealedLogPartition)`);
  }
  return noGrad(() => {
    if (rbm.hidden <= rbm.visible) {
      const h = allBinaryStates(rbm.hidden);
      const logTerms = h.matmul(rbm.hiddenBias.unsqueeze(1)).squeeze(1).add(rbm.visibleInput(h).softplus().sum(1));
      return logsumexp(logTerms.double(), 0).itemSync();
    }
    return logsumexp(rbm.freeEnergy(allBinaryStates(rbm.visible)).neg().double(), 0).itemSync();
  });
}

/** Mean log p(v) = mean(−F(v)) − log Z over binary data [N, visible], in nats. */
export function averageLogLikelihood(rbm: BinaryRBM, data: Tensor, logPartition: number): number {
  checkVisibleData("averageLogLikelihood", data, rbm.visible, "binary");
  return noGrad(() => rbm.freeEnergy(data).neg().mean().itemSync()) - logPartition;
}
