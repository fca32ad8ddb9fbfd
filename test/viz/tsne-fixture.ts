/** Reading the scikit-learn facts written by test/fixtures/fixtures_tsne.py. */
import { readFileSync } from "node:fs";
import type { Points } from "../../src/viz/tsne-input.js";

export interface ClustersFixture {
  x: number[];
  shape: [number, number];
  labels: number[];
  runs: { method: "exact" | "barnes_hut"; perplexity: number; kl: number; nIter: number }[];
}

export interface AffinitiesFixture {
  exact: {
    x: number[];
    shape: [number, number];
    perplexity: number;
    /** Row-major [n, n] p_{j|i}, zero on the diagonal. */
    conditional: number[];
    jointCondensed: number[];
    embedding: number[];
    kl: number;
    gradient: number[];
  };
  sparse: { x: number[]; shape: [number, number]; perplexity: number; neighbors: number; joint: number[] };
}

export function loadFixture<T>(name: string): T {
  return JSON.parse(readFileSync(new URL(`../../../test/fixtures/tsne/${name}`, import.meta.url), "utf8")) as T;
}

/** A fixture's flat values and shape as the Points the t-SNE internals take. */
export function pointsOf({ x, shape }: { x: number[]; shape: [number, number] }): Points {
  return { values: Float64Array.from(x), n: shape[0], d: shape[1] };
}

/** A fixture's flat values and shape as an array of rows, the way a user may pass them. */
export function rowsOf({ x, shape }: { x: number[]; shape: [number, number] }): number[][] {
  return Array.from({ length: shape[0] }, (_, i) => x.slice(i * shape[1], (i + 1) * shape[1]));
}
