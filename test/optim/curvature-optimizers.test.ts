import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { manualSeed, optim, randn, tensor, type Tensor } from "../../src/index.js";
import { assertClose } from "../helpers.js";

const H = [0.5, 2, 10];
const TARGET = [1, -2, 3];

/**
 * The diagonal quadratic ½ Σ hᵢ (wᵢ − w*ᵢ − ξᵢ)², ξ ~ N(0, noise²) drawn afresh each step (the
 * paper's noisy quadratic), run for `steps` steps from w = 5; returns w and the optimiser.
 */
function quadratic<O extends optim.Optimizer>(make: (params: Tensor[]) => O, { steps, noise = 0 }: { steps: number; noise?: number }, onStep?: (w: Tensor, opt: O) => void) {
  manualSeed(1);
  const h = tensor(Float64Array.from(H), [3]);
  const target = tensor(Float64Array.from(TARGET), [3]);
  const w = tensor(Float64Array.from([5, 5, 5]), [3], { requiresGrad: true });
  const opt = make([w]);
  for (let t = 0; t < steps; t++) {
    const xi = randn([3], { dtype: "float64" }).mul(noise);
    const loss = w.sub(target).sub(xi).square().mul(h).sum().mul(0.5);
    opt.zeroGrad();
    loss.backward(undefined, { createGraph: true });
    opt.step();
    onStep?.(w, opt);
  }
  return { w, opt };
}

const distances = (w: Tensor) => Array.from(w.values, (v, i) => Math.abs(v - TARGET[i]));

describe("SDLM (stochastic diagonal Levenberg–Marquardt)", () => {
  it("steps each weight by ε/(h + μ) times its gradient, and converges on a quadratic", () => {
    const lr = 0.5;
    const mu = 0.1;
    const { w } = quadratic((p) => new optim.SDLM(p, { lr, mu }), { steps: 1 });
    // one step from 5: w − w* = d·(1 − ε·h/(h + μ)), the curvature being exactly h here
    assertClose(w, H.map((h, i) => TARGET[i] + (5 - TARGET[i]) * (1 - (lr * h) / (h + mu))), { rtol: 1e-12 });
    const end = quadratic((p) => new optim.SDLM(p, { lr, mu }), { steps: 60 }).w;
    assert.ok(distances(end).every((d) => d < 1e-8), `distances ${distances(end)}`);
  });

  it("needs gradients that carry their graph, and sane options", () => {
    const w = tensor([1, 2], [2], { requiresGrad: true });
    const opt = new optim.SDLM([w], { lr: 0.1 });
    w.square().sum().backward();
    assert.throws(() => opt.step(), /SDLM.step: the gradients carry no graph, .*loss.backward\(undefined, \{ createGraph: true \}\) before step\(\)/);
    assert.throws(() => new optim.SDLM([w], { lr: 0.1, mu: 0 }), /SDLM: .*mu/);
  });
});

describe("vSGD (no more pesky learning rates)", () => {
  it("with exact statistics (no slow-start overestimate, no noise) its first rates are the optimal 1/hᵢ: one step lands on the minimum", () => {
    const { w, opt } = quadratic((p) => new optim.VSGD(p, { c: 1 }), { steps: 1 });
    assertClose(opt.state.get(w)!.rate as Tensor, H.map((h) => 1 / h), { rtol: 1e-9 });
    assertClose(w, TARGET, { atol: 1e-9 });
  });

  it("on the noisy quadratic: starts small (slow start), converges, and anneals its rates below 1/hᵢ as the noise dominates", () => {
    const rates: number[][] = [];
    const { w } = quadratic((p) => new optim.VSGD(p), { steps: 400, noise: 1 }, (w, opt) => rates.push(Array.from((opt.state.get(w)!.rate as Tensor).values, (r, i) => r * H[i])));
    // the first step's rates are 1/(c·hᵢ)
    assertClose(rates[0], [0.1, 0.1, 0.1], { rtol: 1e-9 });
    const start = [4, 7, 2];
    distances(w).forEach((d, i) => assert.ok(d < start[i] / 5, `weight ${i}: ${d} from the minimum (started ${start[i]})`));
    // ηᵢ·hᵢ: 1 is the noiseless optimum; with noise the optimum ηᵢ* hᵢ = E[g]²/E[g²] falls towards 0
    assert.ok(rates.at(-1)!.every((r) => r < 0.05), `final ηᵢ·hᵢ ${rates.at(-1)}`);
  });
});
