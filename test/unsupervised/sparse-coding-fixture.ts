/** Reading the scikit-learn facts written by test/fixtures/fixtures_sparse_coding.py. */
import { readFileSync } from "node:fs";

export interface PcaFixture {
  x: number[][];
  explainedVariance: number[];
  components: number[][];
}

export interface LassoFixture {
  dictionary: number[][];
  signals: number[][];
  lambda: number;
  codes: number[][];
}

export function loadFixture<T>(name: string): T {
  return JSON.parse(readFileSync(new URL(`../../../test/fixtures/sparse-coding/${name}`, import.meta.url), "utf8")) as T;
}
