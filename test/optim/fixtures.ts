/** Loading the PyTorch fixtures written by test/fixtures/fixtures_optim.py, and the problem they optimise. */
import { readFileSync } from "node:fs";
import { optim, tensor, Tensor } from "../../src/index.js";

/** Parse test/fixtures/optim/<name> (this file runs from dist/test/optim). */
export function loadFixture<T>(name: string): T {
  return JSON.parse(readFileSync(new URL(`../../../test/fixtures/optim/${name}`, import.meta.url), "utf8")) as T;
}

export interface OptimizerCase {
  name: string;
  optimizer: keyof typeof OPTIMIZERS;
  options: Record<string, unknown>;
  groups?: ({ params: ("w" | "b")[] } & Record<string, unknown>)[];
  steps: { w: number[]; b: number[] }[];
}

interface OptimizerFixture {
  problem: { x: number[]; xShape: number[]; y: number[]; yShape: number[]; w: number[]; wShape: number[]; b: number[]; bShape: number[] };
  cases: OptimizerCase[];
}

export const OPTIMIZERS = {
  SGD: optim.SGD,
  Adagrad: optim.Adagrad,
  Adadelta: optim.Adadelta,
  RMSprop: optim.RMSprop,
  Adam: optim.Adam,
  AdamW: optim.AdamW,
};

export const optimizerFixture = loadFixture<OptimizerFixture>("optimizers.json");

/** The fixture's problem: fresh leaf parameters w, b at their starting values, and the loss. */
export function leastSquares(start: { w: number[]; b: number[] } = optimizerFixture.problem) {
  const { problem } = optimizerFixture;
  const x = tensor(Float32Array.from(problem.x), problem.xShape);
  const y = tensor(Float32Array.from(problem.y), problem.yShape);
  const w = tensor(Float32Array.from(start.w), problem.wShape, { requiresGrad: true });
  const b = tensor(Float32Array.from(start.b), problem.bShape, { requiresGrad: true });
  /** mean((x·w + b − y)²), as the fixture script computes it. */
  const loss = (): Tensor => x.matmul(w).add(b).sub(y).square().mean();
  return { w, b, loss };
}

/** An optimiser configured as a fixture case says, over w and b. */
export function makeOptimizer(c: OptimizerCase, w: Tensor, b: Tensor, override: Record<string, unknown> = {}): optim.Optimizer {
  const Optimizer = OPTIMIZERS[c.optimizer] as new (params: unknown, options: unknown) => optim.Optimizer;
  const named = { w, b };
  const params = c.groups ? c.groups.map((g) => ({ ...g, params: g.params.map((n) => named[n]) })) : [w, b];
  return new Optimizer(params, { ...c.options, ...override });
}

/** One training step: zeroGrad, backward of the loss, step. */
export function trainStep(opt: optim.Optimizer, loss: () => Tensor): void {
  opt.zeroGrad();
  loss().backward();
  opt.step();
}
