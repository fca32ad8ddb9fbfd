// Dense labelling trains on a cross-entropy per pixel: scores [N, C, H, W], targets [N, H, W], with
// class weights (the background dominates) and ignored pixels — checked here against PyTorch.
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import { nn } from "../../src/index.js";
import { assertClose } from "../helpers.js";
import { decode, type EncodedTensor } from "./fixture.js";

interface PixelCase {
  reduction: "mean" | "sum" | "none";
  input: EncodedTensor;
  target: EncodedTensor;
  weight: EncodedTensor;
  output: EncodedTensor;
  gradOutput: EncodedTensor;
  gradInput: EncodedTensor;
}

const cases = JSON.parse(readFileSync(new URL("../../../test/fixtures/segmentation/pixel_cross_entropy.json", import.meta.url), "utf8")) as PixelCase[];

describe("crossEntropy over [N, C, H, W] with per-pixel targets, class weights and ignored pixels", () => {
  for (const c of cases) {
    it(`matches PyTorch's F.cross_entropy (reduction ${c.reduction}): output and input gradient`, () => {
      const x = decode(c.input).requiresGrad_();
      const out = nn.functional.crossEntropy(x, decode(c.target), { weight: decode(c.weight), reduction: c.reduction });
      assertClose(out, decode(c.output), { rtol: 1e-5, atol: 1e-6 });
      out.backward(decode(c.gradOutput));
      assertClose(x.grad!, decode(c.gradInput), { rtol: 1e-4, atol: 1e-6 });
    });
  }
});
