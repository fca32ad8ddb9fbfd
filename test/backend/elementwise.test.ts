import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { broadcastShapes, Generator, randint, randn, stridesOf, type Tensor } from "../../src/index.js";
import { kernels, type BinaryOp } from "../../src/backend/index.js";

/** a ∘ b by the definition: for each output index, read each operand at its broadcast position. */
function naiveBinary(f: (x: number, y: number) => number, a: Tensor, b: Tensor): number[] {
  const shape = broadcastShapes("test", a.shape, b.shape);
  const outStrides = stridesOf(shape);
  const read = (t: Tensor, flat: number) => {
    const strides = stridesOf(t.shape);
    let offset = 0;
    shape.forEach((_, d) => {
      const coordinate = Math.floor(flat / outStrides[d]) % shape[d];
      const td = d - (shape.length - t.ndim);
      if (td >= 0 && t.shape[td] !== 1) offset += coordinate * strides[td];
    });
    return t.values[offset];
  };
  const size = shape.reduce((n, d) => n * d, 1);
  return Array.from({ length: size }, (_, i) => f(read(a, i), read(b, i)));
}

describe("reference binary kernel", () => {
  const pairs: [number[], number[]][] = [
    [[2, 3], [2, 3]], [[2, 3], [3]], [[2, 1], [2, 3]], [[2, 3], [2, 1]], [[3, 1], [1, 4]], [[2, 3], []], [[], [2, 3]],
    [[2, 1, 3], [4, 1]], [[2, 3, 4], [3, 1]], [[1, 3, 1], [2, 1, 5]], [[0, 3], [3]], [[], []],
  ];
  const ops: [BinaryOp, (x: number, y: number) => number][] = [
    ["add", (x, y) => x + y], ["sub", (x, y) => x - y], ["mul", (x, y) => x * y], ["div", (x, y) => x / y],
    ["lt", (x, y) => (x < y ? 1 : 0)], ["maximum", Math.max],
  ];
  for (const [sa, sb] of pairs) {
    it(`broadcasts [${sa}] with [${sb}] like the definition, for every dtype`, () => {
      const g = new Generator(sa.length * 10 + sb.length);
      for (const dtype of ["float32", "float64", "int32"] as const) {
        const make = (shape: number[]) => (dtype === "int32" ? randint(1, 9, shape, { generator: g }) : randn(shape, { generator: g, dtype }));
        const a = make(sa);
        const b = make(sb);
        for (const [op, f] of ops) {
          const shape = broadcastShapes(op, a.shape, b.shape);
          const outDtype = op === "lt" ? "int32" : dtype;
          const out = kernels().binary(op, a, b, shape, outDtype);
          assert.deepEqual([...out.shape], shape);
          const expected = naiveBinary(f, a, b).map((v) => (outDtype === "float32" ? Math.fround(v) : outDtype === "int32" ? v | 0 : v));
          assert.deepEqual([...out.values], expected, `${op} ${dtype}`);
        }
      }
    });
  }

  it("propagates NaN through maximum and minimum from either side", () => {
    const a = randn([3]);
    a.values[0] = NaN;
    const b = randn([3]);
    b.values[1] = NaN;
    for (const op of ["maximum", "minimum"] as const) {
      const out = kernels().binary(op, a, b, [3], "float32").values;
      assert.ok(Number.isNaN(out[0]) && Number.isNaN(out[1]) && !Number.isNaN(out[2]), op);
    }
  });
});
