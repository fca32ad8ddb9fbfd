import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { Generator, randint, randn, type Tensor } from "../../src/index.js";
import { kernels } from "../../src/backend/index.js";
import { assertClose } from "../helpers.js";

/** op(A) · op(B) by the definition, one dot product per output, in float64. */
function naiveProduct(a: Tensor, b: Tensor, transA: boolean, transB: boolean): number[] {
  const [ra, ca] = a.shape.slice(-2);
  const [rb, cb] = b.shape.slice(-2);
  const m = transA ? ca : ra;
  const k = transA ? ra : ca;
  const n = transB ? rb : cb;
  const out: number[] = [];
  for (let i = 0; i < m; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let p = 0; p < k; p++) s += a.values[transA ? p * ca + i : i * ca + p] * b.values[transB ? j * cb + p : p * cb + j];
      out.push(s);
    }
  }
  return out;
}

const stored = (rows: number, cols: number, trans: boolean) => (trans ? [cols, rows] : [rows, cols]);

describe("reference matmul kernel", () => {
  // sizes that are not multiples of the 4×4 tile and that cross the k (256), n (512) and m (64) blocks
  const sizes: [number, number, number][] = [[1, 1, 1], [5, 7, 3], [9, 300, 13], [67, 5, 530], [4, 4, 4]];
  for (const [m, k, n] of sizes) {
    for (const transA of [false, true]) {
      for (const transB of [false, true]) {
        it(`[${m}×${k}]·[${k}×${n}] with transA=${transA}, transB=${transB} matches the definition`, () => {
          const g = new Generator(m * 1000 + k * 10 + n);
          const a = randn(stored(m, k, transA), { generator: g, dtype: "float64" });
          const b = randn(stored(k, n, transB), { generator: g, dtype: "float64" });
          const c = kernels().matmul(a, b, transA, transB, []);
          assert.deepEqual([...c.shape], [m, n]);
          assertClose(c.values, naiveProduct(a, b, transA, transB), { rtol: 1e-12, atol: 1e-12 });
        });
      }
    }
  }

  it("rounds float32 results once from double sums", () => {
    const g = new Generator(7);
    const a = randn([6, 300], { generator: g });
    const b = randn([300, 5], { generator: g });
    const c = kernels().matmul(a, b, false, false, []);
    assert.equal(c.dtype, "float32");
    assertClose(c.values, naiveProduct(a, b, false, false), { rtol: 1e-5, atol: 1e-5 });
  });

  it("multiplies int32 exactly", () => {
    const g = new Generator(8);
    const a = randint(-50, 50, [7, 9], { generator: g });
    const b = randint(-50, 50, [9, 6], { generator: g });
    const c = kernels().matmul(a, b, false, false, []);
    assert.equal(c.dtype, "int32");
    assert.deepEqual([...c.values], naiveProduct(a, b, false, false));
  });

  it("reads broadcast batch dimensions through stride 0", () => {
    const g = new Generator(9);
    const a = randn([2, 1, 3, 4], { generator: g, dtype: "float64" });
    const b = randn([3, 5, 4], { generator: g, dtype: "float64" });
    const c = kernels().matmul(a, b, false, true, [2, 3]);
    assert.deepEqual([...c.shape], [2, 3, 3, 5]);
    for (let i = 0; i < 2; i++) {
      for (let j = 0; j < 3; j++) {
        const ai = a.index(i, 0);
        const bj = b.index(j);
        const got = c.values.subarray((i * 3 + j) * 15, (i * 3 + j + 1) * 15);
        assertClose(got, naiveProduct(ai, bj, false, true), { rtol: 1e-12, atol: 1e-12 });
      }
    }
  });

  it("gives zeros when the inner dimension is empty", () => {
    const c = kernels().matmul(randn([3, 0]), randn([0, 2]), false, false, []);
    assert.deepEqual([...c.values], [0, 0, 0, 0, 0, 0]);
  });
});
