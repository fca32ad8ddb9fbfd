import assert from "node:assert/strict";
import { describe, it } from "node:test";
import * as S from "../../src/index.js";
import { defaultGenerator, Generator, manualSeed } from "../../src/index.js";

describe("seeded random numbers", () => {
  it("shuffled puts the items in the order of the permutation the same seed draws, leaving them as they were", () => {
    const items = ["a", "b", "c", "d", "e", "f", "g"];
    const order = new Generator(5).permutation(items.length);
    assert.deepEqual(new Generator(5).shuffled(items), Array.from(order, (k) => items[k]));
    assert.deepEqual([...new Generator(5).shuffled(items)].sort(), items);
    assert.deepEqual(items, ["a", "b", "c", "d", "e", "f", "g"]);
  });

  it("the same seed gives the same values; a different seed different ones", () => {
    const a = S.randn([50], { generator: new Generator(42) });
    const b = S.randn([50], { generator: new Generator(42) });
    const c = S.randn([50], { generator: new Generator(43) });
    assert.deepEqual([...a.values], [...b.values]);
    assert.notDeepEqual([...a.values], [...c.values]);
  });

  it("manualSeed reseeds the default generator used by rand, randn, randint, bernoulli, randperm", () => {
    const draw = () => [
      ...S.rand([3]).values, ...S.randn([3]).values, ...S.randint(0, 10, [3]).values,
      ...S.bernoulli([3], 0.5).values, ...S.randperm(5).values,
    ];
    manualSeed(7);
    const first = draw();
    manualSeed(7);
    assert.deepEqual(draw(), first);
  });

  it("normals have mean ≈ 0 and std ≈ 1 over 10 000 draws; uniforms fill [low, high)", () => {
    const x = S.randn([10000], { generator: new Generator(1), dtype: "float64" });
    // the standard error of the mean is 0.01, of the std about 0.007
    assert.ok(Math.abs(S.mean(x).itemSync()) < 0.04, `mean ${S.mean(x).itemSync()}`);
    assert.ok(Math.abs(S.std(x).itemSync() - 1) < 0.03, `std ${S.std(x).itemSync()}`);
    const scaled = S.randn([10000], { generator: new Generator(2), mean: 5, std: 2, dtype: "float64" });
    assert.ok(Math.abs(S.mean(scaled).itemSync() - 5) < 0.08);
    const u = S.rand([10000], { generator: new Generator(3), low: -2, high: 3, dtype: "float64" });
    assert.ok(S.min(u).itemSync() >= -2 && S.max(u).itemSync() < 3);
    assert.ok(Math.abs(S.mean(u).itemSync() - 0.5) < 0.05);
  });

  it("randint stays in [low, high) and reaches both ends; randperm is a permutation", () => {
    const r = S.randint(-2, 3, [2000], { generator: new Generator(4) });
    assert.equal(r.dtype, "int32");
    assert.deepEqual([...new Set(r.values)].sort(), [-1, -2, 0, 1, 2].sort());
    const p = S.randperm(20, { generator: new Generator(5) });
    assert.deepEqual([...p.values].sort((a, b) => a - b), Array.from({ length: 20 }, (_, i) => i));
  });

  it("bernoulli draws 1 with probability p", () => {
    const b = S.bernoulli([10000], 0.3, { generator: new Generator(6) });
    assert.ok(Math.abs(S.mean(b).itemSync() - 0.3) < 0.02);
  });

  it("getState/setState resume the stream exactly, also after a JSON round trip", () => {
    const g = new Generator(9);
    g.normal(); // leaves a spare normal in the state
    const saved = JSON.parse(JSON.stringify(g.getState())) as (number | null)[];
    const next = [g.normal(), g.normal(), g.uniform()];
    const h = new Generator(0);
    h.setState(saved);
    assert.deepEqual([h.normal(), h.normal(), h.uniform()], next);
    assert.throws(() => h.setState([1, 2]), /Generator.setState: expected 5 numbers, got 2/);
  });

  it("the default generator is exported for checkpointing", () => {
    assert.ok(defaultGenerator instanceof Generator);
  });

  it("rejects bad arguments by name", () => {
    assert.throws(() => S.randint(3, 3, [2]), /randint: high \(3\) must exceed low \(3\)/);
    assert.throws(() => S.bernoulli([2], 1.5), /bernoulli: p must be in \[0, 1\], got 1.5/);
    assert.throws(() => S.randperm(-1), /randperm: n must be a non-negative integer, got -1/);
    assert.throws(() => new Generator(NaN), /manualSeed: seed must be a finite number, got NaN/);
  });
});
