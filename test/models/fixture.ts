/** Reading the torchvision facts written by test/fixtures/fixtures_models.py, and its deterministic fill. */
import { readFileSync } from "node:fs";
import { nn, optim, tensor, type Tensor } from "../../src/index.js";

/** A state dict's [key, shape] pairs in order, as the fixture lists them. */
export type Layout = [string, number[]][];

export interface OutputCase {
  model: string;
  inputShape: number[];
  output: { shape: number[]; values: number[] };
}

export function loadFixture<T>(name: string): T {
  return JSON.parse(readFileSync(new URL(`../../../test/fixtures/models/${name}`, import.meta.url), "utf8")) as T;
}

/** torchvision's parameter counts (and VGG-C / A-LRN built from torch.nn per the paper). */
export const torchvisionCounts = loadFixture<Record<string, number>>("counts.json");

export const countOf = (model: nn.Module) => model.parameters().reduce((n, p) => n + p.size, 0);

/** Our state dict's [key, shape] pairs in order. */
export const layoutOf = (model: nn.Module): Layout => [...model.stateDict()].map(([key, t]) => [key, [...t.shape]]);

/**
 * The fixture script's `fill`: state-dict entry k, element i gets u = sin(0.731 i + 1.37 k + 0.5);
 * weights of 2+ dimensions 2u/√fanIn, running_var 1 + u²/2, other 1-D weights 1 + u/10, the rest
 * (biases, running_mean) u/10; num_batches_tracked is left alone.
 */
export function fillDeterministic(model: nn.Module): void {
  const state = model.stateDict();
  [...state].forEach(([name, t], k) => {
    if (name.endsWith("num_batches_tracked")) return;
    const fanIn = t.size / t.shape[0];
    const v = t.values;
    for (let i = 0; i < v.length; i++) {
      const u = Math.sin(0.731 * i + 1.37 * k + 0.5);
      if (t.ndim >= 2) v[i] = (2 * u) / Math.sqrt(fanIn);
      else if (name.endsWith("running_var")) v[i] = 1 + (u * u) / 2;
      else if (name.endsWith("weight")) v[i] = 1 + u / 10;
      else v[i] = u / 10;
    }
  });
  model.loadStateDict(state);
}

/** The fixture script's input: element i is sin(0.05 i) + cos(0.013 i). */
export function fixtureImage(shape: readonly number[]): Tensor {
  const values = new Float32Array(shape.reduce((a, b) => a * b, 1));
  for (let i = 0; i < values.length; i++) values[i] = Math.sin(0.05 * i) + Math.cos(0.013 * i);
  return tensor(values, shape);
}

/** The cross-entropy loss before each of `steps` SGD steps (momentum 0.9) on one batch. */
export function sgdLosses(net: nn.Sequential, x: Tensor, y: Tensor, { lr, steps }: { lr: number; steps: number }): number[] {
  const opt = new optim.SGD(net.parameters(), { lr, momentum: 0.9 });
  const losses: number[] = [];
  for (let step = 0; step < steps; step++) {
    const loss = nn.functional.crossEntropy(net.forward(x), y);
    losses.push(loss.itemSync());
    opt.zeroGrad();
    loss.backward();
    opt.step();
  }
  return losses;
}
