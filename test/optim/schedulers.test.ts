import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { optim, zeros } from "../../src/index.js";
import { assertClose } from "../helpers.js";
import { loadFixture } from "./fixtures.js";

interface ScheduleCase {
  scheduler: string;
  options: Record<string, unknown> & { after?: Record<string, number> };
  lrs: number[][];
}
interface PlateauCase {
  options: optim.ReduceLROnPlateauOptions;
  metrics: number[];
  lrs: number[][];
}
const fixture = loadFixture<{ lrs: number[]; schedules: ScheduleCase[]; plateaus: PlateauCase[] }>("schedulers.json");

/** An SGD with two parameter groups at the fixture's learning rates (0.1 and 0.01). */
function twoGroups(): optim.SGD {
  return new optim.SGD(fixture.lrs.map((lr) => ({ params: [zeros([1], { requiresGrad: true })], lr })), { lr: fixture.lrs[0] });
}

function makeScheduler(opt: optim.Optimizer, c: ScheduleCase): optim.LRScheduler {
  const o = c.options as never;
  switch (c.scheduler) {
    case "StepLR": return new optim.StepLR(opt, o);
    case "MultiStepLR": return new optim.MultiStepLR(opt, o);
    case "ExponentialLR": return new optim.ExponentialLR(opt, o);
    case "CosineAnnealingLR": return new optim.CosineAnnealingLR(opt, o);
    case "InverseTimeLR": return new optim.InverseTimeLR(opt, o);
    case "LinearWarmup": return new optim.LinearWarmup(opt, o);
    case "LinearWarmup+CosineAnnealingLR": {
      const after = new optim.CosineAnnealingLR(opt, c.options.after as never);
      return new optim.LinearWarmup(opt, { ...c.options, after } as never);
    }
    default: throw new Error(`no scheduler ${c.scheduler}`);
  }
}

/** The lrs of both groups after construction and after each of the fixture's steps. */
function lrSequence(opt: optim.Optimizer, steps: number, step: (t: number) => void): number[][] {
  const seq = [opt.paramGroups.map((g) => g.lr)];
  for (let t = 0; t < steps; t++) {
    step(t);
    seq.push(opt.paramGroups.map((g) => g.lr));
  }
  return seq;
}

describe("learning-rate schedulers match PyTorch 1.13", () => {
  for (const c of fixture.schedules) {
    it(`${c.scheduler} ${JSON.stringify(c.options)}, two groups keeping their ratio`, () => {
      const opt = twoGroups();
      const scheduler = makeScheduler(opt, c);
      const seq = lrSequence(opt, c.lrs.length - 1, () => scheduler.step());
      assertClose(seq.flat(), c.lrs.flat());
      assertClose(scheduler.getLastLr(), c.lrs[c.lrs.length - 1]);
    });
  }

  for (const c of fixture.plateaus) {
    it(`ReduceLROnPlateau ${JSON.stringify(c.options)}`, () => {
      const opt = twoGroups();
      const scheduler = new optim.ReduceLROnPlateau(opt, c.options);
      const seq = lrSequence(opt, c.metrics.length, (t) => scheduler.step(c.metrics[t]));
      assertClose(seq.flat(), c.lrs.flat());
    });
  }
});

describe("scheduler state", () => {
  it("InverseTimeLR is η / max(1, t/T)", () => {
    const opt = new optim.SGD([zeros([1])], { lr: 0.3 });
    const scheduler = new optim.InverseTimeLR(opt, { T: 10 });
    const seq = lrSequence(opt, 40, () => scheduler.step()).map(([lr]) => lr);
    assertClose([seq[0], seq[10], seq[20], seq[40]], [0.3, 0.3, 0.15, 0.075]);
  });

  it("a closed-form scheduler resumes from its state dict (through JSON) at the same lr", () => {
    const c = fixture.schedules.find((s) => s.scheduler === "LinearWarmup+CosineAnnealingLR")!;
    const first = twoGroups();
    const scheduler = makeScheduler(first, c);
    for (let t = 0; t < 6; t++) scheduler.step();
    const saved = JSON.parse(JSON.stringify({ optimizer: first.stateDict(), scheduler: scheduler.stateDict() }));

    const second = twoGroups();
    const resumed = makeScheduler(second, c);
    second.loadStateDict(saved.optimizer);
    resumed.loadStateDict(saved.scheduler);
    assertClose(resumed.getLastLr(), c.lrs[6]);
    const seq = lrSequence(second, 4, () => resumed.step());
    assertClose(seq.flat(), c.lrs.slice(6, 11).flat());
  });

  it("ReduceLROnPlateau resumes its counters and best metric (an infinite best survives JSON as null)", () => {
    const c = fixture.plateaus[0];
    const fresh = new optim.ReduceLROnPlateau(twoGroups(), c.options);
    assert.equal(JSON.parse(JSON.stringify(fresh.stateDict())).best, null);

    const first = twoGroups();
    const scheduler = new optim.ReduceLROnPlateau(first, c.options);
    for (let t = 0; t < 8; t++) scheduler.step(c.metrics[t]);
    const saved = JSON.parse(JSON.stringify({ optimizer: first.stateDict(), scheduler: scheduler.stateDict() }));
    const second = twoGroups();
    const resumed = new optim.ReduceLROnPlateau(second, c.options);
    second.loadStateDict(saved.optimizer);
    resumed.loadStateDict(saved.scheduler);
    const seq = lrSequence(second, c.metrics.length - 8, (t) => resumed.step(c.metrics[8 + t]));
    assertClose(seq.flat(), c.lrs.slice(8).flat());
  });
});

describe("scheduler errors", () => {
  const opt = () => new optim.SGD([zeros([1])], { lr: 0.1 });
  it("names the scheduler, the option and the value", () => {
    assert.throws(() => new optim.StepLR(opt(), { stepSize: 0 }), /StepLR: stepSize must be an integer ≥ 1, got 0/);
    assert.throws(() => new optim.ExponentialLR(opt(), { gamma: -0.5 }), /ExponentialLR: gamma must be a number ≥ 0, got -0\.5/);
    assert.throws(() => new optim.CosineAnnealingLR(opt(), { tMax: 2.5 }), /CosineAnnealingLR: tMax must be an integer ≥ 1, got 2\.5/);
    assert.throws(() => new optim.InverseTimeLR(opt(), { T: 0 }), /InverseTimeLR: T must be a number > 0, got 0/);
    assert.throws(() => new optim.LinearWarmup(opt(), { warmupSteps: 5, startFactor: 2 }), /LinearWarmup: startFactor must be a number in \[0, 1\], got 2/);
    assert.throws(() => new optim.LinearWarmup(opt(), { warmupSteps: 5, after: new optim.StepLR(opt(), { stepSize: 2 }) }), /LinearWarmup: the `after` scheduler belongs to a different optimiser/);
    assert.throws(() => new optim.ReduceLROnPlateau(opt(), { factor: 1 }), /ReduceLROnPlateau: factor must be a number in \[0, 1\), got 1/);
    assert.throws(() => new optim.ReduceLROnPlateau(opt(), { mode: "lowest" as never }), /ReduceLROnPlateau: mode must be one of "min", "max", got "lowest"/);
    assert.throws(() => new optim.ReduceLROnPlateau(opt(), { minLr: [0, 0] }), /ReduceLROnPlateau: minLr has 2 values but the optimiser has 1 parameter groups/);
    assert.throws(() => new optim.ReduceLROnPlateau(opt()).step(Number.NaN), /ReduceLROnPlateau\.step: the metric must be a number, got NaN/);
    assert.throws(() => new optim.StepLR(opt(), { stepSize: 2 }).loadStateDict({ lastEpoch: -1 }), /StepLR\.loadStateDict: lastEpoch must be an integer ≥ 0, got -1/);
  });
});
