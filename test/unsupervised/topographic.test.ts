import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Generator, gradcheck, randn } from "../../src/index.js";
import { TopographicSparseCoding } from "../../src/unsupervised/sparse-coding/index.js";
import { assertClose } from "../helpers.js";

describe("topographic (group) sparsity", () => {
  const coder = new TopographicSparseCoding(6, 4, 5, { lambda: 0.3, groupSize: 3, smoothing: 0.01 });
  const z = randn([2, 20], { generator: new Generator(4) });

  it("penalty = λ Σ_i √(Σ_{j in the 3×3 torus window around i} z_j² + ε), by hand", () => {
    const expected = [0, 1].map((n) => {
      let total = 0;
      for (let r = 0; r < 4; r++) for (let c = 0; c < 5; c++) {
        let s = 0;
        for (let dr = -1; dr <= 1; dr++) for (let dc = -1; dc <= 1; dc++) s += z.values[n * 20 + ((r + dr + 4) % 4) * 5 + ((c + dc + 5) % 5)] ** 2;
        total += Math.sqrt(s + 0.01);
      }
      return 0.3 * total;
    });
    assertClose(coder.penalty(z), expected, { rtol: 1e-5 });
  });

  it("is differentiable (finite differences), and its prox is the majorize–minimize step at `from`: v / (1 + step·w), w_j = λ Σ_{groups ∋ j} 1/√(s_i(from) + ε)", () => {
    gradcheck((codes) => coder.penalty(codes), [z]);
    const from = randn([2, 20], { generator: new Generator(6) });
    const v = randn([2, 20], { generator: new Generator(7) });
    const norms = coder.groupNorms(from).values;
    const expected = Array.from({ length: 40 }, (_, k) => {
      const n = Math.floor(k / 20);
      const [r, c] = [Math.floor((k % 20) / 5), k % 5];
      let w = 0;
      for (let dr = -1; dr <= 1; dr++) for (let dc = -1; dc <= 1; dc++) w += 1 / norms[n * 20 + ((r + dr + 4) % 4) * 5 + ((c + dc + 5) % 5)];
      return v.values[k] / (1 + 0.1 * 0.3 * w);
    });
    assertClose(coder.penaltyProx(v, 0.1, from), expected, { rtol: 1e-5 });
    // the quadratic whose prox it is lies above the penalty everywhere and touches it at `from`
    const weights = v.div(coder.penaltyProx(v, 1, from)).sub(1);
    const bound = (codes: typeof z) => coder.penalty(from).add(weights.mul(codes.square().sub(from.square())).sum(1).mul(0.5));
    for (const seed of [8, 9, 10]) {
      const other = randn([2, 20], { generator: new Generator(seed) });
      coder.penalty(other).values.forEach((p, n) => assert.ok(p <= bound(other).values[n] + 1e-5, `penalty ${p} above its majorizer ${bound(other).values[n]}`));
    }
    assertClose(bound(from), coder.penalty(from), { rtol: 1e-6 });
  });

  it("ISTA's energy never rises on the smoothed penalty, FISTA reaches as low, and groupSize must be odd and fit the grid", () => {
    const y = randn([3, 6], { generator: new Generator(5) });
    const energies = [coder.energy(y, coder.zeroCode(y)).sum().itemSync()];
    coder.infer(y, { method: "ista", iterations: 50, onIteration: (_, codes) => energies.push(coder.energy(y, codes).sum().itemSync()) });
    energies.forEach((e, i) => i > 0 && assert.ok(e <= energies[i - 1] + 1e-5, `energy rose at iteration ${i}`));
    const fista = coder.energy(y, coder.infer(y, { iterations: 200 })).sum().itemSync();
    assert.ok(fista <= energies[50] + 1e-5 && energies[0] > fista + 0.1, `FISTA(200) ${fista}, at zero ${energies[0]}, ISTA(50) ${energies[50]}`);
    assert.throws(() => new TopographicSparseCoding(6, 4, 5, { groupSize: 2 }), /groupSize must be an odd integer from 1 to min\(rows, cols\) = 4, got 2/);
    assert.throws(() => new TopographicSparseCoding(6, 4, 5, { lambda: -1 }), /lambda .* got -1/);
  });
});

describe("neighbourSimilarity", () => {
  it("averages |cosine| over right and down torus neighbours, and over all pairs", () => {
    const coder = new TopographicSparseCoding(2, 2, 3, { groupSize: 1 });
    // atoms at angles: row 0 = 0°, 10°, 20°; row 1 = 90°, 100°, 110°
    const angles = [0, 10, 20, 90, 100, 110].map((d) => (d * Math.PI) / 180);
    coder.weight.values.set(angles.flatMap((a) => [Math.cos(a), Math.sin(a)]));
    const cos = (a: number, b: number) => Math.abs(Math.cos(angles[a] - angles[b]));
    const right = [cos(0, 1), cos(1, 2), cos(2, 0), cos(3, 4), cos(4, 5), cos(5, 3)];
    const down = [cos(0, 3), cos(1, 4), cos(2, 5), cos(3, 0), cos(4, 1), cos(5, 2)];
    let all = 0;
    for (let i = 0; i < 6; i++) for (let j = 0; j < 6; j++) if (i !== j) all += cos(i, j);
    const { neighbours, allPairs } = coder.neighbourSimilarity();
    assertClose(neighbours, [...right, ...down].reduce((s, v) => s + v) / 12, { rtol: 1e-5 });
    assertClose(allPairs, all / 30, { rtol: 1e-5 });
  });
});
