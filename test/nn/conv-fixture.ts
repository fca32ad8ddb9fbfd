/** Reading the PyTorch fixtures written by test/fixtures/fixtures_conv.py (test/fixtures/conv/). */
import { readFileSync } from "node:fs";
export { decode, type EncodedTensor } from "./fixture.js";

export function loadConvFixture<T>(name: string): T {
  return JSON.parse(readFileSync(new URL(`../../../test/fixtures/conv/${name}`, import.meta.url), "utf8")) as T;
}
