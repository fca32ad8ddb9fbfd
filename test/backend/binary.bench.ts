/**
 * Throughput of the active backend's broadcasting `binary` kernel, in millions of elements per
 * second. Not a test: run by hand after `npx tsc -p tsconfig.json` with
 * `node dist/test/backend/binary.bench.js`.
 */
import { randint, randn } from "../../src/index.js";
import { kernels } from "../../src/backend/index.js";
import type { BinaryOp } from "../../src/backend/index.js";

// A real program calls the kernel with many ops and dtypes; do the same first, so the timings are
// not flattered by call sites that have only ever seen one op.
const ops: BinaryOp[] = ["add", "sub", "mul", "div", "pow", "maximum", "minimum", "eq", "lt", "ge"];
for (const op of ops) {
  for (const dtype of ["float32", "float64", "int32"] as const) {
    const x = dtype === "int32" ? randint(-9, 9, [8, 5]) : randn([8, 5], { dtype });
    const y = dtype === "int32" ? randint(1, 9, [5]) : randn([5], { dtype });
    for (let i = 0; i < 200; i++) kernels().binary(op, x, y, [8, 5], dtype);
    for (let i = 0; i < 200; i++) kernels().binary(op, x, x, [8, 5], dtype);
  }
}

const cases: [string, number[], number[]][] = [
  ["same shape [256,800] + [256,800]", [256, 800], [256, 800]],
  ["bias row [256,800] + [800]", [256, 800], [800]],
  ["column [256,1] - [256,800]", [256, 1], [256, 800]],
  ["column [256,800] * [256,1]", [256, 800], [256, 1]],
  ["scalar [256,800] / []", [256, 800], []],
  ["outer [256,1] + [1,800]", [256, 1], [1, 800]],
  ["3-D [32,64,100] + [64,1]", [32, 64, 100], [64, 1]],
];

function measure([label, aShape, bShape]: [string, number[], number[]]): string {
  const a = randn(aShape);
  const b = randn(bShape);
  const outShape = aShape.length >= bShape.length ? aShape.map((d, i) => Math.max(d, bShape[i - aShape.length + bShape.length] ?? 1)) : bShape.map((d, i) => Math.max(d, aShape[i - bShape.length + aShape.length] ?? 1));
  const size = outShape.reduce((n, d) => n * d, 1);
  const op = label.includes("+") ? "add" : label.includes("-") ? "sub" : label.includes("*") ? "mul" : "div";
  const run = () => kernels().binary(op, a, b, outShape, "float32");
  for (let i = 0; i < 20; i++) run();
  let reps = 10;
  for (;;) {
    const start = process.cpuUsage();
    for (let i = 0; i < reps; i++) run();
    const used = process.cpuUsage(start);
    const seconds = (used.user + used.system) / 1e6;
    if (seconds > 0.5) return `${label.padEnd(36)} ${((size * reps) / seconds / 1e6).toFixed(0)} M elements/s`;
    reps *= 2;
  }
}

// The heap's state (how much garbage the earlier cases left) moves these figures by up to 2×, so
// every case is measured twice and the better figure kept.
for (const c of cases) {
  const first = measure(c);
  const second = measure(c);
  const rate = (line: string) => Number(line.split(/\s+/).at(-3));
  console.log(rate(second) > rate(first) ? second : first);
}
