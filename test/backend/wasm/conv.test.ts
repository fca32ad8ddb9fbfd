import assert from "node:assert/strict";
import { describe, it } from "node:test";
import type { TensorData } from "../../../src/backend/index.js";
import type { ConvGeometry } from "../../../src/backend/kernels.js";
import { convOutputLength } from "../../../src/ops/index.js";
import { Generator } from "../../../src/tensor/index.js";
import { assertSameData, backendPair, onOneThreadAndWorkers, randomData } from "./compare.js";

interface Layout {
  stride?: number[];
  padding?: number[];
  dilation?: number[];
  groups?: number;
  /** Zeros padded after each dimension, when not as many as before (PyTorch's "same" with an even kernel). */
  padAfter?: number[];
}

function geometryOf(inSize: number[], kernel: number[], layout: Layout = {}): ConvGeometry {
  const ones = kernel.map(() => 1);
  const stride = layout.stride ?? ones;
  const padding = layout.padding ?? kernel.map(() => 0);
  const dilation = layout.dilation ?? ones;
  const after = layout.padAfter ?? padding;
  const outSize = inSize.map((n, i) => convOutputLength(n, kernel[i], stride[i], padding[i], after[i], dilation[i]));
  return { inSize, outSize, kernel, stride, padding, dilation, groups: layout.groups ?? 1 };
}

const tolerance = { rtol: 1e-4, atol: 1e-4 };

describe("wasm convolution kernels against the reference", () => {
  const { wasm, reference } = backendPair();
  const gen = new Generator(17);
  // [name, x shape [N, C, …in], out channels, kernel, layout]
  const cases: [string, number[], number, number[], Layout][] = [
    ["1-D, padded", [2, 3, 17], 4, [3], { padding: [1] }],
    ["1-D, stride 3, dilation 2, 2 groups", [3, 4, 50], 6, [5], { stride: [3], padding: [4], dilation: [2], groups: 2 }],
    ["LeNet conv1 (1→6, 5×5, pad 2, 28×28)", [3, 1, 28, 28], 6, [5, 5], { padding: [2, 2] }],
    ["LeNet conv2 (6→16, 5×5, 14×14)", [3, 6, 14, 14], 16, [5, 5], {}],
    ["stride 2, pad 1, odd sizes", [2, 5, 13, 11], 7, [3, 3], { stride: [2, 2], padding: [1, 1] }],
    ["3×2 kernel, stride [1, 2], pad [2, 1], dilation [2, 1], 3 groups", [2, 6, 12, 15], 9, [3, 2], { stride: [1, 2], padding: [2, 1], dilation: [2, 1], groups: 3 }],
    ["pointwise 1×1", [3, 8, 7, 9], 5, [1, 1], {}],
    ["1×1 with stride 2", [2, 4, 9, 9], 3, [1, 1], { stride: [2, 2] }],
    ["depthwise 3×3", [2, 8, 10, 10], 8, [3, 3], { padding: [1, 1], groups: 8 }],
    ["dilation 2, as wide out as in", [2, 3, 9, 11], 4, [3, 3], { padding: [2, 2], dilation: [2, 2] }],
    ["kernel larger than the input", [1, 2, 3, 3], 2, [5, 5], { padding: [2, 2] }],
    ["fewer zeros after than before", [2, 2, 8, 8], 3, [4, 4], { padding: [2, 1], padAfter: [1, 1] }],
    ["one image, 64→32 3×3 on 40×40 (column tiles, channel blocks)", [1, 64, 40, 40], 32, [3, 3], { padding: [1, 1] }],
    ["one long 1-D signal (tiles within a row)", [1, 16, 3000], 8, [7], { padding: [3], stride: [1] }],
    ["tall kernel, tiles that lie wholly in the padding for some taps", [1, 64, 6, 40], 4, [9, 3], { padding: [4, 1] }],
    ["3-D", [2, 3, 6, 7, 5], 4, [3, 2, 3], { stride: [1, 2, 1], padding: [1, 0, 1] }],
  ];
  cases.forEach(([name, xShape, outChannels, kernel, layout], i) => {
    it(`${name}: conv, convGradInput and convGradWeight`, async () => {
      const [batch, inChannels, ...inSize] = xShape;
      const geometry = geometryOf(inSize, kernel, layout);
      const x = randomData(gen, xShape);
      const weight = randomData(gen, [outChannels, inChannels / geometry.groups, ...kernel], 0.5);
      const bias = i % 2 === 0 ? randomData(gen, [outChannels]) : null;
      const gradOut = randomData(gen, [batch, outChannels, ...geometry.outSize]);
      const expected = {
        out: reference.conv(x, weight, bias, geometry),
        gradInput: reference.convGradInput(gradOut, weight, geometry),
        gradWeight: reference.convGradWeight(x, gradOut, geometry),
      };
      await onOneThreadAndWorkers((threads) => {
        assertSameData(wasm.conv(x, weight, bias, geometry), expected.out, { ...tolerance, what: `conv, ${threads}` });
        assertSameData(wasm.convGradInput(gradOut, weight, geometry), expected.gradInput, { ...tolerance, what: `convGradInput, ${threads}` });
        assertSameData(wasm.convGradWeight(x, gradOut, geometry), expected.gradWeight, { ...tolerance, what: `convGradWeight, ${threads}` });
      });
    });
  });

  // [name, x shape, kernel, layout]
  const windows: [string, number[], number[], Layout][] = [
    ["1-D", [2, 3, 20], [4], { stride: [2], padding: [1] }],
    ["2-D, dilated and strided", [3, 4, 11, 9], [3, 2], { stride: [2, 1], padding: [1, 2], dilation: [2, 3] }],
    ["2-D, many planes", [8, 32, 16, 16], [3, 3], { padding: [1, 1] }],
    ["3-D", [1, 2, 5, 4, 6], [2, 3, 2], { padding: [1, 1, 0] }],
  ];
  for (const [name, xShape, kernel, layout] of windows) {
    it(`${name}: unfold and fold`, async () => {
      const [batch, channels, ...inSize] = xShape;
      const geometry = geometryOf(inSize, kernel, layout);
      const x = randomData(gen, xShape);
      const taps = kernel.reduce((a, b) => a * b, 1);
      const cols = randomData(gen, [batch, channels * taps, geometry.outSize.reduce((a, b) => a * b, 1)]);
      const expected = { unfold: reference.unfold(x, geometry), fold: reference.fold(cols, geometry) };
      await onOneThreadAndWorkers((threads) => {
        assertSameData(wasm.unfold(x, geometry), expected.unfold, { what: `unfold, ${threads}` });
        assertSameData(wasm.fold(cols, geometry), expected.fold, { ...tolerance, what: `fold, ${threads}` });
      });
    });
  }

  it("a second call with the same sizes gives the same result (no state left in kernel memory)", () => {
    const geometry = geometryOf([9, 9], [3, 3], { padding: [1, 1] });
    const x = randomData(gen, [2, 3, 9, 9]);
    const gradOut = randomData(gen, [2, 4, 9, 9]);
    const weight = randomData(gen, [4, 3, 3, 3]);
    const first = [wasm.convGradInput(gradOut, weight, geometry), wasm.convGradWeight(x, gradOut, geometry), wasm.fold(wasm.unfold(x, geometry), geometry)];
    const second = [wasm.convGradInput(gradOut, weight, geometry), wasm.convGradWeight(x, gradOut, geometry), wasm.fold(wasm.unfold(x, geometry), geometry)];
    first.forEach((data, i) => assert.deepEqual(second[i].values, data.values));
  });

  it("leaves float64 and empty convolutions to the reference kernels", () => {
    const geometry = geometryOf([4], [3], { padding: [1] });
    const toDouble = (t: TensorData): TensorData => ({ ...t, dtype: "float64", values: Float64Array.from(t.values) });
    const x = toDouble(randomData(gen, [2, 3, 4]));
    const weight = toDouble(randomData(gen, [5, 3, 3]));
    const out = wasm.conv(x, weight, null, geometry);
    assert.equal(out.dtype, "float64");
    assertSameData(out, reference.conv(x, weight, null, geometry), { what: "float64" });
    const none = randomData(gen, [0, 3, 4]);
    const weight32 = randomData(gen, [5, 3, 3]);
    assertSameData(wasm.conv(none, weight32, null, geometry), reference.conv(none, weight32, null, geometry), { what: "empty batch" });
  });
});
