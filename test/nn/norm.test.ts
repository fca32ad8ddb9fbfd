import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { add, full, gradcheck, manualSeed, mul, nn, randn, sum, tensor, type Tensor } from "../../src/index.js";
import { assertClose, assertShape } from "../helpers.js";
import { decode, loadFixture, type EncodedTensor } from "./fixture.js";

const F = nn.functional;
const f64 = { dtype: "float64" } as const;

interface LrnCase {
  size: number;
  options: nn.functional.LocalResponseNormOptions;
  input: EncodedTensor;
  gradOutput: EncodedTensor;
  output: EncodedTensor;
  gradInput: EncodedTensor;
}

describe("LocalResponseNorm matches PyTorch (outputs and gradients)", () => {
  for (const c of loadFixture<LrnCase[]>("../norm/lrn.json")) {
    it(`size ${c.size}, ${JSON.stringify(c.options)} on ${JSON.stringify(c.input.shape)}`, () => {
      const x = decode(c.input).requiresGrad_();
      const y = new nn.LocalResponseNorm(c.size, c.options).forward(x);
      assertClose(y, decode(c.output), { message: "output" });
      y.backward(decode(c.gradOutput));
      assertClose(x.grad!, decode(c.gradInput), { message: "gradInput" });
    });
  }

  it("passes gradcheck (odd and even windows)", () => {
    const x = randn([2, 5, 2, 3], f64);
    assert.equal(gradcheck((t) => F.localResponseNorm(t, 3, { alpha: 0.5, beta: 0.75, k: 1 }), [x]), true);
    assert.equal(gradcheck((t) => F.localResponseNorm(t, 4, { alpha: 2, beta: 1.5, k: 0.5 }), [x]), true);
  });

  it("names what it expected", () => {
    assert.throws(() => F.localResponseNorm(randn([4, 5]), 3), /localResponseNorm: expected an input of 3 or more dimensions \[N, C, …\], got shape \[4, 5\]/);
    assert.throws(() => new nn.LocalResponseNorm(0), /LocalResponseNorm: size must be a positive integer \(the window width\), got 0/);
  });
});

/** A Gaussian-weighted window over space, computed directly in 2-D, independent of the library's separable one. */
function gaussianWindow(size: number, sigma: number): number[][] {
  const r = (size - 1) / 2;
  const w = Array.from({ length: size }, (_, i) => Array.from({ length: size }, (_, j) => Math.exp(-((i - r) ** 2 + (j - r) ** 2) / (2 * sigma * sigma))));
  const total = w.flat().reduce((a, b) => a + b, 0);
  return w.map((row) => row.map((v) => v / total));
}

/**
 * The weighted mean of channel-summed `values` ([N, C, H, W], flat) around (n, h, w): Σ_c Σ_ij w(i,j)/C ·
 * t[n, c, h+i−r, w+j−r] over the positions inside the image, divided by the weight those positions carry.
 */
function localMean(values: ArrayLike<number>, [, c, height, width]: readonly number[], window: number[][], n: number, h: number, w: number): number {
  const r = (window.length - 1) / 2;
  let total = 0;
  let weight = 0;
  for (let i = 0; i < window.length; i++) {
    for (let j = 0; j < window.length; j++) {
      const y = h + i - r;
      const x = w + j - r;
      if (y < 0 || y >= height || x < 0 || x >= width) continue;
      weight += window[i][j];
      for (let ch = 0; ch < c; ch++) total += (window[i][j] / c) * values[((n * c + ch) * height + y) * width + x];
    }
  }
  return total / weight;
}

/** Local contrast normalisation written out position by position, following the documented formula. */
function directLcn(x: Tensor, size: number, sigma: number, eps: number): number[] {
  const [n, c, height, width] = x.shape;
  const window = gaussianWindow(size, sigma);
  const out = new Array<number>(x.size);
  const plane = height * width;
  const v = Array.from(x.values); // centred sample by sample below
  for (let b = 0; b < n; b++) {
    const means = Array.from({ length: plane }, (_, p) => localMean(x.values, x.shape, window, b, Math.floor(p / width), p % width));
    for (let ch = 0; ch < c; ch++) for (let p = 0; p < plane; p++) v[(b * c + ch) * plane + p] -= means[p];
    const squares = v.map((e) => e * e);
    const sigmas = Array.from({ length: plane }, (_, p) => Math.max(Math.sqrt(localMean(squares, x.shape, window, b, Math.floor(p / width), p % width)), eps));
    const average = sigmas.reduce((a, s) => a + s, 0) / plane;
    for (let ch = 0; ch < c; ch++) {
      for (let p = 0; p < plane; p++) out[(b * c + ch) * plane + p] = v[(b * c + ch) * plane + p] / Math.max(average, sigmas[p]);
    }
  }
  return out;
}

describe("LocalContrastNorm", () => {
  it("equals the documented formula computed directly (7×7 default, and 5×5 with sigma 1)", () => {
    manualSeed(11);
    const x = randn([2, 3, 9, 10], f64);
    assertClose(new nn.LocalContrastNorm().forward(x), directLcn(x, 7, 7 / 4, 1e-4), { rtol: 1e-9, atol: 1e-12 });
    assertClose(F.localContrastNorm(x, 5, { sigma: 1 }), directLcn(x, 5, 1, 1e-4), { rtol: 1e-9, atol: 1e-12 });
  });

  it("with divisive: false only removes the Gaussian-weighted local mean (subtractive normalisation)", () => {
    manualSeed(14);
    const x = randn([1, 3, 6, 7], f64);
    const layer = new nn.LocalContrastNorm(5, { sigma: 1, divisive: false });
    const y = layer.forward(x);
    const window = gaussianWindow(5, 1);
    const expected = Array.from(x.values, (v, i) => v - localMean(x.values, x.shape, window, 0, Math.floor((i % 42) / 7), i % 7));
    assertClose(y, expected, { rtol: 1e-9, atol: 1e-12 });
    assert.equal(layer.toString(), "LocalContrastNorm(5, sigma=1.0, eps=0.0001, divisive=False)");
  });

  it("removes the local mean and bounds the local contrast of an unevenly lit image", () => {
    manualSeed(12);
    const [height, width] = [24, 24];
    // smooth uneven lighting (a left-to-right ramp and slow waves down the image) over texture of contrast 0.2 and 3
    const lighting = Array.from({ length: height * width }, (_, p) => 10 * ((p % width) / width) + 4 * Math.sin(Math.floor(p / width) / 5));
    const texture = mul(randn([1, 2, height, width], f64), tensor([[[[0.2]], [[3]]]], f64));
    const x = add(texture, tensor(lighting, [1, 1, height, width], f64));
    const y = F.localContrastNorm(x, 7);
    const window = gaussianWindow(7, 7 / 4);
    const squares = Array.from(y.values, (v) => v * v);
    let inputMeans = 0;
    let outputMeans = 0;
    let worstContrast = 0;
    for (let h = 0; h < height; h++) {
      for (let w = 0; w < width; w++) {
        inputMeans += Math.abs(localMean(x.values, x.shape, window, 0, h, w)) / (height * width);
        outputMeans += Math.abs(localMean(y.values, y.shape, window, 0, h, w)) / (height * width);
        worstContrast = Math.max(worstContrast, Math.sqrt(localMean(squares, y.shape, window, 0, h, w)));
      }
    }
    // measured: local means average 5.9 in and 0.085 out; the output's local RMS peaks at 1.09
    assert.ok(inputMeans > 4, `input's average |local mean| ${inputMeans}`);
    assert.ok(outputMeans < 0.15, `output's average |local mean| ${outputMeans}`);
    assert.ok(worstContrast < 1.5, `largest local RMS of the output ${worstContrast}`);
  });

  it("gives (nearly) zeros, not NaN, on a constant image, with finite gradients", () => {
    const x = full([1, 2, 8, 8], 0.7).requiresGrad_();
    const y = F.localContrastNorm(x);
    // float32 rounding leaves v ≈ 1e-7 where it is exactly 0 in theory; divided by the floor eps = 1e-4 that stays tiny
    assert.ok(y.values.every((v) => Math.abs(v) < 1e-2), "all (nearly) zero");
    sum(mul(y, randn(y.shape))).backward();
    assert.ok(x.grad!.values.every(Number.isFinite), "finite gradient");
  });

  it("passes gradcheck", () => {
    manualSeed(13);
    assert.equal(gradcheck((t) => F.localContrastNorm(t, 3, { sigma: 1 }), [randn([1, 2, 4, 5], f64)]), true);
  });

  it("names what it expected", () => {
    assert.throws(() => F.localContrastNorm(randn([3, 8, 8])), /localContrastNorm: expected an \[N, C, H, W\] input, got shape \[3, 8, 8\]/);
    assert.throws(() => new nn.LocalContrastNorm(6), /LocalContrastNorm: size must be a positive odd integer \(the window width\), got 6/);
  });
});

/** y = x / √(Σ x² over the box (all channels when across) + eps), written out directly. */
function directDivisive(x: Tensor, size: number, across: boolean, eps: number): number[] {
  const [n, c, height, width] = x.shape;
  const r = (size - 1) / 2;
  const at = (b: number, ch: number, h: number, w: number) => x.values[((b * c + ch) * height + h) * width + w];
  const out: number[] = [];
  for (let b = 0; b < n; b++) {
    for (let ch = 0; ch < c; ch++) {
      for (let h = 0; h < height; h++) {
        for (let w = 0; w < width; w++) {
          let total = 0;
          for (let i = Math.max(0, h - r); i <= Math.min(height - 1, h + r); i++) {
            for (let j = Math.max(0, w - r); j <= Math.min(width - 1, w + r); j++) {
              for (const k of across ? Array.from({ length: c }, (_, k) => k) : [ch]) total += at(b, k, i, j) ** 2;
            }
          }
          out.push(at(b, ch, h, w) / Math.sqrt(total + eps));
        }
      }
    }
  }
  return out;
}

describe("DivisiveNorm", () => {
  it("equals x / √(Σ x² over the box + eps), per channel and across channels", () => {
    manualSeed(14);
    const x = randn([2, 3, 5, 6], f64);
    assertClose(new nn.DivisiveNorm(3).forward(x), directDivisive(x, 3, false, 1e-6), { rtol: 1e-9, atol: 1e-12 });
    assertClose(F.divisiveNorm(x, 5, { acrossChannels: true, eps: 0.1 }), directDivisive(x, 5, true, 0.1), { rtol: 1e-9, atol: 1e-12 });
  });

  it("passes gradcheck", () => {
    manualSeed(15);
    const x = randn([1, 2, 4, 4], f64);
    assert.equal(gradcheck((t) => F.divisiveNorm(t, 3), [x]), true);
    assert.equal(gradcheck((t) => F.divisiveNorm(t, 3, { acrossChannels: true }), [x]), true);
  });

  it("keeps the shape, and names what it expected", () => {
    assertShape(new nn.DivisiveNorm(5).forward(randn([2, 4, 3, 3])), [2, 4, 3, 3]);
    assert.throws(() => F.divisiveNorm(randn([2, 4, 3]), 3), /divisiveNorm: expected an \[N, C, H, W\] input, got shape \[2, 4, 3\]/);
    assert.throws(() => new nn.DivisiveNorm(2), /DivisiveNorm: size must be a positive odd integer \(the window width\), got 2/);
  });
});
