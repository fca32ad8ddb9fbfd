// Linear interpolation resizes a short axis by a matrix product and a long one (over 64) by gathering
// neighbour rows; both must give PyTorch's values and gradients. The PyTorch fixtures (test/nn/upsample)
// hold only short axes, so here both paths meet exact answers and finite differences.
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { gradcheck, interpolate, randn, tensor, type Tensor } from "../../src/index.js";
import { assertClose } from "../helpers.js";

/** PyTorch's align_corners=false rule written out for one axis of a [1, 1, n] signal. */
function linearResize(values: ArrayLike<number>, outSize: number): number[] {
  const n = values.length;
  return Array.from({ length: outSize }, (_, i) => {
    const source = Math.max(0, ((i + 0.5) * n) / outSize - 0.5);
    const i0 = Math.min(Math.floor(source), n - 1);
    const i1 = Math.min(i0 + 1, n - 1);
    const w = source - i0;
    return values[i0] * (1 - w) + values[i1] * w;
  });
}

const ramp = (n: number): Tensor => tensor(Float64Array.from({ length: n }, (_, i) => i), [1, 1, n]);

describe("interpolate: the matrix (≤ 64) and gather (> 64) paths", () => {
  for (const [inSize, outSize] of [[12, 48], [64, 100], [65, 100], [130, 50]]) {
    it(`resizes ${inSize} → ${outSize} samples as PyTorch's rule`, () => {
      const x = randn([1, 1, inSize], { dtype: "float64" });
      assertClose(interpolate(x, { size: outSize, mode: "linear" }), linearResize(x.values, outSize), { atol: 1e-12 });
    });
  }

  it("with alignCorners, maps a ramp 0 … n−1 exactly onto i·(n − 1)/(m − 1) on either path", () => {
    for (const [n, m] of [[20, 39], [97, 193]]) {
      const y = interpolate(ramp(n), { size: m, mode: "linear", alignCorners: true });
      assertClose(y, Array.from({ length: m }, (_, i) => (i * (n - 1)) / (m - 1)), { atol: 1e-9 });
    }
  });

  it("resizes batches of more rows than one wasm job takes (65,534): 20 maps of 32 channels, 28×28 → 112×112", () => {
    const x = randn([20, 32, 28, 28]);
    const y = interpolate(x, { size: [112, 112], mode: "bilinear" });
    const last = (t: Tensor, side: number) => t.values.subarray(t.size - side * side); // the last channel of the last map
    const source = last(x, 28);
    const columns = Array.from({ length: 28 }, (_, j) => linearResize(Array.from({ length: 28 }, (_, i) => source[i * 28 + j]), 112));
    const expected = Array.from({ length: 112 }, (_, i) => linearResize(columns.map((column) => column[i]), 112)).flat();
    assertClose(Array.from(last(y, 112)), expected, { atol: 1e-5 });
  });

  it("resizes both axes of a bilinear map, one short and one long, and passes gradcheck", () => {
    const x = randn([1, 2, 5, 70], { dtype: "float64" });
    assert.equal(gradcheck((t) => interpolate(t, { size: [9, 80], mode: "bilinear" }), [x]), true);
    const rows = interpolate(x, { size: [9, 80], mode: "bilinear" });
    // bilinear is separable: resizing rows then columns by the 1-D rule gives the same
    const [, , h, w] = x.shape;
    for (let c = 0; c < 2; c++) {
      const byColumns = Array.from({ length: w }, (_, j) => linearResize(Array.from({ length: h }, (_, i) => x.values[(c * h + i) * w + j]), 9));
      for (let i = 0; i < 9; i++) {
        const expected = linearResize(byColumns.map((column) => column[i]), 80);
        assertClose(Array.from(rows.values.subarray((c * 9 + i) * 80, (c * 9 + i + 1) * 80)), expected, { atol: 1e-12 });
      }
    }
  });
});
