/** Pooling against PyTorch: outputs, switches and gradients read from test/fixtures/pool/ (fixtures_pool.py). */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { nn, type Tensor } from "../../src/index.js";
import { assertClose } from "../helpers.js";
import { decode, type EncodedTensor } from "./fixture.js";

interface PoolCase {
  options: Record<string, unknown>;
  input: EncodedTensor;
  output: EncodedTensor;
  gradOutput: EncodedTensor;
  gradInput: EncodedTensor;
  indices?: EncodedTensor;
  dims: 1 | 2 | 3;
  kernel: number | number[];
  p?: number;
  kind?: "avg" | "max";
  outputSize?: (number | null)[];
}

function load<T>(name: string): T {
  return JSON.parse(readFileSync(new URL(`../../../test/fixtures/pool/${name}`, import.meta.url), "utf8")) as T;
}

const F = nn.functional;
const label = (c: PoolCase) => `${c.dims}d, input ${JSON.stringify(c.input.shape)}, kernel ${JSON.stringify(c.kernel)}, ${JSON.stringify(c.options)}`;

/** Run fn on the fixture's input, compare the output (and switches) and the input gradient with PyTorch's. */
function check(c: PoolCase, fn: (x: Tensor) => Tensor | { output: Tensor; indices: Tensor }): void {
  const x = decode(c.input).requiresGrad_();
  const result = fn(x);
  const output = "output" in result ? result.output : result;
  assertClose(output, decode(c.output), { message: "output" });
  if (c.indices) {
    assert.ok("indices" in result, "switches returned");
    assert.deepEqual(Array.from(result.indices.values), c.indices.values, "switches (flat indices into each input plane)");
  }
  output.backward(decode(c.gradOutput));
  assertClose(x.grad!, decode(c.gradInput), { message: "input gradient" });
}

describe("max pooling matches PyTorch (values, switches, gradients)", () => {
  const fns = { 1: F.maxPool1d, 2: F.maxPool2d, 3: F.maxPool3d };
  for (const c of load<PoolCase[]>("max_pool.json")) {
    it(label(c), () => check(c, (x) => fns[c.dims](x, c.kernel, { ...c.options, returnIndices: true })));
  }

  it("through the layers, whose `indices` keep the switches when returnIndices is set", () => {
    const layers = { 1: nn.MaxPool1d, 2: nn.MaxPool2d, 3: nn.MaxPool3d };
    for (const c of load<PoolCase[]>("max_pool.json")) {
      const layer = new layers[c.dims](c.kernel, { ...c.options, returnIndices: true });
      check(c, (x) => ({ output: layer.forward(x), indices: layer.indices! }));
      const plain = new layers[c.dims](c.kernel, c.options);
      plain.forward(decode(c.input));
      assert.equal(plain.indices, null, "no switches kept without returnIndices");
    }
  });
});

describe("average pooling matches PyTorch (countIncludePad both ways, ceil mode, divisorOverride)", () => {
  const fns = { 1: F.avgPool1d, 2: F.avgPool2d, 3: F.avgPool3d };
  const layers = { 1: nn.AvgPool1d, 2: nn.AvgPool2d, 3: nn.AvgPool3d };
  for (const c of load<PoolCase[]>("avg_pool.json")) {
    it(label(c), () => {
      check(c, (x) => fns[c.dims](x, c.kernel, c.options));
      check(c, (x) => new layers[c.dims](c.kernel, c.options).forward(x));
    });
  }
});

describe("Lp pooling matches PyTorch's lp_pool", () => {
  const fns = { 1: F.lpPool1d, 2: F.lpPool2d, 3: null };
  const layers = { 1: nn.LPPool1d, 2: nn.LPPool2d, 3: null };
  for (const c of load<PoolCase[]>("lp_pool.json")) {
    it(`p = ${c.p}, ${label(c)}`, () => {
      check(c, (x) => fns[c.dims]!(x, c.p!, c.kernel, c.options));
      check(c, (x) => new layers[c.dims]!(c.p!, c.kernel, c.options).forward(x));
    });
  }
});

describe("adaptive pooling matches PyTorch (start ⌊o·n/m⌋, end ⌈(o+1)·n/m⌉)", () => {
  const avg = { 1: nn.AdaptiveAvgPool1d, 2: nn.AdaptiveAvgPool2d, 3: nn.AdaptiveAvgPool3d };
  const max = { 1: nn.AdaptiveMaxPool1d, 2: nn.AdaptiveMaxPool2d, 3: nn.AdaptiveMaxPool3d };
  for (const c of load<PoolCase[]>("adaptive_pool.json")) {
    it(`${c.kind}, ${c.dims}d, input ${JSON.stringify(c.input.shape)} → ${JSON.stringify(c.outputSize)}`, () => {
      const size = c.dims === 1 ? c.outputSize![0]! : c.outputSize!;
      if (c.kind === "avg") {
        check(c, (x) => new avg[c.dims](size).forward(x));
      } else {
        check(c, (x) => new max[c.dims](size).forwardWithIndices(x));
        const layer = new max[c.dims](size, { returnIndices: true });
        check(c, (x) => ({ output: layer.forward(x), indices: layer.indices! }));
      }
    });
  }
});

describe("max unpooling matches PyTorch", () => {
  const fns = { 1: F.maxUnpool1d, 2: F.maxUnpool2d, 3: F.maxUnpool3d };
  const layers = { 1: nn.MaxUnpool1d, 2: nn.MaxUnpool2d, 3: nn.MaxUnpool3d };
  for (const c of load<PoolCase[]>("max_unpool.json")) {
    it(label(c), () => {
      const indices = decode(c.indices!);
      const { outputSize, ...window } = c.options as { outputSize?: number[] };
      check({ ...c, indices: undefined }, (x) => fns[c.dims](x, indices, c.kernel, c.options));
      const layer = new layers[c.dims](c.kernel, window);
      check({ ...c, indices: undefined }, (x) => (outputSize ? layer.forwardToSize(x, indices, outputSize) : layer.forward(x, indices)));
    });
  }
});

interface FormulaCases {
  logSumExpPool2d: PoolCase[];
  stochasticPool2dEval: PoolCase[];
  featureL2Pool: PoolCase[];
  maxout: PoolCase[];
}

describe("poolings PyTorch lacks, against torch implementations of their formulas", () => {
  const cases = load<FormulaCases>("formulas.json");
  for (const c of cases.logSumExpPool2d) {
    it(`LogSumExpPool2d ${JSON.stringify(c.options)}`, () => {
      const { kernel, ...options } = c.options as { kernel: number; b: number; stride?: number; mean?: boolean };
      check(c, (x) => F.logSumExpPool2d(x, kernel, options));
      check(c, (x) => new nn.LogSumExpPool2d(kernel, options).forward(x));
    });
  }
  for (const c of cases.stochasticPool2dEval) {
    it("StochasticPool2d in evaluation: Σa²/Σa per window (0 for a window without positive values)", () => {
      const kernel = c.options.kernel as number;
      check(c, (x) => F.stochasticPool2d(x, kernel, { training: false }));
      check(c, (x) => new nn.StochasticPool2d(kernel).eval().forward(x));
    });
  }
  for (const c of cases.featureL2Pool) {
    it("FeatureL2Pool: √Σx² over groups of adjacent channels", () => {
      check(c, (x) => F.featureL2Pool(x, c.options.size as number));
      check(c, (x) => new nn.FeatureL2Pool(c.options.size as number).forward(x));
    });
  }
  for (const c of cases.maxout) {
    it(`Maxout over ${c.options.pieces} pieces, input ${JSON.stringify(c.input.shape)}`, () => {
      check(c, (x) => F.maxout(x, c.options.pieces as number));
      check(c, (x) => new nn.Maxout(c.options.pieces as number).forward(x));
    });
  }
});
