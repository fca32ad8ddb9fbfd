import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { conv, Generator, gradcheck, index, manualSeed, nn, randn, reshape, type Tensor } from "../../src/index.js";
import { assertClose, assertShape } from "../helpers.js";

const f64 = { dtype: "float64" } as const;
const seeded = (seed: number) => ({ ...f64, generator: new Generator(seed) });

/**
 * The tiled convolution by its definition: for every bank (a, b), an ordinary convolution with that
 * bank's filters, read only at the output positions (i, j) with i mod tileH = a and j mod tileW = b.
 */
function tiledByDefinition(x: Tensor, weight: Tensor, options: { stride?: number; padding?: number }): number[][][][] {
  const [tileH, tileW, outChannels, inChannels, kh, kw] = weight.shape;
  const banks = Array.from({ length: tileH }, (_, a) =>
    Array.from({ length: tileW }, (_, b) => conv(x, reshape(index(weight, a, b), [outChannels, inChannels, kh, kw]), null, options).toArray() as number[][][][]),
  );
  const full = banks[0][0];
  return full.map((sample, n) => sample.map((plane, o) => plane.map((row, i) => row.map((_, j) => banks[i % tileH][j % tileW][n][o][i][j]))));
}

describe("TiledConv2d", () => {
  it("uses bank (i mod n, j mod n) at output position (i, j), also where the output is not a whole number of tiles", () => {
    const x = randn([2, 3, 8, 7], f64);
    const layer = new nn.TiledConv2d(3, 4, 3, 2, { stride: 1, padding: 1, bias: false });
    const w = randn([2, 2, 4, 3, 3, 3], f64);
    const y = nn.functional.tiledConv2d(x, w, null, { padding: 1 });
    assertShape(y, [2, 4, 8, 7]);
    assertClose(y, tiledByDefinition(x, w, { padding: 1 }).flat(3), { rtol: 1e-12, atol: 1e-12 });
    assertShape(layer.weight, [2, 2, 4, 3, 3, 3]);
    assertShape(layer.forward(randn([2, 3, 8, 7])), [2, 4, 8, 7]);
  });

  it("with a 3×2 tile and stride 2 matches the definition", () => {
    const x = randn([1, 2, 11, 9], f64);
    const w = randn([3, 2, 2, 2, 3, 3], f64);
    assertClose(nn.functional.tiledConv2d(x, w, null, { stride: 2 }), tiledByDefinition(x, w, { stride: 2 }).flat(3), { rtol: 1e-12, atol: 1e-12 });
  });

  it("with a 1×1 tile is an ordinary convolution (bias [outChannels], shared)", () => {
    const x = randn([2, 3, 6, 6]);
    const layer = new nn.TiledConv2d(3, 5, 3, 1);
    assertShape(layer.bias!, [5]);
    const expected = conv(x, reshape(layer.weight, [5, 3, 3, 3]), layer.bias);
    assertClose(layer.forward(x), expected);
  });

  it("passes gradcheck through input, weight and bias", () => {
    const fn = (x: Tensor, w: Tensor, b: Tensor) => nn.functional.tiledConv2d(x, w, b, { stride: 2, padding: 1 });
    assert.equal(gradcheck(fn, [randn([1, 2, 5, 6], seeded(1)), randn([2, 2, 2, 2, 2, 2], seeded(2)), randn([2], seeded(3))]), true);
  });

  it("prints its tile and checks its weight", () => {
    assert.equal(String(new nn.TiledConv2d(1, 4, 5, 2)), "TiledConv2d(1, 4, kernel_size=(5, 5), stride=(1, 1), tile_size=(2, 2))");
    assert.throws(() => nn.functional.tiledConv2d(randn([1, 2, 5, 5]), randn([2, 2, 3, 3])), /tiledConv2d: weight must be 6-D \[tileH, tileW, outChannels, inChannels, kh, kw\]/);
    assert.throws(() => nn.functional.tiledConv2d(randn([1, 3, 5, 5]), randn([2, 2, 1, 2, 3, 3])), /tiledConv2d: input must be \[N, 2, H, W\] to match weight of shape \[2, 2, 1, 2, 3, 3\], got \[1, 3, 5, 5\]/);
  });
});

describe("LocallyConnected2d", () => {
  it("gives every output position its own filters: weight [outH, outW, out, in, kh, kw], bias [out, outH, outW]", () => {
    const layer = new nn.LocallyConnected2d(2, 3, [6, 5], 3, { stride: [1, 2] });
    assertShape(layer.weight, [4, 2, 3, 2, 3, 3]);
    assertShape(layer.bias!, [3, 4, 2]);
    assert.deepEqual(layer.outputShape([7, 2, 6, 5]), [7, 3, 4, 2]);
    const x = randn([2, 2, 6, 5]);
    const y = layer.forward(x);
    assertShape(y, [2, 3, 4, 2]);
    // output (n, o, i, j) = Σ weight[i, j, o] · the window at (i, j) + bias[o, i, j]
    const [i, j] = [2, 1];
    const window = index(x, null, null, [i, i + 3], [2 * j, 2 * j + 3]);
    for (let o = 0; o < 3; o++) {
      const filter = index(layer.weight, i, j, o);
      for (let n = 0; n < 2; n++) {
        const expected = Array.from(index(window, n).values).reduce((s, v, k) => s + v * filter.values[k], 0) + index(layer.bias!, o, i, j).itemSync();
        assertClose(index(y, n, o, i, j).itemSync(), expected);
      }
    }
  });

  it("with the same filters everywhere is a convolution with a per-position bias", () => {
    const x = randn([2, 2, 5, 5]);
    const layer = new nn.LocallyConnected2d(2, 3, 5, 3, { padding: 1 });
    const shared = randn([3, 2, 3, 3]);
    for (let p = 0; p < 25; p++) layer.weight.values.set(shared.values, p * shared.size);
    assertClose(layer.forward(x), conv(x, shared, null, { padding: 1 }).add(layer.bias!));
  });

  it("passes gradcheck through input, weight and bias", () => {
    const fn = (x: Tensor, w: Tensor, b: Tensor) => nn.functional.locallyConnected2d(x, w, b, { padding: 1, stride: 2 });
    assert.equal(gradcheck(fn, [randn([2, 2, 4, 5], seeded(4)), randn([2, 3, 2, 2, 3, 3], seeded(5)), randn([2, 2, 3], seeded(6))]), true);
  });

  it("initialises weight and bias in U(±1/√(inChannels·kh·kw)), as a convolution", () => {
    manualSeed(11);
    const layer = new nn.LocallyConnected2d(4, 8, 10, 5);
    const bound = 1 / Math.sqrt(4 * 25);
    for (const p of layer.parameters()) {
      const values = Array.from(p.values);
      assert.ok(values.every((v) => Math.abs(v) <= bound) && Math.max(...values) > 0.9 * bound && Math.min(...values) < -0.9 * bound);
    }
  });

  it("takes only inputs of the size it was built for, and says so", () => {
    const layer = new nn.LocallyConnected2d(1, 2, [6, 6], 3);
    assert.equal(String(layer), "LocallyConnected2d(1, 2, kernel_size=(3, 3), stride=(1, 1), input_size=(6, 6))");
    assert.throws(() => layer.forward(randn([1, 1, 7, 6])), /LocallyConnected2d: input must be \[N, 1, 6, 6\] \(its filters belong to positions\), got \[1, 1, 7, 6\]/);
    assert.throws(() => nn.functional.locallyConnected2d(randn([1, 1, 6, 6]), randn([3, 3, 2, 1, 3, 3])), /locallyConnected2d: weight of shape \[3, 3, 2, 1, 3, 3\] has filters for 3×3 positions, but input \[1, 1, 6, 6\] gives a 4×4 output/);
  });

  it("reports an inexact tiling, and refuses it when strict", () => {
    const layer = new nn.LocallyConnected2d(1, 1, 7, 3, { stride: 3, strict: true });
    assert.match(layer.tilingProblem([1, 1, 7, 7]) ?? "", /^LocallyConnected2d\(.*\): a 3×3 window with stride 3×3 .* \(7 − 3 \+ 2·0\)\/3 \+ 1 = 2\.33/);
    assert.throws(() => layer.forward(randn([1, 1, 7, 7])), /does not tile the 7×7 input/);
  });
});
