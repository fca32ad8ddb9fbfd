import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Generator } from "../../../src/index.js";
import { search } from "../../../src/train/index.js";

const { choice, intUniform, logUniform, sampleConfig, sampleParam, uniform } = search;
const draws = (param: search.Param, n: number, seed = 7) => {
  const g = new Generator(seed);
  return Array.from({ length: n }, () => sampleParam(param, g) as number);
};

describe("search spaces: sampling", () => {
  it("logUniform gives every decade the same share (a uniform draw would put 90% in the last)", () => {
    const values = draws(logUniform(1e-4, 1), 20000);
    assert.ok(values.every((v) => v >= 1e-4 && v < 1));
    const decades = [0, 0, 0, 0];
    for (const v of values) decades[Math.floor(Math.log10(v) + 4)]++;
    for (const count of decades) assert.ok(Math.abs(count / values.length - 0.25) < 0.015, `decade shares ${decades.map((c) => c / values.length)}`);
    // the same statistic on uniform(1e-4, 1) fails: the check above can tell the two apart
    const flat = draws(uniform(1e-4, 1), 20000).filter((v) => v < 1e-3).length / 20000;
    assert.ok(flat < 0.01, `uniform puts ${flat} below 1e-3`);
  });

  it("uniform stays in [low, high) with its mean in the middle", () => {
    const values = draws(uniform(0.8, 0.97), 20000);
    assert.ok(values.every((v) => v >= 0.8 && v < 0.97));
    const mean = values.reduce((a, b) => a + b, 0) / values.length;
    assert.ok(Math.abs(mean - 0.885) < 0.002, `mean ${mean}`);
  });

  it("intUniform gives each integer of [low, high], both ends included, the same share", () => {
    const counts = new Map<number, number>();
    for (const v of draws(intUniform(2, 5), 20000)) counts.set(v, (counts.get(v) ?? 0) + 1);
    assert.deepEqual([...counts.keys()].sort(), [2, 3, 4, 5]);
    for (const c of counts.values()) assert.ok(Math.abs(c / 20000 - 0.25) < 0.015, `counts ${[...counts]}`);
  });

  it("choice picks each option equally often, and samples an option that is itself a distribution", () => {
    const values = draws(choice([0, logUniform(1e-5, 1e-3)]), 20000);
    const zeros = values.filter((v) => v === 0).length / values.length;
    assert.ok(Math.abs(zeros - 0.5) < 0.015, `zeros ${zeros}`);
    assert.ok(values.filter((v) => v !== 0).every((v) => v >= 1e-5 && v < 1e-3));
    assert.deepEqual(new Set(draws(choice(["sgd", "adam"]), 100) as unknown as string[]), new Set(["sgd", "adam"]));
  });

  it("the same seed draws the same configurations, another seed others, whatever order the space lists its settings in", () => {
    const space = { lr: logUniform(1e-3, 0.1), batchSize: choice([32, 64, 128]), momentum: uniform(0.8, 0.99) };
    const reordered = { momentum: space.momentum, batchSize: space.batchSize, lr: space.lr };
    const run = (s: search.SearchSpace, seed: number) => {
      const g = new Generator(seed);
      return Array.from({ length: 5 }, () => sampleConfig(s, g));
    };
    assert.deepEqual(run(space, 1), run(space, 1));
    assert.deepEqual(run(reordered, 1), run(space, 1));
    assert.notDeepEqual(run(space, 2), run(space, 1));
    assert.deepEqual(Object.keys(run(space, 1)[0]), ["batchSize", "lr", "momentum"]);
  });

  it("constants pass through unchanged", () => {
    assert.deepEqual(sampleConfig({ momentum: 0.9, optimizer: "adam", augment: false }, new Generator(1)), { augment: false, momentum: 0.9, optimizer: "adam" });
  });
});

describe("search spaces: declaring", () => {
  it("refuses bounds that cannot be sampled, saying what to do", () => {
    assert.throws(() => logUniform(0, 1), { name: "RangeError", message: /logUniform\(0, 1\): the bounds must be positive \(use choice\(0, logUniform/ });
    assert.throws(() => uniform(1, 1), { name: "RangeError", message: /uniform\(1, 1\): expected finite bounds with low < high/ });
    assert.throws(() => intUniform(0.5, 3), { message: /intUniform\(0.5, 3\): the bounds must be integers/ });
    assert.throws(() => choice([]), { message: /choice\(\): expected at least one option/ });
  });

  it("extremes lists the edges of every range and option, for checking a space against a setting", () => {
    assert.deepEqual(search.extremes(choice([0, logUniform(1e-5, 1e-3), 7])), [0, 1e-5, 1e-3, 7]);
    assert.deepEqual(search.extremes(0.9), [0.9]);
  });

  it("describeParam writes what parseSpace reads back", () => {
    const space = { lr: logUniform(0.005, 0.2), weightDecay: choice([0, logUniform(1e-5, 1e-3)]), batchSize: choice([32, 64]), epochsX: intUniform(1, 3), dropout: uniform(0, 0.3), optimizer: "adam" };
    const text = Object.entries(space).map(([k, p]) => `${k}=${search.describeParam(p)}`).join("; ");
    assert.deepEqual(search.parseSpace(text), space);
  });
});
